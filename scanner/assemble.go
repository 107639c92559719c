package scanner

import (
	"bytes"

	"github.com/leakcord/leakcord/rules"
)

// allowMarker on a line suppresses the findings on that line;
// allowNextMarker suppresses those on the next line. Both work in any
// comment syntax.
const (
	allowMarker     = "leakcord:allow"
	allowNextMarker = "leakcord:allow-next-line"
)

// allowed reports whether the finding at off is on a line that an inline
// comment allows: the line itself says leakcord:allow, or the line above
// says leakcord:allow-next-line.
func allowed(data []byte, off int) bool {
	ls, le := lineBounds(data, off)
	line := data[ls:le]
	for i := 0; ; {
		j := bytes.Index(line[i:], []byte(allowMarker))
		if j < 0 {
			break
		}
		if !bytes.HasPrefix(line[i+j:], []byte(allowNextMarker)) {
			return true
		}
		i += j + len(allowNextMarker)
	}
	if ls == 0 {
		return false
	}
	prevEnd := ls - 1
	if prevEnd > 0 && data[prevEnd] == '\n' && data[prevEnd-1] == '\r' {
		prevEnd--
	}
	ps, pe := lineBounds(data, prevEnd)
	return bytes.Contains(data[ps:pe], []byte(allowNextMarker))
}

// lineTable maps byte offsets of one input to 1-based lines and columns.
// Lines end at "\n", "\r\n" or a lone "\r". Offsets must be queried in
// increasing order, which keeps the cost linear in the input size.
type lineTable struct {
	data      []byte
	pos       int // offset up to which lines have been counted
	line      int // line number at pos
	lineStart int // offset where line starts
}

func newLineTable(data []byte) *lineTable { return &lineTable{data: data, line: 1} }

// at returns the line and column of off (off >= every earlier query).
func (t *lineTable) at(off int) (line, col int) {
	for t.pos < off {
		i := bytes.IndexAny(t.data[t.pos:off], "\r\n")
		if i < 0 {
			t.pos = off
			break
		}
		p := t.pos + i
		if t.data[p] == '\r' && p+1 < len(t.data) && t.data[p+1] == '\n' {
			if p+1 == off {
				// off is the "\n" of a "\r\n": still on this line. The
				// pair is counted by a later query.
				t.pos = p
				break
			}
			p++
		}
		t.line++
		t.lineStart = p + 1
		t.pos = p + 1
	}
	return t.line, off - t.lineStart + 1
}

// lineBounds returns the start and end offsets of the line holding off.
func lineBounds(data []byte, off int) (int, int) {
	s := bytes.LastIndexAny(data[:off], "\r\n") + 1
	e := bytes.IndexAny(data[off:], "\r\n")
	if e < 0 {
		return s, len(data)
	}
	return s, off + e
}

// assemble turns the candidates of one file into findings: located, with
// allowed lines dropped and each secret reported once per file.
func assemble(file string, data []byte, cands []rules.Candidate) []Finding {
	if len(cands) == 0 {
		return nil
	}
	lt := newLineTable(data)
	seen := make(map[string]bool, len(cands))
	var out []Finding
	for _, c := range cands {
		line, col := lt.at(c.Start)
		if seen[c.Secret] {
			continue
		}
		if allowed(data, c.Start) {
			continue
		}
		seen[c.Secret] = true
		endLine, endCol := lt.at(c.End - 1)
		sum := SecretHash(c.Secret)
		out = append(out, Finding{
			RuleID: c.RuleID, Severity: c.Severity, File: file,
			Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
			Offset: c.Start, Secret: c.Secret, SecretSHA256: sum,
			Fingerprint: Fingerprint(c.RuleID, file, sum),
			Token:       c.Token, Webhook: c.Webhook, Encoding: c.Encoding,
			Verification: Verification{Status: StatusNotChecked},
		})
	}
	return out
}
