package bitrix24

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestRedactHandler(t *testing.T) {
	r := &redactor{}
	r.add("s3cr3t/code", "tok")
	var buf bytes.Buffer
	log := slog.New(redactHandler{inner: slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}), r: r})
	log = log.With("bound", "https://p/rest/1/s3cr3t/code/x").WithGroup("g")
	log.LogAttrs(context.Background(), slog.LevelDebug, "calling tok",
		slog.String("url", "https://p/rest/1/s3cr3t%2Fcode/x"),
		slog.Any("err", errors.New("dial https://p/?auth=tok")),
		slog.Group("inner", slog.String("k", "tok"), slog.Int("n", 3)),
		slog.Any("list", []string{"tok"}),
	)
	out := buf.String()
	for _, secret := range []string{"s3cr3t", "tok"} {
		if strings.Contains(out, secret) {
			t.Fatalf("%q leaked: %s", secret, out)
		}
	}
	if !strings.Contains(out, `"n":3`) || strings.Count(out, Mask) < 6 {
		t.Fatalf("masked too much or too little: %s", out)
	}
	if got := r.mask("a tok b"); got != "a *** b" {
		t.Fatalf("mask = %q", got)
	}
}
