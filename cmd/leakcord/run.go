package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/scanner"
)

// Exit codes (DESIGN.md §3).
const (
	exitClean    = 0 // nothing found
	exitFindings = 1 // findings (or the --exit-code value)
	exitError    = 2 // the scan is incomplete or impossible
)

// app holds what one invocation of leakcord works with. Nothing in this
// program is package-level state: tests run many apps side by side.
type app struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	code   int // exit code chosen by the command that ran
}

// run executes leakcord with args and returns the process exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	return a.guard(func() int {
		root := a.rootCmd()
		root.SetArgs(args)
		if err := root.ExecuteContext(ctx); err != nil {
			a.errorf(err)
			return exitError
		}
		return a.code
	})
}

// guard returns f's exit code. A panic in f (a bug in leakcord) is
// reported on stderr instead of Go's crash output, with the panic's value
// and stack scrubbed of secrets (a panic may quote the data it was given),
// and the exit code is exitError. The scanners turn a panic while one file
// is read into a warning themselves; this catches the rest of the main
// goroutine.
func (a *app) guard(f func() int) (code int) {
	defer func() {
		if p := recover(); p != nil {
			e := scanner.Recovered("", p)
			fmt.Fprintf(a.stderr, "leakcord: internal error (a bug in leakcord; please report it with this message): %s\n%s\n", e.Value, e.Stack)
			code = exitError
		}
	}()
	return f()
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "leakcord",
		Short: "Find leaked Discord credentials",
		Long: "leakcord finds Discord bot and user tokens, legacy mfa. tokens, webhook URLs and OAuth2\n" +
			"client secrets in files and folders, decodes what each token says offline (owner ID,\n" +
			"account creation, token date), and ignores look-alikes such as JWTs and placeholders.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetVersionTemplate("leakcord {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err: err, cmd: c.CommandPath()}
	})
	root.AddCommand(a.scanCmd(), a.historyCmd(), a.stagedCmd(), a.installHookCmd(), a.doctorCmd(), a.rulesCmd(), a.versionCmd())
	root.AddCommand(a.mergeCmd())
	strictCompletion(root)
	return root
}

// strictCompletion makes an unknown shell given to cobra's "completion"
// command a usage error: the command has a subcommand per shell and no
// action of its own, so cobra printed its help and exited 0 for
// "completion nope". Without a shell it still prints its help.
func strictCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		var shells []string
		for _, sub := range c.Commands() {
			shells = append(shells, sub.Name())
		}
		c.Args = func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{err: fmt.Errorf("unknown shell %q (valid: %s)", args[0], strings.Join(shells, ", ")), cmd: c.CommandPath()}
			}
			return nil
		}
		c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	}
}

// usageError is a bad flag or argument; its hint points at --help.
type usageError struct {
	err error
	cmd string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// hinted is an error with a hint line for the user.
type hinted struct {
	err  error
	hint string
}

func (e hinted) Error() string { return e.err.Error() }
func (e hinted) Unwrap() error { return e.err }

// errorf prints err as "leakcord: error: …" with its hint. Like every
// message, it holds no URL credentials (see scanner.RedactURLs): errors
// quote the repository URLs they were given.
func (a *app) errorf(err error) {
	fmt.Fprintf(a.stderr, "leakcord: error: %s\n", scanner.RedactURLs(err.Error()))
	var u usageError
	var h hinted
	switch {
	case errors.As(err, &h):
		fmt.Fprintf(a.stderr, "hint: %s\n", h.hint)
	case errors.As(err, &u):
		fmt.Fprintf(a.stderr, "hint: run '%s --help' for usage\n", u.cmd)
	case strings.HasPrefix(err.Error(), "unknown command"):
		fmt.Fprintf(a.stderr, "hint: run 'leakcord --help' for the commands\n")
	}
}

// warnf prints a warning on stderr, without URL credentials.
func (a *app) warnf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "leakcord: warning: %s\n", scanner.RedactURLs(fmt.Sprintf(format, args...)))
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(a.stdout, "leakcord %s\n", version())
			return err
		},
	}
}

// version returns the module version, or the VCS revision of a source build.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + rev
}

// colorFor reports whether output to w should be colored: only a terminal,
// never with NO_COLOR set or --no-color.
func (a *app) colorFor(w io.Writer, noColor bool) bool {
	if noColor || a.getenv("NO_COLOR") != "" || a.getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
