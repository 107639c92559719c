package corpus

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	m := &Manifest{
		Expected: []Secret{
			{File: "a.py", RuleID: "discord-bot-token", SHA256: "1"},
			{File: "b.js", RuleID: "discord-webhook-url", SHA256: "2"},
			{File: "c.env", RuleID: "discord-client-secret", SHA256: "3"},
		},
		Ignored: []Secret{{File: "node_modules/x.js", RuleID: "discord-bot-token", SHA256: "4", IgnoredBy: "node_modules/"}},
	}
	tests := []struct {
		name     string
		found    []Found
		noIgnore bool
		want     string // the summary line
		ok       bool
	}{
		{"exact", []Found{{"a.py", "discord-bot-token", "1"}, {"b.js", "discord-webhook-url", "2"}, {"c.env", "discord-client-secret", "3"}},
			false, "expected 3, matched 3, missing 0, wrong rule 0, reported from ignored files 0, extra 0", true},
		{"missing and extra", []Found{{"a.py", "discord-bot-token", "1"}, {"b.js", "discord-webhook-url", "2"}, {"d.md", "discord-bot-token", "9"}},
			false, "expected 3, matched 2, missing 1, wrong rule 0, reported from ignored files 0, extra 1", false},
		{"same secret in another file", []Found{{"a.py", "discord-bot-token", "1"}, {"b.js", "discord-webhook-url", "2"}, {"c.env", "discord-client-secret", "3"}, {"z.py", "discord-bot-token", "1"}},
			false, "expected 3, matched 3, missing 0, wrong rule 0, reported from ignored files 0, extra 1", false},
		{"wrong rule", []Found{{"a.py", "discord-mfa-token", "1"}, {"b.js", "discord-webhook-url", "2"}, {"c.env", "discord-client-secret", "3"}},
			false, "expected 3, matched 2, missing 0, wrong rule 1, reported from ignored files 0, extra 0", false},
		{"ignored reported", []Found{{"a.py", "discord-bot-token", "1"}, {"b.js", "discord-webhook-url", "2"}, {"c.env", "discord-client-secret", "3"}, {"node_modules/x.js", "discord-bot-token", "4"}},
			false, "expected 3, matched 3, missing 0, wrong rule 0, reported from ignored files 1, extra 0", false},
		{"no-ignore wants ignored", []Found{{"a.py", "discord-bot-token", "1"}, {"b.js", "discord-webhook-url", "2"}, {"c.env", "discord-client-secret", "3"}},
			true, "expected 4, matched 3, missing 1, wrong rule 0, reported from ignored files 0, extra 0", false},
		{"no-ignore exact", []Found{{"a.py", "discord-bot-token", "1"}, {"b.js", "discord-webhook-url", "2"}, {"c.env", "discord-client-secret", "3"}, {"node_modules/x.js", "discord-bot-token", "4"}},
			true, "expected 4, matched 4, missing 0, wrong rule 0, reported from ignored files 0, extra 0", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := m.Check(tt.found, tt.noIgnore)
			var b strings.Builder
			res.Report(&b)
			if got, _, _ := strings.Cut(b.String(), "\n"); got != tt.want {
				t.Errorf("summary %q, want %q", got, tt.want)
			}
			if res.OK() != tt.ok {
				t.Errorf("OK() = %v, want %v\n%s", res.OK(), tt.ok, b.String())
			}
		})
	}
}
