package main

import (
	"fmt"

	"robodesk/model/store"
)

func init() {
	register("demo", "create the demo project: robodesk demo FILE", demoCmd)
}

func demoCmd(e env) int {
	fs := flags(e, "demo", "FILE")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	s, err := store.CreateDemo(fs.Arg(0))
	if err != nil {
		return fail(e, "%v", err)
	}
	defer s.Close()
	fmt.Fprintf(e.stdout, "created %s: %d robots\n", fs.Arg(0), s.Project().RobotCount())
	return exitOK
}
