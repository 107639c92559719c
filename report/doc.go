// Package report renders a [scanner.Result] to an [io.Writer] in one
// format: human-readable text, JSON, JSON Lines, SARIF for GitHub code
// scanning, GitHub Actions annotations, or a Markdown summary.
//
// Reporters never decide what a finding is: they do not filter, sort,
// de-duplicate or re-rate findings, and they print them in the order the
// scanner produced them. Their one judgement is about secrets: unless
// [Options.ShowSecrets] is set, every secret is printed as
// [scanner.Finding.RedactedSecret], in every format.
//
// # Formats
//
//   - "text" (the default): findings grouped by file, with what each token
//     or webhook reveals offline, a summary line and what to do next.
//   - "json": a JSON array of the objects described in DESIGN.md §4,
//     indented by two spaces; "[]" when there are no findings.
//   - "jsonl": the same objects, one compact object per line; nothing at all
//     when there are no findings.
//   - "sarif": one SARIF 2.1.0 run (built with github.com/owenrumney/go-sarif)
//     that passes GitHub code scanning's ingestion rules: every rule with
//     its help and a numeric security-severity, one result per finding
//     located relative to %SRCROOT% with endColumn exclusive, the partial
//     fingerprint [SARIFFingerprintKey] (stable when lines move, the
//     verification changes or commits are rewritten), and
//     automationDetails.id "leakcord/<mode>/" so that scan, history and
//     staged uploads do not close each other's alerts. Messages never hold
//     a secret; with ShowSecrets the raw secret is in the result's
//     properties only.
//   - "github": one GitHub Actions workflow command per finding
//     (::error, ::warning or ::notice with file, line and columns), escaped
//     as @actions/core escapes them; nothing when there are no findings.
//   - "markdown": a heading, a counts line, a table of findings and what to
//     do, for a job summary or a pull request comment; scanned text is
//     escaped or put in code spans.
//
// JSON objects have their keys in a fixed order, so output is byte-for-byte
// stable for a given result. Colour is used only by the text format and only
// when [Options.Color] is set; the package never reads or changes the
// global state of github.com/fatih/color.
//
// [Write] keeps no state between calls and is safe for concurrent use, as
// long as callers do not share a writer.
package report
