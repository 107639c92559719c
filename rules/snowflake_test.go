package rules

import (
	"encoding/base64"
	"encoding/binary"
	"strconv"
	"testing"
	"time"
)

// b64 returns s in unpadded base64url, as a token segment.
func b64(s string) []byte { return []byte(base64.RawURLEncoding.EncodeToString([]byte(s))) }

// idAt returns the snowflake created at t with the given low 22 bits.
func idAt(t time.Time, low uint64) uint64 {
	return uint64(t.UnixMilli()-DiscordEpoch.UnixMilli())<<22 | low
}

func idText(t time.Time, low uint64) string { return strconv.FormatUint(idAt(t, low), 10) }

// seg2Of returns a legacy second segment holding v.
func seg2Of(v uint32) []byte {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return []byte(base64.RawURLEncoding.EncodeToString(b[:]))
}

func utc(y int, m time.Month, d, h, min, s, ms int) time.Time {
	return time.Date(y, m, d, h, min, s, ms*1e6, time.UTC)
}

func TestSnowflakeTime(t *testing.T) {
	tests := []struct {
		id   uint64
		want time.Time
	}{
		{175928847299117063, utc(2016, 4, 30, 11, 18, 25, 796)}, // Discord API reference, Snowflakes
		{80351110224678912, utc(2015, 8, 10, 17, 26, 37, 529)},  // Discord API reference, mentions
		{198622483471925248, utc(2016, 7, 2, 2, 14, 50, 287)},   // the D-REF example token's ID
		{0, DiscordEpoch},
		{1<<22 - 1, DiscordEpoch},
		{1 << 22, DiscordEpoch.Add(time.Millisecond)},
		{idAt(utc(2023, 3, 14, 9, 26, 53, 589), 1<<22-1), utc(2023, 3, 14, 9, 26, 53, 589)},
	}
	for _, tt := range tests {
		if got := SnowflakeTime(tt.id); !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("SnowflakeTime(%d) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestParseSnowflake(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ok   bool
	}{
		{"17 digits", idText(utc(2015, 6, 1, 0, 0, 0, 0), 77), true},
		{"18 digits", idText(utc(2018, 5, 2, 0, 0, 0, 0), 77), true},
		{"19 digits", idText(utc(2024, 4, 2, 0, 0, 0, 0), 77), true},
		{"less than a day ahead", idText(testNow.Add(23*time.Hour), 0), true},
		{"filler digits pass here (DecodeTokenID and the webhook rule reject them)", "111111111111111111", true},
		{"16 digits", "1111111111111111", false},
		{"21 digits", "111111111111111111111", false},
		{"20 digits, from 2090", "10000000000000000000", false},
		{"overflows uint64", "99999999999999999999", false},
		{"leading zero", "0" + idText(utc(2015, 6, 1, 0, 0, 0, 0), 1), false},
		{"sign", "+" + idText(utc(2015, 6, 1, 0, 0, 0, 0), 1), false},
		{"letter", idText(utc(2018, 5, 2, 0, 0, 0, 0), 1)[:17] + "a", false},
		{"two days ahead", idText(testNow.Add(48*time.Hour), 0), false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		id, ok := ParseSnowflake(tt.in, testNow)
		if ok != tt.ok {
			t.Errorf("%s: ParseSnowflake(%q) ok = %v, want %v", tt.name, tt.in, ok, tt.ok)
		}
		if ok && strconv.FormatUint(id, 10) != tt.in {
			t.Errorf("%s: ParseSnowflake(%q) = %d", tt.name, tt.in, id)
		}
	}
}

func TestDecodeTokenID(t *testing.T) {
	id17 := idText(utc(2015, 6, 1, 12, 0, 0, 0), 4711)
	id18 := idText(utc(2018, 5, 2, 12, 0, 0, 0), 4711)
	id19 := idText(utc(2023, 3, 14, 12, 0, 0, 0), 4711)
	tests := []struct {
		name string
		seg1 []byte
		want string // "" when the segment must be rejected
	}{
		{"17-digit ID, 23 characters", b64(id17), id17},
		{"18-digit ID, 24 characters", b64(id18), id18},
		{"19-digit ID, 26 characters", b64(id19), id19},
		{"D-REF example", []byte("MTk4NjIyNDgzNDcxOTI1MjQ4"), "198622483471925248"},
		{"20-digit ID, from 2090", b64("10000000000000000000"), ""},
		{"future ID", b64(idText(testNow.AddDate(0, 1, 0), 1)), ""},
		{"leading zero", b64("0" + id17), ""},
		{"sequence placeholder", b64("123456789012345678"), ""},
		{"repeated digit", b64("111111111111111111"), ""},
		{"letters", b64("abcdefghijklmnopqr"), ""},
		{"digits with a letter", b64(id18[:17] + "x"), ""},
		{"25 characters", b64(id19)[:25], ""},
		{"22 characters", b64(id17)[:22], ""},
		{"28 characters", append(b64(id19), 'A', 'A'), ""},
		{"standard base64 alphabet", append(b64(id18)[:23:23], '+'), ""},
		{"first character not M, N or O", append([]byte{'P'}, b64(id18)[1:]...), ""},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		uid, id, ok := DecodeTokenID(tt.seg1, testNow)
		if ok != (tt.want != "") || uid != tt.want {
			t.Errorf("%s: DecodeTokenID(%q) = %q, %v; want %q", tt.name, tt.seg1, uid, ok, tt.want)
			continue
		}
		if ok && strconv.FormatUint(id, 10) != uid {
			t.Errorf("%s: id %d does not match %q", tt.name, id, uid)
		}
	}
}

func TestDecodeLegacyIssuedAt(t *testing.T) {
	const epoch2011 = 1293840000
	created2018 := utc(2018, 5, 2, 12, 0, 0, 0)
	issued2018 := utc(2018, 6, 1, 8, 30, 15, 0)
	created2021 := utc(2021, 7, 9, 7, 6, 48, 0)
	tests := []struct {
		name    string
		seg2    []byte
		created time.Time
		want    time.Time // zero when rejected
	}{
		{"D-REF example, 2011 offset", []byte("Cl2FMQ"), SnowflakeTime(198622483471925248), utc(2016, 7, 5, 17, 51, 45, 0)},
		{"2011 offset", seg2Of(uint32(issued2018.Unix() - epoch2011)), created2018, issued2018},
		{"plain Unix seconds", seg2Of(uint32(created2021.Unix())), created2021, created2021},
		{"plain, a year after creation", seg2Of(uint32(created2021.AddDate(1, 0, 0).Unix())), created2021, created2021.AddDate(1, 0, 0)},
		{"12 hours before creation", seg2Of(uint32(created2018.Add(-12*time.Hour).Unix() - epoch2011)), created2018, created2018.Add(-12 * time.Hour)},
		{"two days before creation", seg2Of(uint32(created2018.Add(-48*time.Hour).Unix() - epoch2011)), created2018, time.Time{}},
		{"plain, before creation", seg2Of(uint32(created2021.AddDate(0, -1, 0).Unix())), created2021, time.Time{}},
		{"after now", seg2Of(uint32(testNow.AddDate(0, 0, 3).Unix())), created2021, time.Time{}},
		{"zero", seg2Of(0), created2018, time.Time{}},
		{"5 characters", seg2Of(1)[:5], created2018, time.Time{}},
		{"7 characters", append(seg2Of(1), 'A'), created2018, time.Time{}},
		{"not base64url", []byte("Cl2F+Q"), created2018, time.Time{}},
	}
	for _, tt := range tests {
		got, ok := DecodeLegacyIssuedAt(tt.seg2, tt.created, testNow)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("%s: DecodeLegacyIssuedAt(%q) = %v, %v; want %v", tt.name, tt.seg2, got, ok, tt.want)
		}
	}
}
