package fake

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"robodesk/sync/bitrix24"
)

// SeedData returns the dataset a seed name stands for: "demo" (or empty), "big" (20 pipelines
// of 15 stages, 500 users) or "empty".
func SeedData(seed string) (*Data, error) {
	switch seed {
	case "", "demo":
		return ProjectDemo()
	case "sample":
		return Demo(), nil
	case "big":
		return FromPortal(Generate(Gen{Pipelines: 20, Stages: 15, Users: 500, Departments: 12, SmartProcesses: 2})), nil
	case "empty":
		return FromPortal(nil), nil
	}
	return nil, fmt.Errorf("unknown seed %q: want demo, sample, big or empty", seed)
}

// Serve runs the emulator on addr (such as 127.0.0.1:8090; port 0 picks one) until ctx ends,
// with the dataset named by opts.Seed. It is what `robodesk fake-portal` runs. It refuses
// addresses other than loopback: the emulator speaks plain http and hands out its webhook code.
func Serve(ctx context.Context, addr string, opts Options) error {
	data, err := SeedData(opts.Seed)
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("fake portal address %q: %w", addr, err)
	}
	if !bitrix24.IsLoopback(host) {
		return fmt.Errorf("fake portal address %q: only loopback addresses are allowed", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("fake portal: %w", err)
	}
	s := New(data, opts)
	base := "http://" + ln.Addr().String()
	if opts.Out != nil {
		fmt.Fprintf(opts.Out, "fake portal %q listening on %s\n", data.Portal.Name, base)
		fmt.Fprintf(opts.Out, "webhook URL: %s\n", s.WebhookURL(base))
	}
	return ListenAndServe(ctx, ln, s)
}

// ListenAndServe serves h on ln until ctx ends, then shuts down gracefully.
func ListenAndServe(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
