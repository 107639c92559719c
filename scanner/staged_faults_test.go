package scanner_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// stagedTokens stages three new files, a.py, b.py and c.py, each with a
// token, and returns the tokens.
func stagedTokens(t *testing.T) (*stagedRepo, []string) {
	repo := newStagedRepo(t)
	r := testtoken.New(61)
	var toks []string
	for _, name := range []string{"a.py", "b.py", "c.py"} {
		tok := testtoken.BotToken(r)
		repo.write(name, "TOKEN = \""+tok+"\"\n")
		toks = append(toks, tok)
	}
	repo.git("add", ".")
	return repo, toks
}

// A staged scan cancelled while it reads the changed files returns the
// findings of the files read before, marked incomplete, with the
// context's error.
func TestStagedCancelled(t *testing.T) {
	repo, toks := stagedTokens(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := scanner.WithMatchHook(scanner.Options{Matcher: matcher()}, func(rel string, _ []byte) {
		if rel == "b.py" {
			cancel() // b.py is still matched; c.py is not read
		}
	})
	res, err := scanner.ScanStaged(ctx, repo.dir, opts)
	if !errors.Is(err, context.Canceled) || res == nil || !res.Incomplete {
		t.Fatalf("ScanStaged = %+v, %v; want a partial result and context.Canceled", res, err)
	}
	if got := strings.Join(findingFiles(res), ","); got != "a.py,b.py" || res.Stats.Files != 2 {
		t.Errorf("findings in %s, %d files read; want a.py and b.py, 2", got, res.Stats.Files)
	}
	for _, f := range res.Findings {
		if f.Secret == toks[2] {
			t.Error("c.py was read after the cancel")
		}
	}
}

// A panic while one staged file is matched (a bug) becomes a warning about
// it, scrubbed of the secret it quotes; the other files are reported.
func TestStagedPanicBecomesWarning(t *testing.T) {
	repo, toks := stagedTokens(t)
	var mu sync.Mutex
	var warns []error
	opts := scanner.WithMatchHook(scanner.Options{Matcher: matcher(), Warn: func(err error) {
		mu.Lock()
		warns = append(warns, err)
		mu.Unlock()
	}}, panicOn("b.py"))
	res, err := scanner.ScanStaged(context.Background(), repo.dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkInternalError(t, warns, "b.py", toks[1])
	if got := strings.Join(findingFiles(res), ","); got != "a.py,c.py" {
		t.Errorf("findings in %s, want a.py and c.py", got)
	}
}
