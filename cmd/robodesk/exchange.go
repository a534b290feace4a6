package main

import (
	"fmt"
	"io"
	"os"

	"robodesk/model"
	"robodesk/model/exchange"
)

func init() {
	register("export", "write a pipeline's robots in Bitrix24's JSON", exportCmd)
	register("import", "replace stages' robots from a Bitrix24 JSON file (one undo step)", importCmd)
}

func exportCmd(e env) int {
	fs := flags(e, "export", "--db F --pipeline KEY [--format templates|robopackage] [--stage STATUS_ID] [-o OUT]")
	db := fs.String("db", "", "project file")
	pipe := fs.String("pipeline", "", "pipeline key: LEAD, DEAL:<id>, DYNAMIC_<type>:<id>")
	format := fs.String("format", "templates", "templates or robopackage")
	stage := fs.String("stage", "", "one stage's STATUS_ID (required for robopackage)")
	out := fs.String("o", "", "output file (default: standard output)")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	key, err := model.ParsePipelineKey(*pipe)
	if err != nil {
		return fail(e, "--pipeline: %v", err)
	}
	f, err := exchange.ParseFormat(*format)
	if err != nil {
		return fail(e, "--format: %v", err)
	}
	s, code := openDB(e, *db)
	if s == nil {
		return code
	}
	defer s.Close()
	data, err := exchange.Export(s.Project(), key, f, *stage)
	if err != nil {
		return fail(e, "export %s: %v", key, err)
	}
	if *out == "" {
		e.stdout.Write(data)
		return exitOK
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return fail(e, "%v", err)
	}
	return exitOK
}

func importCmd(e env) int {
	fs := flags(e, "import", "--db F --pipeline KEY FILE")
	db := fs.String("db", "", "project file")
	pipe := fs.String("pipeline", "", "pipeline key: LEAD, DEAL:<id>, DYNAMIC_<type>:<id>")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	key, err := model.ParsePipelineKey(*pipe)
	if err != nil {
		return fail(e, "--pipeline: %v", err)
	}
	var data []byte
	if fs.Arg(0) == "-" {
		data, err = io.ReadAll(e.stdin)
	} else {
		data, err = os.ReadFile(fs.Arg(0))
	}
	if err != nil {
		return fail(e, "%v", err)
	}
	s, code := openDB(e, *db)
	if s == nil {
		return code
	}
	defer s.Close()
	cmd, err := exchange.Import(s.Project(), key, data)
	if err != nil {
		return fail(e, "import %s: %v", fs.Arg(0), err)
	}
	ch, err := s.Do(cmd)
	if err != nil {
		return fail(e, "import %s: %v", fs.Arg(0), err)
	}
	fmt.Fprintf(e.stdout, "imported %d stages, %d robots into %s (%d changes; undo restores the previous robots)\n",
		len(cmd.Stages), ch.Count, key, len(ch.Do))
	return exitOK
}
