package main

import (
	"encoding/json"
	"fmt"
	"time"

	"robodesk/model"
	"robodesk/model/lint"
	"robodesk/model/sample"
)

func init() {
	register("lint", "check the whole project for robots that will misbehave", lintCmd)
}

func lintCmd(e env) int {
	fs := flags(e, "lint", "--db F [--json]")
	db := fs.String("db", "", "project file")
	asJSON := fs.Bool("json", false, "print findings as JSON")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	s, code := openDB(e, *db)
	if s == nil {
		return code
	}
	defer s.Close()
	p := s.Project()
	samples, err := sample.LoadAll(s, p.Portal)
	if err != nil {
		return fail(e, "%v", err)
	}
	opts, err := lint.LoadOptions(s)
	if err != nil {
		return fail(e, "%v", err)
	}
	found := lint.LintWith(p, samples, time.Now(), opts)
	if *asJSON {
		if found == nil {
			found = []model.Finding{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(found)
	} else {
		count := map[model.Severity]int{}
		for _, f := range found {
			fmt.Fprintln(e.stdout, f)
			count[f.Severity]++
		}
		fmt.Fprintf(e.stdout, "%d robots, %d errors, %d warnings, %d notes\n",
			p.RobotCount(), count[model.SevError], count[model.SevWarning], count[model.SevInfo])
	}
	if model.Errors(found) > 0 {
		return exitFindings
	}
	return exitOK
}
