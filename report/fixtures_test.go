package report

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// The fixtures hold obviously fake secrets ("TEST-SECRET-…"), so that golden
// files never carry anything shaped like a Discord credential, even with
// ShowSecrets on. Realistic secrets are generated at test time in
// redact_test.go and never written to disk.

// fake returns a finding of rule in file at line:col with a fake secret,
// its hash and fingerprint filled in.
func fake(ruleID string, sev rules.Severity, file string, line, col int, secret string) scanner.Finding {
	sum := scanner.SecretHash(secret)
	return scanner.Finding{
		RuleID:       ruleID,
		Severity:     sev,
		File:         file,
		Line:         line,
		Column:       col,
		EndLine:      line,
		EndColumn:    col + len(secret) - 1,
		Secret:       secret,
		SecretSHA256: sum,
		Fingerprint:  scanner.Fingerprint(ruleID, file, sum),
	}
}

// snowflakeTime returns the creation time encoded in a snowflake ID.
func snowflakeTime(id string) time.Time {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		panic(err)
	}
	return time.UnixMilli(int64(n>>22) + 1420070400000).UTC()
}

const (
	currentUserID = "1085170463541917759"
	legacyUserID  = "441281379126738944"
	webhookID     = "123456789012345678"
)

func currentToken(file string, line, col int, secret string) scanner.Finding {
	f := fake(rules.IDBotToken, rules.High, file, line, col, secret)
	f.Token = &rules.TokenInfo{UserID: currentUserID, UserCreatedAt: snowflakeTime(currentUserID), Format: rules.FormatCurrent}
	return f
}

func legacyToken(file string, line, col int, secret string) scanner.Finding {
	f := fake(rules.IDBotToken, rules.High, file, line, col, secret)
	f.Token = &rules.TokenInfo{
		UserID:        legacyUserID,
		UserCreatedAt: snowflakeTime(legacyUserID),
		Format:        rules.FormatLegacy,
		IssuedAt:      time.Date(2018, 6, 1, 9, 30, 0, 0, time.UTC),
	}
	return f
}

func webhook(file string, line, col int, token string) scanner.Finding {
	f := fake(rules.IDWebhookURL, rules.High, file, line, col,
		"https://discord.com/api/webhooks/"+webhookID+"/"+token)
	f.Webhook = &rules.WebhookInfo{ID: webhookID, CreatedAt: snowflakeTime(webhookID)}
	return f
}

// scanResult is a working-tree scan with one finding of every kind, spread
// over several files, stdin included.
func scanResult() *scanner.Result {
	mfa := fake(rules.IDMFAToken, rules.High, "notes/selfbot.js", 5, 17, "mfa.TEST-SECRET-mfa-token")
	mfa.Token = &rules.TokenInfo{Format: rules.FormatLegacy}
	return &scanner.Result{
		Mode: "scan",
		Findings: []scanner.Finding{
			currentToken("-", 1, 7, "TEST-SECRET-stdin-token"),
			fake(rules.IDClientSecret, rules.Medium, ".env", 3, 23, "TEST-SECRET-client"),
			currentToken("config/bot.env", 12, 9, "TEST-SECRET-bot-current"),
			legacyToken("config/bot.env", 140, 11, "TEST-SECRET-bot-legacy"),
			mfa,
			webhook("src/alerts.py", 40, 12, "TEST-SECRET-webhook-token"),
		},
		Stats: scanner.Stats{
			Files:         12,
			Bytes:         49356,
			SkippedBinary: 2,
			SkippedLarge:  1,
			Duration:      35 * time.Millisecond,
		},
	}
}

// historyResult is a history scan: commits, HEAD state, occurrences,
// supersession, an encoded secret and the three verification outcomes.
func historyResult() *scanner.Result {
	const (
		sha1 = "3f2a9c41d0b7e85a6c1f2e3d4b5a69788796a5b4"
		sha2 = "9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c"
	)
	inHead, notInHead := true, false

	old := legacyToken("config/bot.env", 3, 11, "TEST-SECRET-old-token")
	old.Severity = rules.Low
	old.Commit = &scanner.Commit{
		SHA: sha1, Author: "Ann Example", Email: "ann@example.com",
		Date:    time.Date(2019, 2, 3, 4, 5, 6, 0, time.FixedZone("CET", 3600)),
		Message: "add bot config",
	}
	old.InHead = &notInHead
	old.Occurrences = 3
	old.LastSeenCommit = sha2
	old.Superseded = true
	old.Verification = scanner.Verification{Status: scanner.StatusInvalid, Detail: "401 Unauthorized"}

	live := currentToken("deploy/values.yaml", 8, 15, "TEST-SECRET-live-token")
	live.Severity = rules.Critical
	live.Commit = &scanner.Commit{
		SHA: sha2, Author: "Bo Example", Email: "bo@example.com",
		Date:    time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC),
		Message: "deploy: set token TEST-SECRET-live-token & <restart>",
	}
	live.InHead = &inHead
	live.Occurrences = 1
	live.LastSeenCommit = sha2
	live.Encoding = []string{"base64"}
	live.Verification = scanner.Verification{
		Status:   scanner.StatusLive,
		Detail:   "GET /users/@me: 200",
		Identity: map[string]any{"id": currentUserID, "username": "alert-bot", "bot": true},
	}

	hook := webhook("deploy/values.yaml", 20, 9, "TEST-SECRET-history-hook")
	hook.Commit = live.Commit
	hook.InHead = &inHead
	hook.Occurrences = 2
	hook.LastSeenCommit = sha2
	hook.Verification = scanner.Verification{Status: scanner.StatusUnknown, Detail: "timeout after 10s"}

	return &scanner.Result{
		Mode:     "history",
		Findings: []scanner.Finding{old, live, hook},
		Stats: scanner.Stats{
			Files:    87,
			Bytes:    3565158,
			Errors:   1,
			Duration: 1243 * time.Millisecond,
		},
	}
}

// allResult merges the scan and history fixtures, sorted by file and line.
func allResult() *scanner.Result {
	s, h := scanResult(), historyResult()
	res := &scanner.Result{Mode: "history", Stats: h.Stats}
	res.Findings = append(append(res.Findings, s.Findings...), h.Findings...)
	slices.SortStableFunc(res.Findings, func(a, b scanner.Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return res
}

// stagedResult is a pre-commit scan of the index: a token and a webhook in
// files about to be committed, no commit yet.
func stagedResult() *scanner.Result {
	return &scanner.Result{
		Mode: "staged",
		Findings: []scanner.Finding{
			currentToken("bot/config.py", 4, 13, "TEST-SECRET-staged-token"),
			webhook("bot/notify.py", 9, 11, "TEST-SECRET-staged-hook"),
		},
		Stats: scanner.Stats{Files: 2, Bytes: 812, Duration: 3 * time.Millisecond},
	}
}

// emptyResult is a scan that found nothing.
func emptyResult() *scanner.Result {
	return &scanner.Result{
		Mode:  "scan",
		Stats: scanner.Stats{Files: 12, Bytes: 49356, Duration: 35 * time.Millisecond},
	}
}
