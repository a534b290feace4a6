package main

import (
	"robodesk/model"
)

func init() {
	register("validate", "check every robot against its schema and the portal", validateCmd)
}

func validateCmd(e env) int {
	fs := flags(e, "validate", "--db F [--json]")
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
	return report(e, s.Project(), model.Validate(s.Project()), *asJSON)
}
