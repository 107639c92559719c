package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// TestTextLiveFindings checks what the text format prints under verified
// findings: the identity, the privileged intents of a bot on their own
// line, one line of what to do now, and why a secret was not checked.
func TestTextLiveFindings(t *testing.T) {
	bot := currentToken("bot.py", 3, 9, "TEST-SECRET-live-bot")
	bot.Severity = rules.Critical
	bot.Verification = scanner.Verification{Status: scanner.StatusLive, Detail: "bot token accepted (GET /users/@me: 200)",
		Identity: map[string]any{"kind": "bot", "username": "alert-bot", "application_id": "222222222222222222",
			"approximate_guilds": 5000, "privileged_intents": []string{"server_members", "message_content"}}}
	quiet := currentToken("quiet.py", 1, 1, "TEST-SECRET-quiet-bot")
	quiet.Severity = rules.Critical
	quiet.Verification = scanner.Verification{Status: scanner.StatusLive,
		Identity: map[string]any{"kind": "bot", "privileged_intents": []string{}}}
	user := currentToken("user.py", 1, 1, "TEST-SECRET-user-token")
	user.Verification = scanner.Verification{Status: scanner.StatusLive, Identity: map[string]any{"kind": "user"}}
	hook := webhook("hook.py", 2, 1, "TEST-SECRET-webhook-token")
	hook.Verification = scanner.Verification{Status: scanner.StatusLive, Identity: map[string]any{"kind": "webhook", "name": "alerts"}}
	dead := webhook("dead.py", 2, 1, "TEST-SECRET-dead-token")
	dead.Verification = scanner.Verification{Status: scanner.StatusInvalid, Detail: "unknown webhook (404, code 10015)"}
	cs := fake(rules.IDClientSecret, rules.Medium, "oauth.py", 1, 1, "TEST-SECRET-client-secret")
	cs.Verification = scanner.Verification{Status: scanner.StatusNotChecked, Detail: "client secrets are not verified"}
	plain := fake(rules.IDClientSecret, rules.Medium, "plain.py", 1, 1, "TEST-SECRET-plain-secret")

	res := &scanner.Result{Mode: "scan", Findings: []scanner.Finding{bot, quiet, user, hook, dead, cs, plain}}
	var buf bytes.Buffer
	if err := Write(&buf, FormatText, res, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"verification: live (bot token accepted (GET /users/@me: 200)); application_id=222222222222222222, approximate_guilds=5000, kind=bot, username=alert-bot\n",
		"privileged intents: server_members, message_content\n",
		"what to do now: reset the token at https://discord.com/developers/applications/222222222222222222/bot",
		"privileged intents: none\n",
		"what to do now: change the account's password",
		"what to do now: delete the webhook in the channel's settings",
		"verification: invalid (unknown webhook (404, code 10015))\n",
		"verification: not_checked (client secrets are not verified)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "what to do now:"); n != 4 {
		t.Errorf("%d what-to-do lines, want 4 (one per live finding)", n)
	}
	if n := strings.Count(out, "verification:"); n != 6 {
		t.Errorf("%d verification lines, want 6 (none for a finding never checked)", n)
	}
	for _, f := range res.Findings {
		if strings.Contains(out, f.Secret) {
			t.Errorf("text report prints a secret (%.8s…)", f.Secret)
		}
	}
}
