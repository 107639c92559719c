package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// A panic in a command (a bug) ends leakcord with exit code 2 and a short
// report on stderr: the panic's value and stack, with no raw secret even
// when the value quotes one, instead of Go's crash output.
func TestGuardReportsPanicsWithoutSecrets(t *testing.T) {
	tok := testtoken.BotToken(testtoken.New(3))
	for _, tc := range []struct {
		name  string
		f     func() int
		value string // expected in the report
	}{
		{"value quotes a secret", func() int { panic("cannot parse " + tok) }, "cannot parse "},
		{"error quotes a secret", func() int { panic(errorString("bad line: token=" + tok)) }, "bad line: token="},
		{"runtime error", func() int {
			var m map[string]int
			//lint:ignore SA5000 the panic is the point
			m[tok]++ // the key never shows in the runtime's message
			return 0
		}, "assignment to entry in nil map"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			a := &app{stderr: &stderr}
			if code := a.guard(tc.f); code != exitError {
				t.Errorf("exit code %d, want %d", code, exitError)
			}
			out := stderr.String()
			if !strings.HasPrefix(out, "leakcord: internal error (a bug in leakcord") || !strings.Contains(out, tc.value) {
				t.Errorf("stderr does not report the panic %q:\n%s", tc.value, out)
			}
			if !strings.Contains(out, "goroutine ") || !strings.Contains(out, "guard_test.go") {
				t.Errorf("stderr has no stack pointing at the panic:\n%s", out)
			}
			if strings.Contains(out, tok) {
				t.Errorf("stderr holds the raw secret:\n%s", out)
			}
		})
	}
	var stderr bytes.Buffer
	a := &app{stderr: &stderr}
	if code := a.guard(func() int { return 1 }); code != 1 || stderr.Len() > 0 {
		t.Errorf("without a panic: code %d, stderr %q; want 1 and nothing", code, stderr.String())
	}
}

// errorString is an error whose text is its value.
type errorString string

func (e errorString) Error() string { return string(e) }
