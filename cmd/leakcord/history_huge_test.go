//go:build unix

package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

const (
	// hugeHistoryCommits is the size of the history TestHistoryHugeGenerated
	// scans. hugeHistoryFiles keeps its trees small: the tree starts from 20
	// files and drifts to about 250 at 50,000 commits (380 with the default
	// -files 300), while the blobs, about 520 MiB, hardly depend on it.
	// Generating and importing take 25–40 s on 2 cores, git fast-import
	// being most of it.
	hugeHistoryCommits = "50000"
	hugeHistoryFiles   = "30"
	// hugeHistoryMaxRSS bounds the peak RSS of the scan. Measured on 2 cores
	// (-j 2): 359–392 MiB, for a live heap of at most 182 MiB (105 MiB at
	// 10,000 commits, 153 MiB at 25,000) that Go's default GOGC lets grow to
	// about twice that. The bound is the target of issue 3 (under 500 MiB
	// for a repository of 1 GiB of objects; this one has 0.6 GiB in 600,000
	// objects), about 1.3 times what was measured.
	hugeHistoryMaxRSS = 500 << 20
	// hugeHistoryDeadline stops a scan that hangs; it took 5–12 s (the
	// longer under load).
	hugeHistoryDeadline = 90 * time.Second
)

// TestHistoryHugeGenerated scans a cycle-free but huge history: 50,000
// commits on three branches with merges and tags (scripts/genrepo), about
// 600,000 objects, 0.6 GiB uncompressed, with about 1,100 planted
// credentials at 2,200 (secret, path) pairs. `leakcord history` must
// finish with exit code 1, warn about nothing, report exactly the planted
// (secret, path) pairs (genrepo -check), and stay under hugeHistoryMaxRSS
// of peak RSS, measured by the kernel. -j 2 makes the memory figure the
// same on machines with more cores (one delta cache per worker).
func TestHistoryHugeGenerated(t *testing.T) {
	if raceDetector {
		// Its memory bound is about the scanner as built for users; the
		// same scan is race-checked on smaller histories.
		t.Skip("the race detector multiplies memory use: the bound would not mean anything")
	}
	bin := leakcordBinary(t) // skips under -short
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	start := time.Now()
	repo, manifest := genRepo(t, hugeHistoryCommits, "-files", hugeHistoryFiles)
	if out, err := exec.Command("git", "-C", repo, "count-objects", "-v").CombinedOutput(); err == nil {
		t.Logf("repository: %s", strings.Join(strings.Fields(string(out)), " "))
	}

	report := filepath.Join(t.TempDir(), "report.jsonl")
	ctx, cancel := context.WithTimeout(context.Background(), hugeHistoryDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "history", "-j", "2", "-f", "jsonl", "-o", report, repo)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	scanStart := time.Now()
	err := cmd.Run()
	took := time.Since(scanStart)
	if ctx.Err() != nil {
		t.Fatalf("history did not finish within %v", hugeHistoryDeadline)
	}
	if code := cmd.ProcessState.ExitCode(); code != exitFindings {
		t.Fatalf("exit %d (%v), want %d; output:\n%s", code, err, exitFindings, tail(stderr.String(), 2000))
	}
	if stderr.Len() > 0 {
		t.Errorf("history wrote to stdout or stderr (want nothing: a clean repository, the report in a file):\n%s",
			tail(stderr.String(), 2000))
	}

	check := exec.Command("go", "run", "../../scripts/genrepo", "-check", report, "-manifest", manifest)
	out, err := check.CombinedOutput()
	if err != nil {
		t.Errorf("the report differs from what was planted (%v):\n%s", err, out)
	} else {
		t.Logf("%s", bytes.TrimSpace(out))
	}

	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("no resource usage on this system")
	}
	peak := int64(ru.Maxrss) // bytes on macOS, KiB elsewhere
	if runtime.GOOS != "darwin" && runtime.GOOS != "ios" {
		peak <<= 10
	}
	t.Logf("history: %v wall, %v CPU, peak RSS %d MiB; whole test %v", took.Round(time.Millisecond),
		cpuTime(cmd.ProcessState), peak>>20, time.Since(start).Round(time.Millisecond))
	if peak > hugeHistoryMaxRSS {
		t.Errorf("peak RSS %d MiB, want under %d MiB", peak>>20, hugeHistoryMaxRSS>>20)
	}
}
