package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"

	"robodesk/model/store"
	"robodesk/sync/bitrix24"
	"robodesk/sync/creds"
	"robodesk/sync/engine"
	"robodesk/sync/plan"
)

func init() {
	register("sync", "pull from, plan against and push to a Bitrix24 portal (pull|plan|push)", syncCmd)
}

// openCreds opens the credentials store; tests point it elsewhere.
var openCreds = func() (*creds.Store, error) { return creds.Open(creds.Options{}) }

// syncClient tunes the REST client; the defaults fit a cloud portal.
var syncClient = bitrix24.Options{}

// interrupted ends a context on Ctrl-C, so that a push stops between stages.
var interrupted = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

const syncSynopsis = "pull|plan|push --db F [--portal URL] [--json] [--yes] [--take mine|theirs] [-v]"

func syncCmd(e env) int {
	if len(e.args) == 0 || strings.HasPrefix(e.args[0], "-") {
		fmt.Fprintf(e.stderr, "usage: robodesk sync %s\n", syncSynopsis)
		fmt.Fprintln(e.stderr, "  pull   read the portal's pipelines, stages, fields and users into the project; show what differs")
		fmt.Fprintln(e.stderr, "  plan   show the three-way plan (+ added, ~ changed, - removed, ! conflict); exit 1 on conflicts")
		fmt.Fprintln(e.stderr, "  push   show the plan, ask, and apply it stage by stage")
		return exitUsage
	}
	sub := e.args[0]
	if sub != "pull" && sub != "plan" && sub != "push" {
		return fail(e, "sync: unknown subcommand %q: use pull, plan or push", sub)
	}
	fs := flags(e, "sync "+sub, syncSynopsis)
	db := fs.String("db", "", "project file")
	portal := fs.String("portal", "", "incoming webhook URL (saved for next time) or the portal's address; default: the portal the project synced with")
	asJSON := fs.Bool("json", false, "print JSON")
	yes := fs.Bool("yes", false, "push without asking")
	take := fs.String("take", "", "resolve every conflict: mine (the project wins) or theirs (the portal wins)")
	verbose := fs.Bool("v", false, "log every request to standard error (secrets masked)")
	if code, ok := parse(fs, e.args[1:]); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(e, "sync %s: unexpected argument %q", sub, fs.Arg(0))
	}
	choice := plan.Choice("")
	if *take != "" {
		c, ok := plan.ParseChoice(*take)
		if !ok {
			return fail(e, "--take %q: use mine or theirs", *take)
		}
		choice = c
	}
	// Whatever happens, the webhook code given on the command line is never echoed.
	if _, hook, err := creds.ParsePortal(*portal); err == nil && hook != "" {
		c := creds.Credentials{Webhook: hook}
		e.stdout, e.stderr = maskWriter{e.stdout, c}, maskWriter{e.stderr, c}
	}
	s, code := openDB(e, *db)
	if s == nil {
		return code
	}
	defer s.Close()
	cs, err := openCreds()
	if err != nil {
		return fail(e, "%v", err)
	}
	opts := engine.Options{Creds: cs, Client: syncClient}
	if *verbose {
		opts.Logger = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	eng := engine.New(opts)
	ctx, stop := interrupted()
	defer stop()
	if code, ok := connect(ctx, e, eng, s, *portal); !ok {
		return code
	}
	switch sub {
	case "pull":
		return syncPull(ctx, e, eng, s, *asJSON)
	case "plan":
		return syncPlan(ctx, e, eng, s, *asJSON, choice)
	}
	return syncPush(ctx, e, eng, s, *asJSON, *yes, choice)
}

// connect signs in with --portal, or with the saved credentials of the project's portal.
func connect(ctx context.Context, e env, eng *engine.Engine, s *store.Store, portal string) (int, bool) {
	if portal == "" {
		host, _, ok := eng.Saved(s)
		if !ok {
			if host == "" {
				return fail(e, "no portal: give --portal with the portal's incoming webhook URL"), false
			}
			return fail(e, "no saved credentials for %s: give --portal with its incoming webhook URL", host), false
		}
		portal = host
	}
	host, err := eng.Connect(ctx, portal)
	if err != nil {
		return fail(e, "%v", err), false
	}
	if _, hook, _ := creds.ParsePortal(portal); hook != "" {
		if cs, err := openCreds(); err == nil {
			where := "the keyring"
			if cs.Where(host) == "file" {
				where = cs.Path()
			}
			fmt.Fprintf(e.stderr, "Connected to %s; the webhook is saved in %s for next time.\n", host, where)
		}
	}
	return exitOK, true
}

// exitFor maps an error to an exit code: a plan out of date or unresolved conflicts are
// findings (1), anything else means the portal or the input is wrong (2).
func exitFor(e env, err error) int {
	fmt.Fprintf(e.stderr, "robodesk: %v\n", err)
	if errors.Is(err, engine.ErrStale) || errors.Is(err, plan.ErrUnresolved) {
		return exitFindings
	}
	return exitUsage
}

func syncPull(ctx context.Context, e env, eng *engine.Engine, s *store.Store, asJSON bool) int {
	p, err := eng.Pull(ctx, s)
	if err != nil {
		return exitFor(e, err)
	}
	portal := s.Project().Portal
	pipelines, stages := 0, 0
	for _, en := range portal.Entities {
		pipelines += len(en.Pipelines)
		for _, pl := range en.Pipelines {
			stages += len(pl.Stages)
		}
	}
	if asJSON {
		writeJSON(e.stdout, map[string]any{
			"portal": p.Host, "pulledAt": portal.PulledAt, "pipelines": pipelines, "stages": stages,
			"users": len(portal.Users), "departments": len(portal.Departments),
			"connector": p.Connector, "noConnector": p.NoConnector, "plan": p.Summary(),
		})
		return exitOK
	}
	fmt.Fprintf(e.stdout, "Pulled %s: %d pipelines, %d stages, %d users, %d departments into the project.\n",
		p.Host, pipelines, stages, len(portal.Users), len(portal.Departments))
	if p.NoConnector {
		fmt.Fprintln(e.stdout, "The portal has no RoboDesk connector: robots cannot be read or written there, "+
			"only exported to files (robodesk export).")
		return exitOK
	}
	fmt.Fprintf(e.stdout, "Robots (connector %s): %s.\n", p.Connector, p.Summary())
	if len(p.Changed()) > 0 {
		fmt.Fprintln(e.stdout, "See the details with robodesk sync plan; apply them with robodesk sync push.")
	}
	return exitOK
}

func syncPlan(ctx context.Context, e env, eng *engine.Engine, s *store.Store, asJSON bool, choice plan.Choice) int {
	p, err := eng.Plan(ctx, s)
	if err != nil {
		return exitFor(e, err)
	}
	if choice != "" {
		p.ChooseAll(choice)
	}
	if asJSON {
		writeJSON(e.stdout, p)
	} else if err := p.WriteText(e.stdout); err != nil {
		return fail(e, "%v", err)
	}
	if n := p.Unresolved(); n > 0 {
		if !asJSON {
			fmt.Fprintf(e.stdout, "%d conflicts wait for a choice: push with --take mine or --take theirs, or choose per robot in the app.\n", n)
		}
		return exitFindings
	}
	if p.Summary().Blocked > 0 {
		return exitFindings // those stages will not agree after a push
	}
	return exitOK
}

func syncPush(ctx context.Context, e env, eng *engine.Engine, s *store.Store, asJSON, yes bool, choice plan.Choice) int {
	r, err := eng.Fetch(ctx, s)
	if err != nil {
		return exitFor(e, err)
	}
	p, err := engine.MakePlan(s, r)
	if err != nil {
		return exitFor(e, err)
	}
	if choice != "" {
		p.ChooseAll(choice)
	}
	out := map[string]any{"plan": p}
	defer func() {
		if asJSON {
			writeJSON(e.stdout, out)
		}
	}()
	if !asJSON {
		if err := p.WriteText(e.stdout); err != nil {
			return fail(e, "%v", err)
		}
	}
	if p.NoConnector {
		return exitFindings
	}
	if n := p.Unresolved(); n > 0 {
		fmt.Fprintf(e.stderr, "robodesk: %d conflicts wait for a choice; nothing was pushed. Use --take mine or --take theirs, or choose per robot in the app.\n", n)
		return exitFindings
	}
	if len(p.Changed()) > 0 && !yes {
		fmt.Fprintf(e.stderr, "Apply this plan to %s? [y/N] ", p.Host)
		answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
		if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
			fmt.Fprintln(e.stderr, "Nothing was applied.")
			return exitFindings
		}
	}
	if err := engine.Save(s, r); err != nil {
		return exitFor(e, err)
	}
	res, err := eng.Apply(ctx, s, p, func(done, total int) {
		if total > 0 && done > 0 {
			fmt.Fprintf(e.stderr, "applied %d/%d stages\n", done, total)
		}
	})
	if err != nil {
		return exitFor(e, err)
	}
	out["result"] = res
	if !asJSON {
		if err := res.WriteText(e.stdout); err != nil {
			return fail(e, "%v", err)
		}
	}
	if !res.Complete() || p.Summary().Blocked > 0 {
		return exitFindings
	}
	return exitOK
}

// maskWriter replaces the credentials' secrets in everything written through it.
type maskWriter struct {
	w io.Writer
	c creds.Credentials
}

// Write masks p; it reports len(p) written, so callers see no short write.
func (m maskWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(m.w, m.c.Mask(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
