// Package config reads leakcord's configuration file, .leakcord.toml.
//
// The file lives at the scan root (see [Find]) or is named with --config.
// Every table and key is optional; an empty file is a valid configuration
// that changes nothing. An annotated example, the file
// testdata/example.leakcord.toml:
//
//	[scan]
//	# Paths to skip: gitignore-style globs, relative to the scan root.
//	#   no "/"          matches a file or folder name at any depth
//	#   "/" inside      anchored at the scan root (a leading "/" is allowed)
//	#   trailing "/"    folders only
//	#   "**"            any number of folders; "a/**" is everything inside a
//	#   "!" first       re-includes what an earlier pattern excluded (the last
//	#                   match wins; nothing inside an excluded folder comes back)
//	exclude = [
//	  "vendor/**",
//	  "**/*.min.js",
//	  "node_modules/",
//	  "testdata/fixtures/**",
//	  "!testdata/fixtures/live-*.txt",
//	]
//	# Skip files larger than this: bytes, or a number with KiB, MiB or GiB.
//	max_file_size = "10MiB"
//
//	[rules]
//	# Rule IDs (see "leakcord rules") that never report.
//	disable = ["discord-client-secret"]
//
//	# Accepted secrets, one [[allow]] table each: the hex SHA-256 of the secret
//	# (the "secret_sha256" field of a JSON finding; never the secret itself) and
//	# why it is accepted.
//	[[allow]]
//	secret_sha256 = "1cb07d4b25414766ec59a0f6b577c74c9225aa60dd5c112469a7fb567ff9578d"
//	reason = "revoked test token from 2021"
//
//	[[allow]]
//	secret_sha256 = "fe4ce6f4870590a4fa22d39d8ffa9831ce0f2b3f38fdffff78916d29d4200541"
//	reason = "webhook of the public demo server, deleted"
//
//	[verify]
//	# Check secrets against Discord's API (read-only requests), as --verify does.
//	enabled = false
//	# Also check tokens that may belong to user accounts.
//	user_tokens = false
//	# At most this many API requests per run (1 to 2000). It can only lower the
//	# built-in cap of 2000, which keeps Discord from banning your address.
//	max_requests = 100
//
// # Errors
//
// [Load] rejects unknown keys (keys are case-sensitive, as TOML's are) and
// bad values: a rule ID that does not exist, a hash that is not 64 hex
// digits, a malformed glob, a size that does not parse, a verify.max_requests
// above the verifier's cap (verify.DefaultMaxRequests), a value of the wrong
// type, an [[allow]] table without a hash or a reason, a hash listed twice.
// Each problem is an [*Error] naming the file, the line and the key, in the
// form "FILE:LINE: KEY: MESSAGE"; Load returns them all, in line order, as
// an [ErrorList]. Allow entries must be written as [[allow]] tables (not as
// an inline array), so that each problem can be given its line.
//
// # Exclusion patterns
//
// Patterns in scan.exclude have gitignore's meaning, evaluated against
// "/"-separated paths relative to the scan root: a pattern without a "/"
// (other than a trailing one) matches a file or folder name at any depth; a
// pattern with one is anchored at the root (a leading "/" is allowed); a
// trailing "/" matches folders only; "**" as a whole path segment matches
// any number of folders ("a/**" matches everything inside a, not a itself);
// within a segment "*", "?", "[a-z]", "[!a-z]" and "\" escapes work as in
// git. When several patterns match, the last one decides, and a "!" pattern
// re-includes; as in git, nothing inside an excluded folder can be
// re-included. The patterns are parsed and matched by the same code as
// .gitignore files (package internal/ignore); the .gitignore files apply as
// well.
//
// # Trust
//
// A configuration can turn detection off (exclude "**", disable every
// rule). Callers that scan content they do not trust, such as a pull
// request, should read the configuration from a trusted revision or name it
// with --config.
//
// A *Config is immutable after [Load] and safe for concurrent use; its
// methods accept a nil *Config, which excludes, disables and allows nothing.
package config
