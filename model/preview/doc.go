// Package preview shows what a robot will send: every text property of a robot rendered for a
// sample record the way the portal would render it, with its length, SMS segments, the limit of
// the property, placeholders that came out empty and calculation errors at their positions.
//
// It adapts the project to the template language: an Env turns a portal entity's fields and a
// sample record into a tmpl.Source (typed values: dates, money, users, select options, stages),
// adds the return values of the robots that run earlier in the stage as sample values of their
// catalog kind, and builds the calculator environment from the portal's calendar, formats,
// language and users. Robot, Draft and Stage are the entry points for an editor; Friendly and
// System convert between the stored {=Document:FIELD} form and the {{Field title}} form.
package preview
