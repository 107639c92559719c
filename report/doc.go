// Package report renders a [scanner.Result] to an [io.Writer] in one
// format: human-readable text, a JSON array, or JSON Lines.
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
//
// JSON objects have their keys in a fixed order, so output is byte-for-byte
// stable for a given result. Colour is used only by the text format and only
// when [Options.Color] is set; the package never reads or changes the
// global state of github.com/fatih/color.
//
// [Write] keeps no state between calls and is safe for concurrent use, as
// long as callers do not share a writer.
package report
