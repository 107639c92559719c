package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// sarifProps are the result properties leakcord writes (see
// sarifProperties), read back.
type sarifProps struct {
	Severity       string           `json:"severity"`
	Secret         string           `json:"secret"`
	SecretSHA256   string           `json:"secret_sha256"`
	Repository     string           `json:"repository"`
	File           *string          `json:"file"`
	Token          *jsonToken       `json:"token"`
	Webhook        *jsonWebhook     `json:"webhook"`
	Commit         *jsonCommit      `json:"commit"`
	InHead         *bool            `json:"in_head"`
	Occurrences    int              `json:"occurrences"`
	LastSeenCommit string           `json:"last_seen_commit"`
	Superseded     bool             `json:"superseded"`
	Encoding       []string         `json:"encoding"`
	Verification   jsonVerification `json:"verification"`
}

// ReadSARIF reads the findings of a SARIF log that leakcord wrote (any
// mode, one run or one per repository), mapping each result and its
// properties back to a finding, and returns the scan mode its automation
// IDs name ("" when they name none). Results of other tools are an error:
// their properties do not say what leakcord needs.
func ReadSARIF(r io.Reader) ([]scanner.Finding, string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, "", err
	}
	log, err := sarif.FromBytes(data)
	if err != nil {
		return nil, "", fmt.Errorf("not a SARIF log: %w", err)
	}
	var out []scanner.Finding
	mode := ""
	for i, run := range log.Runs {
		if run == nil {
			continue
		}
		if name := run.Tool.Driver; name == nil || name.Name != "leakcord" {
			return nil, "", fmt.Errorf("runs[%d]: not a leakcord run", i)
		}
		if mode == "" && run.AutomationDetails != nil && run.AutomationDetails.ID != nil {
			mode = modeOf(*run.AutomationDetails.ID)
		}
		for j, res := range run.Results {
			f, err := fromSARIF(res)
			if err != nil {
				return nil, "", fmt.Errorf("runs[%d].results[%d]: %w", i, j, err)
			}
			out = append(out, f)
		}
	}
	return out, mode, nil
}

// modeOf returns the mode in an automation ID "leakcord/<mode>/" or
// "leakcord/fleet/<mode>/…".
func modeOf(id string) string {
	parts := strings.Split(id, "/")
	if len(parts) >= 2 && parts[0] == "leakcord" {
		if parts[1] == "fleet" && len(parts) >= 3 {
			return parts[2]
		}
		return parts[1]
	}
	return ""
}

// fromSARIF converts one result back to a finding.
func fromSARIF(r *sarif.Result) (scanner.Finding, error) {
	if r == nil || r.RuleID == nil || *r.RuleID == "" {
		return scanner.Finding{}, errors.New("a result without ruleId")
	}
	raw, err := json.Marshal(r.Properties)
	if err != nil {
		return scanner.Finding{}, err
	}
	var p sarifProps
	if err := json.Unmarshal(raw, &p); err != nil {
		return scanner.Finding{}, fmt.Errorf("properties: %w", err)
	}
	j := jsonFinding{
		RuleID:         *r.RuleID,
		Severity:       p.Severity,
		Repository:     p.Repository,
		Secret:         p.Secret,
		SecretSHA256:   p.SecretSHA256,
		Token:          p.Token,
		Webhook:        p.Webhook,
		Commit:         p.Commit,
		InHead:         p.InHead,
		Occurrences:    p.Occurrences,
		LastSeenCommit: p.LastSeenCommit,
		Superseded:     p.Superseded,
		Encoding:       p.Encoding,
		Verification:   p.Verification,
	}
	if j.Severity == "" && r.Level != nil {
		j.Severity = string(severityOfLevel(*r.Level))
	}
	if len(r.Locations) > 0 && r.Locations[0] != nil && r.Locations[0].PhysicalLocation != nil {
		pl := r.Locations[0].PhysicalLocation
		if al := pl.ArtifactLocation; al != nil && al.URI != nil {
			if j.File, err = url.PathUnescape(*al.URI); err != nil {
				return scanner.Finding{}, fmt.Errorf("location %q: %w", *al.URI, err)
			}
		}
		if rg := pl.Region; rg != nil {
			j.Line, j.Column = deref(rg.StartLine), deref(rg.StartColumn)
			j.EndLine, j.EndColumn = deref(rg.EndLine), deref(rg.EndColumn)-1
			j.EndLine = max(j.EndLine, j.Line)
			j.EndColumn = max(j.EndColumn, 0)
		}
	}
	if p.File != nil {
		j.File = *p.File
	}
	if fp, ok := r.PartialFingerprints[SARIFFingerprintKey].(string); ok {
		j.Fingerprint = fp
	}
	return fromJSON(&j)
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// severityOfLevel is the severity a SARIF level stands for, when a result
// does not say.
func severityOfLevel(level string) rules.Severity {
	switch level {
	case "error":
		return rules.High
	case "note":
		return rules.Low
	}
	return rules.Medium
}
