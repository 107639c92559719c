package report

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// jsonFinding is one finding as DESIGN.md §4 describes it. The field order
// is the order of the table there; do not reorder. Repository, set only in
// fleet runs, comes before the file it holds.
type jsonFinding struct {
	RuleID         string           `json:"rule_id"`
	Severity       string           `json:"severity"`
	Repository     string           `json:"repository,omitempty"`
	File           string           `json:"file"`
	Line           int              `json:"line"`
	Column         int              `json:"column"`
	EndLine        int              `json:"end_line"`
	EndColumn      int              `json:"end_column"`
	Secret         string           `json:"secret"`
	SecretSHA256   string           `json:"secret_sha256"`
	Fingerprint    string           `json:"fingerprint"`
	Token          *jsonToken       `json:"token,omitempty"`
	Webhook        *jsonWebhook     `json:"webhook,omitempty"`
	Commit         *jsonCommit      `json:"commit,omitempty"`
	InHead         *bool            `json:"in_head,omitempty"`
	Occurrences    int              `json:"occurrences,omitempty"`
	LastSeenCommit string           `json:"last_seen_commit,omitempty"`
	Superseded     bool             `json:"superseded,omitempty"`
	Encoding       []string         `json:"encoding,omitempty"`
	Verification   jsonVerification `json:"verification"`
}

// jsonToken is what a token reveals offline. An mfa. token encodes no
// account, so it has only a format.
type jsonToken struct {
	UserID        string `json:"user_id,omitempty"`
	UserCreatedAt string `json:"user_created_at,omitempty"`
	Format        string `json:"format"`
	IssuedAt      string `json:"token_issued_at,omitempty"`
}

// jsonWebhook is what a webhook URL reveals offline.
type jsonWebhook struct {
	ID string `json:"id"`
}

// jsonCommit is where in history a finding was seen.
type jsonCommit struct {
	SHA     string `json:"sha"`
	Author  string `json:"author"`
	Email   string `json:"email"`
	Date    string `json:"date"`
	Message string `json:"message"`
}

// jsonVerification is the outcome of a live check.
type jsonVerification struct {
	Status   string         `json:"status"`
	Detail   string         `json:"detail,omitempty"`
	Identity map[string]any `json:"identity,omitempty"`
}

// newJSONFinding converts f, hiding secrets as red says.
func newJSONFinding(f *scanner.Finding, red *redactor) jsonFinding {
	j := jsonFinding{
		RuleID:         f.RuleID,
		Severity:       string(f.Severity),
		Repository:     f.Repository,
		File:           f.File,
		Line:           f.Line,
		Column:         f.Column,
		EndLine:        f.EndLine,
		EndColumn:      f.EndColumn,
		Secret:         red.secret(f),
		SecretSHA256:   f.SecretSHA256,
		Fingerprint:    f.Fingerprint,
		InHead:         f.InHead,
		Occurrences:    f.Occurrences,
		LastSeenCommit: f.LastSeenCommit,
		Superseded:     f.Superseded,
		Encoding:       f.Encoding,
		Verification: jsonVerification{
			Status:   verificationStatus(f),
			Detail:   red.scrub(f.Verification.Detail),
			Identity: f.Verification.Identity,
		},
	}
	if t := f.Token; t != nil {
		j.Token = &jsonToken{
			UserID:        t.UserID,
			UserCreatedAt: rfc3339(t.UserCreatedAt),
			Format:        t.Format,
			IssuedAt:      rfc3339(t.IssuedAt),
		}
	}
	if w := f.Webhook; w != nil {
		j.Webhook = &jsonWebhook{ID: w.ID}
	}
	if c := f.Commit; c != nil {
		j.Commit = &jsonCommit{
			SHA:     c.SHA,
			Author:  c.Author,
			Email:   c.Email,
			Date:    rfc3339(c.Date),
			Message: red.scrub(c.Message),
		}
	}
	return j
}

// verificationStatus returns f's verification status, "not_checked" when
// none was recorded.
func verificationStatus(f *scanner.Finding) string {
	if f.Verification.Status == "" {
		return scanner.StatusNotChecked
	}
	return f.Verification.Status
}

// rfc3339 formats t in UTC to the second, "" for the zero time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// newEncoder returns an encoder that leaves <, > and & alone: reports are
// not embedded in HTML, and URLs and commit messages read better as typed.
func newEncoder(buf *bytes.Buffer) *json.Encoder {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return enc
}

// writeJSON writes the findings as one indented JSON array.
func writeJSON(buf *bytes.Buffer, res *scanner.Result, red *redactor, _ Options) error {
	out := make([]jsonFinding, 0, len(res.Findings))
	for i := range res.Findings {
		out = append(out, newJSONFinding(&res.Findings[i], red))
	}
	enc := newEncoder(buf)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeJSONL writes one compact JSON object per finding and line.
func writeJSONL(buf *bytes.Buffer, res *scanner.Result, red *redactor, _ Options) error {
	enc := newEncoder(buf)
	for i := range res.Findings {
		if err := enc.Encode(newJSONFinding(&res.Findings[i], red)); err != nil {
			return err
		}
	}
	return nil
}
