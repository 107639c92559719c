// Package gittest holds git fixtures shared by tests: a git daemon on
// 127.0.0.1 that serves repositories over git:// for the remote cases.
package gittest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Daemon serves the repositories under dir over git:// on 127.0.0.1 until
// the test ends, and returns the base URL ("git://127.0.0.1:PORT"). It runs
// git-daemon itself, because `git daemon` starts it as a child that killing
// git would leave running; its log goes to a file (not a pipe a child could
// hold open) and it is killed in Cleanup. env is the environment of the
// daemon (nil: the test's); extra adds daemon flags such as
// "--max-connections=64". It skips the test when git-daemon is missing.
func Daemon(t testing.TB, env []string, dir string, extra ...string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback TCP: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	gitCmd := exec.Command("git", "--exec-path")
	gitCmd.Env = env
	execPath, err := gitCmd.Output()
	if err != nil {
		t.Skipf("git --exec-path: %v", err)
	}
	daemon := filepath.Join(strings.TrimSpace(string(execPath)), "git-daemon")
	if _, err := os.Stat(daemon); err != nil {
		t.Skipf("no git-daemon: %v", err)
	}
	logFile, err := os.Create(filepath.Join(t.TempDir(), "daemon.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	args := append([]string{"--reuseaddr", "--base-path=" + dir, "--export-all"}, extra...)
	args = append(args, fmt.Sprintf("--port=%d", port), "--listen=127.0.0.1", dir)
	cmd := exec.Command(daemon, args...)
	cmd.Env = env
	cmd.Stderr = logFile
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Skipf("git daemon: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	log := func() string { b, _ := os.ReadFile(logFile.Name()); return string(b) }
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(10 * time.Second); ; {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("git daemon exited: %v\n%s", err, log())
		default:
		}
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return "git://" + addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("git daemon does not accept connections on %s: %v\n%s", addr, err, log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
