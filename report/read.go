package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

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
}

// ReadReport reads a report that leakcord wrote as json, jsonl or sarif,
// telling the format from the content. An empty input is a jsonl report
// without findings. Secrets are what the report holds: redacted ones stay
// redacted ([scanner.Redact] leaves them alone), so a report written from
// findings read back never shows more than its sources did.
func ReadReport(r io.Reader) (*Read, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' && isSARIF(trimmed) {
		fs, mode, err := ReadSARIF(bytes.NewReader(trimmed))
		if err != nil {
			return nil, err
		}
		return &Read{Format: FormatSARIF, Mode: mode, Findings: fs}, nil
	}
	format := FormatJSONL
	if len(trimmed) > 0 && trimmed[0] == '[' {
		format = FormatJSON
	}
	fs, err := ReadFindings(bytes.NewReader(trimmed))
	if err != nil {
		return nil, err
	}
	return &Read{Format: format, Findings: fs}, nil
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
// Unknown fields are ignored; a finding without a rule_id, or with a field
// of the wrong type, is an error that names its line.
func ReadFindings(r io.Reader) ([]scanner.Finding, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
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
	var out []scanner.Finding
	add := func(j *jsonFinding, off int64) error {
		f, err := fromJSON(j)
		if err != nil {
			return fmt.Errorf("line %d: %w", lineAt(off), err)
		}
		out = append(out, f)
		return nil
	}
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
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

// fromJSON converts a finding of the JSON format back.
func fromJSON(j *jsonFinding) (scanner.Finding, error) {
	if j.RuleID == "" {
		return scanner.Finding{}, errors.New("a finding without rule_id")
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
			Identity: j.Verification.Identity,
		},
	}
	if f.Verification.Status == scanner.StatusNotChecked {
		f.Verification.Status = ""
	}
	if f.SecretSHA256 == "" && f.Secret != "" {
		f.SecretSHA256 = scanner.SecretHash(f.Secret)
	}
	if f.Fingerprint == "" {
		f.Fingerprint = scanner.Fingerprint(f.RuleID, f.File, f.SecretSHA256)
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
