package rules

import "time"

// BotTokenRule finds Discord bot and user tokens: ID.TIMESTAMP.HMAC.
//
// The first segment is the base64url of the account's decimal snowflake ID
// (23, 24, 26 or 27 characters, starting with M, N or O), the second is 6
// characters, the third 27 (legacy, before mid-2022) or 38 characters
// (current). A match must not be part of a longer base64url or dotted run,
// its first segment must decode to a snowflake whose time lies between the
// Discord epoch and now, and its third segment must not be filler. Published
// example tokens are not reported.
type BotTokenRule struct{}

var _ Rule = BotTokenRule{}

// Info describes the rule.
func (BotTokenRule) Info() Info {
	return Info{
		ID:       IDBotToken,
		Name:     "DiscordBotToken",
		Title:    "Discord bot or user token",
		Severity: High,
		Description: "A Discord bot or user token (ID.TIMESTAMP.HMAC). Its first segment decodes to the " +
			"account's snowflake ID, which must be a plausible Discord ID; placeholders and published " +
			"example tokens are ignored.",
		Remediation: "Reset the token in the Discord Developer Portal (Applications > your app > Bot > " +
			"Reset Token): removing it from the code does not revoke it, and it stays in git history. " +
			"Load the new token from an environment variable or a secret manager, never from a committed " +
			"file, and give the bot only the permissions and intents it needs.",
	}
}

// Token segment lengths.
const (
	seg2Len           = 6
	seg3Legacy        = 27
	seg3Current       = 38
	maxSeg1WithEscape = 27 + 5 // the longest first segment plus an escape prefix such as "u0022"
)

// Find reports every token in data.
func (r BotTokenRule) Find(data []byte, now time.Time, emit func(Candidate)) {
	r.findHinted(data, now, emit, nil)
}

var _ hinter = BotTokenRule{}

// findHinted is Find that, when h is not nil, also notes the token-like
// runs that end at a quote (pieces of a split token) and those that read as
// a token backwards.
func (BotTokenRule) findHinted(data []byte, now time.Time, emit func(Candidate), h *hints) {
	for i := 0; ; {
		d := indexPair(data, i, seg2Len+1, '.', '.', false) // the dots around segment 2
		if d < 0 {
			return
		}
		i = d + 1
		if d == 0 || !isB64(data[d-1]) {
			continue
		}
		c, ok := matchToken(data, d, now)
		if h != nil {
			tokenHints(data, d, h)
		}
		if !ok {
			continue
		}
		emit(c)
		i = c.End
	}
}

// tokenHints notes, for the dots at d and d+7, a token-like run that
// starts or ends at a quote and a run that reads as a token backwards. The
// second segment of every token starts with a capital letter (the top bits
// of a legacy token's time, or the G of a current one); dotted names such
// as ".client." are not looked at.
func tokenHints(data []byte, d int, h *hints) {
	seg2 := data[d+1 : d+1+seg2Len]
	if !isUpper(seg2[0]) && !isUpper(seg2[seg2Len-1]) {
		return
	}
	for _, c := range seg2 {
		if !isB64(c) {
			return
		}
	}
	s := runBack(data, d, seg3Current+1)
	b := d + seg2Len + 2
	e := runFwd(data, b, seg3Current+1)
	if s > 0 && isQuote(data[s-1]) {
		h.addConcat(s)
	}
	if e < len(data) && e > b && isQuote(data[e]) {
		h.addConcat(e - 1)
	}
	if n := d - s; (n == seg3Legacy || n == seg3Current) && validSeg1Len(e-b) {
		reverseHint(data, s, e, h)
	}
}

// matchToken checks the token whose first dot is at d.
func matchToken(data []byte, d int, now time.Time) (Candidate, bool) {
	seg2 := data[d+1 : d+1+seg2Len]
	for _, c := range seg2 {
		if !isB64(c) {
			return Candidate{}, false
		}
	}
	s0 := runBack(data, d, maxSeg1WithEscape+1)
	s := s0
	if skip := skipEscapePrefix(data, s0, d); skip > 0 {
		s += skip // the run began with the tail of an escape such as \n or %22
	} else if !startsClean(data, s0) {
		return Candidate{}, false
	}
	if !validSeg1Len(d - s) {
		return Candidate{}, false
	}
	s3 := d + seg2Len + 2
	e := runFwd(data, s3, seg3Current+1)
	if n := e - s3; n != seg3Legacy && n != seg3Current || !endsClean(data, e) {
		return Candidate{}, false
	}
	seg1, seg3 := data[s:d], data[s3:e]
	uid, id, ok := DecodeTokenID(seg1, now)
	if !ok || looksPlaceholder(seg3) || looksPlaceholder(seg2) && len(seg3) == seg3Legacy {
		return Candidate{}, false
	}
	if _, known := KnownExample(data[s:e]); known {
		return Candidate{}, false
	}
	info := &TokenInfo{UserID: uid, UserCreatedAt: SnowflakeTime(id), Format: FormatCurrent}
	if len(seg3) == seg3Legacy {
		info.Format = FormatLegacy
		if t, ok := DecodeLegacyIssuedAt(seg2, info.UserCreatedAt, now); ok {
			info.IssuedAt = t
		}
	}
	return Candidate{
		RuleID: IDBotToken, Severity: High,
		Start: s, End: e, Secret: string(data[s:e]), Token: info,
	}, true
}

func validSeg1Len(n int) bool { return n == 23 || n == 24 || n == 26 || n == 27 }

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
