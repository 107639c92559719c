package fleet

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/leakcord/leakcord/scanner"
)

// ParseTargets reads a list of repositories: one local path or remote URL
// a line. Blank lines are skipped; "#" starts a comment at the beginning
// of a line or after a space or tab. Lines are trimmed; CRLF line ends are
// accepted. name is the list's name, for errors.
func ParseTargets(r io.Reader, name string) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := commentStart(line); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if strings.ContainsAny(line, "\x00") {
			return nil, fmt.Errorf("%s:%d: a NUL byte in a repository name", name, n)
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

// commentStart returns the index of the "#" that starts a comment in line,
// or -1: a "#" first on the line (after blanks) or after a blank.
func commentStart(line string) int {
	for i := 0; i < len(line); i++ {
		if line[i] != '#' {
			continue
		}
		if strings.TrimSpace(line[:i]) == "" || line[i-1] == ' ' || line[i-1] == '\t' {
			return i
		}
	}
	return -1
}

// Name returns how reports and the state file name target: the text as
// given, trimmed, without trailing slashes, and without the credentials a
// URL may carry (the user info of http, https, git and file URLs, the
// password of others). A path is returned as given otherwise.
func Name(target string) string {
	t := strings.TrimSpace(target)
	if len(t) > 1 {
		t = strings.TrimRight(t, "/")
		if t == "" {
			t = "/"
		}
	}
	return scanner.RedactURL(t)
}

// Dedupe returns targets without repetitions (by [Name]), the first of
// each kept in order, and the repeated ones.
func Dedupe(targets []string) (kept, repeated []string) {
	seen := make(map[string]bool, len(targets))
	for _, t := range targets {
		n := Name(t)
		if seen[n] {
			repeated = append(repeated, t)
			continue
		}
		seen[n] = true
		kept = append(kept, t)
	}
	return kept, repeated
}
