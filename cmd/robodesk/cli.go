package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"robodesk/model"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitFindings = 1 // validation errors, lint errors, conflicts
	exitUsage    = 2 // bad usage or bad input
)

// env is what a subcommand gets: its arguments and the process streams.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand; each lives in its own file and registers itself in init.
type command struct {
	summary string
	run     func(e env) int
}

var commands = map[string]command{}

func register(name, summary string, run func(e env) int) {
	commands[name] = command{summary: summary, run: run}
}

// run dispatches to a subcommand, or opens the GUI when the first argument is a flag or absent.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		e.args = args
		return gui(e)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "robodesk: unknown command %q\n", name)
		usage(stderr)
		return exitUsage
	}
	e.args = args[1:]
	return c.run(e)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: robodesk [--db FILE]       open the desktop app (default: the demo project)")
	fmt.Fprintln(w, "       robodesk COMMAND [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nexit codes: 0 ok, 1 findings or conflicts, 2 bad usage or input")
}

// flags makes a flag set that reports to stderr and never exits the process.
func flags(e env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: robodesk %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; the returned code is meaningful when ok is false.
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}

// writeJSON prints indented JSON, texts unescaped as the portal writes them.
func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// report prints findings, one a line with a count at the end, or as JSON; it returns the exit
// code: findings of error severity make it 1.
func report(e env, p *model.Project, found []model.Finding, asJSON bool) int {
	if asJSON {
		if found == nil {
			found = []model.Finding{}
		}
		writeJSON(e.stdout, found)
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

// fail prints an error and returns the exit code for bad input.
func fail(e env, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "robodesk: "+format+"\n", args...)
	return exitUsage
}
