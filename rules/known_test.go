package rules

import (
	"strconv"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// knownCase is a published example credential (see known.go). Each is
// written in parts so that this file holds no credential-shaped literal.
type knownCase struct {
	kind   string // "token", "webhook" or "mfa"
	source string // what KnownExample must answer
	secret string // the KnownExample key: a token, a webhook's token part, an mfa body
	// webhookID is the ID of the published webhook URL ("" when only the
	// token was published; a generated ID is used then).
	webhookID string
	// shapeValid tells whether the example passes every other check, so
	// that only the denylist keeps it from being reported.
	shapeValid bool
}

var knownCases = []knownCase{
	{kind: "token", source: "Discord API reference, Authentication example", secret: "MTk4NjIyNDgzNDcxOTI1MjQ4" + "." + "Cl2FMQ" + "." + "ZnCjm1XVW7vRze4b7Cq4se7kKWs", shapeValid: true},
	{kind: "token", source: "serenity utils::token::validate doc example", secret: "Mjg4NzYwMjQxMzYzODc3ODg4" + "." + "C_ikow" + "." + "j3VupLBuE1QWZng3TMGH0z_UAwg", shapeValid: true},
	{kind: "token", source: "TruffleHog test vector", secret: "oHILWmk3qakMYbqAikD9R0nJ" + "." + "Vhu0LY" + "." + "FK1U_2L2Of8Bm5ESbD6Cy4VKu2K", shapeValid: false},
	{kind: "token", source: "Kingfisher rule example", secret: "MC0dBvKTjD0rY0cV8i37CjBf" + "." + "uLHQPq" + "." + "Nb1Ok1mEhe-3iTdrGOuegj29yQR", shapeValid: false},
	{kind: "token", source: "osv-scalibr test vector", secret: "MTIzNDU2Nzg5MDEyMzQ1Njc4" + "." + "YAaBbC" + "." + "dEFGhijklMNOPqrSTUVwxyzAB12", shapeValid: false},
	{kind: "token", source: "detect-secrets test vector", secret: "Nzk5MjgxNDk0NDc2NDU1OTg3" + "." + "YABS5g" + "." + "2lmzECVlZv3vv6miVnUaKPQi2wI", shapeValid: true},
	{kind: "token", source: "GitGuardian example", secret: "MZ1yGvKTjE0rY0cV8i47CjAa" + "." + "uRHQPq" + "." + "Xb1Mk2nEhe-4iUcrGOuegj57zMC", shapeValid: false},
	{kind: "token", source: "detect-secrets test vector", secret: "OTUyNED5MDk2MTMxNzc2MkEz" + "." + "YjESug" + "." + "UNf-1GhsIG8zWT409q2C7Bh_zWQ", shapeValid: false},
	{kind: "token", source: "detect-secrets test vector", secret: "OTUyNED5MDk2MTMxNzc2MkEz" + "." + "GSroKE" + "." + "g2MTwve8OnUAAByz8KV_ZTV1Ipzg4o_NmQWUMs", shapeValid: false},
	{kind: "token", source: "detect-secrets test vector", secret: "MTAyOTQ4MTN5OTU5MTDwMEcxNg" + "." + "GSwJyi" + "." + "sbaw8msOR3Wi6vPUzeIWy_P0vJbB0UuRVjH8l8", shapeValid: false},
	{kind: "webhook", source: "TruffleHog webhook test vector", secret: "Rz9B09dB7cXxtldzXXfmJY0opIzgeANtGJ" + "w08vx5PXrP8BpbOeE5lZ7wx8vVcyacYkEl", webhookID: "144147826297622273", shapeValid: true},
	{kind: "webhook", source: "TruffleHog webhook test vector", secret: "Q7bFGgbEMoZ-tRHuA4QHk3xTNC7nrrSmTm" + "8IPjFvkp-ChRj4gi2C9lzvJiUcVlnE48X2", webhookID: "1369248176954937405", shapeValid: true},
	{kind: "webhook", source: "Kingfisher webhook example", secret: "abcdefghijklmnopqrstuvwxyzABCDEFGH" + "IJKLMNOPQRSTUVWXYZ1234567890abcdef", webhookID: "123456789012345678", shapeValid: false},
	{kind: "webhook", source: "SonarSource S6708 example", secret: "SBkGFYyl6njbyg_DJwhP2x5s4XAzd8Ll5C" + "ZQ7HG4xfDRJhOTAIlb0UiPL4ykOZQNIHpd", webhookID: "1143503308481384529", shapeValid: true},
	{kind: "webhook", source: "Discord OAuth2 docs webhook example", secret: "kKDdjXa1g9tKNs0-_yOwLyALC9gydEWP6g" + "r9sHabuK1vuofjhQDDnlOclJeRIvYK-pj_", webhookID: "", shapeValid: true},
	{kind: "mfa", source: "Kingfisher mfa example", secret: "0cnbipS2Fc6ulEt19f_Solju" + "V8CnfttTGHS1YJDdplIAuYNG", shapeValid: false},
}

// text returns the credential as it appears in code.
func (c knownCase) text() string {
	switch c.kind {
	case "mfa":
		return "mfa." + c.secret
	case "webhook":
		id := c.webhookID
		if id == "" {
			id = strconv.FormatUint(testtoken.Snowflake(testtoken.New(1), testNow.AddDate(-3, 0, 0)), 10)
		}
		return "https://discord.com/api/webhooks/" + id + "/" + c.secret
	}
	return c.secret
}

func TestKnownExample(t *testing.T) {
	if len(knownCases) != len(knownExamples) {
		t.Errorf("%d known examples, %d tested", len(knownExamples), len(knownCases))
	}
	for _, c := range knownCases {
		if src, ok := KnownExample([]byte(c.secret)); !ok || src != c.source {
			t.Errorf("KnownExample(%s example from %s) = %q, %v", c.kind, c.source, src, ok)
		}
		if _, ok := KnownExample([]byte(c.text() + " ")); ok {
			t.Errorf("KnownExample matched %s example from %s with a trailing space", c.kind, c.source)
		}
	}
	if _, ok := KnownExample(nil); ok {
		t.Error("KnownExample(nil) = true")
	}
}

// TestKnownExamplesNotReported checks that no rule reports a published
// example, and that for the examples whose shape is otherwise valid it is
// the denylist that holds them back: changing one character makes them
// reported.
func TestKnownExamplesNotReported(t *testing.T) {
	m := NewMatcher(testNow)
	for _, c := range knownCases {
		text := c.text()
		if got := m.Find([]byte("value = \"" + text + "\"\n")); len(got) > 0 {
			t.Errorf("%s example from %s reported as %s", c.kind, c.source, got[0].RuleID)
		}
		last := text[len(text)-1]
		mutated := text[:len(text)-1] + map[bool]string{true: "B", false: "A"}[last == 'A']
		got := m.Find([]byte("value = \"" + mutated + "\"\n"))
		if reported := len(got) == 1 && got[0].Secret == mutated; reported != c.shapeValid {
			t.Errorf("%s example from %s with its last character changed: reported %v, want %v",
				c.kind, c.source, reported, c.shapeValid)
		}
	}
}
