package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"robodesk/model"
	"robodesk/sync/plan"
)

// syncTree is the plan as a tree: stages, their robots with + ~ - ! and where the change goes,
// and each robot's field diffs. It is rebuilt from the plan whenever a choice changes it.
type syncTree struct {
	children map[string][]string
	text     map[string]string
}

// widget makes the tree view over the nodes.
func (t *syncTree) widget() *widget.Tree {
	t.build(nil)
	return widget.NewTree(
		func(id widget.TreeNodeID) []widget.TreeNodeID { return t.children[id] },
		func(id widget.TreeNodeID) bool { return id == "" || len(t.children[id]) > 0 },
		func(bool) fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.text[id]) },
	)
}

// build lays out the nodes of a plan (none for nil).
func (t *syncTree) build(p *plan.Plan) {
	t.children = map[string][]string{}
	t.text = map[string]string{}
	if p == nil {
		return
	}
	for i, s := range p.Changed() {
		sid := "s/" + strconv.Itoa(i)
		title := s.Pipeline + " / " + s.Ref.Status
		if s.Name != "" {
			title += " «" + s.Name + "»"
		}
		if s.Blocked != "" {
			title += " — " + lang.L("blocked: {{.Reason}}", map[string]any{"Reason": blockedText(s.Blocked)})
		}
		t.add("", sid, title)
		for j, r := range s.Robots {
			rid := sid + "/r/" + strconv.Itoa(j)
			t.add(sid, rid, robotLine(s, r))
			t.robotFields(rid, s, r)
		}
		if o := s.Order; o != nil {
			oid := sid + "/o"
			t.add(sid, oid, orderLine(o))
			titles := orderTitles(s)
			switch o.Action {
			case plan.Conflict:
				t.add(oid, oid+"/here", lang.L("here:")+" "+titles(o.Mine))
				t.add(oid, oid+"/portal", lang.L("portal:")+" "+titles(o.Theirs))
			case plan.Push:
				t.add(oid, oid+"/here", titles(o.Mine))
			case plan.Take:
				t.add(oid, oid+"/portal", titles(o.Theirs))
			}
		}
	}
}

// blockedText says in the user's language why a stage cannot be applied.
func blockedText(reason string) string {
	switch reason {
	case plan.BlockedExternal:
		return lang.L("changed in the portal's business process designer; RoboDesk does not overwrite it")
	case plan.BlockedMissing:
		return lang.L("the portal has no such stage")
	}
	return reason
}

func (t *syncTree) add(parent, id, text string) {
	t.children[parent] = append(t.children[parent], id)
	t.text[id] = text
}

// robotFields adds a robot's field diffs: the side that wins, or both sides of a conflict.
func (t *syncTree) robotFields(rid string, s *plan.Stage, r *plan.Robot) {
	fields := func(prefix string, c plan.Change) {
		if c.Kind != plan.Changed {
			return
		}
		for k, f := range c.Fields {
			t.add(rid, rid+"/"+prefix+strconv.Itoa(k), strings.TrimSpace(prefixText(prefix)+" "+f.String()))
		}
	}
	switch r.Action {
	case plan.Push:
		fields("", r.Local)
	case plan.Take:
		fields("", r.Remote)
	case plan.Conflict:
		if !s.Synced {
			fields("d", r.Local)
			return
		}
		for _, side := range []struct {
			prefix string
			c      plan.Change
		}{{"h", r.Local}, {"p", r.Remote}} {
			switch side.c.Kind {
			case plan.Removed:
				t.add(rid, rid+"/"+side.prefix, prefixText(side.prefix)+" "+lang.L("removed"))
			case plan.Added:
				t.add(rid, rid+"/"+side.prefix, prefixText(side.prefix)+" "+lang.L("added"))
			default:
				fields(side.prefix, side.c)
			}
		}
	}
}

// prefixText names the side a field line belongs to.
func prefixText(prefix string) string {
	switch prefix {
	case "h":
		return lang.L("here:")
	case "p":
		return lang.L("portal:")
	case "d":
		return lang.L("portal → here:")
	}
	return ""
}

// robotLine reads "+ «Title» (A1…)  → portal" or "! «Title» (A1…) — conflict: …".
func robotLine(s *plan.Stage, r *plan.Robot) string {
	line := r.Symbol() + " " + r.Label()
	switch r.Effective() {
	case plan.Push:
		line += "  " + lang.L("→ portal")
	case plan.Take:
		line += "  " + lang.L("← portal")
	}
	if r.Action == plan.Conflict {
		line += " — " + lang.L("conflict: {{.What}}", map[string]any{"What": conflictLabel(s, r)})
		switch r.Choice {
		case plan.Mine:
			line += " (" + lang.L("keep mine") + ")"
		case plan.Theirs:
			line += " (" + lang.L("take theirs") + ")"
		}
	}
	return line
}

// orderLine says how the order of a stage's robots changed.
func orderLine(o *plan.Order) string {
	switch o.Effective() {
	case plan.Push:
		return "↕ " + lang.L("order changed here") + "  " + lang.L("→ portal")
	case plan.Take:
		return "↕ " + lang.L("order changed on the portal") + "  " + lang.L("← portal")
	}
	return "! " + lang.L("order changed here and on the portal")
}

// orderTitles names a stage's robots by their titles.
func orderTitles(s *plan.Stage) func([]string) string {
	names := map[string]string{}
	for _, rs := range [][]*model.Robot{s.Remote(), s.Local()} {
		for _, r := range rs {
			if r.Title() != "" {
				names[r.Name] = "«" + r.Title() + "»"
			}
		}
	}
	return func(keys []string) string {
		out := make([]string, len(keys))
		for i, k := range keys {
			if t, ok := names[k]; ok {
				out[i] = t
			} else {
				out[i] = k
			}
		}
		return strings.Join(out, ", ")
	}
}
