package rules

import (
	"encoding/base64"
	"strconv"
	"time"
)

// DiscordEpoch is the start of Discord's snowflake clock, 2015-01-01 UTC.
var DiscordEpoch = time.UnixMilli(1420070400000).UTC()

// tokenEpoch2011 is the offset legacy tokens add to their second segment:
// 2011-01-01 UTC in Unix seconds.
const tokenEpoch2011 = 1293840000

// SnowflakeTime returns the creation time encoded in a Discord snowflake.
func SnowflakeTime(id uint64) time.Time {
	return time.UnixMilli(int64(id>>22) + 1420070400000).UTC()
}

// plausibleSnowflake reports whether the snowflake's time lies between the
// Discord epoch and now plus one day.
func plausibleSnowflake(id uint64, now time.Time) bool {
	if id>>22 == 0 {
		return false
	}
	t := SnowflakeTime(id)
	return !t.Before(DiscordEpoch) && !t.After(now.Add(24*time.Hour))
}

// ParseSnowflake parses a decimal snowflake of 17 to 20 digits without a
// leading zero and checks that its time is plausible at now.
func ParseSnowflake(s string, now time.Time) (uint64, bool) {
	if len(s) < 17 || len(s) > 20 || s[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
	}
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || !plausibleSnowflake(id, now) {
		return 0, false
	}
	return id, true
}

// DecodeTokenID decodes the first segment of a token (base64url of the
// account's decimal ID) and checks it. It returns the ID as decimal text.
func DecodeTokenID(seg1 []byte, now time.Time) (string, uint64, bool) {
	switch len(seg1) {
	case 23, 24, 26, 27:
	default:
		return "", 0, false
	}
	if c := seg1[0]; c != 'M' && c != 'N' && c != 'O' {
		return "", 0, false
	}
	var buf [24]byte
	n, err := base64.RawURLEncoding.Decode(buf[:], seg1)
	if err != nil {
		return "", 0, false
	}
	s := string(buf[:n])
	id, ok := ParseSnowflake(s, now)
	if !ok || placeholderID(s) {
		return "", 0, false
	}
	return s, id, true
}

// DecodeLegacyIssuedAt decodes a legacy token's second segment: a 4-byte
// big-endian count of seconds since 2011-01-01 (tokens up to about 2019) or
// of plain Unix seconds (about 2020 to 2022). It returns the reading that
// lies between the account's creation (less a day) and now plus a day,
// preferring the 2011 offset, or false when neither is plausible.
func DecodeLegacyIssuedAt(seg2 []byte, created, now time.Time) (time.Time, bool) {
	if len(seg2) != 6 {
		return time.Time{}, false
	}
	var buf [6]byte
	n, err := base64.RawURLEncoding.Decode(buf[:], seg2)
	if err != nil || n != 4 {
		return time.Time{}, false
	}
	v := int64(buf[0])<<24 | int64(buf[1])<<16 | int64(buf[2])<<8 | int64(buf[3])
	lo, hi := created.Add(-24*time.Hour), now.Add(24*time.Hour)
	for _, sec := range []int64{v + tokenEpoch2011, v} {
		t := time.Unix(sec, 0).UTC()
		if !t.Before(lo) && !t.After(hi) {
			return t, true
		}
	}
	return time.Time{}, false
}
