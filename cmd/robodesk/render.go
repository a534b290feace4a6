package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"robodesk/model/preview"
	"robodesk/model/sample"
	"robodesk/model/store"
)

func init() {
	register("render", "render a robot text for a sample record", renderCmd)
}

func renderCmd(e env) int {
	fs := flags(e, "render", "--db F --text TEXT [--entity DEAL] [--record FILE | --sample NAME] [--at RFC3339]")
	db := fs.String("db", "", "project file")
	text := fs.String("text", "", "the text, stored {=Document:TITLE} or friendly {{Title}} form; - reads standard input")
	entity := fs.String("entity", "DEAL", "entity whose fields the text uses: LEAD, DEAL, DYNAMIC_<type>")
	recordFile := fs.String("record", "", `sample record file: JSON {"FIELD_ID": "value" | ["v1","v2"], ...}`)
	sampleName := fs.String("sample", "", "name of one of the project's samples (default: the entity's first)")
	atFlag := fs.String("at", "", "the moment of rendering, RFC 3339 (default: now)")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	if *text == "" {
		return fail(e, "render: --text is required")
	}
	if *text == "-" {
		data, err := io.ReadAll(e.stdin)
		if err != nil {
			return fail(e, "render: %v", err)
		}
		*text = strings.TrimSuffix(string(data), "\n")
	}
	at, code, ok := parseAt(e, *atFlag, time.Now())
	if !ok {
		return code
	}
	s, code := openDB(e, *db)
	if s == nil {
		return code
	}
	defer s.Close()
	portal := s.Project().Portal
	ent := strings.ToUpper(strings.TrimSpace(*entity))
	if portal.Entity(ent) == nil {
		return fail(e, "render: --entity: the portal has no entity %q", *entity)
	}
	rec, _, code, ok := pickRecord(e, s, ent, *recordFile, *sampleName)
	if !ok {
		return code
	}
	stored, err := preview.System(portal, ent, *text)
	if err != nil {
		return fail(e, "render: %v", err)
	}
	env := preview.NewEnv(portal, ent, rec, at)
	out := env.Render(stored, preview.Earlier{}, at)
	broken := false
	for _, ce := range out.Errors {
		if ce.Syntax {
			broken = true
			fmt.Fprintf(e.stderr, "robodesk: render: %s at character %d (byte %d)\n", ce.Message, ce.Char+1, ce.At)
			fmt.Fprintf(e.stderr, "  %s\n  %s^\n", stored, strings.Repeat(" ", len([]rune(stored[:ce.At]))))
		}
	}
	if broken {
		return exitUsage
	}
	fmt.Fprintln(e.stdout, out.Rendered)
	for _, ce := range out.Errors {
		fmt.Fprintf(e.stderr, "calculation fails: %s at character %d; the portal sends it as written\n", ce.Message, ce.Char+1)
	}
	for _, em := range out.Empty {
		fmt.Fprintf(e.stderr, "empty: %s («%s», %s)\n", em.Ref, em.Field, strings.ReplaceAll(em.Reason, "_", " "))
	}
	if len(out.Errors) > 0 {
		return exitFindings
	}
	return exitOK
}

// parseAt reads an --at moment; empty means def.
func parseAt(e env, s string, def time.Time) (time.Time, int, bool) {
	if s == "" {
		return def, exitOK, true
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fail(e, "--at %q: want RFC 3339, e.g. 2024-03-05T10:30:00+03:00", s), false
	}
	return t, exitOK, true
}

// pickRecord returns the record a command renders with: a --record file, a named project
// sample, or the entity's first sample; an empty record when the project has none.
func pickRecord(e env, s *store.Store, entity, file, name string) (sample.Record, string, int, bool) {
	if file != "" && name != "" {
		return nil, "", fail(e, "--record and --sample exclude each other"), false
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, "", fail(e, "--record: %v", err), false
		}
		rec, err := sample.ParseRecord(data)
		if err != nil {
			return nil, "", fail(e, "--record %s: %v", file, err), false
		}
		return rec, "", exitOK, true
	}
	set, err := sample.Load(s, entity)
	if err != nil {
		return nil, "", fail(e, "%v", err), false
	}
	n, err := set.Pick(name)
	if err != nil {
		return nil, "", fail(e, "--sample: %s: %v", entity, err), false
	}
	return n.Record, n.Name, exitOK, true
}
