package scanner

import "time"

// WithPartialBudget returns opts with the attribution budget of an
// interrupted history scan set to d (the default is partialBudget), so
// that tests can make it run out.
func WithPartialBudget(opts HistoryOptions, d time.Duration) HistoryOptions {
	opts.partialBudget = d
	return opts
}

// WithMatchHook returns opts with f called on each file's path and content
// just before it is matched, from the scan's workers.
func WithMatchHook(opts Options, f func(rel string, data []byte)) Options {
	opts.onMatch = f
	return opts
}
