package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/fatih/color"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

func TestHumanBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"},
		{1023, "1023 B"},
		{1024, "1.0 KiB"},
		{49356, "48.2 KiB"},
		{1048575, "1.0 MiB"},
		{1258291, "1.2 MiB"},
		{5 << 30, "5.0 GiB"},
		{1 << 62, "4.0 EiB"},
	}
	for _, tt := range tests {
		if got := humanBytes(tt.n); got != tt.want {
			t.Errorf("humanBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{-time.Second, "0s"},
		{850 * time.Microsecond, "850µs"},
		{35*time.Millisecond + 400*time.Microsecond, "35ms"},
		{1243 * time.Millisecond, "1.24s"},
		{123*time.Second + 400*time.Millisecond, "2m3s"},
	}
	for _, tt := range tests {
		if got := humanDuration(tt.d); got != tt.want {
			t.Errorf("humanDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestSummary(t *testing.T) {
	one := scanResult()
	one.Findings = one.Findings[2:3]
	one.Stats = scanner.Stats{Files: 1, Bytes: 1258291, Duration: 35 * time.Millisecond}
	errs := emptyResult()
	errs.Stats.SkippedBinary, errs.Stats.Errors = 1, 2
	git := emptyResult()
	git.Stats.SkippedLFS, git.Stats.Submodules = 2, 1
	tests := []struct {
		name string
		res  *scanner.Result
		want string
	}{
		{"empty", emptyResult(), "no Discord credentials found in 12 files (48.2 KiB, 35ms)"},
		{"empty with problems", errs, "no Discord credentials found in 12 files (48.2 KiB, 35ms; skipped 1 binary; 2 errors)"},
		{"lfs and submodules", git, "no Discord credentials found in 12 files (48.2 KiB, 35ms; skipped 2 Git LFS pointers, 1 submodule)"},
		{"one", one, "1 finding (1 discord-bot-token) in 1 file, 1.2 MiB, 35ms"},
		{"several", scanResult(), "6 findings (3 discord-bot-token, 1 discord-mfa-token, 1 discord-webhook-url, " +
			"1 discord-client-secret) in 12 files, 48.2 KiB, 35ms; skipped 2 binary, 1 too large"},
	}
	for _, tt := range tests {
		if got := summary(tt.res, newPalette(false)); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestAdvice(t *testing.T) {
	tests := []struct {
		counts map[string]int
		want   string
	}{
		{map[string]int{rules.IDBotToken: 1}, "what to do: reset the token in the Discord Developer Portal " +
			"(https://discord.com/developers/applications) — removing it from the code does not revoke it — " +
			"and keep the new one in an environment variable or secret store."},
		{map[string]int{rules.IDWebhookURL: 2}, "what to do: delete and recreate the webhooks — removing them " +
			"from the code does not revoke them — and keep the new ones in an environment variable or secret store."},
		{map[string]int{"some-future-rule": 1}, "what to do: revoke the secret — removing it from the code " +
			"does not revoke it — and keep the new one in an environment variable or secret store."},
	}
	for _, tt := range tests {
		total := 0
		for _, n := range tt.counts {
			total += n
		}
		if got := advice(tt.counts, total); got != tt.want {
			t.Errorf("advice(%v):\n got %q\nwant %q", tt.counts, got, tt.want)
		}
	}
}

// TestColorIsPerCall checks that colour follows Options.Color alone: the
// package-global color.NoColor (true under go test, since stdout is not a
// terminal) neither stops it nor is changed by it.
func TestColorIsPerCall(t *testing.T) {
	global := color.NoColor
	render := func(format string, on bool) string {
		var buf bytes.Buffer
		if err := Write(&buf, format, allResult(), Options{Color: on}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if plain := render(FormatText, false); strings.Contains(plain, "\x1b[") {
		t.Error("escape sequences without Color")
	}
	colored := render(FormatText, true)
	if !strings.Contains(colored, "\x1b[") {
		t.Error("no escape sequences with Color")
	}
	if stripANSI(colored) != render(FormatText, false) {
		t.Error("coloured text differs from plain text beyond escape sequences")
	}
	for _, format := range []string{FormatJSON, FormatJSONL} {
		if render(format, true) != render(format, false) {
			t.Errorf("%s changes with Color", format)
		}
	}
	if color.NoColor != global {
		t.Error("color.NoColor changed")
	}
}

// stripANSI removes SGR escape sequences.
func stripANSI(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], 'm')
		s = s[i+j+1:]
	}
}

// TestTextEscapesControlCharacters makes sure scanned content cannot send
// escape sequences to the reader's terminal through file names or commit
// messages.
func TestTextEscapesControlCharacters(t *testing.T) {
	res := historyResult()
	res.Findings[0].File = "evil\x1b[2J.env"
	res.Findings[0].Commit.Author = "Mallory\r\x1b]0;pwned\a"
	res.Findings[0].Verification.Detail = "bad\x1b[31m"
	var buf bytes.Buffer
	if err := Write(&buf, FormatText, res, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, c := range []string{"\x1b", "\r", "\a"} {
		if strings.Contains(out, c) {
			t.Errorf("output holds %q", c)
		}
	}
	if !strings.Contains(out, `evil\x1b[2J.env`) {
		t.Errorf("file name not escaped visibly:\n%s", out)
	}
}

func TestTextGroupsByFile(t *testing.T) {
	res := scanResult()
	// Interleave files: the text format still prints each file once.
	res.Findings = append(res.Findings, res.Findings[2])
	var buf bytes.Buffer
	if err := Write(&buf, FormatText, res, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\nconfig/bot.env\n"); n != 1 {
		t.Errorf("config/bot.env header printed %d times:\n%s", n, buf.String())
	}
	if !strings.HasPrefix(buf.String(), stdinName+"\n") {
		t.Errorf("stdin not named %s:\n%s", stdinName, buf.String())
	}
}
