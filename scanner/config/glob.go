package config

import (
	"errors"
	"strings"

	"github.com/leakcord/leakcord/internal/ignore"
)

// compilePattern parses a scan.exclude glob with gitignore's meaning (the
// same parser as .gitignore files, package internal/ignore), and rejects
// what a .gitignore would silently never match.
func compilePattern(s string) (ignore.Pattern, error) {
	body := strings.TrimSuffix(strings.TrimPrefix(s, "!"), "/")
	switch {
	case strings.TrimLeft(body, "/") == "":
		return ignore.Pattern{}, errors.New("empty pattern")
	case strings.Contains(body, "//"):
		return ignore.Pattern{}, errors.New(`empty path segment ("//")`)
	}
	p, ok := ignore.ParseLine(s)
	if !ok {
		return ignore.Pattern{}, errors.New("empty pattern (a comment or blank)")
	}
	if !p.Valid() {
		return ignore.Pattern{}, errors.New("malformed glob (check brackets and backslashes)")
	}
	return p, nil
}
