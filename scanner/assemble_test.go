package scanner_test

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// scanText scans text as stdin and returns the findings.
func scanText(t *testing.T, text string) []scanner.Finding {
	t.Helper()
	return scan(t, []string{"-"}, scanner.Options{Stdin: strings.NewReader(text)}).Findings
}

// lineCol computes the expected position of off in text the slow way:
// "\r\n", "\n" and a lone "\r" end a line, columns count bytes.
func lineCol(text string, off int) (line, col int) {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch {
		case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
			i++
			fallthrough
		case text[i] == '\n', text[i] == '\r':
			line++
			start = i + 1
		}
	}
	return line, off - start + 1
}

func TestPositions(t *testing.T) {
	tests := []struct {
		name string
		tmpl string // "@" marks where the token goes
	}{
		{"offset 0", "@\nnext line\n"},
		{"only the token", "@"},
		{"LF", "first\nsecond\n  token = @\nafter\n"},
		{"CRLF", "first\r\nsecond\r\n  token = @\r\nafter\r\n"},
		{"lone CR", "first\rsecond\r  token = @\rafter\r"},
		{"CR then CRLF", "first\r\r\nthird @\r\n"},
		{"LF then CR", "a\n\rb @"},
		{"blank lines", "\n\n\n\n@\n"},
		{"last line without newline", "one\ntwo\nthree = @"},
		{"CRLF last line without newline", "one\r\ntwo = @"},
		{"multibyte before", "é — ✓ = @\n"},
		{"tab before", "\t\tkey:\t@\n"},
		{"quoted", "x\n{\"token\":\"@\"}\n"},
	}
	r := testtoken.New(20)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := testtoken.BotToken(r)
			text := strings.Replace(tc.tmpl, "@", tok, 1)
			fs := scanText(t, text)
			if len(fs) != 1 {
				t.Fatalf("got %d findings in %q, want 1", len(fs), text)
			}
			f := fs[0]
			off := strings.Index(text, tok)
			line, col := lineCol(text, off)
			if f.Offset != off || f.Line != line || f.Column != col {
				t.Errorf("offset %d at %d:%d, want offset %d at %d:%d", f.Offset, f.Line, f.Column, off, line, col)
			}
			if f.EndLine != line || f.EndColumn != col+len(tok)-1 {
				t.Errorf("end %d:%d, want %d:%d", f.EndLine, f.EndColumn, line, col+len(tok)-1)
			}
			if f.Secret != tok {
				t.Errorf("secret %q is not the planted token", scanner.Redact(f.RuleID, f.Secret))
			}
		})
	}
}

// TestPositionsMany checks every finding of a long mixed input against the
// slow computation, so that the incremental line table cannot drift.
func TestPositionsMany(t *testing.T) {
	r := testtoken.New(21)
	kinds := []string{"{{bot}}", "{{bot.legacy}}", "{{mfa}}", "{{webhook}}", "{{webhook.v10}}"}
	seps := []string{"\n", "\r\n", "\r", "\n\n", " ", "\t"}
	var b strings.Builder
	for i := range 300 {
		fmt.Fprintf(&b, "v%d = \"%s\"%s", i, kinds[r.IntN(len(kinds))], seps[r.IntN(len(seps))])
		if i%3 == 0 {
			b.WriteString(seps[r.IntN(len(seps))])
		}
	}
	text, planted := testtoken.Expand(r, b.String())
	fs := scanText(t, text)
	if len(fs) != len(planted) {
		t.Fatalf("got %d findings, want %d", len(fs), len(planted))
	}
	for _, f := range fs {
		line, col := lineCol(text, f.Offset)
		if f.Line != line || f.Column != col || f.EndLine != line || f.EndColumn != col+len(f.Secret)-1 {
			t.Errorf("offset %d: %d:%d-%d:%d, want %d:%d-%d:%d", f.Offset, f.Line, f.Column, f.EndLine, f.EndColumn,
				line, col, line, col+len(f.Secret)-1)
		}
		if text[f.Offset:f.Offset+len(f.Secret)] != f.Secret {
			t.Errorf("offset %d does not hold the secret", f.Offset)
		}
	}
}

func TestAllowComment(t *testing.T) {
	r := testtoken.New(22)
	tests := []struct {
		name string
		tmpl string
		want []int // lines with findings
	}{
		{"same line", "a = {{bot}} // leakcord:allow\nb = {{bot}}\n", []int{2}},
		{"before the secret", "# leakcord:allow\nb = {{bot}}\n", []int{2}},
		{"marker first on the line", "/* leakcord:allow */ a = {{bot}}\n", nil},
		{"next line not allowed", "a = {{bot}}\n# leakcord:allow\n", []int{1}},
		{"CRLF", "a = {{bot}} # leakcord:allow\r\nb = {{bot}}\r\n", []int{2}},
		{"lone CR separates lines", "# leakcord:allow\rb = {{bot}}\r", []int{2}},
		{"two secrets on an allowed line", "{{bot}} {{webhook}} leakcord:allow\n", nil},
		{"other marker", "a = {{bot}} // leakcord:ignore\n", []int{1}},
		{"last line without newline", "x\na = {{mfa}} leakcord:allow", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, _ := testtoken.Expand(r, tc.tmpl)
			var got []int
			for _, f := range scanText(t, text) {
				got = append(got, f.Line)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings on lines %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDuplicates(t *testing.T) {
	r := testtoken.New(23)
	tok := testtoken.BotToken(r)
	hook := testtoken.WebhookURL(r, "discord.com", "")

	// The same secret twice in a file: once, at its first occurrence.
	text := "a = " + tok + "\nb = " + hook + "\nc = " + tok + "\n" + hook + "\n"
	fs := scanText(t, text)
	if len(fs) != 2 || fs[0].Line != 1 || fs[1].Line != 2 {
		t.Errorf("got %d findings (%v), want the first occurrence of each secret on lines 1 and 2", len(fs), lines(fs))
	}

	// The first occurrence is allowed: the next one is reported.
	text = "a = " + tok + " // leakcord:allow\nc = " + tok + "\n"
	if fs := scanText(t, text); len(fs) != 1 || fs[0].Line != 2 {
		t.Errorf("allowed first occurrence: findings on lines %v, want [2]", lines(fs))
	}

	// Two files: reported in each.
	root := t.TempDir()
	writeFile(t, root, "a.txt", tok+"\n")
	writeFile(t, root, "b/c.txt", "x\n"+tok+"\n"+tok+"\n")
	res := scan(t, []string{root}, scanner.Options{})
	if len(res.Findings) != 2 || res.Findings[0].File != "a.txt" || res.Findings[1].File != "b/c.txt" || res.Findings[1].Line != 2 {
		t.Fatalf("findings %v, want one in a.txt and one in b/c.txt line 2", res.Findings)
	}
	if res.Findings[0].Fingerprint == res.Findings[1].Fingerprint {
		t.Error("the same secret in two files has one fingerprint")
	}
}

func lines(fs []scanner.Finding) []int {
	var out []int
	for _, f := range fs {
		out = append(out, f.Line)
	}
	return out
}

func TestFingerprint(t *testing.T) {
	r := testtoken.New(24)
	tok, other := testtoken.BotToken(r), testtoken.BotToken(r)
	fp := func(file, text string) scanner.Finding {
		t.Helper()
		root := t.TempDir()
		writeFile(t, root, file, text)
		res := scan(t, []string{root}, scanner.Options{})
		if len(res.Findings) != 1 {
			t.Fatalf("got %d findings, want 1", len(res.Findings))
		}
		return res.Findings[0]
	}
	base := fp("cfg/app.env", "TOKEN="+tok+"\n")
	moved := fp("cfg/app.env", "# new\n# lines\n\n  TOKEN = "+tok+" \n")
	if moved.Line == base.Line || moved.Column == base.Column {
		t.Fatal("the test did not move the secret")
	}
	if moved.Fingerprint != base.Fingerprint {
		t.Error("fingerprint changed when the secret moved in its file")
	}
	if fp("cfg/other.env", "TOKEN="+tok+"\n").Fingerprint == base.Fingerprint {
		t.Error("fingerprint is the same in another file")
	}
	if fp("cfg/app.env", "TOKEN="+other+"\n").Fingerprint == base.Fingerprint {
		t.Error("fingerprint is the same for another secret")
	}

	sum := sha256.Sum256([]byte(tok))
	if base.SecretSHA256 != hex.EncodeToString(sum[:]) || scanner.SecretHash(tok) != base.SecretSHA256 {
		t.Errorf("SecretSHA256 %s is not the SHA-256 of the secret", base.SecretSHA256)
	}
	if want := scanner.Fingerprint(rules.IDBotToken, "cfg/app.env", base.SecretSHA256); base.Fingerprint != want {
		t.Errorf("Fingerprint %s, want Fingerprint(rule, file, hash) = %s", base.Fingerprint, want)
	}
	if len(base.Fingerprint) != 32 {
		t.Errorf("Fingerprint %q is not 16 bytes of hex", base.Fingerprint)
	}
	// The parts are separated: moving a byte from one to the next changes it.
	if scanner.Fingerprint("ab", "c", "d") == scanner.Fingerprint("a", "bc", "d") {
		t.Error("Fingerprint does not separate its parts")
	}
}

func TestFindingFields(t *testing.T) {
	r := testtoken.New(25)
	text, planted := testtoken.Expand(r, "bot={{bot}}\nhook={{webhook.ptb}}\nmfa={{mfa}}\n")
	fs := scanText(t, text)
	if len(fs) != 3 {
		t.Fatalf("got %d findings, want 3", len(fs))
	}
	wantRules := []string{rules.IDBotToken, rules.IDWebhookURL, rules.IDMFAToken}
	for i, f := range fs {
		if f.RuleID != wantRules[i] || f.Secret != planted[i] {
			t.Errorf("finding %d: rule %s, want %s with the planted secret", i, f.RuleID, wantRules[i])
		}
		if f.Severity != rules.High {
			t.Errorf("finding %d: severity %s, want high", i, f.Severity)
		}
		if f.Verification.Status != scanner.StatusNotChecked {
			t.Errorf("finding %d: verification %q, want not_checked", i, f.Verification.Status)
		}
		if f.Commit != nil || f.InHead != nil {
			t.Errorf("finding %d: history fields set by a working-tree scan", i)
		}
	}
	if fs[0].Token == nil || fs[0].Token.UserID == "" {
		t.Error("bot token finding has no decoded token info")
	}
	if fs[1].Webhook == nil || !strings.Contains(fs[1].Secret, "/"+fs[1].Webhook.ID+"/") {
		t.Error("webhook finding has no decoded webhook ID")
	}
}

func TestSorted(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(26)
	for _, name := range []string{"b.txt", "a/z.txt", "a.txt", "c/d/e.txt", "A.txt"} {
		text, _ := testtoken.Expand(r, "{{mfa}} {{bot}}\n\n{{webhook}} {{bot}}\nx {{bot}}\n")
		writeFile(t, root, name, text)
	}
	fs := scan(t, []string{root}, scanner.Options{Jobs: 4}).Findings
	if len(fs) != 25 {
		t.Fatalf("got %d findings, want 25", len(fs))
	}
	sorted := slices.IsSortedFunc(fs, func(a, b scanner.Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	if !sorted {
		for _, f := range fs {
			t.Logf("%s:%d:%d", f.File, f.Line, f.Column)
		}
		t.Error("findings are not sorted by file, line, column")
	}
}

func TestRedact(t *testing.T) {
	r := testtoken.New(27)
	for kind, rule := range map[string]string{
		"bot":        rules.IDBotToken,
		"bot.legacy": rules.IDBotToken,
		"mfa":        rules.IDMFAToken,
		"secret":     rules.IDClientSecret,
	} {
		for range 20 {
			_, planted := testtoken.Expand(r, "{{"+kind+"}}")
			secret := planted[0]
			red := scanner.Redact(rule, secret)
			checkRedacted(t, kind, secret, red)
		}
	}

	for _, host := range []string{"discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"} {
		for _, version := range []string{"", "/v10"} {
			hook := testtoken.WebhookURL(r, host, version)
			i := strings.LastIndexByte(hook, '/')
			public, token := hook[:i+1], hook[i+1:]
			red := scanner.Redact(rules.IDWebhookURL, hook)
			rest, ok := strings.CutPrefix(red, public)
			if !ok {
				t.Errorf("redacted webhook %q does not keep its host, path and ID %q", red, public)
				continue
			}
			checkRedacted(t, "webhook token", token, rest)
			if strings.Contains(red, token) {
				t.Errorf("redacted webhook %q holds its token", red)
			}
		}
	}

	// Finding.RedactedSecret is Redact of its rule and secret.
	for _, f := range scanText(t, func() string { s, _ := testtoken.Expand(r, "{{bot}}\n{{webhook}}\n"); return s }()) {
		if got := f.RedactedSecret(); got != scanner.Redact(f.RuleID, f.Secret) || strings.Contains(got, f.Secret) {
			t.Errorf("RedactedSecret() = %q", got)
		}
	}

	// Short strings reveal less, and never all of themselves.
	for n := range 16 {
		s := strings.Repeat("k", n)
		for _, rule := range []string{rules.IDBotToken, rules.IDWebhookURL} {
			red := scanner.Redact(rule, s)
			if n > 0 && strings.Contains(red, s) {
				t.Errorf("Redact(%q) = %q reveals it all", s, red)
			}
			if kept := utf8.RuneCountInString(red) - 1; kept > 6 || kept*2 > n {
				t.Errorf("Redact of %d characters keeps %d of them: %q", n, kept, red)
			}
		}
	}
}

// checkRedacted checks that red is at most the first 4 and last 2
// characters of secret around an ellipsis.
func checkRedacted(t *testing.T, what, secret, red string) {
	t.Helper()
	head, tail, ok := strings.Cut(red, "…")
	if !ok || strings.Contains(tail, "…") {
		t.Errorf("%s: redacted %q has not exactly one ellipsis", what, red)
		return
	}
	if len(head) > 4 || len(tail) > 2 || !strings.HasPrefix(secret, head) || !strings.HasSuffix(secret, tail) {
		t.Errorf("%s: redacted %q is not ≤4 leading and ≤2 trailing characters of the secret", what, red)
	}
	if strings.Contains(red, secret) {
		t.Errorf("%s: redacted %q holds the secret", what, red)
	}
}

// TestNoRawSecretInRedactedOutput scans a tree and checks that no finding's
// RedactedSecret carries enough of its secret to matter.
func TestNoRawSecretInRedactedOutput(t *testing.T) {
	root := t.TempDir()
	r := testtoken.New(28)
	var all []string
	for i := range 10 {
		text, planted := testtoken.Expand(r, "a={{bot}}\nb={{bot.legacy}}\nc={{mfa}}\nd={{webhook}}\ne={{webhook.canary}}\n")
		writeFile(t, root, filepath.Join("d", fmt.Sprint(i)+".txt"), text)
		all = append(all, planted...)
	}
	res := scan(t, []string{root}, scanner.Options{})
	if len(res.Findings) != len(all) {
		t.Fatalf("got %d findings, want %d", len(res.Findings), len(all))
	}
	for _, f := range res.Findings {
		red := f.RedactedSecret()
		secretPart := f.Secret
		if f.RuleID == rules.IDWebhookURL {
			secretPart = f.Secret[strings.LastIndexByte(f.Secret, '/')+1:]
		}
		// No run of 8 characters of the secret part survives.
		for i := 0; i+8 <= len(secretPart); i++ {
			if strings.Contains(red, secretPart[i:i+8]) {
				t.Errorf("%s: redacted %q holds %q of the secret", f.RuleID, red, secretPart[i:i+8])
				break
			}
		}
	}
}
