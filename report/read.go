package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// ErrNotLeakcord is wrapped by the errors of [ReadReport] and
// [ReadFindings] about input that leakcord did not write: a finding
// without a field leakcord always writes (rule_id, severity, file, line,
// column, secret, secret_sha256, fingerprint, verification.status), or a
// SARIF run of another tool.
var ErrNotLeakcord = errors.New("not written by leakcord")

// Read is a report read back: its findings, and what the report says of
// the scan that produced it.
type Read struct {
	// Format is the format the report was in: "json", "jsonl" or "sarif".
	Format string
	// Mode is the scan mode a SARIF report names in its automation ID
	// ("scan", "history", "staged"); "" when the report does not say.
	Mode string
	// Findings are the report's findings, in the report's order.
	Findings []scanner.Finding
	// Repos are the repositories a fleet's SARIF log lists in its run
	// properties, in its order: each with its status and, when it
	// failed, why (Commits, Duration and Incremental are not recorded).
	// json and jsonl reports hold findings only: nil.
	Repos []FleetRepo
	// Incomplete is set when a SARIF log says that its scan did not
	// finish: an invocation whose execution did not succeed.
	Incomplete bool
}

// ReadReport reads a report that leakcord wrote as json, jsonl or sarif,
// telling the format from the content. An empty input is a jsonl report
// without findings. Secrets are what the report holds: redacted ones stay
// redacted ([scanner.Redact] leaves them alone), so a report written from
// findings read back never shows more than its sources did. Input that
// leakcord did not write is an error that wraps [ErrNotLeakcord].
func ReadReport(r io.Reader) (*Read, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' && isSARIF(trimmed) {
		return readSARIF(trimmed)
	}
	format := FormatJSONL
	if len(trimmed) > 0 && trimmed[0] == '[' {
		format = FormatJSON
	}
	fs, err := readFindings(trimmed)
	if err != nil {
		return nil, err
	}
	return &Read{Format: format, Findings: fs}, nil
}

// readAll is [io.ReadAll], reading a file of known size into a buffer of
// that size rather than into ever larger ones: reports can be hundreds of
// megabytes.
func readAll(r io.Reader) ([]byte, error) {
	st, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return io.ReadAll(r)
	}
	fi, err := st.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() <= 0 {
		return io.ReadAll(r)
	}
	var buf bytes.Buffer
	buf.Grow(int(fi.Size()) + bytes.MinRead)
	_, err = buf.ReadFrom(r)
	return buf.Bytes(), err
}

// isSARIF reports whether the JSON object that data starts with is a SARIF
// log (it has "runs"), not a JSON finding.
func isSARIF(data []byte) bool {
	var probe struct {
		Runs   json.RawMessage `json:"runs"`
		RuleID *string         `json:"rule_id"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&probe); err != nil {
		return false
	}
	return probe.Runs != nil && probe.RuleID == nil
}

// ReadFindings reads the findings of a json report (an array) or a jsonl
// report (one object a line) as leakcord writes them (DESIGN.md §4).
// Unknown fields are ignored; a finding that lacks a field leakcord always
// writes is an error that wraps [ErrNotLeakcord], and one with a field of
// the wrong type an error; both name the finding's line.
func ReadFindings(r io.Reader) ([]scanner.Finding, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return readFindings(data)
}

// readFindings is [ReadFindings] of data, which it does not copy.
func readFindings(data []byte) ([]scanner.Finding, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	// lineAt is the line of the first byte at or after off that is not
	// white space: where the value that starts there begins.
	lineAt := func(off int64) int {
		i := min(int(off), len(data))
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
			i++
		}
		return 1 + bytes.Count(data[:min(i, len(data))], []byte("\n"))
	}
	array := false
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
		array = true
	}
	// jsonl holds a finding a line, json one in a dozen lines or more.
	lines := bytes.Count(data, []byte("\n"))
	if array {
		lines /= 12
	}
	out := make([]scanner.Finding, 0, lines+1)
	add := func(j *jsonFinding, off int64) error {
		f, err := fromJSON(j)
		if err != nil {
			return fmt.Errorf("line %d: %w", lineAt(off), err)
		}
		out = append(out, f)
		return nil
	}
	if array {
		if _, err := dec.Token(); err != nil {
			return nil, err
		}
		for dec.More() {
			off := dec.InputOffset()
			var j jsonFinding
			if err := dec.Decode(&j); err != nil {
				return nil, fmt.Errorf("line %d: %w", lineAt(off), err)
			}
			if err := add(&j, off); err != nil {
				return nil, err
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("line %d: %w", lineAt(dec.InputOffset()), err)
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("line %d: data after the array", lineAt(dec.InputOffset()))
		}
		return out, nil
	}
	for {
		off := dec.InputOffset()
		var j jsonFinding
		err := dec.Decode(&j)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineAt(off), err)
		}
		if err := add(&j, off); err != nil {
			return nil, err
		}
	}
}

// hexRE matches lowercase hexadecimal digits, as leakcord writes hashes.
var hexRE = regexp.MustCompile(`^[0-9a-f]+$`)

// checkWritten returns an error wrapping [ErrNotLeakcord] when j lacks a
// field that leakcord writes for every finding, or holds a value leakcord
// never writes there: such a finding was written by hand or by another
// tool, and a merge would report it as if leakcord had found it.
func checkWritten(j *jsonFinding) error {
	missing := func(field string) error {
		return fmt.Errorf("%w: the finding has no %s", ErrNotLeakcord, field)
	}
	bad := func(field, value string) error {
		return fmt.Errorf("%w: %s %q", ErrNotLeakcord, field, value)
	}
	switch {
	case j.RuleID == "":
		return missing("rule_id")
	case j.Severity == "":
		return missing("severity")
	case !slices.Contains([]rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low}, rules.Severity(j.Severity)):
		return bad("severity", j.Severity)
	case j.File == "":
		return missing("file")
	case j.Line < 1:
		return missing("line")
	case j.Column < 1:
		return missing("column")
	case j.Secret == "":
		return missing("secret")
	case j.SecretSHA256 == "":
		return missing("secret_sha256")
	case len(j.SecretSHA256) != 64 || !hexRE.MatchString(j.SecretSHA256):
		return bad("secret_sha256", j.SecretSHA256)
	case j.Fingerprint == "":
		return missing("fingerprint")
	case len(j.Fingerprint) != 32 || !hexRE.MatchString(j.Fingerprint):
		return bad("fingerprint", j.Fingerprint)
	case j.Verification.Status == "":
		return missing("verification.status")
	case !slices.Contains([]string{scanner.StatusNotChecked, scanner.StatusLive, scanner.StatusInvalid, scanner.StatusUnknown}, j.Verification.Status):
		return bad("verification.status", j.Verification.Status)
	}
	return nil
}

// fromJSON converts a finding of the JSON format back.
func fromJSON(j *jsonFinding) (scanner.Finding, error) {
	if err := checkWritten(j); err != nil {
		return scanner.Finding{}, err
	}
	f := scanner.Finding{
		RuleID:         j.RuleID,
		Severity:       rules.Severity(j.Severity),
		Repository:     j.Repository,
		File:           j.File,
		Line:           j.Line,
		Column:         j.Column,
		EndLine:        j.EndLine,
		EndColumn:      j.EndColumn,
		Secret:         j.Secret,
		SecretSHA256:   j.SecretSHA256,
		Fingerprint:    j.Fingerprint,
		InHead:         j.InHead,
		Occurrences:    j.Occurrences,
		LastSeenCommit: j.LastSeenCommit,
		Superseded:     j.Superseded,
		Encoding:       j.Encoding,
		Verification: scanner.Verification{
			Status:   j.Verification.Status,
			Detail:   j.Verification.Detail,
			Identity: identityOf(j.Verification.Identity),
		},
	}
	if f.Verification.Status == scanner.StatusNotChecked {
		f.Verification.Status = ""
	}
	var err error
	if t := j.Token; t != nil {
		f.Token = &rules.TokenInfo{UserID: t.UserID, Format: t.Format}
		if f.Token.UserCreatedAt, err = parseTime("token.user_created_at", t.UserCreatedAt); err != nil {
			return f, err
		}
		if f.Token.IssuedAt, err = parseTime("token.token_issued_at", t.IssuedAt); err != nil {
			return f, err
		}
	}
	if w := j.Webhook; w != nil {
		f.Webhook = &rules.WebhookInfo{ID: w.ID}
		if id, err := strconv.ParseUint(w.ID, 10, 64); err == nil {
			f.Webhook.CreatedAt = rules.SnowflakeTime(id)
		}
	}
	if c := j.Commit; c != nil {
		f.Commit = &scanner.Commit{SHA: c.SHA, Author: c.Author, Email: c.Email, Message: c.Message}
		if f.Commit.Date, err = parseTime("commit.date", c.Date); err != nil {
			return f, err
		}
	}
	return f, nil
}

// identityOf gives what a live check revealed the Go types the verifier
// gives it (see verify.Identity.Map), which JSON decoding lost: lists of
// strings (privileged_intents) as []string and whole numbers
// (approximate_guilds) as int, so that reports print them as a scan does.
func identityOf(m map[string]any) map[string]any {
	for k, v := range m {
		switch v := v.(type) {
		case float64:
			if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
				m[k] = int(v)
			}
		case []any:
			ss := make([]string, 0, len(v))
			for _, e := range v {
				s, ok := e.(string)
				if !ok {
					break
				}
				ss = append(ss, s)
			}
			if len(ss) == len(v) {
				m[k] = ss
			}
		}
	}
	return m
}

// parseTime parses an RFC 3339 field; "" is the zero time.
func parseTime(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %q is not an RFC 3339 time", field, s)
	}
	return t.UTC(), nil
}
