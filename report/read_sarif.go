package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

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

// sarifRunProps are the run properties a fleet's SARIF log carries (see
// writeFleetSARIF), read back: a single run lists the repositories; a run
// of the per-repository layout names its own, and the first run also
// lists those without a run of their own.
type sarifRunProps struct {
	sarifRepoProps
	Repositories []sarifRepoProps `json:"repositories"`
}

// sarifRepoProps is what a fleet's SARIF log says of one repository.
type sarifRepoProps struct {
	Repository string `json:"repository"`
	Status     string `json:"status"`
	Error      string `json:"error"`
}

// ReadSARIF reads a SARIF log that leakcord wrote (any mode, one run or
// one per repository): each result and its properties mapped back to a
// finding, the scan mode its automation IDs name ("" when they name
// none), the repositories a fleet's log lists with their status, and
// whether a run says its scan did not finish. Runs of other tools, and
// results without what leakcord writes in every result, are errors that
// wrap [ErrNotLeakcord]: their properties do not say what leakcord needs.
func ReadSARIF(r io.Reader) (*Read, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return readSARIF(data)
}

// readSARIF is [ReadSARIF] of data.
func readSARIF(data []byte) (*Read, error) {
	log, err := sarif.FromBytes(data)
	if err != nil {
		return nil, fmt.Errorf("not a SARIF log: %w", err)
	}
	rd := &Read{Format: FormatSARIF}
	listed := make(map[string]bool)
	addRepo := func(p sarifRepoProps) {
		if p.Repository == "" || listed[p.Repository] {
			return
		}
		listed[p.Repository] = true
		rd.Repos = append(rd.Repos, FleetRepo{Name: p.Repository, Status: p.Status, Error: p.Error})
	}
	for i, run := range log.Runs {
		if run == nil {
			continue
		}
		if d := run.Tool.Driver; d == nil || d.Name != "leakcord" {
			name := ""
			if d != nil {
				name = d.Name
			}
			return nil, fmt.Errorf("runs[%d]: %w: the run's tool is %q", i, ErrNotLeakcord, name)
		}
		if rd.Mode == "" && run.AutomationDetails != nil && run.AutomationDetails.ID != nil {
			rd.Mode = modeOf(*run.AutomationDetails.ID)
		}
		for _, inv := range run.Invocations {
			if inv != nil && inv.ExecutionSuccessful != nil && !*inv.ExecutionSuccessful {
				rd.Incomplete = true
			}
		}
		if len(run.Properties) > 0 {
			var p sarifRunProps
			raw, err := json.Marshal(run.Properties)
			if err == nil {
				err = json.Unmarshal(raw, &p)
			}
			if err != nil {
				return nil, fmt.Errorf("runs[%d].properties: %w", i, err)
			}
			addRepo(p.sarifRepoProps)
			for _, r := range p.Repositories {
				addRepo(r)
			}
		}
		for j, res := range run.Results {
			f, err := fromSARIF(res)
			if err != nil {
				return nil, fmt.Errorf("runs[%d].results[%d]: %w", i, j, err)
			}
			rd.Findings = append(rd.Findings, f)
		}
	}
	return rd, nil
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
		return scanner.Finding{}, fmt.Errorf("%w: a result without ruleId", ErrNotLeakcord)
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
