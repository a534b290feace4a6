package main

import (
	"time"

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
	return report(e, p, lint.LintWith(p, samples, time.Now(), opts), *asJSON)
}
