package scanner_test

import (
	"strings"
	"testing"

	"github.com/leakcord/leakcord/scanner"
)

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/org/repo.git":                    "https://github.com/org/repo.git",
		"https://ghp_PAT@github.com/org/repo.git":            "https://github.com/org/repo.git",
		"https://x-access-token:ghp_PAT@github.com/org/repo": "https://github.com/org/repo",
		"HTTPS://user:p#ss@host/r":                           "HTTPS://host/r",
		"http://user:pa@ss@127.0.0.1:1/x.git?ref=a@b":        "http://127.0.0.1:1/x.git?ref=a@b",
		"git://tok@host/r":                                   "git://host/r",
		"file://user@/srv/r.git":                             "file:///srv/r.git",
		"ssh://git@github.com/org/repo.git":                  "ssh://git@github.com/org/repo.git",
		"ssh://git:hunter2@github.com/org/repo.git":          "ssh://git@github.com/org/repo.git",
		"https://discord.com/api/webhooks/1/tok":             "https://discord.com/api/webhooks/1/tok",
		"/srv/repos/a@b.git":                                 "/srv/repos/a@b.git",
		"git@github.com:org/repo.git":                        "git@github.com:org/repo.git",
		"":                                                   "",
	} {
		if got := scanner.RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedactURLs(t *testing.T) {
	in := `clone https://tok@host/x.git: Get "https://tok@host/x.git/info/refs?service=git-upload-pack": dial tcp: refused; ssh://u:pw@h/r`
	want := `clone https://host/x.git: Get "https://host/x.git/info/refs?service=git-upload-pack": dial tcp: refused; ssh://u@h/r`
	if got := scanner.RedactURLs(in); got != want {
		t.Errorf("RedactURLs =\n%s\nwant\n%s", got, want)
	}
	// A password with an unescaped '/'.
	if got := scanner.RedactURLs(`clone https://USER:SEC/RETPW@127.0.0.1:1/x.git: bad`); strings.Contains(got, "SEC") || strings.Contains(got, "RETPW") {
		t.Errorf("RedactURLs left a password: %s", got)
	}
	// An '@' in a path stays.
	if got := scanner.RedactURLs(`see https://example.com/org/pkg@v1.2`); got != `see https://example.com/org/pkg@v1.2` {
		t.Errorf("RedactURLs changed a path: %s", got)
	}
}
