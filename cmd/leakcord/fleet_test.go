package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/gittest"
	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/fleet"
)

// The fleet tests: 200 small repositories, generated with one
// `git fast-import` each, some with planted leaks (in HEAD, removed from
// HEAD, on a branch only, the same token in several repositories), plus
// one corrupt repository; scanned locally and over a git daemon on
// 127.0.0.1, in 4 shards that run separately and are merged.

const fleetSize = 200

// fleetRepo is one generated repository and what it leaks.
type fleetRepo struct {
	name  string        // r000.git
	dir   string        // its bare repository
	leaks []plantedLeak // what a history scan must find
}

// plantedLeak is one (secret, path) a repository holds in its history.
type plantedLeak struct {
	path, sha string // sha: scanner.SecretHash of the secret
}

// fleetGitEnv is the environment of the test's git commands: no GIT_*
// variables from outside, no system or global configuration.
func fleetGitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	return append(env, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
}

// buildFleet writes n bare repositories under dir/repos: each an empty
// repository laid out by hand, filled by one `git fast-import`.
func buildFleet(t testing.TB, dir string, n int) []fleetRepo {
	t.Helper()
	shared := testtoken.BotToken(testtoken.New(999)) // leaked in every 20th repository
	var repos []fleetRepo
	for i := range n {
		r := fleetRepo{name: fmt.Sprintf("r%03d.git", i), dir: filepath.Join(dir, "repos", fmt.Sprintf("r%03d.git", i))}
		rng := testtoken.New(uint64(i) + 1)
		var stream bytes.Buffer
		when := int64(1700000000 + i*1000)
		commit := func(ref, msg string, from string, files map[string]string, deletes ...string) {
			when += 60
			fmt.Fprintf(&stream, "commit %s\nauthor Fleet <fleet@example.com> %d +0000\ncommitter Fleet <fleet@example.com> %d +0000\ndata %d\n%s\n",
				ref, when, when, len(msg), msg)
			if from != "" {
				fmt.Fprintf(&stream, "from %s\n", from)
			}
			for _, p := range slices.Sorted(mapsKeys(files)) {
				fmt.Fprintf(&stream, "M 100644 inline %s\ndata %d\n%s\n", p, len(files[p]), files[p])
			}
			for _, p := range deletes {
				fmt.Fprintf(&stream, "D %s\n", p)
			}
		}
		commit("refs/heads/main", "initial commit", "", map[string]string{
			"README.md":   fmt.Sprintf("# service %d\n\nSet DISCORD_TOKEN in the environment.\n", i),
			"src/main.py": fmt.Sprintf("import os\n\nTOKEN = os.environ[\"DISCORD_TOKEN\"]\nSHARD = %d\n", i),
		})
		if i%4 == 0 {
			tok := testtoken.BotToken(rng)
			if i%20 == 0 {
				tok = shared
			}
			commit("refs/heads/main", "add settings", "", map[string]string{"config/settings.py": "DISCORD_TOKEN = \"" + tok + "\"\n"})
			r.leaks = append(r.leaks, plantedLeak{"config/settings.py", scanner.SecretHash(tok)})
			if i%8 == 0 {
				commit("refs/heads/main", "remove the token", "", nil, "config/settings.py")
			}
		}
		if i%6 == 0 {
			hook := testtoken.WebhookURL(rng, "discord.com", "")
			commit("refs/heads/feature", "notify on deploy", "refs/heads/main", map[string]string{"notify.py": "HOOK = '" + hook + "'\n"})
			r.leaks = append(r.leaks, plantedLeak{"notify.py", scanner.SecretHash(hook)})
		}
		commit("refs/heads/main", "bump", "", map[string]string{"VERSION": fmt.Sprintf("1.%d\n", i)})

		for _, d := range []string{"objects/info", "objects/pack", "refs/heads", "refs/tags"} {
			if err := os.MkdirAll(filepath.Join(r.dir, d), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		writeTestFile(t, filepath.Join(r.dir, "HEAD"), "ref: refs/heads/main\n")
		writeTestFile(t, filepath.Join(r.dir, "config"), "[core]\n\trepositoryformatversion = 0\n\tbare = true\n")
		cmd := exec.Command("git", "--git-dir="+r.dir, "fast-import", "--quiet")
		cmd.Env = fleetGitEnv()
		cmd.Stdin = &stream
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("fast-import %s: %v\n%s", r.name, err, out)
		}
		repos = append(repos, r)
	}
	return repos
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func writeTestFile(t testing.TB, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// corruptRepo copies the repository from into dir and garbles every
// object it holds, loose or packed: its refs name objects nobody can read.
func corruptRepo(t testing.TB, from, dir string) {
	t.Helper()
	cmd := exec.Command("cp", "-R", from, dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	n := 0
	err := filepath.WalkDir(filepath.Join(dir, "objects"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, string(filepath.Separator)+"info"+string(filepath.Separator)) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i := range data {
			data[i] ^= 0x5a
		}
		n++
		os.Chmod(p, 0o644)
		return os.WriteFile(p, data, 0o644)
	})
	if err != nil || n == 0 {
		t.Fatalf("corrupting %s: %v (%d objects)", dir, err, n)
	}
}

// runCLI runs leakcord in-process and returns its exit code and stderr.
func runCLI(t testing.TB, args ...string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stderr.String() + stdout.String()
}

// readJSONL reads the findings of a jsonl report: repository, file and
// secret hash of each.
func readJSONL(t testing.TB, name string) []map[string]any {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, m)
	}
	return out
}

// checkLeaks requires that findings hold every planted leak of repos, named
// by name(repo), and nothing else.
func checkLeaks(t *testing.T, findings []map[string]any, repos []fleetRepo, name func(fleetRepo) string) {
	t.Helper()
	type key struct{ repo, path, sha string }
	got := make(map[key]int)
	for _, f := range findings {
		got[key{f["repository"].(string), f["file"].(string), f["secret_sha256"].(string)}]++
	}
	want := 0
	for _, r := range repos {
		for _, l := range r.leaks {
			want++
			k := key{name(r), l.path, l.sha}
			if got[k] != 1 {
				t.Errorf("%s %s: found %d times, want once", k.repo, k.path, got[k])
			}
			delete(got, k)
		}
	}
	for k, n := range got {
		t.Errorf("unexpected finding %s %s (%d)", k.repo, k.path, n)
	}
	if want < 50 {
		t.Fatalf("only %d leaks planted", want)
	}
}

// shardRun is the outcome of scanning one shard.
type shardRun struct {
	report, state string
	code          int
	output        string
	took          time.Duration
}

// runShards scans the list in n shards, one after another, each with its
// own report and state file, and returns them.
func runShards(t testing.TB, dir, list string, n int, extra ...string) []shardRun {
	t.Helper()
	var runs []shardRun
	for k := 1; k <= n; k++ {
		s := shardRun{report: filepath.Join(dir, fmt.Sprintf("shard-%d.jsonl", k)), state: filepath.Join(dir, fmt.Sprintf("state-%d.json", k))}
		start := time.Now()
		args := append([]string{"history", "-q", "--repos", list, "--shard", fmt.Sprintf("%d/%d", k, n),
			"--state", s.state, "-f", "jsonl", "-o", s.report}, extra...)
		s.code, s.output = runCLI(t, args...)
		s.took = time.Since(start)
		runs = append(runs, s)
	}
	return runs
}

func TestFleet200(t *testing.T) {
	if testing.Short() {
		t.Skip("the 200-repository fleet takes several seconds")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	t.Setenv("TMPDIR", t.TempDir()) // where remote clones go; checked empty below
	dir := t.TempDir()
	start := time.Now()
	repos := buildFleet(t, dir, fleetSize)
	corrupt := filepath.Join(dir, "repos", "corrupt.git")
	corruptRepo(t, repos[4].dir, corrupt)
	t.Logf("built %d repositories in %v", len(repos), time.Since(start))

	local := func(r fleetRepo) string { return r.dir }
	writeList := func(name string, target func(fleetRepo) string, extra string) string {
		var b strings.Builder
		b.WriteString("# generated fleet\n")
		for _, r := range repos {
			b.WriteString(target(r) + "\n")
		}
		b.WriteString(extra + "\n")
		p := filepath.Join(dir, name)
		writeTestFile(t, p, b.String())
		return p
	}

	t.Run("local", func(t *testing.T) {
		work := t.TempDir()
		list := writeList("local.txt", local, corrupt)
		fleetCase(t, work, list, repos, local, corrupt)
	})

	t.Run("daemon", func(t *testing.T) {
		base := gittest.Daemon(t, fleetGitEnv(), filepath.Join(dir, "repos"), "--max-connections=64")
		remote := func(r fleetRepo) string { return base + "/" + r.name }
		work := t.TempDir()
		list := writeList("remote.txt", remote, base+"/corrupt.git")
		fleetCase(t, work, list, repos, remote, base+"/corrupt.git")
	})

	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("temporary clones left behind: %d entries", len(left))
	}
}

// fleetCase scans the fleet in one run and in 4 shards, merges the shards
// and checks the result, then re-runs a shard with its state.
func fleetCase(t *testing.T, work, list string, repos []fleetRepo, name func(fleetRepo) string, corrupt string) {
	// One run over the whole list, for the findings and the time to beat.
	start := time.Now()
	all := filepath.Join(work, "all.jsonl")
	code, out := runCLI(t, "history", "-q", "--repos", list, "-f", "jsonl", "-o", all, "--state", filepath.Join(work, "state-all.json"))
	whole := time.Since(start)
	if code != exitError || !strings.Contains(out, "repository "+fleet.Name(corrupt)+": ") || !strings.Contains(out, "1 of 201 repositories could not be scanned") {
		t.Fatalf("whole run: exit %d, want 2 for the corrupt repository:\n%s", code, out)
	}
	checkLeaks(t, readJSONL(t, all), repos, name)

	// 4 shards, run separately, then merged.
	runs := runShards(t, work, list, 4)
	var sum time.Duration
	var reports []string
	scanned := make(map[string]int)
	failedIn := 0
	for k, s := range runs {
		sum += s.took
		reports = append(reports, s.report)
		if strings.Contains(s.output, fleet.Name(corrupt)) {
			failedIn++
			if s.code != exitError {
				t.Errorf("shard %d holds the corrupt repository: exit %d, want 2", k+1, s.code)
			}
		} else if s.code != exitFindings {
			t.Errorf("shard %d: exit %d, want 1\n%s", k+1, s.code, s.output)
		}
		st, err := fleet.LoadState(s.state)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range st.Names() {
			scanned[n]++
		}
	}
	if failedIn != 1 {
		t.Errorf("the corrupt repository was reported by %d shards, want 1", failedIn)
	}
	for _, r := range repos {
		if scanned[name(r)] != 1 {
			t.Errorf("%s was scanned by %d shards, want 1", name(r), scanned[name(r)])
		}
	}
	if len(scanned) != len(repos) {
		t.Errorf("%d repositories recorded, want %d", len(scanned), len(repos))
	}
	merged := filepath.Join(work, "merged.jsonl")
	if code, out := runCLI(t, append([]string{"merge", "-f", "jsonl", "-o", merged}, reports...)...); code != exitFindings {
		t.Fatalf("merge: exit %d\n%s", code, out)
	}
	checkLeaks(t, readJSONL(t, merged), repos, name)
	if a, b := readFile(t, all), readFile(t, merged); a != b {
		t.Error("the merged shards differ from the whole run")
	}
	t.Logf("%s: whole run %v (%.0f repositories/min), 4 shards %v in sum (%+.0f%%)", filepath.Base(list),
		whole.Round(time.Millisecond), float64(len(repos)+1)/whole.Minutes(), sum.Round(time.Millisecond),
		100*(sum.Seconds()-whole.Seconds())/whole.Seconds())
	if sum > 2*whole+2*time.Second {
		t.Errorf("4 shards took %v in sum, one run %v: sharding costs more than its share", sum, whole)
	}

	// Resume: nothing changed, so a re-run of shard 1 scans nothing and
	// reports the same findings.
	before := readFile(t, runs[0].report)
	rerun := runShards(t, work, list, 4)[0]
	if got := readFile(t, rerun.report); got != before {
		t.Error("a resumed shard reports other findings")
	}
	if rerun.took > runs[0].took {
		t.Logf("resumed shard 1 took %v, the first run %v", rerun.took, runs[0].took)
	}
	code, out = runCLI(t, "history", "--repos", list, "--shard", "1/4", "--state", runs[0].state, "--no-progress")
	if !strings.Contains(out, "unchanged since the state file") || strings.Contains(out, "scanned incrementally") {
		t.Errorf("resume: exit %d, output lacks the unchanged repositories:\n%.600s", code, out)
	}
	t.Logf("resumed shard 1: %v, the first run %v", rerun.took, runs[0].took)
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
