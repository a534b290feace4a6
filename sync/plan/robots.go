package plan

import (
	"encoding/json"
	"fmt"
	"strconv"

	"robodesk/model"
)

// DecodeRobots reads a ROBOTS array as the portal's connector returns it.
func DecodeRobots(raw json.RawMessage) ([]*model.Robot, error) {
	items, err := model.DecodeArray(raw, "ROBOTS")
	if err != nil {
		return nil, err
	}
	out := make([]*model.Robot, 0, len(items))
	for i, item := range items {
		r, err := model.DecodeRobot(item, model.IndexPath("ROBOTS", i))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// EncodeRobots writes robots as Bitrix24's ROBOTS array, exactly as exports do; no robots is [].
func EncodeRobots(rs []*model.Robot) (json.RawMessage, error) {
	if rs == nil {
		rs = []*model.Robot{}
	}
	b, err := model.MarshalValue(rs)
	if err != nil {
		return nil, fmt.Errorf("encode robots: %w", err)
	}
	return b, nil
}

// SameRobots reports whether two lists hold the same robots in the same order, by content
// (local IDs and positions do not count).
func SameRobots(a, b []*model.Robot) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !model.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// keyed lists the robots' identities in order and indexes them. The identity is the activity
// Name; a robot without one, or a second robot with the same Name (neither happens in a
// template the portal wrote), gets a key of its own, so that no robot is ever dropped.
func keyed(rs []*model.Robot) ([]string, map[string]*model.Robot) {
	keys := make([]string, 0, len(rs))
	m := make(map[string]*model.Robot, len(rs))
	for i, r := range rs {
		k := r.Name
		if k == "" {
			k = "#" + strconv.Itoa(i+1)
		}
		for n := 2; m[k] != nil; n++ {
			k = r.Name + "#" + strconv.Itoa(n)
		}
		keys = append(keys, k)
		m[k] = r
	}
	return keys, m
}

// restrict keeps the keys that are in set, in order.
func restrict(keys []string, set map[string]*model.Robot) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if set[k] != nil {
			out = append(out, k)
		}
	}
	return out
}

func sameKeys(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func cloneAll(rs []*model.Robot) []*model.Robot {
	out := make([]*model.Robot, len(rs))
	for i, r := range rs {
		out[i] = r.Clone()
	}
	return out
}
