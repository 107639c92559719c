package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/gittest"
)

// BenchmarkFleet scans the 200-repository fleet of TestFleet200 in one run
// and in 4 shards run one after another, from local paths and over a git
// daemon on 127.0.0.1, with --parallel-repos 4 and 8 and a state file
// (each iteration starts without one). It reports repositories per minute; the
// sharded cases' ns/op is the sum of the 4 shards, to compare with one run.
// docs/benchmarks.md records the figures:
//
//	go test ./cmd/leakcord -run '^$' -bench BenchmarkFleet -benchtime 5x
func BenchmarkFleet(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git not installed")
	}
	dir := b.TempDir()
	repos := buildFleet(b, dir, fleetSize)
	for _, where := range []string{"local", "daemon"} {
		var names []string
		switch where {
		case "local":
			for _, r := range repos {
				names = append(names, r.dir)
			}
		case "daemon":
			base := gittest.Daemon(b, fleetGitEnv(), filepath.Join(dir, "repos"), "--max-connections=64")
			for _, r := range repos {
				names = append(names, base+"/"+r.name)
			}
		}
		list := filepath.Join(dir, where+".txt")
		writeTestFile(b, list, strings.Join(names, "\n")+"\n")
		for _, c := range []struct{ shards, parallel int }{{1, 4}, {4, 4}, {1, 8}, {4, 8}} {
			shards := c.shards
			b.Run(fmt.Sprintf("%s/shards=%d/parallel=%d", where, shards, c.parallel), func(b *testing.B) {
				b.ReportAllocs()
				var total time.Duration
				for i := range b.N {
					work := b.TempDir()
					start := time.Now()
					for k := 1; k <= shards; k++ {
						args := []string{"history", "-q", "--repos", list, "-f", "jsonl",
							"-o", filepath.Join(work, fmt.Sprintf("s%d.jsonl", k)),
							"--state", filepath.Join(work, fmt.Sprintf("s%d-%d.json", i, k)),
							"--parallel-repos", strconv.Itoa(c.parallel)}
						if shards > 1 {
							args = append(args, "--shard", fmt.Sprintf("%d/%d", k, shards))
						}
						if code, out := runCLI(b, args...); code != exitFindings {
							b.Fatalf("exit %d\n%s", code, out)
						}
					}
					total += time.Since(start)
				}
				b.ReportMetric(float64(len(repos))*float64(b.N)/total.Minutes(), "repos/min")
			})
		}
	}
	os.RemoveAll(dir)
}
