package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"robodesk/model"
	"robodesk/model/sim"
)

func init() {
	register("simulate", "show when a stage's robots would run for a sample record", simulateCmd)
}

func simulateCmd(e env) int {
	fs := flags(e, "simulate", "--db F --pipeline KEY --stage STATUS_ID [--record FILE | --sample NAME] --at RFC3339 [--json]")
	db := fs.String("db", "", "project file")
	pipe := fs.String("pipeline", "", "pipeline key: LEAD, DEAL:<id>, DYNAMIC_<type>:<id>")
	stage := fs.String("stage", "", "STATUS_ID of the stage the item enters")
	recordFile := fs.String("record", "", `sample record file: JSON {"FIELD_ID": "value" | ["v1","v2"], ...}`)
	sampleName := fs.String("sample", "", "name of one of the project's samples (default: the entity's first)")
	atFlag := fs.String("at", "", "when the item enters the stage, RFC 3339")
	asJSON := fs.Bool("json", false, "print the timeline as JSON")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	key, err := model.ParsePipelineKey(*pipe)
	if err != nil {
		return fail(e, "--pipeline: %v", err)
	}
	if *stage == "" {
		return fail(e, "simulate: --stage is required")
	}
	if *atFlag == "" {
		return fail(e, "simulate: --at is required, e.g. --at 2024-03-05T10:30:00+03:00")
	}
	at, code, ok := parseAt(e, *atFlag, time.Time{})
	if !ok {
		return code
	}
	s, code := openDB(e, *db)
	if s == nil {
		return code
	}
	defer s.Close()
	p := s.Project()
	_, pl, err := p.Portal.Pipeline(key)
	if err != nil {
		return fail(e, "%v", err)
	}
	found := false
	for _, st := range pl.Stages {
		found = found || st.StatusID == *stage
	}
	if !found {
		return fail(e, "--stage: pipeline %s has no stage %q", key, *stage)
	}
	rec, name, code, ok := pickRecord(e, s, key.Entity, *recordFile, *sampleName)
	if !ok {
		return code
	}
	tl := sim.Simulate(p, model.StageRef{Entity: key.Entity, Status: *stage}, rec, at)
	tl.Sample = name
	if *asJSON {
		writeJSON(e.stdout, tl)
		return exitOK
	}
	printTimeline(e.stdout, tl)
	return exitOK
}

// printTimeline writes a timeline for a person: in the order things happen, each robot with
// its moment, what it does and why, and what it sends.
func printTimeline(w io.Writer, tl sim.Timeline) {
	fmt.Fprintf(w, "Stage «%s» (%s)", tl.StageName, tl.Stage)
	if tl.Sample != "" {
		fmt.Fprintf(w, ", sample «%s»", tl.Sample)
	}
	fmt.Fprintf(w, ", entered %s (%s)\n", sim.Stamp(tl.Entry), tl.Entry.Location())
	if len(tl.Steps) == 0 {
		fmt.Fprintln(w, "\nThe stage has no robots.")
		return
	}
	const indent = "                      "
	for _, s := range tl.Ordered() {
		fmt.Fprintf(w, "\n%-20s  %-8s «%s»", sim.Stamp(s.At), s.Status, s.Title)
		var marks []string
		if s.After >= 0 {
			marks = append(marks, fmt.Sprintf("after robot %d", s.After+1))
		}
		if s.Status == sim.Runs && !s.WorkTime {
			marks = append(marks, "outside working hours")
		}
		if len(marks) > 0 {
			fmt.Fprintf(w, "  [%s]", strings.Join(marks, ", "))
		}
		fmt.Fprintln(w)
		if s.Delay.Explain != "" {
			fmt.Fprintln(w, indent+"when: "+s.Delay.Explain)
		}
		if s.Condition != nil && s.Condition.Holds {
			var items []string
			for _, it := range s.Condition.Items {
				items = append(items, it.Text)
			}
			fmt.Fprintln(w, indent+"condition holds: "+strings.Join(items, ", "))
		}
		if s.Reason != "" {
			fmt.Fprintln(w, indent+"why: "+s.Reason)
		}
		if s.Note != "" {
			fmt.Fprintln(w, indent+"note: "+s.Note)
		}
		for _, t := range s.Texts {
			lines := strings.Split(t.Rendered, "\n")
			fmt.Fprintf(w, "%s%s: %s\n", indent, t.Label, lines[0])
			for _, l := range lines[1:] {
				fmt.Fprintln(w, strings.TrimRight(indent+"  "+l, " "))
			}
			if t.SMS {
				fmt.Fprintf(w, "%s  (%d characters, %d SMS in %s)\n", indent, t.Chars, t.Segments.Count, t.Segments.Encoding)
			}
			if t.TooLong {
				fmt.Fprintf(w, "%s  (over the limit of %d characters)\n", indent, t.MaxLen)
			}
			for _, em := range t.Empty {
				fmt.Fprintf(w, "%s  (empty: «%s»)\n", indent, em.Field)
			}
		}
	}
	if tl.Leaves != nil {
		fmt.Fprintf(w, "\n%-20s  the item leaves for «%s» (%s): the robots still waiting here never run\n", sim.Stamp(tl.Leaves.At), tl.Leaves.TargetName, tl.Leaves.Target)
	}
}
