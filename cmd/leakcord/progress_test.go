package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

func TestHistoryProgressDrawsPhases(t *testing.T) {
	var buf bytes.Buffer
	p := &historyProgress{w: &buf}
	for i := 1; i <= 3; i++ {
		p.update(scanner.Progress{Phase: "commits", Done: i, Total: 3})
	}
	p.update(scanner.Progress{Phase: "blobs", Done: 1, Total: 2, Bytes: 2048})
	p.finish()
	out := buf.String()
	for _, want := range []string{"commits", "file versions", "1/2"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%q", want, out)
		}
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	a := &app{ctx: context.Background(), stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	if f, _ := a.progressFor(false, false); f != nil {
		t.Error("a progress bar was drawn to a non-terminal")
	}
}

func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 2048: "2.0 KiB", 5 << 30: "5.0 GiB"} {
		if got := humanSize(n); got != want {
			t.Errorf("humanSize(%d) = %q, want %q", n, got, want)
		}
	}
}
