package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// TestBotTokenInfo checks what a token reveals offline: the account ID and
// its creation time, the format, and for legacy tokens the time in the
// second segment under both legacy conventions.
func TestBotTokenInfo(t *testing.T) {
	issued2016 := utc(2016, 4, 1, 10, 20, 30, 0)
	issued2021 := utc(2021, 2, 1, 7, 8, 9, 0)
	tests := []struct {
		name     string
		spec     testtoken.TokenSpec
		seg1Len  int
		format   string
		issuedAt time.Time
	}{
		{"legacy, 2011 offset", testtoken.TokenSpec{Created: utc(2016, 3, 9, 12, 0, 0, 0), Issued: issued2016}, 24, FormatLegacy, issued2016},
		{"legacy, plain Unix seconds", testtoken.TokenSpec{Created: utc(2020, 11, 3, 12, 0, 0, 0), Issued: issued2021, Plain: true}, 24, FormatLegacy, issued2021},
		{"legacy, 17-digit ID", testtoken.TokenSpec{Created: utc(2015, 6, 1, 12, 0, 0, 0), Issued: issued2016}, 23, FormatLegacy, issued2016},
		{"legacy, time before the account", testtoken.TokenSpec{Created: utc(2018, 5, 2, 12, 0, 0, 0), Issued: issued2016}, 24, FormatLegacy, time.Time{}},
		{"current, 19-digit ID", testtoken.TokenSpec{Created: utc(2023, 3, 14, 12, 0, 0, 0), Current: true}, 26, FormatCurrent, time.Time{}},
		{"current, 18-digit ID", testtoken.TokenSpec{Created: utc(2021, 12, 24, 12, 0, 0, 0), Current: true}, 24, FormatCurrent, time.Time{}},
		{"current, 17-digit ID", testtoken.TokenSpec{Created: utc(2015, 6, 1, 12, 0, 0, 0), Current: true}, 23, FormatCurrent, time.Time{}},
	}
	r := testtoken.New(3)
	for _, tt := range tests {
		token, id := testtoken.Token(r, tt.spec)
		if n := strings.IndexByte(token, '.'); n != tt.seg1Len {
			t.Fatalf("%s: generated segment 1 has %d characters, want %d", tt.name, n, tt.seg1Len)
		}
		var got []Candidate
		BotTokenRule{}.Find([]byte("Bot "+token+"\n"), testNow, func(c Candidate) { got = append(got, c) })
		if len(got) != 1 || got[0].Secret != token {
			t.Errorf("%s: found %+v, want the token", tt.name, got)
			continue
		}
		info := got[0].Token
		want := TokenInfo{UserID: id, UserCreatedAt: tt.spec.Created, Format: tt.format, IssuedAt: tt.issuedAt}
		if info == nil || info.UserID != want.UserID || !info.UserCreatedAt.Equal(want.UserCreatedAt) ||
			info.Format != want.Format || !info.IssuedAt.Equal(want.IssuedAt) {
			t.Errorf("%s: TokenInfo = %+v, want %+v", tt.name, info, want)
		}
		if got[0].Start != len("Bot ") || got[0].Severity != High || got[0].Webhook != nil {
			t.Errorf("%s: candidate %+v", tt.name, got[0])
		}
	}
}

// TestMFATokenInfo checks the info of an mfa. token: legacy, no ID.
func TestMFATokenInfo(t *testing.T) {
	token := testtoken.MFAToken(testtoken.New(4))
	var got []Candidate
	MFATokenRule{}.Find([]byte(token), testNow, func(c Candidate) { got = append(got, c) })
	if len(got) != 1 || got[0].Token == nil || *got[0].Token != (TokenInfo{Format: FormatLegacy}) {
		t.Errorf("found %+v", got)
	}
}

// TestWebhookInfo checks the ID and creation time of a webhook URL.
func TestWebhookInfo(t *testing.T) {
	url := testtoken.WebhookURL(testtoken.New(5), "canary.discord.com", "/v10")
	id := strings.Split(url, "/")[6]
	var got []Candidate
	WebhookURLRule{}.Find([]byte("<"+url+">"), testNow, func(c Candidate) { got = append(got, c) })
	if len(got) != 1 || got[0].Secret != url || got[0].Webhook == nil || got[0].Webhook.ID != id {
		t.Fatalf("found %+v", got)
	}
	n, _ := ParseSnowflake(id, testNow)
	if !got[0].Webhook.CreatedAt.Equal(SnowflakeTime(n)) {
		t.Errorf("CreatedAt = %v", got[0].Webhook.CreatedAt)
	}
}
