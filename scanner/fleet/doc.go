// Package fleet runs leakcord over many repositories: the target list,
// sharding, the state file of resumable runs, and the bounded, failure
// tolerant loop that scans each repository once.
//
// # Targets
//
// A target is a repository as a list names it: a local path or a remote
// URL. [ParseTargets] reads a list (one target a line, "#" comments),
// [Name] is how reports name a target (the text as given, without
// credentials), and [Dedupe] keeps the first of targets that share a
// name, so that no repository is scanned twice in one run.
//
// # Shards
//
// [Shard] K/N keeps the targets whose stable hash (SHA-256 of [Name])
// falls in shard K of N. N jobs given the same list, in any order, with
// shards 1/N to N/N cover every target exactly once, without talking to
// each other.
//
// # State
//
// A [State] records each repository a run finished: the refs it saw
// before scanning, a key of the scan options, and the findings (as the
// caller encodes them; secrets redacted unless the user asked otherwise).
// A later run skips a repository whose refs and options did not change
// and carries its recorded findings over; with incremental runs, a
// repository whose refs moved is scanned only from the recorded tips on
// (see [PrepareIncremental]). A State is safe for concurrent use.
//
// # Running
//
// [Run] scans targets on a bounded number of goroutines. A repository
// that cannot be scanned (unreachable, corrupt) is an outcome with an
// error, not a failure of the run; only a cancelled context stops it, and
// even then every target has an outcome: the scans under way end
// [Interrupted] with their partial results, the targets not started are
// [NotScanned]. Outcomes come back in the order of the targets.
//
// Everything here except [ListRefs] and [PrepareIncremental], which read
// repositories, is pure and does no I/O of its own.
package fleet
