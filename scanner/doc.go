// Package scanner reads sources (a working tree, stdin) and turns the
// candidates that package rules finds in them into located, de-duplicated
// and fingerprinted [Finding]s.
//
// A source yields chunks of bytes with their provenance. The assembler
// computes line and column from byte offsets, drops candidates on a line
// that carries a "leakcord:allow" comment, reports each (secret, file) pair
// once, and sorts findings by file, line and column.
//
// The working-tree walker honours .gitignore files the way git does (nested
// files, .git/info/exclude, negation, directory-only and anchored patterns),
// never descends into .git, does not follow symbolic links, skips binary
// files and files over the size limit (counted in [Stats]), and reports
// unreadable files as warnings without stopping.
package scanner
