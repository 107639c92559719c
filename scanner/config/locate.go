package config

import "strings"

// The TOML library does not expose where a key is defined (and keeps one
// position per dotted name, so the keys of repeated [[allow]] tables share
// one), so the lines of keys are found by a light scan of the text.

// keyToken is a key name in the text: a bare or quoted key in a table
// header, at the start of a key/value line, or after "{" or "," in an inline
// table, including each part of a dotted key.
type keyToken struct {
	name string // as written, without quotes (escapes are not decoded)
	line int
}

// keyTokens returns the key names of a TOML document in order. It assumes a
// document the TOML parser accepted, and never fails: on text it does not
// understand it finds fewer keys, and lines are then reported as unknown.
func keyTokens(text string) []keyToken {
	text = strings.TrimPrefix(text, "\ufeff")
	var (
		toks      []keyToken
		line      = 1
		stack     []byte // open "[" (arrays) and "{" (inline tables) in values
		expectKey = true // a key may start here
		inHeader  bool
		afterKey  bool // the previous token was a key (a "." continues it)
	)
	for i := 0; i < len(text); {
		c := text[i]
		wasKey := afterKey
		afterKey = false
		switch {
		case c == '\n':
			line++
			i++
			if len(stack) == 0 {
				expectKey, inHeader = true, false
			}
		case c == ' ' || c == '\t' || c == '\r':
			afterKey = wasKey
			i++
		case c == '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == '[' && expectKey && len(stack) == 0 && !inHeader:
			inHeader = true
			for i < len(text) && text[i] == '[' {
				i++
			}
		case c == ']' && inHeader:
			inHeader, expectKey = false, false
			for i < len(text) && text[i] == ']' {
				i++
			}
		case c == '[' || c == '{':
			stack = append(stack, c)
			expectKey = c == '{'
			i++
		case c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			expectKey = false
			i++
		case c == ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] == '{'
			i++
		case c == '.':
			expectKey = wasKey
			i++
		case c == '=':
			expectKey = false
			i++
		case c == '"' || c == '\'':
			start := line
			s, n, nl := quoted(text[i:])
			if expectKey {
				toks = append(toks, keyToken{s, start})
				expectKey, afterKey = false, true
			}
			i += n
			line += nl
		default:
			j := i
			for j < len(text) && !strings.ContainsRune(" \t\r\n#=.,[]{}\"'", rune(text[j])) {
				j++
			}
			if j == i {
				j++ // a byte no rule above consumed
			}
			if expectKey {
				toks = append(toks, keyToken{text[i:j], line})
				expectKey, afterKey = false, true
			}
			i = j
		}
	}
	return toks
}

// quoted reads the string at the start of s (basic, literal or multi-line)
// and returns its contents, its length in bytes and the newlines in it.
func quoted(s string) (string, int, int) {
	q := s[:1]
	if strings.HasPrefix(s, q+q+q) {
		q = q + q + q
	}
	i := len(q)
	for i < len(s) {
		switch {
		case s[i] == '\\' && q[0] == '"':
			i += 2
		case strings.HasPrefix(s[i:], q):
			end := i + len(q)
			for len(q) == 3 && end < len(s) && s[end] == q[0] { // """a""""" ends with quotes
				end++
			}
			return s[len(q):i], end, strings.Count(s[:end], "\n")
		case s[i] == '\n' && len(q) == 1:
			return s[1:i], i, 0 // unterminated; the parser rejected it already
		default:
			i++
		}
	}
	i = min(i, len(s))
	return s[len(q):i], i, strings.Count(s[:i], "\n")
}

// keyLines maps each key of keys (the TOML library's document-order list,
// as from MetaData.Keys) to the line that defines it, 0 where unknown. It
// walks the key tokens forward, so that a name defined in several tables
// gets each definition's own line.
func keyLines(text string, keys [][]string) []int {
	toks := keyTokens(text)
	lines := make([]int, len(keys))
	next := 0
	for k, key := range keys {
		name := key[len(key)-1]
		for j := next; j < len(toks); j++ {
			if toks[j].name == name {
				lines[k], next = toks[j].line, j+1
				break
			}
		}
	}
	return lines
}
