package scanner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// Tests of which commits a history scan visits (refs, merges, filters) and
// of attribution across branches.

// A token introduced on a feature branch and merged is the feature
// commit's, not the merge's.
func TestHistoryMergedBranch(t *testing.T) {
	x := newGitRepo(t, 10)
	x.write("README.md", "# bot\n")
	x.commit("initial")
	x.git("checkout", "-q", "-b", "feature")
	tok := x.plant("bot/config.py")
	f1 := x.commit("feature: config")
	x.write("bot/main.py", "import config\n")
	x.commit("feature: main")
	x.git("checkout", "-q", "main")
	x.write("README.md", "# bot\n\nSoon.\n")
	x.commit("docs on main")
	mergeDate := x.clock
	x.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
	merge := x.git("rev-parse", "HEAD")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	// f1, its child on feature, and the merge carry it.
	checkFindings(t, res, wantFinding{secret: tok, path: "bot/config.py", commit: f1, inHead: true, occurrences: 3, lastSeen: merge})

	// The merge alone introduces nothing: its second parent has the file.
	res = scanHistory(t, x.dir, scanner.HistoryOptions{Since: mergeDate})
	checkFindings(t, res)
	if res.Stats.Commits != 1 || res.Stats.Files != 0 {
		t.Errorf("the merge alone: %d commits, %d files scanned; want 1, 0", res.Stats.Commits, res.Stats.Files)
	}
}

// A blob that neither parent of a merge holds (a conflict resolved with a
// new token) is the merge's.
func TestHistoryMergeIntroduces(t *testing.T) {
	x := newGitRepo(t, 11)
	x.write("config.ini", "[bot]\nprefix = !\n")
	x.commit("initial")
	x.git("checkout", "-q", "-b", "feature")
	x.write("config.ini", "[bot]\nprefix = ?\n")
	x.commit("feature prefix")
	x.git("checkout", "-q", "main")
	x.write("config.ini", "[bot]\nprefix = $\n")
	x.commit("main prefix")
	cmd := x.datedEnv()
	if _, err := runGit(cmd, x.dir, "merge", "-q", "feature"); err == nil {
		t.Fatal("merge did not conflict")
	}
	tok := x.token()
	x.write("config.ini", "[bot]\nprefix = !\ntoken = "+tok+"\n")
	merge := x.commit("merge feature, with the token")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "config.ini", commit: merge, inHead: true, occurrences: 1, lastSeen: merge})
}

// An orphan branch (a second root commit) is scanned; HEAD stays on main,
// so its token is not in HEAD.
func TestHistoryOrphanBranch(t *testing.T) {
	x := newGitRepo(t, 12)
	x.write("README.md", "# bot\n")
	x.commit("initial")
	x.git("checkout", "-q", "--orphan", "pages")
	x.git("rm", "-q", "-r", "--cached", ".")
	x.remove("README.md")
	tok := x.plant("site/deploy.sh")
	orphan := x.commit("pages root")
	x.git("checkout", "-q", "main")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "site/deploy.sh", commit: orphan, inHead: false})
	if res.Stats.Commits != 2 {
		t.Errorf("Stats.Commits = %d, want 2", res.Stats.Commits)
	}
}

// Commits reachable only from a tag (lightweight, annotated, or a tag of a
// tag) are scanned.
func TestHistoryTagsOnly(t *testing.T) {
	x := newGitRepo(t, 13)
	x.write("README.md", "# bot\n")
	x.commit("initial")
	var toks, shas []string
	for _, tag := range []string{"light", "annotated", "nested"} {
		x.git("checkout", "-q", "-b", "tmp", "main")
		toks = append(toks, x.plant(tag+".py"))
		shas = append(shas, x.commit("release "+tag))
		switch tag {
		case "light":
			x.git("tag", "v-light")
		case "annotated":
			x.git("tag", "-a", "-m", "annotated release", "v-annotated")
		case "nested":
			x.git("tag", "-a", "-m", "inner", "v-inner")
			x.git("tag", "-a", "-m", "outer", "v-outer", "v-inner")
			x.git("tag", "-d", "v-inner")
		}
		x.git("checkout", "-q", "main")
		x.git("branch", "-q", "-D", "tmp")
	}

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res,
		wantFinding{secret: toks[0], path: "light.py", commit: shas[0]},
		wantFinding{secret: toks[1], path: "annotated.py", commit: shas[1]},
		wantFinding{secret: toks[2], path: "nested.py", commit: shas[2]})

	// --branch accepts a tag, annotated or not.
	res = scanHistory(t, x.dir, scanner.HistoryOptions{Branches: []string{"v-annotated"}})
	checkFindings(t, res, wantFinding{secret: toks[1], path: "annotated.py", commit: shas[1], inHead: true})
}

// A stash holds work-tree changes that were never committed: a token in a
// tracked file's change, and with -u one in an untracked file.
func TestHistoryStash(t *testing.T) {
	x := newGitRepo(t, 14)
	x.write("config.py", "TOKEN = None\n")
	x.commit("initial")
	tracked := x.plant("config.py")
	untracked := x.plant("notes.txt")
	x.git("stash", "push", "-q", "-u")
	stash := x.git("rev-parse", "refs/stash")
	untrackedCommit := x.git("rev-parse", "refs/stash^3")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res,
		wantFinding{secret: tracked, path: "config.py", commit: stash, inHead: false},
		wantFinding{secret: untracked, path: "notes.txt", commit: untrackedCommit, inHead: false})
}

// twoBranches builds main (a token in c1, another in c2) and feature
// (forked at c1, a token in f1 and another in f2); HEAD is main.
type twoBranches struct {
	x                          *gitRepo
	c1, c2, f1, f2             string
	tokC1, tokC2, tokF1, tokF2 string
}

func newTwoBranches(t *testing.T) *twoBranches {
	x := newGitRepo(t, 15)
	b := &twoBranches{x: x}
	b.tokC1 = x.plant("main1.py")
	b.c1 = x.commit("c1")
	x.git("checkout", "-q", "-b", "feature")
	b.tokF1 = x.plant("feature1.py")
	b.f1 = x.commit("f1")
	b.tokF2 = x.plant("feature2.py")
	b.f2 = x.commit("f2")
	x.git("checkout", "-q", "main")
	b.tokC2 = x.plant("main2.py")
	b.c2 = x.commit("c2")
	return b
}

// --branch limits the scan to the commits reachable from the refs named;
// in_head then follows the (first) branch scanned.
func TestHistoryBranchOption(t *testing.T) {
	b := newTwoBranches(t)
	res := scanHistory(t, b.x.dir, scanner.HistoryOptions{Branches: []string{"main"}})
	checkFindings(t, res,
		wantFinding{secret: b.tokC1, path: "main1.py", commit: b.c1, inHead: true},
		wantFinding{secret: b.tokC2, path: "main2.py", commit: b.c2, inHead: true})
	if res.Stats.Commits != 2 {
		t.Errorf("Stats.Commits = %d, want 2", res.Stats.Commits)
	}

	res = scanHistory(t, b.x.dir, scanner.HistoryOptions{Branches: []string{"feature"}})
	checkFindings(t, res,
		wantFinding{secret: b.tokC1, path: "main1.py", commit: b.c1, inHead: true},
		wantFinding{secret: b.tokF1, path: "feature1.py", commit: b.f1, inHead: true},
		wantFinding{secret: b.tokF2, path: "feature2.py", commit: b.f2, inHead: true})

	// An explicit Head overrides it.
	res = scanHistory(t, b.x.dir, scanner.HistoryOptions{Branches: []string{"feature"}, Head: "main"})
	checkFindings(t, res,
		wantFinding{secret: b.tokC1, path: "main1.py", commit: b.c1, inHead: true},
		wantFinding{secret: b.tokF1, path: "feature1.py", commit: b.f1, inHead: false},
		wantFinding{secret: b.tokF2, path: "feature2.py", commit: b.f2, inHead: false})

	res = scanHistory(t, b.x.dir, scanner.HistoryOptions{Branches: []string{"main", "feature"}})
	if len(res.Findings) != 4 {
		t.Errorf("main and feature: %d findings, want 4:%s", len(res.Findings), describe(res))
	}

	_, err := scanner.ScanHistory(context.Background(), b.x.dir, scanner.HistoryOptions{
		Options: scanner.Options{Matcher: matcher()}, Branches: []string{"no-such-branch"}})
	if err == nil || !strings.Contains(err.Error(), "no-such-branch") {
		t.Errorf("unknown branch: err = %v, want one naming it", err)
	}
}

// --since-commit scans only the commits that SHA cannot reach; what the
// commit after it inherits is not that commit's introduction.
func TestHistorySinceCommit(t *testing.T) {
	b := newTwoBranches(t)
	res := scanHistory(t, b.x.dir, scanner.HistoryOptions{SinceCommit: b.c1})
	checkFindings(t, res,
		wantFinding{secret: b.tokF1, path: "feature1.py", commit: b.f1, inHead: false},
		wantFinding{secret: b.tokF2, path: "feature2.py", commit: b.f2, inHead: false},
		wantFinding{secret: b.tokC2, path: "main2.py", commit: b.c2, inHead: true})
	if res.Stats.Commits != 3 {
		t.Errorf("Stats.Commits = %d, want 3", res.Stats.Commits)
	}

	// A short SHA and a branch name work too.
	res = scanHistory(t, b.x.dir, scanner.HistoryOptions{SinceCommit: b.f1[:10], Branches: []string{"feature"}})
	checkFindings(t, res, wantFinding{secret: b.tokF2, path: "feature2.py", commit: b.f2, inHead: true})
	res = scanHistory(t, b.x.dir, scanner.HistoryOptions{SinceCommit: "feature", Branches: []string{"feature"}})
	checkFindings(t, res)

	_, err := scanner.ScanHistory(context.Background(), b.x.dir, scanner.HistoryOptions{
		Options: scanner.Options{Matcher: matcher()}, SinceCommit: "0123456789abcdef0123456789abcdef01234567"})
	if err == nil {
		t.Error("unknown --since-commit: no error")
	}
}

// --range A..B scans the commits of a pull request: what B adds over A,
// each secret attributed to the commit of B's line that added it.
func TestHistoryRange(t *testing.T) {
	b := newTwoBranches(t)
	res := scanHistory(t, b.x.dir, scanner.HistoryOptions{Range: "main..feature"})
	checkFindings(t, res,
		wantFinding{secret: b.tokF1, path: "feature1.py", commit: b.f1, inHead: true},
		wantFinding{secret: b.tokF2, path: "feature2.py", commit: b.f2, inHead: true})
	if res.Stats.Commits != 2 {
		t.Errorf("Stats.Commits = %d, want 2", res.Stats.Commits)
	}

	res = scanHistory(t, b.x.dir, scanner.HistoryOptions{Range: b.f1 + "..feature"})
	checkFindings(t, res, wantFinding{secret: b.tokF2, path: "feature2.py", commit: b.f2, inHead: true})

	for _, bad := range []string{"main", "main..", "..feature", "main...feature", "main..nope"} {
		_, err := scanner.ScanHistory(context.Background(), b.x.dir, scanner.HistoryOptions{
			Options: scanner.Options{Matcher: matcher()}, Range: bad})
		if err == nil {
			t.Errorf("--range %q: no error", bad)
		}
	}
}

// --since and --until keep the commits whose committer date lies in the
// window; a secret that an older commit introduced is not reported by a
// newer one that merely keeps it.
func TestHistorySinceUntil(t *testing.T) {
	x := newGitRepo(t, 16)
	var toks, shas []string
	for i, month := range []time.Month{time.January, time.February, time.March} {
		x.clock = time.Date(2024, month, 10, 12, 0, 0, 0, time.UTC)
		toks = append(toks, x.plant("m"+string(rune('1'+i))+".py"))
		shas = append(shas, x.commit(month.String()))
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 0, 0, 0, 0, time.UTC) }

	res := scanHistory(t, x.dir, scanner.HistoryOptions{Since: day(time.February, 1)})
	checkFindings(t, res,
		wantFinding{secret: toks[1], path: "m2.py", commit: shas[1], inHead: true},
		wantFinding{secret: toks[2], path: "m3.py", commit: shas[2], inHead: true})
	if res.Stats.Commits != 2 {
		t.Errorf("Stats.Commits = %d, want 2", res.Stats.Commits)
	}

	res = scanHistory(t, x.dir, scanner.HistoryOptions{Until: day(time.February, 28)})
	checkFindings(t, res,
		wantFinding{secret: toks[0], path: "m1.py", commit: shas[0], inHead: true},
		wantFinding{secret: toks[1], path: "m2.py", commit: shas[1], inHead: true})

	res = scanHistory(t, x.dir, scanner.HistoryOptions{Since: day(time.February, 1), Until: day(time.February, 28)})
	checkFindings(t, res, wantFinding{secret: toks[1], path: "m2.py", commit: shas[1], inHead: true})

	res = scanHistory(t, x.dir, scanner.HistoryOptions{Since: day(time.April, 1)})
	checkFindings(t, res)
}

// --max-commits keeps the newest N commits.
func TestHistoryMaxCommits(t *testing.T) {
	x := newGitRepo(t, 17)
	var toks, shas []string
	for i := range 4 {
		toks = append(toks, x.plant("f"+string(rune('0'+i))+".py"))
		shas = append(shas, x.commit("commit"))
	}
	res := scanHistory(t, x.dir, scanner.HistoryOptions{MaxCommits: 2})
	checkFindings(t, res,
		wantFinding{secret: toks[2], path: "f2.py", commit: shas[2], inHead: true},
		wantFinding{secret: toks[3], path: "f3.py", commit: shas[3], inHead: true})
	if res.Stats.Commits != 2 {
		t.Errorf("Stats.Commits = %d, want 2", res.Stats.Commits)
	}
	if res.Stats.Files != 2 {
		t.Errorf("Stats.Files = %d, want 2", res.Stats.Files)
	}
}

// runGit runs git and returns its combined output, for commands that are
// expected to fail.
func runGit(env []string, dir string, args ...string) ([]byte, error) {
	return gitCommand(env, dir, args...).CombinedOutput()
}
