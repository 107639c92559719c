package scanner_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// Tests of repositories laid out or set up unusually: a .git file (linked
// work trees, --separate-git-dir), the environment git gives its hooks
// (GIT_DIR, GIT_INDEX_FILE), a repository owned by another user, a
// 100 MiB blob and a submodule that points nowhere.

// stagedSecrets runs ScanStaged on dir and returns the secrets it found;
// a warning fails the test.
func stagedSecrets(t *testing.T, dir string) []string {
	t.Helper()
	res, err := scanner.ScanStaged(context.Background(), dir, scanner.Options{
		Matcher: matcher(), Warn: func(err error) { t.Errorf("unexpected warning: %v", err) }})
	if err != nil {
		t.Fatalf("ScanStaged(%s): %v", dir, err)
	}
	var secrets []string
	for _, f := range res.Findings {
		secrets = append(secrets, f.Secret)
	}
	return secrets
}

// A linked work tree (`git worktree add`) has a .git file that names its
// folder in the main repository's .git/worktrees. history and staged work
// from the work tree (or a folder inside it): history sees every ref of
// the shared repository, with in_head about the work tree's HEAD; staged
// reads the work tree's own index.
func TestHistoryStagedLinkedWorktree(t *testing.T) {
	x := newGitRepo(t, 60)
	mainTok := x.plant("main.py")
	c1 := x.commit("main")
	wt := filepath.Join(t.TempDir(), "wt")
	x.git("worktree", "add", "-q", "-b", "side", wt)
	if fi, err := os.Lstat(filepath.Join(wt, ".git")); err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("the work tree's .git is not a file: %v", err)
	}
	w := &gitRepo{t: t, env: x.env, dir: wt, r: x.r, clock: x.clock}
	sideTok := w.plant("lib/side.py")
	c2 := w.commit("side")
	x.clock = w.clock
	// Staged in the main work tree only: not the linked one's commit.
	x.plant("main_staged.py")
	x.git("add", "main_staged.py")
	stagedTok := w.plant("lib/staged.py")
	w.git("add", "lib/staged.py")

	for _, dir := range []string{wt, filepath.Join(wt, "lib")} {
		res := scanHistory(t, dir, scanner.HistoryOptions{})
		checkFindings(t, res,
			wantFinding{secret: mainTok, path: "main.py", commit: c1, inHead: true},
			wantFinding{secret: sideTok, path: "lib/side.py", commit: c2, inHead: true})
		if got := stagedSecrets(t, dir); !slices.Equal(got, []string{stagedTok}) {
			t.Errorf("staged in %s: %d secrets, want the one staged in the linked work tree", dir, len(got))
		}
	}
	// The main work tree: HEAD is main, where side.py never was.
	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res,
		wantFinding{secret: mainTok, path: "main.py", commit: c1, inHead: true},
		wantFinding{secret: sideTok, path: "lib/side.py", commit: c2, inHead: false})
}

// A .git file with "gitdir: PATH" (git init --separate-git-dir, or a
// submodule's checkout) is followed to the repository it names.
func TestHistoryStagedGitdirFile(t *testing.T) {
	needGit(t)
	env := gitEnv(t)
	gitDir := filepath.Join(t.TempDir(), "elsewhere.git")
	x := &gitRepo{t: t, env: env, dir: t.TempDir(), r: newGitRepo(t, 61).r,
		clock: time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)}
	x.git("init", "-q", "-b", "main", "--separate-git-dir", gitDir)
	x.git("config", "user.name", "Ada Lovelace")
	x.git("config", "user.email", "ada@example.com")
	b, err := os.ReadFile(filepath.Join(x.dir, ".git"))
	if err != nil || !strings.HasPrefix(string(b), "gitdir: ") {
		t.Fatalf(".git file: %q, %v", b, err)
	}
	tok := x.plant("bot.py")
	c1 := x.commit("one")
	staged := x.plant("next.py")
	x.git("add", "next.py")

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "bot.py", commit: c1, inHead: true})
	if got := stagedSecrets(t, x.dir); !slices.Equal(got, []string{staged}) {
		t.Errorf("staged: %d secrets, want the staged one", len(got))
	}
}

// In a pre-commit hook git sets GIT_INDEX_FILE (and, in a linked work
// tree, GIT_DIR): `git commit -a` and `git commit PATH` stage into a
// temporary index that only the hook sees. staged reads that index when
// the environment is about the repository scanned (GIT_DIR names its git
// folder, or GIT_DIR is unset and the current folder is inside it), and
// the repository's own index otherwise. GIT_DIR never chooses the
// repository: the REPO argument (default ".") does.
func TestStagedHookEnvironment(t *testing.T) {
	x := newGitRepo(t, 62)
	x.write("bot.py", "x = 1\n")
	x.commit("one")
	other := newGitRepo(t, 63)
	other.write("other.py", "y = 1\n")
	other.commit("other")
	// What `git commit -a` stages: a token in a temporary index only.
	tok := x.plant("bot.py")
	tmpIndex := filepath.Join(x.dir, ".git", "index.lock")
	cmd := gitCommand(append(slices.Clip(x.env), "GIT_INDEX_FILE="+tmpIndex), x.dir, "add", "bot.py")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git add with GIT_INDEX_FILE: %v\n%s", err, out)
	}
	if got := stagedSecrets(t, x.dir); len(got) != 0 {
		t.Fatalf("without the hook's environment: %d secrets, want 0 (the index file has no change)", len(got))
	}

	for _, tc := range []struct {
		name       string
		cwd, repo  string
		gitDir     string
		index      string
		wantSecret bool
	}{
		{"hook in the main work tree", x.dir, ".", "", tmpIndex, true},
		{"relative index name", x.dir, ".", "", ".git/index.lock", true},
		{"GIT_DIR names the repository", x.dir, ".", ".git", tmpIndex, true},
		{"GIT_DIR absolute", other.dir, x.dir, filepath.Join(x.dir, ".git"), tmpIndex, true},
		{"GIT_DIR names another repository", x.dir, ".", filepath.Join(other.dir, ".git"), tmpIndex, false},
		{"REPO is another repository than the hook's", other.dir, x.dir, "", tmpIndex, false},
		{"missing index file is an empty index", x.dir, ".", "", filepath.Join(x.dir, "nothing"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.cwd)
			t.Setenv("GIT_DIR", tc.gitDir)
			if tc.gitDir == "" {
				os.Unsetenv("GIT_DIR")
			}
			t.Setenv("GIT_INDEX_FILE", tc.index)
			got := stagedSecrets(t, tc.repo)
			if want := tc.wantSecret; want != slices.Equal(got, []string{tok}) || (!want && len(got) != 0) {
				t.Errorf("%d secrets, want the token: %v", len(got), want)
			}
		})
	}
}

// git refuses a repository owned by another user (safe.directory) because
// it would run hooks and commands from its config. leakcord only reads
// objects, refs and the index, never runs anything the repository names,
// and reads it anyway. Needs root to chown.
func TestRepositoryOwnedByAnotherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the repository to another user")
	}
	x := newGitRepo(t, 64)
	tok := x.plant("bot.py")
	c1 := x.commit("one")
	staged := x.plant("next.py")
	x.git("add", "next.py")
	// A config that git would act on: leakcord must not run it.
	marker := filepath.Join(t.TempDir(), "ran")
	x.git("config", "core.fsmonitor", "touch "+marker)
	writeFile(t, x.dir, ".git/hooks/post-checkout", "#!/bin/sh\ntouch "+marker+"\n")
	if err := filepath.Walk(x.dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 4242, 4242)
	}); err != nil {
		t.Fatal(err)
	}
	cmd := gitCommand(x.env, x.dir, "log", "-1")
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "dubious ownership") {
		t.Logf("git did not refuse the repository (%v): %s", err, out)
	}

	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "bot.py", commit: c1, inHead: true})
	if got := stagedSecrets(t, x.dir); !slices.Equal(got, []string{staged}) {
		t.Errorf("staged: %d secrets, want the staged one", len(got))
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("the repository's fsmonitor command or hook ran")
	}
}

// A 100 MiB blob over --max-file-size is skipped and counted without
// being read into memory: staged, and in history loose or packed (long).
func TestHistoryHugeBlob(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MiB blob")
	}
	x := newGitRepo(t, 65)
	x.git("config", "gc.auto", "0")
	x.git("config", "core.bigFileThreshold", "1g") // compressed like any blob
	tok := x.plant("bot.py")
	const size = 100 << 20
	f, err := os.Create(filepath.Join(x.dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("0123456789abcdef", 4) + "\n")
	for n := 0; n < size; n += len(line) {
		f.Write(line)
	}
	f.WriteString("TOKEN = \"" + x.token() + "\"\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	x.git("add", "huge.txt", "bot.py")
	t.Run("staged", func(t *testing.T) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		res, err := scanner.ScanStaged(context.Background(), x.dir, scanner.Options{Matcher: matcher()})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 || res.Findings[0].Secret != tok || res.Stats.SkippedLarge != 1 {
			t.Errorf("%d findings, %d skipped as too large; want the one in bot.py and 1", len(res.Findings), res.Stats.SkippedLarge)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
			t.Errorf("the scan allocated %d MiB: the 100 MiB blob was read", alloc>>20)
		}
	})
	c1 := x.commit("huge")

	for _, layout := range []string{"loose", "packed"} {
		t.Run(layout, func(t *testing.T) {
			if layout == "packed" {
				x.git("repack", "-adq")
			}
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			res := scanHistory(t, x.dir, scanner.HistoryOptions{Options: scanner.Options{MaxFileSize: 10 << 20}})
			runtime.ReadMemStats(&after)
			checkFindings(t, res, wantFinding{secret: tok, path: "bot.py", commit: c1, inHead: true})
			if res.Stats.SkippedLarge != 1 {
				t.Errorf("Stats.SkippedLarge = %d, want 1", res.Stats.SkippedLarge)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("the scan allocated %d MiB: the 100 MiB blob was read", alloc>>20)
			}
		})
	}
}

// A submodule that points nowhere (a gitlink to a commit this repository
// does not have, a .gitmodules URL that nothing serves) is skipped and
// counted by history and staged; nothing connects to the URL.
func TestSubmodulePointingNowhere(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	connected := make(chan struct{}, 1)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
			select {
			case connected <- struct{}{}:
			default:
			}
		}
	}()
	url := "http://" + l.Addr().String() + "/nowhere.git"

	x := newGitRepo(t, 66)
	tok := x.plant("bot.py")
	x.write(".gitmodules", "[submodule \"vendor/lib\"]\n\tpath = vendor/lib\n\turl = "+url+"\n")
	x.git("add", ".gitmodules", "bot.py")
	x.git("update-index", "--add", "--cacheinfo", "160000,"+strings.Repeat("ab", 20)+",vendor/lib")
	// Staged first (before the first commit), then history.
	if got := stagedSecrets(t, x.dir); !slices.Equal(got, []string{tok}) {
		t.Errorf("staged: %d secrets, want the one in bot.py", len(got))
	}
	x.git("commit", "-q", "-m", "with a submodule")
	c1 := x.git("rev-parse", "HEAD")
	if out, err := gitCommand(x.env, x.dir, "cat-file", "-e", strings.Repeat("ab", 20)).CombinedOutput(); err == nil {
		t.Fatalf("the submodule's commit exists: %s", out)
	}
	res := scanHistory(t, x.dir, scanner.HistoryOptions{})
	checkFindings(t, res, wantFinding{secret: tok, path: "bot.py", commit: c1, inHead: true})
	if res.Stats.Submodules != 1 || res.Stats.Errors != 0 {
		t.Errorf("Stats: %d submodules, %d errors; want 1, 0", res.Stats.Submodules, res.Stats.Errors)
	}
	select {
	case <-connected:
		t.Error("the scan connected to the submodule's URL")
	default:
	}
}
