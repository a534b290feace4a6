package main

import (
	"encoding/json"
	"fmt"

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
	fs2 := model.Validate(s.Project())
	if *asJSON {
		if fs2 == nil {
			fs2 = []model.Finding{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(fs2)
	} else {
		for _, f := range fs2 {
			fmt.Fprintln(e.stdout, f)
		}
		fmt.Fprintf(e.stdout, "%d robots, %d errors, %d findings\n", s.Project().RobotCount(), model.Errors(fs2), len(fs2))
	}
	if model.Errors(fs2) > 0 {
		return exitFindings
	}
	return exitOK
}
