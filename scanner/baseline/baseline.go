// Package baseline records the findings a team has accepted, so that a scan
// reports only what is new.
//
// # Format
//
// A baseline is a JSON object, written by [Baseline.Write] and read by [Load]:
//
//	{
//	  "version": 1,
//	  "tool": "leakcord",
//	  "created": "2024-05-01T12:00:00Z",
//	  "entries": [
//	    {
//	      "fingerprint": "<32 hex digits>",
//	      "rule_id": "discord-bot-token",
//	      "file": "config/settings.py",
//	      "secret_sha256": "<64 hex digits>"
//	    }
//	  ]
//	}
//
// The fields: "version" is the format version ([Version]); "tool" is always
// "leakcord"; "created" is when the baseline was written (RFC 3339, UTC);
// each entry holds a finding's "fingerprint", "rule_id", "file" and
// "secret_sha256", with the meaning they have in a JSON report. Hex digits
// are lowercase.
//
// A baseline never holds a secret, only its SHA-256. Entries are sorted by
// file, rule ID, fingerprint and hash, one per distinct finding, so that a
// baseline kept in version control changes only where findings change.
// File paths are those of the findings: relative to the scan root for a
// working-tree scan, relative to the repository root for a history or staged
// scan. A baseline written by one kind of scan therefore suppresses the
// findings of another when both use the same root (scan the repository root
// when sharing a baseline between `leakcord history` and `leakcord scan`).
//
// Readers ignore fields they do not know. A change that alters the meaning
// of a field increments "version"; [Load] refuses versions it does not know.
//
// # Suppression contract
//
// [Baseline.Filter] suppresses a finding only when an entry has both its
// fingerprint and its secret hash. The fingerprint already depends on the
// rule, the file and the secret (not on the line), so a baselined secret
// stays suppressed when lines move, while a different secret pasted on a
// baselined line, or the same secret copied into another file, is reported.
// [Baseline.Stale] lists the entries that match no finding any more.
//
// A *Baseline is not safe for concurrent modification; its methods only
// read it. A nil *Baseline suppresses nothing.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// Version is the baseline format version that this package writes and reads.
const Version = 1

// Tool is the value of the "tool" field of the baselines this package writes.
const Tool = "leakcord"

// Baseline is a set of accepted findings.
type Baseline struct {
	Version int       `json:"version"`
	Tool    string    `json:"tool"`
	Created time.Time `json:"created"` // when the baseline was written, UTC, whole seconds
	// Scope says what the scan that wrote the baseline covered ("history",
	// "scan ." or "scan sub", the folder relative to the repository root),
	// so that [Baseline.Stale] compares like with like; "" in baselines
	// written before it existed.
	Scope   string  `json:"scope,omitempty"`
	Entries []Entry `json:"entries"`
}

// Entry is one accepted finding. It identifies a finding without holding
// its secret.
type Entry struct {
	Fingerprint  string `json:"fingerprint"`   // scanner.Finding.Fingerprint
	RuleID       string `json:"rule_id"`       // the rule that found the secret
	File         string `json:"file"`          // where, "/"-separated
	SecretSHA256 string `json:"secret_sha256"` // scanner.Finding.SecretSHA256
}

// key is what a finding must share with an entry to be suppressed.
type key struct{ fingerprint, secretSHA256 string }

func (e Entry) key() key { return key{e.Fingerprint, e.SecretSHA256} }

func findingKey(f *scanner.Finding) key { return key{f.Fingerprint, f.SecretSHA256} }

func compareEntries(a, b Entry) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Fingerprint, b.Fingerprint), cmp.Compare(a.SecretSHA256, b.SecretSHA256))
}

// FromFindings returns a baseline that accepts every finding in fs, created
// at now. Findings that share a fingerprint and secret hash (the same secret
// in the same file seen in several commits, say) make one entry.
func FromFindings(fs []scanner.Finding, now time.Time) *Baseline {
	entries := make([]Entry, 0, len(fs))
	for i := range fs {
		f := &fs[i]
		entries = append(entries, Entry{
			Fingerprint: f.Fingerprint, RuleID: f.RuleID, File: f.File, SecretSHA256: f.SecretSHA256,
		})
	}
	return &Baseline{Version: Version, Tool: Tool, Created: now.UTC().Truncate(time.Second), Entries: normalize(entries)}
}

// normalize sorts entries and drops duplicates.
func normalize(entries []Entry) []Entry {
	slices.SortFunc(entries, compareEntries)
	return slices.CompactFunc(entries, func(a, b Entry) bool { return a.key() == b.key() })
}

// Write writes b to w as indented JSON followed by a newline, with its
// entries sorted and de-duplicated. It does not modify b.
func (b *Baseline) Write(w io.Writer) error {
	out := *b
	out.Entries = normalize(slices.Clone(b.Entries))
	if out.Entries == nil {
		out.Entries = []Entry{}
	}
	out.Created = b.Created.UTC().Truncate(time.Second)
	data, err := json.MarshalIndent(&out, "", "  ")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	data = append(data, '\n')
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// Filter returns the findings of fs that b does not accept, in their order,
// and how many it suppressed. A finding is suppressed only when an entry has
// both its fingerprint and its secret hash. fs is not modified; kept is a new
// slice. A nil b keeps everything.
func (b *Baseline) Filter(fs []scanner.Finding) (kept []scanner.Finding, suppressed int) {
	set := b.set()
	kept = make([]scanner.Finding, 0, len(fs))
	for i := range fs {
		if _, ok := set[findingKey(&fs[i])]; ok {
			suppressed++
			continue
		}
		kept = append(kept, fs[i])
	}
	return kept, suppressed
}

// Stale returns the entries of b that match none of fs, in b's order: the
// secrets that were removed (or moved to another file) since the baseline
// was written. Pass the findings before [Baseline.Filter] removes them.
func (b *Baseline) Stale(fs []scanner.Finding) []Entry {
	if b == nil {
		return nil
	}
	seen := make(map[key]bool, len(fs))
	for i := range fs {
		seen[findingKey(&fs[i])] = true
	}
	var stale []Entry
	for _, e := range b.Entries {
		if !seen[e.key()] {
			stale = append(stale, e)
		}
	}
	return stale
}

func (b *Baseline) set() map[key]struct{} {
	if b == nil {
		return nil
	}
	set := make(map[key]struct{}, len(b.Entries))
	for _, e := range b.Entries {
		set[e.key()] = struct{}{}
	}
	return set
}

// ErrFormat is wrapped by the errors [Load] returns for a file that is not a
// valid leakcord baseline (as opposed to one that cannot be read).
var ErrFormat = errors.New("not a valid leakcord baseline")

// Load reads the baseline at path. Its errors name the file: it does not
// exist or cannot be read (wrapping the [io/fs.PathError]), it is not JSON or
// not a baseline object, it has a version this package does not know, or an
// entry is malformed (all wrapping [ErrFormat]).
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	b, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	return b, nil
}

// parse decodes and checks a baseline.
func parse(data []byte) (*Baseline, error) {
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return nil, fmt.Errorf("%w: the file is empty", ErrFormat)
	case trimmed[0] != '{':
		return nil, fmt.Errorf("%w: want a JSON object written by --write-baseline", ErrFormat)
	}
	// Decode the version first, so that a newer format is reported as such
	// rather than as whatever field it changed.
	var head struct {
		Version json.RawMessage `json:"version"`
		Tool    string          `json:"tool"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrFormat, jsonError(data, err))
	}
	var version int
	if head.Version == nil || json.Unmarshal(head.Version, &version) != nil {
		return nil, fmt.Errorf("%w: no integer \"version\" field", ErrFormat)
	}
	if version != Version {
		return nil, fmt.Errorf("%w: unsupported version %d (this leakcord reads version %d; upgrade leakcord or rewrite the baseline with --write-baseline)", ErrFormat, version, Version)
	}
	if head.Tool != Tool {
		return nil, fmt.Errorf("%w: \"tool\" is %q, want %q", ErrFormat, head.Tool, Tool)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrFormat, jsonError(data, err))
	}
	for i, e := range b.Entries {
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("%w: entry %d: %v", ErrFormat, i+1, err)
		}
	}
	b.Entries = normalize(b.Entries)
	return &b, nil
}

// check reports what is wrong with an entry read from a file.
func (e Entry) check() error {
	switch {
	case !isHex(e.Fingerprint, 32):
		return fmt.Errorf("\"fingerprint\" %q is not 32 lowercase hex digits", e.Fingerprint)
	case !isHex(e.SecretSHA256, 64):
		return fmt.Errorf("\"secret_sha256\" %q is not 64 lowercase hex digits", e.SecretSHA256)
	case e.RuleID == "":
		return errors.New("no \"rule_id\"")
	case e.File == "":
		return errors.New("no \"file\"")
	}
	return nil
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// jsonError describes a decoding error with the line and column (1-based)
// of the byte it concerns, where the error carries an offset.
func jsonError(data []byte, err error) string {
	var off int64
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	if off <= 0 || off > int64(len(data)) {
		return err.Error()
	}
	// The offset counts the bytes read, the last of which is the culprit.
	before := data[:off-1]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}
