package scanner_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/scanner"
)

// BenchmarkHistory scans a generated repository of 400 commits (main, and a
// feature branch forked from it and merged back) over 80 source files of a
// few KiB, with tokens planted on both branches. The repository is built
// once with git fast-import (one pack, deltas per path, as a fetched
// repository has); the page cache holds it.
func BenchmarkHistory(b *testing.B) {
	needGit(b)
	env := gitEnv(b)
	dir := b.TempDir()
	git(b, env, dir, "init", "-q", "-b", "main")
	stream, commits, planted := historyStream(testtoken.New(77), 300, 100, 80)
	cmd := gitCommand(env, dir, "fast-import", "--quiet")
	cmd.Stdin = bytes.NewReader(stream)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git fast-import: %v\n%s", err, out)
	}
	git(b, env, dir, "checkout", "-q", "main")

	m := matcher()
	opts := scanner.HistoryOptions{Options: scanner.Options{Matcher: m, Warn: func(err error) { b.Fatal(err) }}}
	first, err := scanner.ScanHistory(context.Background(), dir, opts)
	if err != nil {
		b.Fatal(err)
	}
	if first.Stats.Commits != commits || len(first.Findings) != planted {
		b.Fatalf("%d commits, %d findings; want %d, %d", first.Stats.Commits, len(first.Findings), commits, planted)
	}
	b.Logf("%d commits, %d blobs, %.1f MiB, %d findings", first.Stats.Commits, first.Stats.Files,
		float64(first.Stats.Bytes)/(1<<20), len(first.Findings))

	for _, jobs := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			opts.Jobs = jobs
			b.SetBytes(first.Stats.Bytes)
			b.ReportAllocs()
			for b.Loop() {
				res, err := scanner.ScanHistory(context.Background(), dir, opts)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Findings) != planted {
					b.Fatalf("%d findings, want %d", len(res.Findings), planted)
				}
			}
			b.ReportMetric(float64(commits)*float64(b.N)/b.Elapsed().Seconds(), "commits/s")
		})
	}
}

// BenchmarkHistoryRepo scans the repository named by LEAKCORD_HISTORY_REPO,
// such as one that scripts/bench-history generates, for profiling:
//
//	LEAKCORD_HISTORY_REPO=/tmp/leakcord-bench/history-c4000-f300-s1-p0.01.git \
//		go test -run x -bench HistoryRepo -benchtime 5x -cpuprofile cpu.out ./scanner
func BenchmarkHistoryRepo(b *testing.B) {
	repo := os.Getenv("LEAKCORD_HISTORY_REPO")
	if repo == "" {
		b.Skip("LEAKCORD_HISTORY_REPO is not set")
	}
	opts := scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}}
	b.ReportAllocs()
	for b.Loop() {
		res, err := scanner.ScanHistory(context.Background(), repo, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(res.Stats.Bytes)
		b.ReportMetric(float64(len(res.Findings)), "findings")
	}
}

// historyStream returns a git fast-import stream: mainCommits commits on
// main, featureCommits on a branch forked a third of the way and merged at
// the end (one more commit), each rewriting three of files source files;
// every 20th commit of each branch plants a token in a file it rewrites. It
// returns the stream, the number of commits and the number of (token,
// path) pairs planted.
func historyStream(r *rand.Rand, mainCommits, featureCommits, files int) ([]byte, int, int) {
	var s bytes.Buffer
	data := func(text string) { fmt.Fprintf(&s, "data %d\n%s\n", len(text), text) }
	mark, when := 0, int64(1700000000)
	planted := 0
	last := make(map[string]string) // path → its newest content
	commit := func(branch, msg string, from int, merge int, n int) int {
		mark++
		when += 3600
		fmt.Fprintf(&s, "commit refs/heads/%s\nmark :%d\n", branch, mark)
		fmt.Fprintf(&s, "author Ada <ada@example.com> %d +0000\ncommitter Ada <ada@example.com> %d +0000\n", when, when)
		data(msg)
		if from > 0 {
			fmt.Fprintf(&s, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(&s, "merge :%d\n", merge)
		}
		if n < 0 { // the merge: main's tree plus feature's files, as a merge without conflicts has
			for _, p := range slices.Sorted(maps.Keys(last)) {
				if strings.HasPrefix(p, "feature/") {
					fmt.Fprintf(&s, "M 100644 inline %s\n", p)
					data(last[p])
				}
			}
			return mark
		}
		for j, f := range r.Perm(files)[:3] {
			text := sourceText(r, 40+r.IntN(80))
			if j == 0 && n%20 == 0 {
				text += "TOKEN = \"" + testtoken.BotToken(r) + "\"\n"
				planted++
			}
			p := fmt.Sprintf("%s/file%02d.py", branch, f)
			last[p] = text
			fmt.Fprintf(&s, "M 100644 inline %s\n", p)
			data(text)
		}
		return mark
	}
	fork := 0
	var mainTip, featureTip int
	for i := range mainCommits {
		mainTip = commit("main", fmt.Sprintf("main %d", i), 0, 0, i)
		if i == mainCommits/3 {
			fork = mainTip
		}
	}
	for i := range featureCommits {
		from := 0
		if i == 0 {
			from = fork
		}
		featureTip = commit("feature", fmt.Sprintf("feature %d", i), from, 0, i)
	}
	commit("main", "merge feature", mainTip, featureTip, -1)
	return s.Bytes(), mainCommits + featureCommits + 1, planted
}

// sourceText returns lines of plausible Python.
func sourceText(r *rand.Rand, lines int) string {
	words := []string{"client", "guild", "channel", "message", "embed", "await", "config", "logger",
		"intents", "command", "reply", "member", "role", "permissions", "cache", "session"}
	var b strings.Builder
	for range lines {
		fmt.Fprintf(&b, "    %s = %s.%s(%q, %d)\n", words[r.IntN(len(words))], words[r.IntN(len(words))],
			words[r.IntN(len(words))], words[r.IntN(len(words))], r.IntN(1000))
	}
	return b.String()
}
