package report

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// ownerEvent is one dated line of an owner's timeline.
type ownerEvent struct {
	when time.Time
	text string
}

// writeOwners writes, for a history scan, one incident per token owner: the
// account's creation, then each token's issue date (legacy tokens), first
// commit and last sighting, in time order. Ten old tokens of one bot then
// read as one incident with its timeline rather than ten findings.
func writeOwners(buf *bytes.Buffer, res *scanner.Result, p *palette, red *redactor) {
	type owner struct {
		id      string
		created time.Time
		tokens  []*scanner.Finding
	}
	byID := make(map[string]*owner)
	var owners []*owner
	for i := range res.Findings {
		f := &res.Findings[i]
		if f.Token == nil || f.Token.UserID == "" || f.Commit == nil {
			continue
		}
		o := byID[f.Token.UserID]
		if o == nil {
			o = &owner{id: f.Token.UserID, created: f.Token.UserCreatedAt}
			byID[o.id] = o
			owners = append(owners, o)
		}
		o.tokens = append(o.tokens, f)
	}
	if len(owners) == 0 {
		return
	}
	slices.SortFunc(owners, func(a, b *owner) int { return cmp.Compare(a.id, b.id) })
	buf.WriteString(p.file.Sprint("Token owners"))
	buf.WriteByte('\n')
	for _, o := range owners {
		secrets := make(map[string]bool)
		for _, f := range o.tokens {
			secrets[f.Secret] = true
		}
		fmt.Fprintf(buf, "  account %s: %s in %s\n", o.id,
			plural(len(secrets), "token", "tokens"), plural(len(o.tokens), "place", "places"))
		events := []ownerEvent{{o.created, "account created"}}
		for _, f := range o.tokens {
			tok := printable(red.secret(f))
			if !f.Token.IssuedAt.IsZero() {
				events = append(events, ownerEvent{f.Token.IssuedAt, "token " + tok + " issued"})
			}
			events = append(events, ownerEvent{f.Commit.Date, fmt.Sprintf("token %s committed in %s (%s:%d)",
				tok, short(f.Commit.SHA), printable(f.File), f.Line)})
			state := "removed from HEAD, still in history"
			if f.InHead != nil && *f.InHead {
				state = "still in HEAD"
			}
			state += prefixed(", last seen in ", short(f.LastSeenCommit))
			if f.Superseded {
				state += "; a newer token follows, so it was probably reset"
			}
			events = append(events, ownerEvent{f.Commit.Date, "  " + state})
		}
		slices.SortStableFunc(events, func(a, b ownerEvent) int { return a.when.Compare(b.when) })
		for _, e := range events {
			fmt.Fprintf(buf, "    %s  %s\n", dateOrUnknown(e.when), p.detail.Sprint(e.text))
		}
	}
	buf.WriteByte('\n')
}

func dateOrUnknown(t time.Time) string {
	if t.IsZero() {
		return "          "
	}
	return t.UTC().Format(time.DateOnly)
}
