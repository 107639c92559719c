package scanner_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// This file holds the fixture helpers of the history tests and the tests of
// introduction attribution on a single line of history. Fixture
// repositories are built with the git CLI in a temporary folder; every
// secret is generated at test time.

// gitRepo is a fixture repository built with the git CLI. Every git command
// it runs gets the next author and committer date of a fake clock, one hour
// apart, so that commit order, dates and IDs are reproducible.
type gitRepo struct {
	t     testing.TB
	env   []string
	dir   string
	r     *rand.Rand
	clock time.Time
}

// newGitRepo initialises a repository whose first branch is main.
func newGitRepo(t testing.TB, seed uint64) *gitRepo {
	t.Helper()
	needGit(t)
	x := &gitRepo{t: t, env: gitEnv(t), dir: t.TempDir(), r: testtoken.New(seed),
		clock: time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)}
	x.git("init", "-q", "-b", "main")
	x.git("config", "user.name", "Ada Lovelace")
	x.git("config", "user.email", "ada@example.com")
	x.git("config", "commit.gpgsign", "false")
	return x
}

// git runs git in the repository with the clock's dates and returns its
// trimmed standard output.
func (x *gitRepo) git(args ...string) string {
	x.t.Helper()
	return strings.TrimSpace(string(git(x.t, x.datedEnv(), x.dir, args...)))
}

// datedEnv returns the environment for the next command and advances the clock.
func (x *gitRepo) datedEnv() []string {
	d := fmt.Sprintf("@%d +0000", x.clock.Unix())
	x.clock = x.clock.Add(time.Hour)
	return append(slices.Clip(x.env), "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
}

// write writes data to the work tree file rel.
func (x *gitRepo) write(rel, data string) { x.t.Helper(); writeFile(x.t, x.dir, rel, data) }

// remove deletes the work tree file rel.
func (x *gitRepo) remove(rel string) {
	x.t.Helper()
	if err := os.Remove(filepath.Join(x.dir, filepath.FromSlash(rel))); err != nil {
		x.t.Fatal(err)
	}
}

// token returns a fresh current-format bot token.
func (x *gitRepo) token() string { return testtoken.BotToken(x.r) }

// plant writes a file that holds a fresh token and returns the token.
func (x *gitRepo) plant(rel string) string {
	x.t.Helper()
	tok := x.token()
	x.write(rel, "TOKEN = \""+tok+"\"\n")
	return tok
}

// commit stages everything and commits it; it returns the commit's SHA.
func (x *gitRepo) commit(msg string) string {
	x.t.Helper()
	x.git("add", "-A")
	x.git("commit", "-q", "--allow-empty", "-m", msg)
	return x.git("rev-parse", "HEAD")
}

// distinctBlobs returns how many distinct blobs the commits reachable from
// every ref hold, as git counts them.
func (x *gitRepo) distinctBlobs() int {
	x.t.Helper()
	n := 0
	for _, l := range strings.Split(x.git("rev-list", "--objects", "--all", "--filter=object:type=blob"), "\n") {
		if strings.Contains(l, " ") { // "hash path": a blob; commits have no path
			n++
		}
	}
	return n
}

// gitCommand returns a git command to run in dir with env.
func gitCommand(env []string, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = env
	return cmd
}

// scanHistory runs ScanHistory on dir with every rule; a warning fails the
// test unless opts.Warn is set.
func scanHistory(t testing.TB, dir string, opts scanner.HistoryOptions) *scanner.Result {
	t.Helper()
	if opts.Matcher == nil {
		opts.Matcher = matcher()
	}
	if opts.Warn == nil {
		opts.Warn = func(err error) { t.Errorf("unexpected warning: %v", err) }
	}
	res, err := scanner.ScanHistory(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("ScanHistory(%s): %v", dir, err)
	}
	if res.Mode != "history" {
		t.Errorf("Mode = %q, want history", res.Mode)
	}
	return res
}

// wantFinding is what a history finding of one (secret, path) must say.
type wantFinding struct {
	secret, path string
	commit       string // SHA of the introducing commit
	inHead       bool
	occurrences  int    // 0: not checked
	lastSeen     string // "": not checked
}

// checkFindings fails unless res holds exactly the findings of want.
func checkFindings(t testing.TB, res *scanner.Result, want ...wantFinding) {
	t.Helper()
	if len(res.Findings) != len(want) {
		t.Errorf("%d findings, want %d:%s", len(res.Findings), len(want), describe(res))
	}
	for _, w := range want {
		f := lookup(res, w.secret, w.path)
		if f == nil {
			t.Errorf("no finding of %s at %s:%s", scanner.Redact("", w.secret), w.path, describe(res))
			continue
		}
		if f.Commit == nil || f.Commit.SHA != w.commit {
			t.Errorf("%s: attributed to %s, want %.12s", w.path, commitOf(f), w.commit)
		}
		if f.InHead == nil || *f.InHead != w.inHead {
			t.Errorf("%s (%.12s): in_head %v, want %v", w.path, w.commit, ptrString(f.InHead), w.inHead)
		}
		if w.occurrences != 0 && f.Occurrences != w.occurrences {
			t.Errorf("%s (%.12s): occurrences %d, want %d", w.path, w.commit, f.Occurrences, w.occurrences)
		}
		if w.lastSeen != "" && f.LastSeenCommit != w.lastSeen {
			t.Errorf("%s (%.12s): last seen in %.12s, want %.12s", w.path, w.commit, f.LastSeenCommit, w.lastSeen)
		}
		if f.Fingerprint != scanner.Fingerprint(f.RuleID, w.path, scanner.SecretHash(w.secret)) {
			t.Errorf("%s: fingerprint does not name the path", w.path)
		}
	}
}

// lookup returns the finding of secret at path, or nil.
func lookup(res *scanner.Result, secret, path string) *scanner.Finding {
	for i, f := range res.Findings {
		if f.Secret == secret && f.File == path {
			return &res.Findings[i]
		}
	}
	return nil
}

// describe lists the findings of res without their secrets.
func describe(res *scanner.Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "\n  %s %s:%d commit %s in_head %s occurrences %d",
			f.RedactedSecret(), f.File, f.Line, commitOf(&f), ptrString(f.InHead), f.Occurrences)
	}
	return b.String()
}

func commitOf(f *scanner.Finding) string {
	if f.Commit == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%.12s (%s)", f.Commit.SHA, f.Commit.Message)
}

func ptrString(b *bool) string {
	if b == nil {
		return "<nil>"
	}
	return fmt.Sprint(*b)
}

// A token added in the second commit and kept through the fifth, while its
// file and others change, is one finding of the second commit that every
// later commit carries; each file version is read once.
func TestHistoryIntroduction(t *testing.T) {
	x := newGitRepo(t, 1)
	x.write("README.md", "# bot\n")
	x.commit("initial")
	x.write("README.md", "# bot\n\nA Discord bot.\n")
	tok := x.plant("config.py")
	c2 := x.commit("add config")
	x.write("README.md", "# bot\n\nA Discord bot.\nRun it.\n")
	x.commit("docs")
	x.write("config.py", "PREFIX = \"!\"\nTOKEN = \""+tok+"\"\n")
	x.commit("prefix")
	x.write("main.py", "import config\n")
	c5 := x.commit("main")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "config.py", commit: c2, inHead: true, occurrences: 4, lastSeen: c5})
	if f := lookup(res, tok, "config.py"); f != nil && f.Line != 1 {
		// The first version holds it on line 1, the one in HEAD on line 2:
		// the finding is located in the introducing version.
		t.Errorf("line %d, want 1 (as in the introducing commit)", f.Line)
	}
	if res.Stats.Commits != 5 {
		t.Errorf("Stats.Commits = %d, want 5", res.Stats.Commits)
	}
	// README ×3, config.py ×2, main.py ×1.
	if want := x.distinctBlobs(); want != 6 || res.Stats.Files != want {
		t.Errorf("Stats.Files = %d, want %d distinct blobs (6)", res.Stats.Files, want)
	}
}

// A token deleted from the tip is still a finding, no longer in HEAD; its
// last sighting is the commit before the deletion.
func TestHistoryRemoved(t *testing.T) {
	for _, how := range []string{"line", "file"} {
		t.Run(how, func(t *testing.T) {
			x := newGitRepo(t, 2)
			x.write("README.md", "# bot\n")
			tok := x.plant("config.py")
			c1 := x.commit("add config")
			x.write("README.md", "# bot\n\nUse DISCORD_TOKEN.\n")
			c2 := x.commit("docs")
			if how == "line" {
				x.write("config.py", "import os\nTOKEN = os.environ[\"DISCORD_TOKEN\"]\n")
			} else {
				x.remove("config.py")
			}
			x.commit("remove the token")
			x.write("README.md", "# bot\n")
			x.commit("docs again")

			res := scanHistory(t, x.dir, scanner.HistoryOptions{})
			checkFindings(t, res, wantFinding{secret: tok, path: "config.py", commit: c1, inHead: false, occurrences: 2, lastSeen: c2})
		})
	}
}

// A token removed and added again at the same path stays one finding of
// the first commit; the version added again is not read twice when it is
// the same blob.
func TestHistoryReintroduced(t *testing.T) {
	x := newGitRepo(t, 3)
	x.write("README.md", "# bot\n")
	tok := x.plant("config.py")
	c1 := x.commit("add config")
	x.remove("config.py")
	x.commit("remove config")
	x.write("config.py", "TOKEN = \""+tok+"\"\n") // the same blob as in c1
	x.commit("restore config")
	x.write("config.py", "# restored\nTOKEN = \""+tok+"\"\n")
	c4 := x.commit("comment")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "config.py", commit: c1, inHead: true, occurrences: 3, lastSeen: c4})
	if want := x.distinctBlobs(); want != 3 || res.Stats.Files != want {
		t.Errorf("Stats.Files = %d, want %d distinct blobs (3)", res.Stats.Files, want)
	}
}

// A token copied to another path is a second finding, of the commit that
// made the copy; the copy is the same blob and is read once.
func TestHistoryCopy(t *testing.T) {
	x := newGitRepo(t, 4)
	tok := x.plant("config.py")
	c1 := x.commit("add config")
	data, err := os.ReadFile(filepath.Join(x.dir, "config.py"))
	if err != nil {
		t.Fatal(err)
	}
	x.write("backup/config.py", string(data))
	c2 := x.commit("backup")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res,
		wantFinding{secret: tok, path: "config.py", commit: c1, inHead: true, occurrences: 2, lastSeen: c2},
		wantFinding{secret: tok, path: "backup/config.py", commit: c2, inHead: true, occurrences: 1, lastSeen: c2})
	if res.Stats.Files != 1 {
		t.Errorf("Stats.Files = %d, want 1 (one blob at two paths)", res.Stats.Files)
	}
}

// A renamed file is a new path: the token is reported at the new path,
// attributed to the rename commit, and at the old path, no longer in HEAD.
// History scanning does not follow renames (as `git log` does not without
// --follow): a (secret, path) pair is the unit of a finding, and the old
// path is where anyone with a clone finds the secret first.
func TestHistoryRename(t *testing.T) {
	x := newGitRepo(t, 5)
	tok := x.plant("config.py")
	x.write("README.md", "# bot\n")
	c1 := x.commit("add config")
	x.git("mv", "config.py", "settings.py")
	c2 := x.commit("rename config")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res,
		wantFinding{secret: tok, path: "config.py", commit: c1, inHead: false, occurrences: 1, lastSeen: c1},
		wantFinding{secret: tok, path: "settings.py", commit: c2, inHead: true, occurrences: 1, lastSeen: c2})
	if res.Stats.Files != 2 {
		t.Errorf("Stats.Files = %d, want 2", res.Stats.Files)
	}
}

// Each distinct blob is read once, whatever the number of commits, paths
// and branches that hold it: Stats.Files equals git's count of reachable
// blobs.
func TestHistoryBlobsReadOnce(t *testing.T) {
	x := newGitRepo(t, 6)
	tok := x.token()
	same := "TOKEN = \"" + tok + "\"\n"
	for i := range 6 {
		x.write(fmt.Sprintf("copies/%d.py", i%3), same)
		x.write("counter.txt", fmt.Sprintf("%d\n", i%2)) // flips between two blobs
		x.write(fmt.Sprintf("dir%d/same.txt", i), "unchanged\n")
		x.commit(fmt.Sprintf("step %d", i))
	}
	x.git("checkout", "-q", "-b", "side", "HEAD~3")
	x.write("copies/9.py", same)
	x.write("counter.txt", "0\n")
	x.commit("side")
	x.git("checkout", "-q", "main")
	x.git("merge", "-q", "--no-ff", "-m", "merge side", "side")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	if want := x.distinctBlobs(); res.Stats.Files != want {
		t.Errorf("Stats.Files = %d, want %d (git's count of distinct blobs)", res.Stats.Files, want)
	}
	if want := []string{"copies/0.py", "copies/1.py", "copies/2.py", "copies/9.py"}; !slices.Equal(findingFiles(res), want) {
		t.Errorf("files %q, want %q", findingFiles(res), want)
	}
}

// The commit of a finding tells who wrote it and when (the author, not
// the committer) and the first line of its message.
func TestHistoryCommitFields(t *testing.T) {
	x := newGitRepo(t, 7)
	tok := x.plant("bot.py")
	x.git("add", "-A")
	env := append(slices.Clip(x.env),
		"GIT_AUTHOR_NAME=Grace Hopper", "GIT_AUTHOR_EMAIL=grace@example.org",
		"GIT_AUTHOR_DATE=@1700000000 +0200",
		"GIT_COMMITTER_NAME=Release Bot", "GIT_COMMITTER_EMAIL=bot@example.net",
		"GIT_COMMITTER_DATE=@1710000000 +0000")
	git(t, env, x.dir, "commit", "-q", "-m", "Add the bot\n\nWith its token, for now.\n")
	sha := x.git("rev-parse", "HEAD")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	f := lookup(res, tok, "bot.py")
	if f == nil || f.Commit == nil {
		t.Fatalf("no finding with a commit:%s", describe(res))
	}
	c := f.Commit
	if c.SHA != sha || c.Author != "Grace Hopper" || c.Email != "grace@example.org" || c.Message != "Add the bot" {
		t.Errorf("commit = %+v, want %s by Grace Hopper <grace@example.org>, \"Add the bot\"", *c, sha)
	}
	if !c.Date.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("date %v, want the author date %v", c.Date, time.Unix(1700000000, 0).UTC())
	}
	if _, off := c.Date.Zone(); off != 2*3600 {
		t.Errorf("date %v: zone offset %d, want the author's +0200", c.Date, off)
	}
}
