// Package corpus writes a synthetic source tree with planted Discord
// credentials and look-alikes, for the correctness check and the benchmark
// of leakcord against ripgrep (see scripts/bench and docs/benchmarks.md).
//
// # The tree
//
// [Generate] writes projects in many languages and formats (Python, JS and
// TS with minified one-line bundles and source maps, Go, Java, C#, PHP,
// Ruby, Rust, shell, YAML, JSON, TOML, .env, INI with CRLF line ends,
// Markdown, Jupyter notebooks, lock files and a few binary files) in nested
// folders, up to a target size. It plants, in varied contexts:
//
//   - real credentials of every kind leakcord reports: current and legacy
//     bot tokens, mfa. tokens, webhook URLs on every host variant and
//     OAuth2 client secrets assigned to a client-secret key near "discord";
//   - look-alikes that must not be reported: JWTs, placeholders, redacted
//     documentation examples, Discord IDs, invite and CDN links, webhook
//     templates and environment-variable references;
//   - real credentials in files that .gitignore (root and nested, with an
//     anchored pattern and a negation) or .git/info/exclude exclude, which a
//     scan must not report by default.
//
// Every credential is generated at run time by package testtoken: neither
// this package nor its tests hold a credential-shaped literal.
//
// # Determinism
//
// The tree and the manifest depend only on [Options], except the values of
// the few generator kinds defined relative to the current time (a token of
// an account created two days ago, a snowflake from next year). Files are
// rendered in parallel, each from its own seed, so the result does not
// depend on scheduling.
//
// # The manifest
//
// The [Manifest] lists what a correct scan reports: each planted credential
// outside ignored files, by file, rule and SHA-256, and separately those in
// ignored files. It holds the raw secrets too, for debugging; keep it
// outside the scanned tree. [Manifest.Check] compares a scan's findings with
// it.
package corpus
