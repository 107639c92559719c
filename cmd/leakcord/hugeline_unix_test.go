//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// hugeLineSize is the size of the one-line file of TestHugeSingleLine.
const hugeLineSize = 200 << 20

// TestHugeSingleLine scans a 200 MiB file that is one line (minified code,
// no newline at all) with tokens at its start, middle and end: with the
// default --max-file-size it is skipped and counted; with --max-file-size
// 300MiB every token is found, in bounded time and memory (peak RSS of the
// process, measured by the kernel, under 4 times the file size).
func TestHugeSingleLine(t *testing.T) {
	bin := leakcordBinary(t)
	dir := t.TempDir()
	name := filepath.Join(dir, "bundle.min.js")
	planted := writeHugeLine(t, name, 60, hugeLineSize, "var a=1,b=[2,3];function f(x){return x*2}")

	t.Run("default-limit", func(t *testing.T) {
		cmd := exec.Command(bin, "scan", dir)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("scan: %v\n%s", err, out)
		}
		if !bytes.Contains(out, []byte("skipped 1 too large")) {
			t.Errorf("report does not count the skipped file:\n%s", out)
		}
	})
	t.Run("300MiB-limit", func(t *testing.T) {
		cmd := exec.Command(bin, "scan", "--max-file-size", "300MiB", "--format", "json", dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		out, err := cmd.Output()
		took := time.Since(start)
		if code := cmd.ProcessState.ExitCode(); code != exitFindings {
			t.Fatalf("exit %d (%v), want %d; stderr:\n%s", code, err, exitFindings, stderr.String())
		}
		var findings []struct {
			Line, Column int
			Fingerprint  string
		}
		if err := json.Unmarshal(out, &findings); err != nil {
			t.Fatalf("JSON report: %v", err)
		}
		if len(findings) != len(planted) {
			t.Errorf("%d findings, want %d", len(findings), len(planted))
		}
		for _, f := range findings {
			if f.Line != 1 {
				t.Errorf("finding on line %d, want 1", f.Line)
			}
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			t.Skip("no resource usage on this system")
		}
		peak := int64(ru.Maxrss) << 10 // KiB on Linux
		t.Logf("200 MiB line: %v, peak RSS %d MiB", took.Round(time.Millisecond), peak>>20)
		if peak > 4*hugeLineSize {
			t.Errorf("peak RSS %d MiB, want under %d MiB", peak>>20, 4*hugeLineSize>>20)
		}
		if took > 60*time.Second {
			t.Errorf("took %v, want well under a minute", took)
		}
	})
}

// writeHugeLine writes size bytes of filler with no newline to name, with a
// generated bot token at the start, the middle and the end, and returns them.
func writeHugeLine(t *testing.T, name string, seed uint64, size int, filler string) []string {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	rr := testtoken.New(seed)
	var planted []string
	tok := func() string {
		s := ";t=\"" + testtoken.BotToken(rr) + "\";"
		planted = append(planted, s)
		return s
	}
	head, mid, end := tok(), tok(), tok()
	block := strings.Repeat(filler, (64<<10)/len(filler))
	n := 0
	write := func(s string) {
		w.WriteString(s)
		n += len(s)
	}
	write(head)
	for n < size/2 {
		write(block)
	}
	write(mid)
	for n < size-len(end)-len(block) {
		write(block)
	}
	write(strings.Repeat("x", size-len(end)-n))
	write(end)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return planted
}
