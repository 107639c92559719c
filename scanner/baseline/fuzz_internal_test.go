package baseline

import (
	"bytes"
	"maps"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// FuzzParse feeds arbitrary bytes to the baseline reader: it returns a
// baseline or an error, never panics, and what it accepts survives a write
// and a second read with the same set of suppressed (fingerprint, secret
// hash) keys.
func FuzzParse(f *testing.F) {
	var fs []scanner.Finding
	for i, file := range []string{"a.py", "dir/b.env", "a.py"} {
		sum := scanner.SecretHash(string(rune('x' + i)))
		fs = append(fs, scanner.Finding{RuleID: "discord-bot-token", File: file, SecretSHA256: sum,
			Fingerprint: scanner.Fingerprint("discord-bot-token", file, sum)})
	}
	var buf bytes.Buffer
	if err := FromFindings(fs, time.Unix(1700000000, 0)).Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"version":1,"tool":"leakcord","entries":[]}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"version":1,"tool":"leakcord","entries":[{"fingerprint":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parse(data)
		if err != nil {
			if b != nil {
				t.Fatalf("parse returned both a baseline and %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := b.Write(&out); err != nil {
			t.Fatalf("write: %v", err)
		}
		again, err := parse(out.Bytes())
		if err != nil {
			t.Fatalf("a written baseline does not read back: %v\n%s", err, out.Bytes())
		}
		if got, want := again.set(), b.set(); !maps.Equal(got, want) {
			t.Fatalf("keys changed in a round trip: %d keys, want %d", len(got), len(want))
		}
	})
}
