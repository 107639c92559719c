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
// files, .git/info/exclude, negation, directory-only and anchored patterns,
// git's own glob matching): a scan reads what `git ls-files --others
// --exclude-standard` would list. A scanned folder inside a repository
// honours the ignore files of its parents; inside a nested repository,
// submodule or linked worktree the rules of that repository apply. A path
// given to [Scan] is read even when an ignore file excludes it, as ripgrep
// does. The walker never descends into .git, does not follow symbolic links
// (a symbolic link given as a path is followed), never opens FIFOs or
// devices, skips binary files and files over the size limit (counted in
// [Stats]), and reports unreadable files as warnings without stopping.
package scanner
