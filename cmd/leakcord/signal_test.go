package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// plantTree writes n files of about lines lines under dir, every tenth one
// holding a generated bot token, and returns the tokens.
func plantTree(t *testing.T, dir string, n, lines int, seed uint64) []string {
	t.Helper()
	r := testtoken.New(seed)
	var planted []string
	filler := strings.Repeat("let x = compute(y, z); // nothing to see here\n", lines)
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/100))
		if i%100 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		body := filler
		if i%10 == 0 {
			tok := testtoken.BotToken(r)
			planted = append(planted, tok)
			body += "TOKEN = \"" + tok + "\"\n"
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%05d.js", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return planted
}

// TestSignalFlushesPartialReport interrupts a scan that cannot finish (its
// last input is a stdin pipe that stays open) after the folder before it
// was read: leakcord stops at once, writes what it found in the chosen
// format, warns that the report is incomplete and exits 2.
func TestSignalFlushesPartialReport(t *testing.T) {
	bin := leakcordBinary(t)
	dir := t.TempDir()
	planted := plantTree(t, filepath.Join(dir, "tree"), 50, 40, 1)
	for _, tc := range []struct {
		sig    syscall.Signal
		format string
	}{
		{syscall.SIGINT, "text"}, {syscall.SIGTERM, "json"}, {syscall.SIGINT, "sarif"},
	} {
		t.Run(tc.sig.String()+"/"+tc.format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report."+tc.format)
			cmd := exec.Command(bin, "scan", "--jobs", "1", "--format", tc.format, "--output", out, filepath.Join(dir, "tree"), "-")
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer pw.Close()
			cmd.Stdin = pr
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pr.Close()
			// One job reads the folder's files in order, then blocks on stdin.
			time.Sleep(time.Second)
			if _, err := os.Stat(out); err == nil {
				t.Fatal("report written before the signal: the scan did not block on stdin")
			}
			data := interrupt(t, cmd, tc.sig, nil, &stderr, "scan interrupted", out)
			n := strings.Count(string(data), "discord-bot-token")
			if n < len(planted) {
				t.Errorf("report names %d bot-token findings or rule IDs, want the %d of the folder read before the signal:\n%.2000s", n, len(planted), data)
			}
			if tc.format == "text" && !strings.Contains(string(data), "interrupted: incomplete") {
				t.Errorf("text report does not say it is incomplete:\n%s", data)
			}
			for _, p := range planted {
				if strings.Contains(string(data)+stderr.String(), p) {
					t.Fatal("a raw secret appears in the output")
				}
			}
			assertNoTempFiles(t, filepath.Dir(out))
		})
	}
}

// TestSignalStopsBigScanPromptly interrupts a scan of a large generated
// tree (read by one job) while it runs: leakcord exits 2 within a short time and the text
// report on stdout says it is incomplete.
func TestSignalStopsBigScanPromptly(t *testing.T) {
	bin := leakcordBinary(t)
	dir := t.TempDir()
	plantTree(t, dir, 4000, 1400, 2) // 250 MiB: about a quarter second
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "scan", "--jobs", "1", dir)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(80 * time.Millisecond)
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := waitWithin(t, cmd, 10*time.Second)
			var exit *exec.ExitError
			switch {
			case errors.As(err, &exit) && exit.ExitCode() == exitFindings:
				t.Skipf("the scan finished in %v, before the signal arrived", sent.Sub(start))
			case !errors.As(err, &exit) || exit.ExitCode() != exitError:
				t.Fatalf("exit: %v, want status %d; stderr:\n%s", err, exitError, stderr.String())
			}
			if took := time.Since(sent); took > 2*time.Second {
				t.Errorf("exited %v after the signal, want promptly", took)
			}
			if !strings.Contains(stdout.String(), "interrupted: incomplete") {
				t.Errorf("report does not say it is incomplete:\n%s", tail(stdout.String(), 500))
			}
		})
	}
}

// waitWithin waits for cmd, killing it and failing the test after d.
func waitWithin(t *testing.T, cmd *exec.Cmd, d time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not exit within %v", cmd.Path, d)
		return nil
	}
}

// assertNoTempFiles fails if dir holds a report's temporary file.
func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// interrupt sends sig to the running leakcord cmd, waits for it (after
// drained is closed, when given: stderr is read to its end), and checks
// that it exits promptly with status 2 and says want on stderr. It returns
// the report written at out.
func interrupt(t *testing.T, cmd *exec.Cmd, sig os.Signal, drained <-chan struct{}, stderr fmt.Stringer, want, out string) []byte {
	t.Helper()
	sent := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	if drained != nil {
		<-drained
	}
	err := waitWithin(t, cmd, 10*time.Second)
	if took := time.Since(sent); took > 3*time.Second {
		t.Errorf("exited %v after the signal, want promptly", took)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitError {
		t.Fatalf("exit: %v, want status %d; stderr:\n%s", err, exitError, stderr.String())
	}
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no report after the signal: %v", err)
	}
	return data
}
