package engine

import (
	"encoding/json"
	"fmt"
	"time"

	"robodesk/model"
	"robodesk/sync/plan"
)

// The project keeps the sync's memory in named documents (store.Get/Put):
//
//	sync/state                              State: the portal, the last pull and the last sync
//	sync/<host>/base/<entity>/<status>      Base: one stage as last synced with that portal
//
// A base holds the stage's robots exactly as pushed or taken (Bitrix24's ROBOTS JSON) and the
// portal's revision at that moment. Bases are per portal, so a project synced with two portals
// in turn keeps both memories. Neither document holds a secret: hosts and robots only.
const stateKey = "sync/state"

// State is where the project stands with its portal.
type State struct {
	// Host is the portal the project syncs with.
	Host string `json:"host"`
	// Connector is the version of the portal's connector at the last pull, "" for none.
	Connector string    `json:"connector,omitempty"`
	LastPull  time.Time `json:"lastPull,omitempty"`
	LastSync  time.Time `json:"lastSync,omitempty"`
}

// Base is one stage as last synced.
type Base struct {
	Revision string          `json:"revision"`
	Robots   json.RawMessage `json:"robots"`
	SyncedAt time.Time       `json:"syncedAt"`
}

// BaseKey is where the base of a stage synced with host is kept.
func BaseKey(host string, ref model.StageRef) string {
	return "sync/" + host + "/base/" + ref.Entity + "/" + ref.Status
}

func readState(doc plan.Doc) (State, error) {
	var st State
	if _, err := doc.Get(stateKey, &st); err != nil {
		return State{}, fmt.Errorf("read sync state: %w", err)
	}
	return st, nil
}

// ReadState returns the project's sync state; the zero State for a project never synced.
func ReadState(doc plan.Doc) (State, error) { return readState(doc) }

// updateState changes the state document.
func updateState(doc plan.Doc, f func(*State)) error {
	st, err := readState(doc)
	if err != nil {
		return err
	}
	f(&st)
	if err := doc.Put(stateKey, st); err != nil {
		return fmt.Errorf("save sync state: %w", err)
	}
	return nil
}

// readBase returns a stage's base robots. A base that cannot be read counts as none: the plan
// then treats the stage as never synced, which turns every difference into a visible conflict
// rather than a silent overwrite.
func readBase(doc plan.Doc, host string, ref model.StageRef) (Base, []*model.Robot, bool) {
	var b Base
	ok, err := doc.Get(BaseKey(host, ref), &b)
	if err != nil || !ok {
		return Base{}, nil, false
	}
	rs, err := plan.DecodeRobots(b.Robots)
	if err != nil {
		return Base{}, nil, false
	}
	return b, rs, true
}

// writeBase records a stage's new base.
func writeBase(doc plan.Doc, host string, ref model.StageRef, revision string, robots []*model.Robot, at time.Time) error {
	raw, err := plan.EncodeRobots(robots)
	if err != nil {
		return err
	}
	if err := doc.Put(BaseKey(host, ref), Base{Revision: revision, Robots: raw, SyncedAt: at.UTC()}); err != nil {
		return fmt.Errorf("record the base of %s: %w", ref, err)
	}
	return nil
}
