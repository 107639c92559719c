package scanner_test

import (
	"context"
	"os"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

// BenchmarkHistoryRepo scans the repository named by LEAKCORD_HISTORY_REPO
// (for example one made by scripts/bench-history), for profiling:
//
//	LEAKCORD_HISTORY_REPO=/tmp/leakcord-bench/history-c4000-f300-s1-p0.01.git \
//		go test -run x -bench HistoryRepo -benchtime 3x -cpuprofile cpu.out ./scanner
func BenchmarkHistoryRepo(b *testing.B) {
	repo := os.Getenv("LEAKCORD_HISTORY_REPO")
	if repo == "" {
		b.Skip("LEAKCORD_HISTORY_REPO is not set")
	}
	opts := scanner.HistoryOptions{Options: scanner.Options{Matcher: matcher()}}
	for b.Loop() {
		res, err := scanner.ScanHistory(context.Background(), repo, opts)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(res.Stats.Bytes)
		b.ReportMetric(float64(len(res.Findings)), "findings")
	}
}
