package main

import (
	"errors"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// TestMain lets testscript run this test binary as the leakcord command, so
// that scripts exercise the real main (flags, signals, exit codes, stdout
// and stderr of a separate process).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"leakcord": main})
}

// TestScripts runs the CLI scripts in testdata/script. Extra commands:
//
//	expand TEMPLATE OUT    expand {{kind}} placeholders (see testtoken.Kinds)
//	                       into OUT; the planted secrets are kept for nosecret
//	status CODE PROG ARGS  run PROG and require exit code CODE
//	nosecret FILE...       fail if a planted secret appears in FILE
//	                       ("stdout" and "stderr" name the last command's output)
//	hassecret FILE...      fail unless every planted secret appears in one of the FILEs
//	nosecrettree DIR...    fail if a planted secret appears in any file under DIR
//	discord ...            set up and query the script's fake Discord API (see cmdDiscord)
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			startFakeDiscord(env) // every script gets its own fake API; none reaches Discord
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"discord":      cmdDiscord,
			"expand":       cmdExpand,
			"nosecrettree": cmdNoSecretTree,
			"status":       cmdStatus,
			"nosecret":     func(ts *testscript.TestScript, neg bool, args []string) { checkSecrets(ts, neg, args, false) },
			"hassecret":    func(ts *testscript.TestScript, neg bool, args []string) { checkSecrets(ts, neg, args, true) },
		},
	})
}

func cmdExpand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: expand TEMPLATE OUT")
	}
	// Seeded by the output name and what was planted before, so that a
	// script that expands the same template twice gets new secrets.
	h := fnv.New64a()
	h.Write([]byte(args[1] + "\x00" + ts.Getenv("PLANTED")))
	text, planted := testtoken.Expand(testtoken.New(h.Sum64()), ts.ReadFile(args[0]))
	out := ts.MkAbs(args[1])
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		ts.Fatalf("expand: %v", err)
	}
	if err := os.WriteFile(out, []byte(text), 0o644); err != nil {
		ts.Fatalf("expand: %v", err)
	}
	all := strings.Fields(ts.Getenv("PLANTED"))
	ts.Setenv("PLANTED", strings.Join(append(all, planted...), " "))
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: bad code %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("status: %v", err)
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

func checkSecrets(ts *testscript.TestScript, neg bool, files []string, want bool) {
	planted := strings.Fields(ts.Getenv("PLANTED"))
	if len(planted) == 0 {
		ts.Fatalf("no secrets were planted")
	}
	if want {
		// Every planted secret must appear in one of the files.
		var all strings.Builder
		for _, f := range files {
			all.WriteString(ts.ReadFile(f))
		}
		files = []string{strings.Join(files, "+")}
		for _, sec := range planted {
			if has := strings.Contains(all.String(), sec); has == neg {
				ts.Fatalf("%s: secret %.8s… present=%v", files[0], sec, has)
			}
		}
		return
	}
	for _, f := range files {
		data := ts.ReadFile(f)
		for _, sec := range planted {
			if has := strings.Contains(data, sec); has != neg {
				ts.Fatalf("%s: secret %.8s… present=%v", f, sec, has)
			}
		}
	}
}
