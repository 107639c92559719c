package scanner_test

import (
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// Regression: when two tokens of one owner were introduced by commits of
// the same second (a rebase, a scripted commit) and encode no issue time,
// the larger secret counted as the newer token, so the current token could
// be flagged superseded. The child commit is the newer one: only the token
// it replaced is superseded.
func TestHistorySupersededSameSecond(t *testing.T) {
	x := newGitRepo(t, 42)
	created := time.Date(2023, 3, 14, 12, 0, 0, 0, time.UTC)
	a, _ := testtoken.Token(x.r, testtoken.TokenSpec{Created: created, Current: true})
	b := sameOwner(x.r, a, testtoken.TokenSpec{Created: created, Current: true})
	// The token committed first is the larger one, so that ordering by the
	// secrets picks the wrong one.
	old, reset := max(a, b), min(a, b)

	clock := x.clock
	x.write("config.py", "TOKEN = \""+old+"\"\n")
	c1 := x.commit("old token")
	x.clock = clock // the same author and committer dates
	x.write("config.py", "TOKEN = \""+reset+"\"\n")
	c2 := x.commit("reset token")
	if d1, d2 := x.git("log", "-1", "--format=%ad %cd", c1), x.git("log", "-1", "--format=%ad %cd", c2); d1 != d2 {
		t.Fatalf("the fixture's commits have different dates: %s, %s", d1, d2)
	}

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	fo, fr := lookup(res, old, "config.py"), lookup(res, reset, "config.py")
	if fo == nil || fr == nil || len(res.Findings) != 2 {
		t.Fatalf("findings:%s", describe(res))
	}
	if fo.Token.UserID != fr.Token.UserID {
		t.Fatal("the fixture's two tokens decode to different owners")
	}
	if fo.Commit.SHA != c1 || fr.Commit.SHA != c2 {
		t.Fatalf("attributed to %s and %s, want %.12s and %.12s", commitOf(fo), commitOf(fr), c1, c2)
	}
	if !fo.Superseded || fr.Superseded {
		t.Errorf("superseded: old token %v, new token %v; want true, false", fo.Superseded, fr.Superseded)
	}
}

// A child commit whose author date is older than its parent's (a rebase or
// a cherry-pick keeps the author date) still introduces the newer token.
func TestHistorySupersededRebasedChild(t *testing.T) {
	x := newGitRepo(t, 45)
	created := time.Date(2023, 3, 14, 12, 0, 0, 0, time.UTC)
	old, _ := testtoken.Token(x.r, testtoken.TokenSpec{Created: created, Current: true})
	reset := sameOwner(x.r, old, testtoken.TokenSpec{Created: created, Current: true})
	x.write("config.py", "TOKEN = \""+old+"\"\n")
	x.commit("old token")
	x.write("config.py", "TOKEN = \""+reset+"\"\n")
	x.git("add", "-A")
	// Authored a day before the parent, committed after it.
	git(t, append(x.datedEnv(), "GIT_AUTHOR_DATE=@1600000000 +0000"), x.dir, "commit", "-q", "-m", "reset token (rebased)")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	fo, fr := lookup(res, old, "config.py"), lookup(res, reset, "config.py")
	if fo == nil || fr == nil {
		t.Fatalf("findings:%s", describe(res))
	}
	if !fo.Superseded || fr.Superseded {
		t.Errorf("superseded: old token %v, new token %v; want true, false", fo.Superseded, fr.Superseded)
	}
}
