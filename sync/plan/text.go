package plan

import (
	"fmt"
	"io"
	"strings"
	"time"

	"robodesk/model"
)

// WriteText writes the plan for people: the stages that differ, each robot as + added, ~ changed
// or - removed with its field diffs and where the change goes (→ portal, ← portal), conflicts
// as ! with both sides' changes, reorderings, blocked stages, and a summary.
func (p *Plan) WriteText(w io.Writer) error {
	tw := &textWriter{w: w}
	tw.printf("Plan for %s (read %s", p.Host, p.MadeAt.UTC().Format(time.DateTime+" MST"))
	if p.Connector != "" {
		tw.printf(", connector %s", p.Connector)
	}
	tw.printf(")\n")
	if p.NoConnector {
		tw.printf("The portal has no RoboDesk connector: its pipelines, stages, fields and users were read, " +
			"but robots cannot be read or written there. Export them to files instead (robodesk export).\n")
		return tw.err
	}
	changed := p.Changed()
	if len(changed) == 0 {
		tw.printf("\nNo changes: the project and the portal hold the same robots.\n")
		return tw.err
	}
	for _, s := range changed {
		tw.stage(s)
	}
	tw.printf("\n%s\n", p.Summary())
	return tw.err
}

// String reads "2 stages: push 3 (+1 ~1 -1), take 1, 1 reordering, 1 conflict (1 unresolved)".
func (s Summary) String() string {
	if s.Stages == 0 {
		return "No changes"
	}
	parts := []string{fmt.Sprintf("push %d (+%d ~%d -%d)", s.Push, s.Added, s.Changed, s.Removed), fmt.Sprintf("take %d", s.Take)}
	if s.Reorders > 0 {
		parts = append(parts, plural(s.Reorders, "reordering", "reorderings"))
	}
	if s.Conflicts > 0 {
		parts = append(parts, fmt.Sprintf("%s (%d unresolved)", plural(s.Conflicts, "conflict", "conflicts"), s.Unresolved))
	}
	if s.Blocked > 0 {
		parts = append(parts, fmt.Sprintf("%d blocked", s.Blocked))
	}
	return plural(s.Stages, "stage", "stages") + ": " + strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// Where reads the direction of an action: "→ portal", "← portal" or "conflict".
func Where(a Action) string {
	switch a {
	case Push:
		return "→ portal"
	case Take:
		return "← portal"
	}
	return "conflict"
}

// Symbol is the robot's mark in a plan: + ~ - for the change that will be applied, ! for a
// conflict.
func (r *Robot) Symbol() string {
	switch r.Effective() {
	case Push:
		return r.Local.Kind.Symbol()
	case Take:
		return r.Remote.Kind.Symbol()
	}
	return "!"
}

// Label names a robot for people: «Title» (Name), or the Name alone.
func (r *Robot) Label() string {
	if r.Title == "" {
		return r.Name
	}
	return "«" + r.Title + "» (" + r.Name + ")"
}

func (t *textWriter) stage(s *Stage) {
	t.printf("\n%s / %s", s.Pipeline, s.Ref.Status)
	if s.Name != "" {
		t.printf(" «%s»", s.Name)
	}
	if s.Revision != "" {
		t.printf("  (portal revision %s)", s.Revision)
	}
	t.printf("\n")
	if s.Blocked != "" {
		t.printf("  blocked: %s\n", s.Blocked)
	}
	for _, r := range s.Robots {
		t.robot(s, r)
	}
	if o := s.Order; o != nil {
		titles := s.titles()
		names := func(keys []string) string {
			out := make([]string, len(keys))
			for i, k := range keys {
				out[i] = titles(k)
			}
			return strings.Join(out, ", ")
		}
		switch o.Action {
		case Conflict:
			t.printf("  ! order changed here and on the portal")
			if o.Choice != "" {
				t.printf(" (chosen: %s)", o.Choice)
			}
			t.printf("\n      here:   %s\n      portal: %s\n", names(o.Mine), names(o.Theirs))
		case Push:
			t.printf("  ↕ order changed here %s\n      %s\n", Where(Push), names(o.Mine))
		case Take:
			t.printf("  ↕ order changed on the portal %s\n      %s\n", Where(Take), names(o.Theirs))
		}
	}
}

func (t *textWriter) robot(s *Stage, r *Robot) {
	t.printf("  %s %s", r.Symbol(), r.Label())
	if r.Action != Conflict {
		t.printf("  %s\n", Where(r.Action))
		c := r.Local
		if r.Action == Take {
			c = r.Remote
		}
		if c.Kind == Changed {
			t.fields("      ", c.Fields)
		}
		return
	}
	t.printf("  conflict: %s", conflictText(s, r))
	if r.Choice != "" {
		t.printf(" (chosen: %s)", r.Choice)
	}
	t.printf("\n")
	if !s.Synced && r.Local.Kind == Changed {
		t.printf("      portal → here:\n")
		t.fields("        ", r.Local.Fields)
		return
	}
	for _, side := range []struct {
		name string
		c    Change
	}{{"here", r.Local}, {"portal", r.Remote}} {
		switch side.c.Kind {
		case Removed:
			t.printf("      %s: removed\n", side.name)
		case Added:
			t.printf("      %s: added\n", side.name)
		case Changed:
			t.printf("      %s:\n", side.name)
			t.fields("        ", side.c.Fields)
		}
	}
}

// conflictText says what each side did to a robot in conflict.
func conflictText(s *Stage, r *Robot) string {
	if !s.Synced {
		return "differs from the portal's (never synced)"
	}
	verb := func(k Kind) string {
		switch k {
		case Removed:
			return "removed"
		case Added:
			return "added"
		}
		return "changed"
	}
	return verb(r.Local.Kind) + " here, " + verb(r.Remote.Kind) + " on the portal"
}

func (t *textWriter) fields(indent string, fs []FieldDiff) {
	for _, f := range fs {
		t.printf("%s%s\n", indent, f)
	}
}

// titles returns a function naming a robot of the stage by its title.
func (s *Stage) titles() func(string) string {
	m := map[string]string{}
	for _, side := range [][]*model.Robot{s.base, s.remote, s.local} {
		keys, byKey := keyed(side)
		for _, k := range keys {
			if t := byKey[k].Title(); t != "" {
				m[k] = "«" + t + "»"
			}
		}
	}
	return func(k string) string {
		if t, ok := m[k]; ok {
			return t
		}
		return k
	}
}

// WriteText writes what applying did: the stages applied, those not applied with the reason,
// and what to do next.
func (r *Result) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	total := len(r.Applied) + len(r.NotApplied)
	switch {
	case total == 0:
		t.printf("Nothing to apply to %s.\n", r.Host)
	default:
		t.printf("Applied %d of %d stages to %s.\n", len(r.Applied), total, r.Host)
	}
	for _, o := range r.Applied {
		var did []string
		if o.Pushed {
			did = append(did, "pushed (portal revision "+o.Revision+")")
		}
		if o.Taken {
			did = append(did, "took the portal's changes")
		}
		t.printf("  %s: %s\n", o.Stage, strings.Join(did, ", "))
	}
	if len(r.NotApplied) > 0 {
		t.printf("Not applied:\n")
		for _, o := range r.NotApplied {
			t.printf("  %s: %s\n", o.Stage, o.Reason)
		}
	}
	if r.Recorded > 0 {
		t.printf("Recorded %s already in agreement.\n", plural(r.Recorded, "stage", "stages"))
	}
	if r.Cancelled {
		t.printf("Cancelled. ")
	}
	if len(r.NotApplied) > 0 {
		t.printf("Nothing was lost: sync again to finish the rest.\n")
	}
	return t.err
}
