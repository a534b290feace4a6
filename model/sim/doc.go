// Package sim simulates a stage's robots for a sample record: when each robot would run after
// the item enters the stage, which ones a condition skips and why, and what they would send.
//
// It follows the portal's own rules. Every robot not flagged «after the previous robot» starts
// its own parallel sequence at the stage entry; a flagged one waits for the robot before it. A
// delay is turned into the DelayActivity the portal would generate (TimeoutDuration, or a
// TimeoutTime of {=Document:FIELD}, dateadd, workdateadd with the responsible's calendar, and
// settime for a time of day) and that expression is evaluated with the calculator. The delay
// comes before the condition in the robot's sequence, so a condition is checked when the delay
// is over, and a robot skipped by its condition still holds its chain for the length of its
// delay; the chain then goes on with the next robot. A moment already past when the delay starts
// (a «before the date» delay whose date is near, an «in» delay at a past date) makes the portal
// run the robot at once, and so does a basis date that is empty.
package sim
