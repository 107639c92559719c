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
		// A password with an unescaped '/' ("user:pa/ss@host"): the
		// authority runs to the last '@' before any blank, when what comes
		// before it is "user:password" and not "host:port/path".
		at = unescapedUserinfo(rest)
		if at < 0 {
			return s
		}
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

// unescapedUserinfo returns where the user information of rest (a URL
// after "://") ends when its password holds an unescaped '/', or -1: rest
// has an '@' before any blank, and a ':' before its first '/' that is not
// followed by a port.
func unescapedUserinfo(rest string) int {
	if sp := strings.IndexAny(rest, " \t\n"); sp >= 0 {
		rest = rest[:sp]
	}
	at := strings.LastIndexByte(rest, '@')
	slash := strings.IndexByte(rest, '/')
	colon := strings.IndexByte(rest, ':')
	if at < 0 || colon < 0 || slash >= 0 && colon > slash {
		return -1
	}
	port := rest[colon+1:]
	if slash >= 0 {
		port = rest[colon+1 : slash]
	}
	if port != "" && strings.Trim(port, "0123456789") == "" {
		return -1 // host:port/path@…
	}
	return at
}

// RedactURLs returns text with every URL in it redacted by [RedactURL]:
// for messages that may quote a repository's URL (git's and go-git's
// errors do).
func RedactURLs(text string) string {
	if !strings.Contains(text, "://") {
		return text
	}
	text = urlRE.ReplaceAllStringFunc(text, RedactURL)
	// A "user:password@" whose password holds a '/' (it should have been
	// escaped): RedactURL takes the '/' for the end of the host; in a
	// message, dropping it is the safe reading.
	return slashPasswordRE.ReplaceAllLiteralString(text, "://")
}

// Patterns of RedactURLs (compiled once; regexps are safe for concurrent
// use and never change).
var (
	urlRE           = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>]+`)
	slashPasswordRE = regexp.MustCompile(`://[^\s"'<>@/]*:[^\s"'<>@]*@`)
)

// redactedError is an error whose message has its URLs redacted; it
// unwraps to the original.
type redactedError struct{ err error }

func (e redactedError) Error() string { return RedactURLs(e.err.Error()) }
func (e redactedError) Unwrap() error { return e.err }
