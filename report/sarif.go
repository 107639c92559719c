package report

import (
	"bytes"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// SARIF constants. The fingerprint key and the automation ID's shape are
// part of leakcord's interface: GitHub code scanning matches alerts and
// separates uploads with them.
const (
	// SARIFSchemaURI is the $schema of every SARIF log leakcord writes.
	SARIFSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	// SARIFFingerprintKey is the key of [scanner.Finding.Fingerprint] in a
	// result's partialFingerprints.
	SARIFFingerprintKey = "leakcord/v1"
	// SARIFBaseID is the uriBaseId of every result location: paths are
	// relative to the scan root.
	SARIFBaseID = "%SRCROOT%"

	informationURI = "https://github.com/leakcord/leakcord"
	// columnKind is what GitHub documents. Columns are counted in bytes by
	// the scanner, which is the same for lines of ASCII text.
	columnKind = "utf16CodeUnits"
)

// securitySeverity maps a severity to GitHub's security-severity score:
// over 9.0 is critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
var securitySeverity = map[rules.Severity]string{
	rules.Critical: "9.5",
	rules.High:     "8.0",
	rules.Medium:   "5.5",
	rules.Low:      "2.0",
}

// nonLabelRE matches what a SemVer pre-release identifier cannot hold.
var nonLabelRE = regexp.MustCompile(`[^0-9A-Za-z-]+`)

// semverRE is the regular expression semver.org recommends for SemVer 2.0.
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)` +
	`(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
	`(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

// writeSARIF writes one SARIF 2.1.0 run for the result, shaped for GitHub
// code scanning:
//
//   - one rule per rule leakcord ships (in [rules.All] order), then one per
//     other rule ID among the findings, with descriptions, help in text and
//     Markdown, tags and a numeric security-severity;
//   - one result per finding, located relative to %SRCROOT% (the scan
//     root), with a plain-text message that never holds the secret and a
//     partial fingerprint that survives moved lines, re-verification and
//     rewritten commits;
//   - automationDetails.id "leakcord/<mode>/", so uploads of different scan
//     kinds form separate categories and do not close each other's alerts.
//
// The structs are go-sarif v2's: v3 (3.3.1) writes unset indexes as -1 and
// empty arrays, which the SARIF Multitool reports as warnings (SARIF2004).
// They are encoded here rather than by the library, without HTML escaping.
func writeSARIF(buf *bytes.Buffer, res *scanner.Result, red *redactor, opts Options) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	log.Schema = SARIFSchemaURI

	ruleIDs, descriptors := sarifRules(res)
	run := sarif.NewRun(sarif.Tool{Driver: sarifDriver(opts.Version, descriptors)})
	mode := res.Mode
	if mode == "" {
		mode = "scan"
	}
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID("leakcord/" + mode + "/"))
	run.WithColumnKind(columnKind)
	if res.Incomplete {
		// An interrupted scan: say so where SARIF consumers look, so that
		// a partial upload is not taken for a complete one.
		why := res.IncompleteText()
		run.WithInvocations(interruptedInvocation(strings.ToUpper(why[:1]) + why[1:] + "."))
	}
	if uri, ok := rootURI(opts.Root); ok {
		run.WithOriginalUriBaseIds(map[string]*sarif.ArtifactLocation{
			SARIFBaseID: sarif.NewArtifactLocation().WithUri(uri),
		})
	}
	// Messages are what code scanning shows to everyone who can see
	// alerts: they hide secrets even when properties show them.
	hide := newRedactor(res, Options{})
	for i := range res.Findings {
		f := &res.Findings[i]
		run.Results = append(run.Results, sarifResult(f, slices.Index(ruleIDs, f.RuleID), hide, red))
	}
	log.AddRun(run)

	enc := newEncoder(buf)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// sarifDriver describes leakcord. SARIF consumers compare versions that
// start with a number, so a SemVer version (leading "v" dropped) is both
// version and semanticVersion, and any other version, such as
// "devel-630e5a5b1c2d", becomes the SemVer pre-release "0.0.0-devel-630e5a5b1c2d"
// in version only.
func sarifDriver(version string, descriptors []*sarif.ReportingDescriptor) *sarif.ToolComponent {
	d := sarif.NewDriver("leakcord").WithInformationURI(informationURI)
	if v := strings.TrimPrefix(version, "v"); semverRE.MatchString(v) {
		d.WithVersion(v).WithSemanticVersion(v)
	} else {
		d.WithVersion("0.0.0-" + versionLabel(version))
	}
	d.WithRules(descriptors)
	return d
}

// versionLabel turns a version that is not SemVer into one SemVer
// pre-release identifier: runs of other characters (dots included) become
// "-", a number gets a "v" in front so it has no leading zero to trip on,
// and "" is "devel".
func versionLabel(v string) string {
	v = strings.Trim(nonLabelRE.ReplaceAllString(v, "-"), "-")
	switch {
	case v == "":
		return "devel"
	case strings.Trim(v, "0123456789") == "":
		return "v" + v
	}
	return v
}

// sarifRules returns the rule IDs of the run in order, and their
// descriptors: every rule leakcord ships, then any other rule ID the
// findings carry, sorted.
func sarifRules(res *scanner.Result) ([]string, []*sarif.ReportingDescriptor) {
	var ids []string
	var out []*sarif.ReportingDescriptor
	for _, r := range rules.All() {
		info := r.Info()
		ids = append(ids, info.ID)
		out = append(out, sarifRule(info))
	}
	var extra []string
	severity := make(map[string]rules.Severity)
	for _, f := range res.Findings {
		if !slices.Contains(ids, f.RuleID) && !slices.Contains(extra, f.RuleID) {
			extra = append(extra, f.RuleID)
			severity[f.RuleID] = f.Severity
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		ids = append(ids, id)
		out = append(out, sarifRule(rules.Info{
			ID:          id,
			Title:       id,
			Description: "A finding of rule " + id + ", which this version of leakcord does not describe.",
			Severity:    severity[id],
			Remediation: "Revoke the secret where it was issued, then keep the new one out of the code.",
		}))
	}
	return ids, out
}

// sarifRule describes one rule.
func sarifRule(info rules.Info) *sarif.ReportingDescriptor {
	text, md := ruleHelp(info)
	precision := "high"
	if info.ID == rules.IDClientSecret {
		// Found by its context (a client-secret key near Discord words),
		// not by its own structure.
		precision = "medium"
	}
	props := sarif.Properties{
		"tags":      []string{"security", "secret", "external/cwe/cwe-798", "discord"},
		"precision": precision,
	}
	if s, ok := securitySeverity[info.Severity]; ok {
		props["security-severity"] = s
	}
	d := sarif.NewRule(info.ID)
	if info.Name != "" && info.Name != info.ID {
		// SARIF wants a friendly name that differs from the ID, or none.
		d.WithName(info.Name)
	}
	return d.
		WithShortDescription(sarif.NewMultiformatMessageString(info.Title)).
		WithFullDescription(sarif.NewMultiformatMessageString(info.Description)).
		WithHelp(sarif.NewMultiformatMessageString(text).WithMarkdown(md)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(levelOf(info.Severity))).
		WithProperties(props)
}

// interruptedInvocation is the invocation of a run that an interruption
// left incomplete, with msg as its error notification.
func interruptedInvocation(msg string) []*sarif.Invocation {
	return []*sarif.Invocation{sarif.NewInvocation().WithExecutionSuccess(false).
		WithToolExecutionNotifications([]*sarif.Notification{sarif.NewNotification().
			WithLevel("error").WithTextMessage(msg)})}
}

// sarifResult converts one finding; ruleIndex is its rule's index in the
// driver's rules. The message hides secrets as hide says, the properties as
// red says.
func sarifResult(f *scanner.Finding, ruleIndex int, hide, red *redactor) *sarif.Result {
	region := sarif.NewRegion().
		WithStartLine(max(1, f.Line)).
		WithStartColumn(max(1, f.Column)).
		WithEndLine(max(1, f.Line, f.EndLine)).
		// SARIF's endColumn is exclusive; the finding's is the last byte.
		WithEndColumn(max(1, f.EndColumn+1))
	loc := sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewArtifactLocation().WithUri(relativeURI(f.File)).WithUriBaseId(SARIFBaseID)).
		WithRegion(region)

	r := sarif.NewRuleResult(f.RuleID).
		WithRuleIndex(ruleIndex).
		WithLevel(sarifLevel(f)).
		WithMessage(sarif.NewTextMessage(message(f, hide))).
		WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(loc)}).
		WithPartialFingerPrints(map[string]any{SARIFFingerprintKey: f.Fingerprint})
	r.PropertyBag = sarif.PropertyBag{Properties: sarifProperties(f, red)}
	return r
}

// sarifProperties returns what a result carries besides its message, with
// the names and shapes of the JSON format (DESIGN.md §4): severity, the
// secret (redacted unless secrets are shown) and its hash, what it reveals,
// where in history it was seen and the outcome of a live check.
func sarifProperties(f *scanner.Finding, red *redactor) sarif.Properties {
	j := newJSONFinding(f, red)
	p := sarif.Properties{
		"severity":      j.Severity,
		"secret":        j.Secret,
		"secret_sha256": j.SecretSHA256,
		"verification":  j.Verification,
	}
	if j.Repository != "" {
		p["repository"] = j.Repository
	}
	if j.Token != nil {
		p["token"] = j.Token
	}
	if j.Webhook != nil {
		p["webhook"] = j.Webhook
	}
	if j.Commit != nil {
		p["commit"] = j.Commit
	}
	if j.InHead != nil {
		p["in_head"] = *j.InHead
	}
	if j.Occurrences > 0 {
		p["occurrences"] = j.Occurrences
	}
	if j.LastSeenCommit != "" {
		p["last_seen_commit"] = j.LastSeenCommit
	}
	if j.Superseded {
		p["superseded"] = true
	}
	if len(j.Encoding) > 0 {
		p["encoding"] = j.Encoding
	}
	return p
}

// levelOf maps a severity to a SARIF level: error for critical and high,
// warning for medium, note for low.
func levelOf(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return "error"
	case rules.Medium:
		return "warning"
	case rules.Low:
		return "note"
	}
	return "warning"
}

// sarifLevel is a finding's level: a note when Discord rejected the secret,
// the level of its severity otherwise.
func sarifLevel(f *scanner.Finding) string {
	if verificationStatus(f) == scanner.StatusInvalid {
		return "note"
	}
	return levelOf(f.Severity)
}

// relativeURI turns a finding's "/"-separated path into a relative URI
// reference: each segment percent-encoded, and ":" too, so that a first
// segment is never read as a scheme.
func relativeURI(file string) string {
	segs := strings.Split(file, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// rootURI returns the file URI of the scan root's absolute path, ending in
// "/" as SARIF requires of a base URI; false when there is no root to name
// (none given, or stdin).
func rootURI(root string) (string, bool) {
	if root == "" || root == "-" {
		return "", false
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return "", false
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String(), true
}
