package fleet

import (
	"slices"
	"strings"
	"testing"
)

func TestParseTargets(t *testing.T) {
	in := "# the fleet\n" +
		"https://git.example.com/org/bot.git\r\n" +
		"\n" +
		"   ../local/repo   # a comment after blanks\n" +
		"git@git.example.com:org/api.git\t# tab comment\n" +
		"/srv/git/a#b\n" + // "#" inside a name is not a comment
		"   # indented comment\n"
	got, err := ParseTargets(strings.NewReader(in), "repos.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://git.example.com/org/bot.git", "../local/repo", "git@git.example.com:org/api.git", "/srv/git/a#b"}
	if !slices.Equal(got, want) {
		t.Errorf("ParseTargets = %q, want %q", got, want)
	}

	if got, err := ParseTargets(strings.NewReader(""), "empty"); err != nil || len(got) != 0 {
		t.Errorf("empty list: %q, %v", got, err)
	}
	if _, err := ParseTargets(strings.NewReader("a\nb\x00c\n"), "bad.txt"); err == nil || !strings.Contains(err.Error(), "bad.txt:2") {
		t.Errorf("NUL byte: err = %v, want one naming bad.txt:2", err)
	}
}

func TestName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"../bot", "../bot"},
		{" ../bot/ ", "../bot"},
		{"/", "/"},
		{"https://x-access-token:ghs_secret@github.com/org/bot.git", "https://github.com/org/bot.git"},
		{"https://ghp_tokenasuser@github.com/org/bot", "https://github.com/org/bot"},
		{"https://github.com/org/bot/", "https://github.com/org/bot"},
		{"ssh://git:pw@git.example.com/org/bot.git", "ssh://git@git.example.com/org/bot.git"},
		{"ssh://git@git.example.com/org/bot.git", "ssh://git@git.example.com/org/bot.git"},
		{"git@github.com:org/bot.git", "git@github.com:org/bot.git"},
		{"git://127.0.0.1:9418/r001.git", "git://127.0.0.1:9418/r001.git"},
	} {
		if got := Name(c.in); got != c.want {
			t.Errorf("Name(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDedupe(t *testing.T) {
	kept, repeated := Dedupe([]string{"a", "b/", "https://u:p@h/r", "b", "a", "https://h/r"})
	if want := []string{"a", "b/", "https://u:p@h/r"}; !slices.Equal(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
	if want := []string{"b", "a", "https://h/r"}; !slices.Equal(repeated, want) {
		t.Errorf("repeated %q, want %q", repeated, want)
	}
}
