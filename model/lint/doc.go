// Package lint checks a whole project for robots that are valid but will misbehave: references
// to return values of robots that have not run, stages that move items to each other in a loop,
// delays shorter than the portal's minimum, conditions that can never hold, placeholders that
// come out empty for a sample, client messages sent outside working hours, and more "write
// first" messenger messages a day than a messenger account bears.
//
// Lint reports model.Finding values, the same as model.Validate, and includes Validate's own
// findings (unknown fields, users and stages, missing properties, return values of robots that
// come later), so one list is the whole picture; its own findings carry the codes below.
// Findings come in stage order, each robot's together, then the findings that span stages.
//
// The estimates rest on stated assumptions, repeated in each finding's message: how many items
// enter a stage a day (Options.NewPerDay, 30 by default) and when they arrive. Items arrive by
// themselves, around the clock, on a pipeline's first stage, on stages with triggers and on
// stages a robot moves items to; elsewhere a person moves them during working hours.
package lint
