// Command gentoken prints Discord credentials generated at run time, for
// shell tests (.ci/precommit-check, .ci/action-check) that must plant a
// realistic secret without the repository holding one.
//
// Usage:
//
//	gentoken [-seed N] [-kind KIND]      print one value of KIND (default "bot")
//	gentoken [-seed N] -expand <TMPL     expand {{kind}} placeholders of stdin
//
// The same seed gives the same output. Kinds are those of
// [testtoken.Kinds]; with -expand, each planted secret is also written, one
// a line, to the file named by -planted when given.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"strings"

	"github.com/leakcord/leakcord/internal/testtoken"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "gentoken: error: %v\n", err)
		os.Exit(2)
	}
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("gentoken", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "seed of the generator")
	kind := fs.String("kind", "bot", "kind of value to print (see internal/testtoken.Kinds)")
	expand := fs.Bool("expand", false, "expand {{kind}} placeholders of stdin instead")
	planted := fs.String("planted", "", "with -expand: write the planted secrets to `FILE`, one a line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	r := testtoken.New(*seed)
	if !*expand {
		gen, ok := testtoken.Kinds[*kind]
		if !ok {
			return fmt.Errorf("unknown kind %q (valid: %s)", *kind, strings.Join(kinds(), ", "))
		}
		v, _ := gen(r)
		_, err := fmt.Fprintln(stdout, v)
		return err
	}
	tmpl, err := io.ReadAll(stdin)
	if err != nil {
		return err
	}
	text, secrets, err := expandSafe(r, string(tmpl))
	if err != nil {
		return err
	}
	if *planted != "" {
		var b strings.Builder
		for _, s := range secrets {
			b.WriteString(s + "\n")
		}
		if err := os.WriteFile(*planted, []byte(b.String()), 0o600); err != nil {
			return err
		}
	}
	_, err = io.WriteString(stdout, text)
	return err
}

// expandSafe is testtoken.Expand with its panic on a bad template turned
// into an error.
func expandSafe(r *rand.Rand, tmpl string) (text string, secrets []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	text, secrets = testtoken.Expand(r, tmpl)
	return text, secrets, nil
}

func kinds() []string {
	out := make([]string, 0, len(testtoken.Kinds))
	for k := range testtoken.Kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
