package scanner_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// Scrub hides every secret the matcher finds in diagnostic text, plain or
// encoded, and leaves the rest of the text as it was.
func TestScrub(t *testing.T) {
	r := testtoken.New(7)
	tok := testtoken.BotToken(r)
	hook := testtoken.WebhookURL(r, "discord.com", "")
	b64 := base64.StdEncoding.EncodeToString([]byte(tok))
	for _, tc := range []struct {
		name, text string
		want       string // "" means the text unchanged
		hidden     []string
	}{
		{"no secret", "index out of range [5] with length 3", "", nil},
		{"token", "bad input: token = " + tok + " (line 3)",
			"bad input: token = " + scanner.Redact(rules.IDBotToken, tok) + " (line 3)", []string{tok}},
		{"webhook", "post " + hook + " failed", "", []string{hook}},
		{"two", tok + " and " + tok, "", []string{tok}},
		{"base64", "blob: " + b64 + " end", "", []string{tok, b64}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := scanner.Scrub(matcher(), tc.text)
			if tc.hidden == nil && got != tc.text {
				t.Errorf("Scrub changed a text without secrets: %q", got)
			}
			if tc.want != "" && got != tc.want {
				t.Errorf("Scrub = %q, want %q", got, tc.want)
			}
			for _, s := range tc.hidden {
				if strings.Contains(got, s) {
					t.Errorf("Scrub left a secret in %q", got)
				}
			}
			if tc.hidden != nil && !strings.Contains(got, "…") && !strings.Contains(got, "[redacted]") {
				t.Errorf("Scrub = %q: no mark where the secret was", got)
			}
		})
	}
	if got := scanner.Scrub(nil, tok); got != tok {
		t.Errorf("Scrub(nil, …) changed the text")
	}
}

// panicOn returns a match hook that panics, quoting the file's content,
// on the file at path.
func panicOn(path string) func(string, []byte) {
	return func(rel string, data []byte) {
		if rel == path {
			panic(fmt.Sprintf("cannot handle %q", data))
		}
	}
}

// checkInternalError checks that warns holds exactly one InternalError,
// about what, that quotes none of secrets.
func checkInternalError(t *testing.T, warns []error, what string, secrets ...string) {
	t.Helper()
	if len(warns) != 1 {
		t.Fatalf("%d warnings %v, want one", len(warns), warns)
	}
	var ie *scanner.InternalError
	if !errors.As(warns[0], &ie) {
		t.Fatalf("warning %v is not an InternalError", warns[0])
	}
	if !strings.Contains(ie.What, what) || !strings.Contains(ie.Value, "cannot handle") || !strings.Contains(ie.Stack, "goroutine") {
		t.Errorf("InternalError %+v: want what %q, the panic's value and a stack", ie, what)
	}
	for _, s := range secrets {
		if strings.Contains(warns[0].Error(), s) {
			t.Errorf("the warning quotes a raw secret:\n%v", warns[0])
		}
	}
}

// A panic while one file is matched (a bug) becomes a warning about that
// file, scrubbed of the secret the panic quotes; the other files are
// scanned and reported.
func TestScanPanicBecomesWarning(t *testing.T) {
	dir := t.TempDir()
	r := testtoken.New(11)
	var toks []string
	for _, name := range []string{"a.py", "b.py", "c.py"} {
		toks = append(toks, plant(t, r, dir, name))
	}
	var mu sync.Mutex
	var warns []error
	opts := scanner.WithMatchHook(scanner.Options{Jobs: 2, Warn: func(err error) {
		mu.Lock()
		warns = append(warns, err)
		mu.Unlock()
	}}, panicOn("b.py"))
	res := scan(t, []string{dir}, opts)
	checkInternalError(t, warns, "b.py", toks[1])
	if got := findingFiles(res); strings.Join(got, ",") != "a.py,c.py" {
		t.Errorf("findings in %v, want a.py and c.py", got)
	}
	if res.Stats.Errors != 1 || res.Stats.Files != 2 {
		t.Errorf("stats %+v, want 1 error and 2 files scanned", res.Stats)
	}
}

// The same in a history scan: the blob being matched is warned about, the
// other blobs are reported.
func TestHistoryPanicBecomesWarning(t *testing.T) {
	x := newGitRepo(t, 12)
	var toks []string
	for _, name := range []string{"a.py", "b.py", "c.py"} {
		toks = append(toks, x.plant(name))
	}
	x.commit("three tokens")
	var mu sync.Mutex
	var warns []error
	opts := scanner.HistoryOptions{Options: scanner.WithMatchHook(scanner.Options{Matcher: matcher(), Jobs: 2,
		Warn: func(err error) {
			mu.Lock()
			warns = append(warns, err)
			mu.Unlock()
		}}, panicOn("b.py"))}
	res, err := scanner.ScanHistory(t.Context(), x.dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkInternalError(t, warns, "b.py", toks[1])
	if got := findingFiles(res); strings.Join(got, ",") != "a.py,c.py" {
		t.Errorf("findings in %v, want a.py and c.py", got)
	}
	if res.Stats.Errors != 1 {
		t.Errorf("stats %+v, want 1 error", res.Stats)
	}
}

// Recovered shows a panic's value without the data it may quote, in the
// forms a panic prints data: plain, %q of UTF-16 text, a byte slice, a
// struct holding bytes, a cut token, a token of a rule a configuration
// turned off; runtime errors are shown as they are, long values cut.
func TestRecoveredHidesData(t *testing.T) {
	tok := testtoken.BotToken(testtoken.New(9))
	u16 := make([]byte, 0, 2*len(tok))
	for _, c := range []byte(tok) {
		u16 = append(u16, c, 0)
	}
	type blob struct {
		Name string
		Data []byte
	}
	for _, tc := range []struct {
		name string
		p    any
		want string // in the value
	}{
		{"plain", "cannot parse " + tok, "cannot parse "},
		{"utf-16 quoted", fmt.Sprintf("bad blob %q", u16), "bad blob "},
		{"utf-16 raw", "bad blob " + string(u16), "bad blob "},
		{"byte slice", fmt.Sprint([]byte(tok)), ""},
		{"struct", blob{"creds.py", []byte(tok)}, "creds.py"},
		{"cut token", "cannot parse " + tok[:40], "cannot parse "},
		{"error", fmt.Errorf("line 3: %s", tok), "line 3: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := scanner.Recovered("a.py", tc.p)
			for _, leak := range []string{tok, tok[:24], tok[len(tok)-24:]} {
				if strings.Contains(e.Error(), leak) {
					t.Errorf("the message shows the data: %q", e.Value)
				}
			}
			if !strings.Contains(e.Value, tc.want) {
				t.Errorf("value %q lost the panic's text %q", e.Value, tc.want)
			}
		})
	}
	var m map[string]int
	func() {
		defer func() {
			e := scanner.Recovered("a.py", recover())
			if e.Value != "assignment to entry in nil map" {
				t.Errorf("runtime error shown as %q", e.Value)
			}
		}()
		m[tok]++
	}()
	if e := scanner.Recovered("a.py", strings.Repeat("é", 400)); len(e.Value) > 310 || !strings.HasSuffix(e.Value, "…") {
		t.Errorf("a long value is shown as %d bytes", len(e.Value))
	}
	if s := scanner.Recovered("a.py", "x").Short(); strings.Contains(s, "\n") || !strings.Contains(s, "a.py") {
		t.Errorf("Short() = %q: want one line naming what was scanned", s)
	}
}

// A panic in the diff (the caller's goroutine: here the progress
// callback) reaches the caller, and the readers end: no goroutine is left
// behind (a fleet recovers such a panic and goes on).
func TestHistoryPanicInDiffEndsWorkers(t *testing.T) {
	x := newGitRepo(t, 13)
	for c := range 3 {
		x.plant(fmt.Sprintf("f%d.py", c))
		x.commit(fmt.Sprint("commit ", c))
	}
	before := runtime.NumGoroutine()
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want the panic of the callback", p)
			}
		}()
		_, _ = scanner.ScanHistory(t.Context(), x.dir, scanner.HistoryOptions{
			Options: scanner.Options{Matcher: matcher(), Jobs: 4},
			Progress: func(p scanner.Progress) {
				if p.Phase == "commits" && p.Done == 2 {
					panic("boom")
				}
			},
		})
	}()
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the panic, %d before: the readers leak", n, before)
	}
}

// A panic in the walk (here in the Exclude callback, which the walk calls)
// fails the scan with an internal error: it cannot be complete.
func TestScanPanicInWalk(t *testing.T) {
	dir := t.TempDir()
	tok := plant(t, testtoken.New(14), dir, "a.py")
	_, err := scanner.Scan(t.Context(), []string{dir}, scanner.Options{Matcher: matcher(),
		Exclude: func(rel string, _ bool) bool { panic("bad pattern for " + tok) }})
	var ie *scanner.InternalError
	if !errors.As(err, &ie) || strings.Contains(err.Error(), tok) {
		t.Fatalf("err = %v, want an internal error without the secret", err)
	}
}
