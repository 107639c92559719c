package scanner

import (
	"regexp"
	"strings"
)

// RedactURL returns a URL without its credentials: for http, https, git
// and file URLs without its user information (a user name there is often
// a token: https://TOKEN@host/…), for others (ssh://git@host/…) without
// its password. Text that is not such a URL is returned as it is. It does
// not parse the URL, so that one that url.Parse rejects (a '#' in a
// password) is still redacted.
func RedactURL(s string) string {
	i := strings.Index(s, "://")
	if i <= 0 {
		return s
	}
	scheme := strings.ToLower(s[:i])
	rest := s[i+3:]
	// The authority ends at the first '/': a '?' or '#' before it is
	// taken as part of a password that should have been escaped.
	end := strings.IndexByte(rest, '/')
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndexByte(rest[:end], '@')
	if at < 0 {
		return s
	}
	user := ""
	switch scheme {
	case "http", "https", "git", "file":
	default:
		name, _, _ := strings.Cut(rest[:at], ":")
		user = name + "@"
	}
	return s[:i+3] + user + rest[at+1:]
}

// RedactURLs returns text with every URL in it redacted by [RedactURL]:
// for messages that may quote a repository's URL (git's and go-git's
// errors do).
func RedactURLs(text string) string {
	if !strings.Contains(text, "://") {
		return text
	}
	text = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>]+`).ReplaceAllStringFunc(text, RedactURL)
	// A "user:password@" whose password holds a '/' (it should have been
	// escaped): RedactURL takes the '/' for the end of the host; in a
	// message, dropping it is the safe reading.
	return regexp.MustCompile(`://[^\s"'<>@/]*:[^\s"'<>@]*@`).ReplaceAllLiteralString(text, "://")
}

// redactedError is an error whose message has its URLs redacted; it
// unwraps to the original.
type redactedError struct{ err error }

func (e redactedError) Error() string { return RedactURLs(e.err.Error()) }
func (e redactedError) Unwrap() error { return e.err }
