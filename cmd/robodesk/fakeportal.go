package main

import (
	"time"

	"robodesk/sync/fake"
)

func init() {
	register("fake-portal", "run the Bitrix24 portal emulator (with the RoboDesk connector) for demos and tests", fakePortalCmd)
}

func fakePortalCmd(e env) int {
	fs := flags(e, "fake-portal", "--addr 127.0.0.1:PORT [--seed demo|sample|big|empty] [--fail-rate R] [--latency D] [--code CODE]")
	addr := fs.String("addr", "127.0.0.1:8090", "loopback address to listen on; port 0 picks one")
	seed := fs.String("seed", "demo", "dataset: demo (the demo project's portal, changed there a little), sample, big (20 pipelines, 500 users) or empty")
	failRate := fs.Float64("fail-rate", 0, "share of requests that fail on purpose (QUERY_LIMIT_EXCEEDED, HTTP 500, dropped connection), 0..1")
	latency := fs.Duration("latency", 0, "delay every answer by about this long, e.g. 200ms")
	code := fs.String("code", "", "webhook code (default: a random one, printed at start)")
	noConnector := fs.Bool("no-connector", false, "act as a portal without the RoboDesk connector")
	if code, ok := parse(fs, e.args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(e, "fake-portal: unexpected argument %q", fs.Arg(0))
	}
	if *failRate < 0 || *failRate > 1 {
		return fail(e, "--fail-rate %v: want a share between 0 and 1", *failRate)
	}
	if *latency < 0 || *latency > time.Minute {
		return fail(e, "--latency %v: want between 0 and 1m", *latency)
	}
	ctx, stop := interrupted()
	defer stop()
	err := fake.Serve(ctx, *addr, fake.Options{Seed: *seed, FailRate: *failRate, Latency: *latency, WebhookCode: *code,
		NoConnector: *noConnector, Out: e.stdout})
	if err != nil {
		return fail(e, "%v", err)
	}
	return exitOK
}
