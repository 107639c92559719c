package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// line is one line of a file version; secret is the credential it holds, if any.
type line struct {
	text, secret string
}

// version is one content of a file; versions never change once made.
type version struct {
	lang  *language
	lines []line
	mark  int // blob mark once written to the stream, else 0
}

// state maps a path to the version a tree holds there.
type state map[string]*version

func (s state) clone() state {
	c := make(state, len(s))
	for p, v := range s {
		c[p] = v
	}
	return c
}

// branch is one branch being built.
type branch struct {
	name  string
	tip   int // mark of its newest commit, 0 before its first
	state state
	since int // commits since its last merge into its upstream
}

// model simulates the history and writes it as a fast-import stream.
type model struct {
	r      *rand.Rand
	w      *bufio.Writer
	target int // files the tree tends to
	// plantRate is the share of new file versions that gain a credential.
	plantRate float64
	mark      int
	when      int64
	// base holds, for a pair of branches, the tree of their newest common
	// ancestor: the merge base of a merge between them.
	base map[[2]string]state
	// Manifest data: every (secret, path) pair some commit's tree holds.
	secrets map[string]*Secret
	pool    []string // planted secrets, for pasting one elsewhere
	stats   Stats
}

var authors = []string{
	"Ada Park <ada@example.com>", "Bo Lindqvist <bo@example.org>", "Chidi Okafor <chidi@example.net>",
	"Dana Reyes <dana@example.com>", "Emeka Obi <emeka@example.org>", "Fen Liu <fen@example.com>",
	"Greta Holm <greta@example.net>", "Hiro Sato <hiro@example.com>",
}

// blob writes v's content to the stream once and returns its mark.
func (m *model) blob(v *version) int {
	if v.mark == 0 {
		var b strings.Builder
		for _, l := range v.lines {
			b.WriteString(l.text)
			b.WriteByte('\n')
		}
		m.mark++
		v.mark = m.mark
		fmt.Fprintf(m.w, "blob\nmark :%d\ndata %d\n%s\n", v.mark, b.Len(), b.String())
		m.stats.Blobs++
		m.stats.BlobBytes += int64(b.Len())
	}
	return v.mark
}

// commit writes a commit on b with parents from (b's tip, or another
// commit for a branch's first commit) and merge (0: none), whose tree is
// next, and records the secrets at the paths that changed.
func (m *model) commit(b *branch, from, merge int, next state, msg string) {
	type change struct {
		path string
		v    *version // nil: deleted
	}
	var changes []change
	for p, v := range next {
		if b.state[p] != v {
			changes = append(changes, change{p, v})
		}
	}
	for p := range b.state {
		if next[p] == nil {
			changes = append(changes, change{p, nil})
		}
	}
	slices.SortFunc(changes, func(a, b change) int { return strings.Compare(a.path, b.path) })
	for _, c := range changes {
		if c.v != nil {
			m.blob(c.v)
			for _, l := range c.v.lines {
				if l.secret != "" {
					m.secrets[l.secret].addPath(c.path)
				}
			}
		}
	}
	m.mark++
	m.when += int64(300 + m.r.IntN(4*3600))
	who := authors[m.r.IntN(len(authors))]
	fmt.Fprintf(m.w, "commit refs/heads/%s\nmark :%d\nauthor %s %d +0000\ncommitter %s %d +0000\ndata %d\n%s\n",
		b.name, m.mark, who, m.when, who, m.when, len(msg), msg)
	if from != 0 {
		fmt.Fprintf(m.w, "from :%d\n", from)
	}
	if merge != 0 {
		fmt.Fprintf(m.w, "merge :%d\n", merge)
	}
	for _, c := range changes {
		if c.v == nil {
			fmt.Fprintf(m.w, "D %s\n", c.path)
		} else {
			fmt.Fprintf(m.w, "M 100644 :%d %s\n", c.v.mark, c.path)
		}
	}
	m.w.WriteString("\n")
	b.tip, b.state = m.mark, next
	m.stats.Commits++
	if merge != 0 {
		m.stats.Merges++
	}
}

// fork starts branch b at the tip of from, as its next commit's parent.
func (m *model) fork(b, from *branch) {
	b.tip, b.state, b.since = from.tip, from.state.clone(), 0
	m.base[pairOf(b, from)] = from.state
}

func pairOf(a, b *branch) [2]string {
	if a.name > b.name {
		a, b = b, a
	}
	return [2]string{a.name, b.name}
}

// merge commits the merge of src into dst: a three-way merge of whole files
// against their merge base. When both sides changed a file, a deletion wins
// over an edit, and otherwise src's version (the conflict resolved in
// favour of the incoming branch).
func (m *model) merge(dst, src *branch) {
	base := m.base[pairOf(dst, src)]
	next := dst.state.clone()
	paths := make(map[string]bool)
	for p := range src.state {
		paths[p] = true
	}
	for p := range base {
		paths[p] = true
	}
	for p := range paths {
		switch t := src.state[p]; {
		case t == base[p]: // src left it alone: dst's version stays
		case t == nil:
			delete(next, p)
		case next[p] == nil && base[p] != nil: // dst deleted it
		default:
			next[p] = t
		}
	}
	m.commit(dst, dst.tip, src.tip, next, fmt.Sprintf("Merge branch '%s' into %s", src.name, dst.name))
	m.base[pairOf(dst, src)] = src.state
}

// change commits 1 to 5 file changes on b.
func (m *model) change(b *branch) {
	next := b.state.clone()
	n := 1 + m.r.IntN(5)
	var verbs []string
	for range n {
		verbs = append(verbs, m.operate(next))
	}
	slices.Sort(verbs)
	verbs = slices.Compact(verbs)
	msg := fmt.Sprintf("%s %s", strings.Join(verbs, ", "), fill(m.r, "{w} {w}: {p}", ""))
	m.commit(b, b.tip, 0, next, msg)
	b.since++
}

// operate applies one change to s and returns its verb.
func (m *model) operate(s state) string {
	r := m.r
	paths := sortedPaths(s)
	x := r.Float64()
	addP, delP := 0.08, 0.03 // the tree grows towards m.target files, then stays near it
	if len(s) >= m.target {
		addP, delP = 0.04, 0.06
	}
	switch {
	case len(paths) == 0 || x < addP:
		l := languages[r.IntN(len(languages))]
		p := m.newPath(s, l)
		v := &version{lang: l, lines: toLines(l.newFile(r, stem(p), 1024+r.IntN(5*1024)))}
		s[p] = m.maybePlant(v)
		m.stats.Adds++
		return "add"
	case x < addP+delP:
		delete(s, paths[r.IntN(len(paths))])
		m.stats.Deletes++
		return "remove"
	case x < addP+delP+0.02:
		p := paths[r.IntN(len(paths))]
		v := s[p]
		delete(s, p)
		q := m.newPath(s, v.lang)
		if r.IntN(2) == 0 {
			v = m.edit(v)
		}
		s[q] = v
		m.stats.Renames++
		return "rename"
	case x < addP+delP+0.03:
		p := paths[r.IntN(len(paths))]
		if held := withSecrets(s, paths); len(held) > 0 && r.IntN(2) == 0 {
			p = held[r.IntN(len(held))] // backups of a config are where tokens spread
		}
		q := strings.TrimSuffix(p, path.Ext(p)) + "_backup" + path.Ext(p)
		if s[q] != nil {
			q = m.newPath(s, s[p].lang)
		}
		s[q] = s[p]
		m.stats.Copies++
		return "copy"
	default:
		p := paths[r.IntN(len(paths))]
		s[p] = m.edit(s[p])
		return "update"
	}
}

// edit returns a new version of v with one to three hunks changed.
func (m *model) edit(v *version) *version {
	r := m.r
	ls := slices.Clone(v.lines)
	for range 1 + r.IntN(3) {
		at := r.IntN(len(ls) + 1)
		switch r.IntN(3) {
		case 0: // replace
			for i := at; i < len(ls) && i < at+1+r.IntN(4); i++ {
				ls[i] = line{text: fill(r, v.lang.lines[r.IntN(len(v.lang.lines))], "")}
			}
		case 1: // insert
			ls = slices.Insert(ls, at, toLines(v.lang.chunk(r))...)
		case 2: // delete
			if len(ls) > 20 {
				ls = slices.Delete(ls, min(at, len(ls)-1), min(at+1+r.IntN(4), len(ls)))
			}
		}
	}
	// A credential committed by mistake is often removed again soon.
	if r.IntN(4) == 0 {
		for i, l := range ls {
			if l.secret != "" {
				ls = slices.Delete(ls, i, i+1)
				m.stats.Removed++
				break
			}
		}
	}
	return m.maybePlant(&version{lang: v.lang, lines: ls})
}

// maybePlant adds a credential line to v, rarely (m.plantRate), and a
// look-alike now and then.
func (m *model) maybePlant(v *version) *version {
	r := m.r
	if r.Float64() < m.plantRate/2 {
		at := r.IntN(len(v.lines) + 1)
		v.lines = slices.Insert(v.lines, at, line{text: v.lang.fake})
	}
	if r.Float64() >= m.plantRate {
		return v
	}
	var family, secret string
	if len(m.pool) > 0 && r.IntN(6) == 0 {
		secret = m.pool[r.IntN(len(m.pool))] // pasted into another file
		family = m.secrets[secret].Kind
		m.stats.Pasted++
	} else {
		switch x := r.IntN(20); {
		case x < 7:
			family, secret = "bot", testtoken.BotToken(r)
		case x < 10:
			family, secret = "bot", testtoken.LegacyToken(r)
		case x < 15:
			family, secret = "webhook", testtoken.WebhookURL(r, "discord.com", "")
		case x < 18:
			family, secret = "secret", testtoken.ClientSecret(r)
		default:
			family, secret = "mfa", testtoken.MFAToken(r)
		}
		if m.secrets[secret] == nil {
			sum := sha256.Sum256([]byte(secret))
			m.secrets[secret] = &Secret{SHA256: hex.EncodeToString(sum[:]), Kind: family}
			m.pool = append(m.pool, secret)
		}
	}
	m.stats.Plants++
	at := r.IntN(len(v.lines) + 1)
	l := line{text: fmt.Sprintf(v.lang.secret[family], secret), secret: secret}
	v.lines = slices.Insert(v.lines, at, l)
	return v
}

// newPath returns an unused path for a new file in language l.
func (m *model) newPath(s state, l *language) string {
	for {
		dir := l.dirs[m.r.IntN(len(l.dirs))]
		name := words[m.r.IntN(len(words))] + "_" + words[m.r.IntN(len(words))]
		if l.ext == ".java" {
			name = pascal(name)
		}
		p := dir + "/" + name + l.ext
		if s[p] == nil {
			return p
		}
	}
}

// pascal turns snake_case into PascalCase.
func pascal(s string) string {
	var b strings.Builder
	for _, w := range strings.Split(s, "_") {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func stem(p string) string { return strings.TrimSuffix(path.Base(p), path.Ext(p)) }

func toLines(ss []string) []line {
	out := make([]line, len(ss))
	for i, s := range ss {
		out[i] = line{text: s}
	}
	return out
}

func sortedPaths(s state) []string {
	ps := make([]string, 0, len(s))
	for p := range s {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// withSecrets returns the paths among paths whose file holds a credential.
func withSecrets(s state, paths []string) []string {
	var out []string
	for _, p := range paths {
		if slices.ContainsFunc(s[p].lines, func(l line) bool { return l.secret != "" }) {
			out = append(out, p)
		}
	}
	return out
}
