//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// manyTokens writes a file with n generated bot tokens, one a line, so
// that every report of it is large (over 64 KiB for a few hundred).
func manyTokens(t *testing.T, name string, n int, seed uint64) {
	t.Helper()
	r := testtoken.New(seed)
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "token_%d = %q\n", i, testtoken.BotToken(r))
	}
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runLeakcord runs leakcord in this process and returns its exit code,
// stdout and stderr.
func runLeakcord(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// TestReportOnFullDisk: a report that does not fit on its file system is
// an error (exit 2) and leaves no file behind, neither the report nor its
// temporary file. A full device (/dev/full) is the same error.
func TestReportOnFullDisk(t *testing.T) {
	src := filepath.Join(t.TempDir(), "many.py")
	manyTokens(t, src, 1000, 70)

	if _, err := os.Stat("/dev/full"); err == nil {
		code, stdout, stderr := runLeakcord("scan", "-f", "json", "-o", "/dev/full", src)
		if code != exitError || !strings.Contains(stderr, "write report /dev/full") || stdout != "" {
			t.Errorf("/dev/full: exit %d, stderr %q; want 2 and a write error", code, stderr)
		}
	}

	if os.Geteuid() != 0 {
		t.Skip("a small full file system needs root to mount a tmpfs")
	}
	full := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a 64 KiB tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", full).Run() })
	for _, format := range []string{"json", "sarif", "text"} {
		out := filepath.Join(full, "report."+format)
		code, _, stderr := runLeakcord("scan", "-f", format, "-o", out, src)
		if code != exitError || !strings.Contains(stderr, "write report") || !strings.Contains(stderr, "no space left") {
			t.Errorf("%s on a full disk: exit %d, stderr %q; want 2 and \"no space left\"", format, code, stderr)
		}
		if entries, _ := os.ReadDir(full); len(entries) != 0 {
			t.Errorf("%s on a full disk left %d files behind (%s)", format, len(entries), entries[0].Name())
		}
	}
	// --report files too.
	code, _, stderr := runLeakcord("scan", "--report", "sarif="+filepath.Join(full, "r.sarif"), src)
	if code != exitError || !strings.Contains(stderr, "no space left") {
		t.Errorf("--report on a full disk: exit %d, stderr %q; want 2", code, stderr)
	}
}

// TestReportOverFileSizeLimit: the same as a full disk for any user, with
// the file size limit of the process (RLIMIT_FSIZE, set by prlimit): the
// write fails with "file too large" (Go ignores SIGXFSZ), exit 2, and no
// file is left behind.
func TestReportOverFileSizeLimit(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit (util-linux) is not installed")
	}
	bin := leakcordBinary(t)
	src := filepath.Join(t.TempDir(), "many.py")
	manyTokens(t, src, 1000, 73)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"-f", "json", "-o", filepath.Join(dir, "report.json")},
		{"-f", "sarif", "-o", filepath.Join(dir, "report.sarif")},
		{"-f", "text", "-o", filepath.Join(dir, "report.txt")},
		{"--report", "sarif=" + filepath.Join(dir, "r.sarif")},
	} {
		cmd := exec.Command(prlimit, append([]string{"--fsize=32768", bin, "scan"}, append(args, src)...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitError ||
			!strings.Contains(stderr.String(), "write report") || !strings.Contains(stderr.String(), "file too large") {
			t.Errorf("%q over the file size limit: %v, stderr %q; want exit 2 and \"file too large\"", args, err, stderr.String())
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%q over the file size limit left %d files behind (%s)", args, len(entries), entries[0].Name())
		}
	}
}

// TestReportReadOnly: a read-only report file is refused, not replaced
// (even by root), and a read-only folder cannot take a report.
func TestReportReadOnly(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.py")
	manyTokens(t, src, 2, 71)
	ro := filepath.Join(dir, "old.json")
	if err := os.WriteFile(ro, []byte("[]\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runLeakcord("scan", "-f", "json", "-o", ro, src)
	if code != exitError || !strings.Contains(stderr, "read-only") {
		t.Errorf("read-only file: exit %d, stderr %q; want 2 and \"read-only\"", code, stderr)
	}
	if data, _ := os.ReadFile(ro); string(data) != "[]\n" {
		t.Errorf("read-only file was changed to %q", data)
	}
	assertNoTempFiles(t, dir)

	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	roDir := filepath.Join(dir, "ro")
	if err := os.Mkdir(roDir, 0o555); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runLeakcord("scan", "-o", filepath.Join(roDir, "r.txt"), src)
	if code != exitError || !strings.Contains(stderr, "cannot write report") {
		t.Errorf("read-only folder: exit %d, stderr %q; want 2", code, stderr)
	}
	if entries, _ := os.ReadDir(roDir); len(entries) != 0 {
		t.Errorf("read-only folder holds %d files", len(entries))
	}
}

// TestBrokenPipe: when the reader of stdout goes away (leakcord scan | head
// -1), leakcord dies of SIGPIPE like other Unix tools: quietly, nothing on
// stderr.
func TestBrokenPipe(t *testing.T) {
	bin := leakcordBinary(t)
	src := filepath.Join(t.TempDir(), "many.py")
	manyTokens(t, src, 1000, 72)
	for _, format := range []string{"text", "json", "sarif"} {
		cmd := exec.Command(bin, "scan", "-f", format, src)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if _, err := bufio.NewReader(stdout).ReadString('\n'); err != nil {
			t.Fatalf("%s: first line: %v", format, err)
		}
		stdout.Close() // like head -1
		err = cmd.Wait()
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("%s: exit %v, want death by SIGPIPE", format, err)
		}
		ws, ok := exit.Sys().(syscall.WaitStatus)
		if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGPIPE {
			t.Errorf("%s: %v, want death by SIGPIPE (status 141 in a shell)", format, err)
		}
		if stderr.Len() != 0 {
			t.Errorf("%s: stderr %q, want nothing", format, stderr.String())
		}
	}
}

// TestReportPermissions: a new report gets the permissions the umask
// allows, an existing one keeps its own, and one that holds raw secrets
// (--show-secrets) is readable by its owner only, whatever the umask or the
// old mode; so is a state file then. Baselines (hashes only) follow the
// umask.
func TestReportPermissions(t *testing.T) {
	bin := leakcordBinary(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "a.py")
	manyTokens(t, src, 2, 74)
	run := func(umask string, args ...string) {
		t.Helper()
		cmd := exec.Command("sh", append([]string{"-c", "umask " + umask + "; exec \"$@\"", "sh", bin}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitFindings {
				t.Fatalf("%v: %v\n%s", args, err, out)
			}
		}
	}
	mode := func(name string) os.FileMode {
		t.Helper()
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Mode().Perm()
	}
	out := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct {
		name  string
		umask string
		old   os.FileMode // 0: no file before
		args  []string
		want  os.FileMode
	}{
		{"new, umask 022", "022", 0, []string{"scan", "-f", "json", "-o", out("r1.json"), src}, 0o644},
		{"new, umask 077", "077", 0, []string{"scan", "-f", "sarif", "-o", out("r2.sarif"), src}, 0o600},
		{"--report, umask 077", "077", 0, []string{"scan", "--report", "json=" + out("r3.json"), src}, 0o600},
		{"existing 0640 kept", "022", 0o640, []string{"scan", "-f", "json", "-o", out("r4.json"), src}, 0o640},
		{"existing 0664 kept", "077", 0o664, []string{"scan", "-f", "json", "-o", out("r5.json"), src}, 0o664},
		{"raw secrets, new", "022", 0, []string{"scan", "--show-secrets", "-f", "json", "-o", out("r6.json"), src}, 0o600},
		{"raw secrets, existing 0644", "022", 0o644, []string{"scan", "--show-secrets", "-f", "json", "-o", out("r7.json"), src}, 0o600},
		{"raw secrets, --report", "022", 0, []string{"scan", "--show-secrets", "--report", "text=" + out("r8.txt"), src}, 0o600},
		{"baseline, umask 022", "022", 0, []string{"scan", "--write-baseline", out("b.json"), "-o", out("r9.json"), src}, 0o644},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := tc.args[len(tc.args)-2]
			if strings.HasPrefix(target, "json=") || strings.HasPrefix(target, "text=") {
				_, target, _ = strings.Cut(target, "=")
			}
			if tc.name == "baseline, umask 022" {
				target = out("b.json")
			}
			if tc.old != 0 {
				if err := os.WriteFile(target, []byte("old\n"), tc.old); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(target, tc.old); err != nil {
					t.Fatal(err)
				}
			}
			run(tc.umask, tc.args...)
			if got := mode(target); got != tc.want {
				t.Errorf("%s: mode %o, want %o", target, got, tc.want)
			}
		})
	}
	assertNoTempFiles(t, dir)
}
