package rules

import "time"

// testNow is the fixed "now" of the unit and fuzz tests.
var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
