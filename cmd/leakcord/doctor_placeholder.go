package main

import (
	"slices"
	"strings"
	"time"

	"github.com/leakcord/leakcord/rules"
)

// Placeholders: values that stand where a token should be (a template
// reference never filled in, "YOUR_TOKEN_HERE", "xxxx…"). None of them can
// be a token, so doctor says so instead of calling them mistyped or cut off,
// and never sends them to Discord.

// placeholder reports (and records) a value that is a placeholder.
func (d *diagnosis) placeholder(v string) bool {
	switch marker := templateMarker(v); {
	case marker != "":
		d.add(probExampleToken, "the value is a template reference ("+marker+") that was never filled in, not a token",
			"put your bot's own token there, or make sure whatever fills the template in (docker compose, envsubst, "+
				"Helm, your CI) runs before the bot reads the value")
	case placeholderText(v):
		d.add(probExampleToken, "the value is placeholder text (such as YOUR_TOKEN_HERE, a variable's name or "+
			"undefined), not a token", fixPlaceholder)
	case filler(v):
		d.add(probExampleToken, "the value is filler (repeated or sequential characters such as xxxx), not a token",
			fixPlaceholder)
	default:
		return false
	}
	return true
}

// templateMarker names the template syntax that v is ("${…}", "{{…}}",
// "<…>", "%…%", "$NAME"), or returns "". The marker must enclose the whole
// value, and what it encloses must not be a token: a real token left
// between the brackets ("<MTA4….…>", the placeholder replaced but not its
// brackets) is a token with stray characters, which the token checks name.
func templateMarker(v string) string {
	for _, m := range []struct{ open, close, name string }{
		{"${", "}", "${…}"}, {"$(", ")", "$(…)"}, {"{{", "}}", "{{…}}"}, {"<", ">", "<…>"}, {"[[", "]]", "[[…]]"},
	} {
		if inner, ok := strings.CutPrefix(v, m.open); ok {
			if inner, ok = strings.CutSuffix(inner, m.close); ok && !holdsToken(inner) {
				return m.name
			}
		}
	}
	// A variable's name holds no dot, so "$MTA4….…" and "%MTA4….…%" are
	// tokens with a stray character, not references.
	switch {
	case len(v) > 2 && v[0] == '%' && v[len(v)-1] == '%' && identifier(v[1:len(v)-1]):
		return "%…%"
	case len(v) > 1 && v[0] == '$' && (v[1] == '_' || isLetter(v[1])) && identifier(v[1:]):
		return "$NAME"
	}
	return ""
}

// identifier reports whether s is a variable's name: letters, digits and
// underscores.
func identifier(s string) bool {
	return s != "" && all(s, func(c byte) bool { return c == '_' || isAlnum(c) })
}

// holdsToken reports whether the rules find a credential in s.
func holdsToken(s string) bool {
	return len(rules.NewMatcher(time.Now()).Find([]byte(s))) > 0
}

// placeholderWords are words that, alone or joined by separators, make a
// value placeholder text: "YOUR_TOKEN_HERE", "insert-token", "DISCORD_TOKEN"
// (a variable's name), "undefined" (a variable that was not set).
var placeholderWords = map[string]bool{
	"your": true, "here": true, "token": true, "insert": true, "paste": true, "enter": true,
	"put": true, "replace": true, "change": true, "changeme": true, "placeholder": true, "example": true,
	"sample": true, "dummy": true, "fake": true, "redacted": true, "removed": true, "hidden": true,
	"secret": true, "todo": true, "fixme": true, "tbd": true, "undefined": true, "null": true, "nil": true,
	"none": true,
}

// placeholderStems are parts of a word written without separators
// ("YourTokenHere", "bottoken").
var placeholderStems = []string{"your", "here", "token", "changeme", "placeholder", "redacted", "insert", "paste"}

// placeholderText reports whether v is made of words only (letters, at
// most 24 in a row, between separators), at least one of them a
// placeholder word. A token cannot be: its first part alone is 23 or more
// letters and digits, and holds digits in all but a few cases, which no
// placeholder word matches.
func placeholderText(v string) bool {
	words := strings.FieldsFunc(v, func(r rune) bool { return r >= 0x80 || !isAlnum(byte(r)) })
	found := false
	for _, w := range words {
		if len(w) > 24 || !all(w, isLetter) {
			return false
		}
		lw := strings.ToLower(w)
		if placeholderWords[lw] || slices.ContainsFunc(placeholderStems, func(s string) bool { return strings.Contains(lw, s) }) {
			found = true
		}
	}
	return found
}

// filler reports whether v is filler: its last dot-separated part (the
// random part of a token, or the whole value) is what the rules take for
// a placeholder, or v holds at most two distinct characters. The rules'
// check is not applied to digits only (an ID is not random) nor to 64 hex
// digits (a public key has a narrower alphabet than it expects).
func filler(v string) bool {
	var seen [256]bool
	distinct, n := 0, 0
	for i := 0; i < len(v); i++ {
		if c := v[i]; c != '.' && c != '-' && c != '_' && c != ' ' {
			n++
			if !seen[c] {
				seen[c], distinct = true, distinct+1
			}
		}
	}
	if n >= 6 && distinct <= 2 {
		return true
	}
	if all(v, isDigit) || len(v) == 64 && all(v, isHex) {
		return false
	}
	last := v[strings.LastIndexByte(v, '.')+1:]
	return len(last) >= 6 && rules.LooksPlaceholder(last)
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
