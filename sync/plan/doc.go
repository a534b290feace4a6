// Package plan is the three-way plan of a sync between a RoboDesk project and a Bitrix24 portal.
//
// For every stage it compares three lists of robots: the base (what the project and the portal
// last agreed on, recorded at the last sync), the local project and the portal now. A robot is
// identified across the three by its activity Name. A change made on one side only goes to the
// other (push or take); the same change made on both sides needs nothing; different changes to
// the same robot, or different reorderings of the same stage, are conflicts that wait for an
// explicit choice, mine or theirs. Nothing is ever resolved silently.
//
// The package is pure: no HTTP, no SQL, no UI. sync/engine fetches the portal, builds the plan
// and applies it; the CLI and the Sync dialog show it.
package plan

import "robodesk/model"

// Doc is a project as the sync sees it: *store.Store and ui.Document satisfy it. Robots change
// only through Do, so every change a sync brings in is one undoable edit.
type Doc interface {
	Project() *model.Project
	Do(cmd model.Command) (model.Change, error)
	Get(key string, v any) (bool, error)
	Put(key string, v any) error
}
