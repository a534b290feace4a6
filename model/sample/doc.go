// Package sample holds the sample records a designer renders and simulates robots with: a
// stand-in for the CRM item a robot would run on, since a design made offline has none.
//
// A Record maps a field ID to its value or values, in the same JSON as the CLI's record files:
//
//	{"TITLE": "Заказ №15", "PHONE": ["+7 916 200-00-03", "+7 495 100-00-01"], "OPPORTUNITY": "1500000"}
//
// Numbers and booleans are accepted there too and kept as text, the way the portal's document
// service hands field values to robots.
//
// Date and datetime values may be absolute ("2024-03-05", "2024-03-05 15:30", RFC 3339, or the
// portal's own format such as "05.03.2024") or relative to the moment a preview or a simulation
// is made for, so that a sample stays interesting whenever it is opened: "now", "today",
// "+3d", "-1d", "+2w", "+4h", "+30i" (minutes), optionally followed by a time of day,
// "+2d 15:00". See ParseTime.
//
// Samples are kept in the project, one Set per entity, as named documents under the key
// "samples/<ENTITY>" (Key), e.g. "samples/DEAL"; Load and Save work through Docs, which the
// project store satisfies.
package sample
