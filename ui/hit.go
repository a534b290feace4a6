package ui

import "robodesk/model"

// colGeom is where a column sits on the board while a drag is under way: its horizontal extent
// in the coordinates of the scrolled row of columns, and its visible cards.
type colGeom struct {
	stage  model.StageRef
	x0, x1 float32
	cards  []cardGeom
}

// cardGeom is a visible card's vertical extent in its column's list coordinates.
type cardGeom struct {
	id          string
	top, bottom float32
}

// columnAt returns the index of the column under x (row coordinates). The gap between two
// columns belongs half to each, so a release in the gutter still lands somewhere sensible, and
// the margins before the first and after the last column (gap wide) belong to them; beyond
// those it is -1.
func columnAt(cols []colGeom, x, gap float32) int {
	for i, c := range cols {
		lo, hi := c.x0-gap, c.x1+gap
		if i > 0 {
			lo = (cols[i-1].x1 + c.x0) / 2
		}
		if i+1 < len(cols) {
			hi = (c.x1 + cols[i+1].x0) / 2
		}
		if x >= lo && x < hi {
			return i
		}
	}
	return -1
}

// slot is where a drop lands in a column: between the visible robots after and before ("" at
// the ends), with the y of the insertion line in list coordinates.
type slot struct {
	after, before string
	y             float32
}

// slotAt finds the drop slot for y (list coordinates): above a card's middle goes before it.
// Cards in skip (those being moved) are not neighbours.
func slotAt(cards []cardGeom, y float32, skip map[string]bool, gap float32) slot {
	var s slot
	var prev *cardGeom
	for i := range cards {
		c := &cards[i]
		if skip[c.id] {
			continue
		}
		if y < (c.top+c.bottom)/2 {
			s.before = c.id
			if prev != nil {
				s.after = prev.id
				s.y = (prev.bottom + c.top) / 2
			} else {
				s.y = c.top - gap/2
			}
			return s
		}
		prev = c
	}
	if prev != nil {
		s.after = prev.id
		s.y = prev.bottom + gap/2
	}
	return s
}

// dropIndex turns a slot into the Index of a Move or Copy over the stage's robots; robots in
// skip (moving ones) don't count, as Move defines its index. -1 appends.
func dropIndex(robots []*model.Robot, s slot, skip map[string]bool) int {
	i := 0
	for _, r := range robots {
		if skip[r.ID] {
			continue
		}
		if r.ID == s.before {
			return i
		}
		i++
		if r.ID == s.after && s.before == "" {
			return i
		}
	}
	if s.before == "" && s.after == "" {
		return 0
	}
	return -1
}

// edgeSpeed is the auto-scroll speed for a pointer at p in a viewport spanning [lo, hi]: zero
// away from the edges, growing to max (negative towards lo) as the pointer nears an edge or
// passes it.
func edgeSpeed(p, lo, hi, zone, max float32) float32 {
	if hi-lo < 3*zone {
		zone = (hi - lo) / 3
	}
	if zone <= 0 {
		return 0
	}
	switch {
	case p < lo+zone:
		f := (lo + zone - p) / zone
		if f > 1 {
			f = 1
		}
		return -max * f
	case p > hi-zone:
		f := (p - (hi - zone)) / zone
		if f > 1 {
			f = 1
		}
		return max * f
	}
	return 0
}
