package ui

// selection is the set of selected robots, in the order they were picked, with the anchor
// that Shift-click extends from.
type selection struct {
	ids    []string
	in     map[string]bool
	anchor string
}

// only selects just id.
func (s *selection) only(id string) {
	s.ids, s.in, s.anchor = []string{id}, map[string]bool{id: true}, id
}

// toggle adds or removes id (Ctrl-click) and makes it the anchor.
func (s *selection) toggle(id string) {
	if s.in == nil {
		s.in = map[string]bool{}
	}
	s.anchor = id
	if s.in[id] {
		delete(s.in, id)
		for i, x := range s.ids {
			if x == id {
				s.ids = append(s.ids[:i:i], s.ids[i+1:]...)
				break
			}
		}
		return
	}
	s.in[id] = true
	s.ids = append(s.ids, id)
}

// extend selects the run from the anchor to id along order (Shift-click); without an anchor
// in order it selects just id. The anchor stays, so a second Shift-click re-spans from it.
func (s *selection) extend(id string, order []string) {
	from, to := -1, -1
	for i, x := range order {
		if x == s.anchor {
			from = i
		}
		if x == id {
			to = i
		}
	}
	if from < 0 || to < 0 {
		s.only(id)
		return
	}
	if from > to {
		from, to = to, from
	}
	anchor := s.anchor
	s.set(order[from : to+1])
	s.anchor = anchor
}

// set replaces the selection.
func (s *selection) set(ids []string) {
	s.ids, s.in = nil, map[string]bool{}
	for _, id := range ids {
		if !s.in[id] {
			s.in[id] = true
			s.ids = append(s.ids, id)
		}
	}
	s.anchor = ""
	if len(s.ids) > 0 {
		s.anchor = s.ids[len(s.ids)-1]
	}
}

func (s *selection) has(id string) bool { return s.in[id] }

func (s *selection) len() int { return len(s.ids) }

// list returns the selected IDs in picking order.
func (s *selection) list() []string { return append([]string(nil), s.ids...) }

func (s *selection) clear() { s.ids, s.in, s.anchor = nil, map[string]bool{}, "" }

// keep drops IDs that no longer exist (deleted, undone).
func (s *selection) keep(exists func(id string) bool) {
	var ids []string
	for _, id := range s.ids {
		if exists(id) {
			ids = append(ids, id)
		} else {
			delete(s.in, id)
		}
	}
	s.ids = ids
	if s.anchor != "" && !exists(s.anchor) {
		s.anchor = ""
	}
}
