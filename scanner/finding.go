package scanner

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/leakcord/leakcord/rules"
)

// Finding is one credential found by a scan, located and fingerprinted.
// Secret holds the raw secret: reporters print [Finding.RedactedSecret]
// unless the user asked to see secrets.
type Finding struct {
	RuleID   string
	Severity rules.Severity
	// Repository names the repository of a fleet run (many repositories
	// in one run, or a merge of their reports): the path or URL as the
	// list gave it, without credentials. Empty for a single scan.
	Repository string
	// File is the path relative to the scan root, "/"-separated; "-" for stdin.
	File string
	// Line, Column, EndLine and EndColumn are 1-based; columns count bytes
	// of the line; EndColumn is the column of the secret's last byte.
	Line, Column, EndLine, EndColumn int
	// Offset is the secret's byte offset in the file.
	Offset int
	// Secret is the raw secret (a webhook's is its URL through the token).
	Secret       string
	SecretSHA256 string
	// Fingerprint identifies the finding across runs: it does not change
	// when lines move or commits are rewritten.
	Fingerprint string
	Token       *rules.TokenInfo
	Webhook     *rules.WebhookInfo
	// History fields, set by the history and staged sources.
	Commit         *Commit
	InHead         *bool
	Occurrences    int
	LastSeenCommit string
	Superseded     bool
	// Encoding says how the secret was hidden (e.g. "base64"), empty for a
	// plain literal.
	Encoding     []string
	Verification Verification
}

// Commit is the provenance of a finding in git history.
type Commit struct {
	SHA     string
	Author  string
	Email   string
	Date    time.Time
	Message string // first line
}

// Verification statuses.
const (
	StatusNotChecked = "not_checked"
	StatusLive       = "live"
	StatusInvalid    = "invalid"
	StatusUnknown    = "unknown"
)

// Verification is the outcome of a live check.
type Verification struct {
	Status   string         // one of the Status constants
	Detail   string         // why; never contains the secret
	Identity map[string]any // what a live secret revealed
}

// Fingerprint returns the stable ID of a finding of rule in file for a
// secret: the first 16 bytes of SHA-256 over rule ID, path and the secret's
// hash, in hex. Lines, columns and commits do not enter it.
func Fingerprint(ruleID, file, secretSHA256 string) string {
	h := sha256.New()
	for _, s := range []string{ruleID, file, secretSHA256} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// SecretHash returns the hex SHA-256 of secret.
func SecretHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// RedactedSecret returns the secret with all but at most its first 4 and
// last 2 characters replaced by "…". A webhook URL keeps its public part
// (host, path and ID) and redacts only its token.
func (f *Finding) RedactedSecret() string {
	return Redact(f.RuleID, f.Secret)
}

// Redact redacts secret as found by rule ruleID; see [Finding.RedactedSecret].
// It is idempotent: a secret that holds "…" is already redacted (no
// credential leakcord finds contains it; a report read back may) and is
// returned unchanged.
func Redact(ruleID, secret string) string {
	if strings.Contains(secret, "…") {
		return secret
	}
	prefix := ""
	if ruleID == rules.IDWebhookURL {
		if i := strings.LastIndexByte(secret, '/'); i >= 0 {
			prefix, secret = secret[:i+1], secret[i+1:]
		}
	}
	switch n := len(secret); {
	case n >= 12:
		return prefix + secret[:4] + "…" + secret[n-2:]
	case n >= 6:
		return prefix + secret[:2] + "…"
	default:
		return prefix + "…"
	}
}

// Stats counts what a scan read and skipped.
type Stats struct {
	Files         int           // files scanned
	Bytes         int64         // bytes scanned
	SkippedBinary int           // files skipped as binary
	SkippedLarge  int           // files skipped for exceeding the size limit
	Errors        int           // files, folders or objects that could not be read
	Baselined     int           // findings suppressed by a baseline
	Commits       int           // history: commits scanned
	SkippedLFS    int           // history: Git LFS pointer files skipped
	Submodules    int           // history: submodule entries skipped
	Duration      time.Duration // wall time of the scan
}

// Result is what a scan produced.
type Result struct {
	Mode     string    // "scan" (working tree or stdin), later "history", "staged"
	Findings []Finding // sorted by file, line, column
	Stats    Stats
	// Incomplete is set on the partial result a cancelled scan returns
	// with its error (see [Scan]): Findings and Stats cover only what was
	// read before the cancellation. A command also sets it when the report
	// is incomplete for another reason, given in IncompleteReason (live
	// checks cut short; findings left out unchecked by --only-verified).
	Incomplete bool
	// IncompleteReason says why an Incomplete result is incomplete, for
	// reports; "" means the scan was interrupted.
	IncompleteReason string
}

// IncompleteText says, in a sentence, why an Incomplete result is
// incomplete.
func (r *Result) IncompleteText() string {
	if r.IncompleteReason != "" {
		return r.IncompleteReason
	}
	return "the scan was interrupted: these results cover only what was read before"
}

// CountByRule returns how many findings each rule produced.
func (r *Result) CountByRule() map[string]int {
	m := make(map[string]int)
	for _, f := range r.Findings {
		m[f.RuleID]++
	}
	return m
}
