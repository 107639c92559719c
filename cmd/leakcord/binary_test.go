package main

import (
	"os/exec"
	"testing"
)

// leakcordBinary returns the path of the leakcord command that TestMain
// puts on $PATH (this test binary, which runs main when called by that
// name), for tests that need a process of their own: signals, resource
// usage, broken pipes. It skips under -short.
func leakcordBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the real binary on large inputs; skipped with -short")
	}
	bin, err := exec.LookPath("leakcord")
	if err != nil {
		t.Fatalf("leakcord not on $PATH (set up by TestMain): %v", err)
	}
	return bin
}
