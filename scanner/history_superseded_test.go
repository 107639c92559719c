package scanner_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// sameOwner returns a new token of the account that tok belongs to: tok's
// first segment (the encoded user ID) with the second and third segments
// of a token generated for spec.
func sameOwner(r *rand.Rand, tok string, spec testtoken.TokenSpec) string {
	other, _ := testtoken.Token(r, spec)
	seg1, _, _ := strings.Cut(tok, ".")
	_, rest, _ := strings.Cut(other, ".")
	return seg1 + "." + rest
}

// Of two tokens of one owner, the one introduced earlier is superseded (it
// was probably reset); a token of another owner is not. Current-format
// tokens do not encode an issue time, so the commit dates decide.
func TestHistorySuperseded(t *testing.T) {
	x := newGitRepo(t, 40)
	created := time.Date(2023, 3, 14, 12, 0, 0, 0, time.UTC)
	old, _ := testtoken.Token(x.r, testtoken.TokenSpec{Created: created, Current: true})
	x.write("config.py", "TOKEN = \""+old+"\"\n")
	c1 := x.commit("old token")
	other := x.plant("other.py")
	x.commit("another bot")
	x.clock = x.clock.Add(30 * 24 * time.Hour)
	reset := sameOwner(x.r, old, testtoken.TokenSpec{Created: created, Current: true})
	x.write("config.py", "TOKEN = \""+reset+"\"\n")
	c3 := x.commit("reset token")
	// The old one again, at another path, later: still the older token.
	x.write("backup.py", "TOKEN = \""+old+"\"\n")
	x.commit("backup")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	want := map[string]bool{old: true, reset: false, other: false}
	if len(res.Findings) != 4 {
		t.Fatalf("%d findings, want 4:%s", len(res.Findings), describe(res))
	}
	for _, f := range res.Findings {
		if f.Superseded != want[f.Secret] {
			t.Errorf("%s in %s (%s): superseded %v, want %v", f.RedactedSecret(), f.File, commitOf(&f), f.Superseded, want[f.Secret])
		}
	}
	if f := lookup(res, old, "config.py"); f == nil || f.Commit.SHA != c1 {
		t.Errorf("old token: not attributed to %.12s:%s", c1, describe(res))
	}
	if f := lookup(res, reset, "config.py"); f == nil || f.Commit.SHA != c3 {
		t.Errorf("reset token: not attributed to %.12s:%s", c3, describe(res))
	}
	if lookup(res, old, "config.py").Token.UserID != lookup(res, reset, "config.py").Token.UserID {
		t.Fatal("the fixture's two tokens decode to different owners")
	}
}

// Legacy tokens encode when they were issued: that decides, not the order
// of the commits.
func TestHistorySupersededByIssueTime(t *testing.T) {
	x := newGitRepo(t, 41)
	created := time.Date(2018, 5, 2, 12, 0, 0, 0, time.UTC)
	newer, _ := testtoken.Token(x.r, testtoken.TokenSpec{Created: created, Issued: created.AddDate(1, 0, 0)})
	older := sameOwner(x.r, newer, testtoken.TokenSpec{Created: created, Issued: created.AddDate(0, 1, 0)})
	x.write("a.py", "TOKEN = \""+newer+"\"\n")
	x.commit("newer token first")
	x.write("b.py", "TOKEN = \""+older+"\"\n")
	x.commit("older token restored from a backup")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	a, b := lookup(res, newer, "a.py"), lookup(res, older, "b.py")
	if a == nil || b == nil {
		t.Fatalf("findings:%s", describe(res))
	}
	if a.Superseded || !b.Superseded {
		t.Errorf("superseded: newer token %v, older token %v; want false, true", a.Superseded, b.Superseded)
	}
}
