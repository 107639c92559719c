package main

import (
	"testing"
	"time"
)

// A date alone is the whole day (UTC): --since from its first instant,
// --until to its last. Regression: --until DATE ended at midnight at the
// start of DATE, leaving that day out. An RFC 3339 time is exact.
func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in       string
		endOfDay bool
		want     time.Time
	}{
		{"", false, time.Time{}},
		{"", true, time.Time{}},
		{"2024-03-01", false, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"2024-03-01", true, time.Date(2024, 3, 1, 23, 59, 59, 999999999, time.UTC)},
		{"2024-12-31", true, time.Date(2024, 12, 31, 23, 59, 59, 999999999, time.UTC)},
		{"2024-02-29", true, time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC)},
		{"2024-03-01T10:00:00Z", false, time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
		{"2024-03-01T10:00:00Z", true, time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
		{"2024-03-01T10:00:00+02:00", true, time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)},
	} {
		got, err := parseDate(tc.in, tc.endOfDay)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseDate(%q, %v) = %v, %v; want %v", tc.in, tc.endOfDay, got, err, tc.want)
		}
	}
	for _, bad := range []string{"yesterday", "2024-13-01", "2024-03-01 10:00", "1/3/2024"} {
		if _, err := parseDate(bad, true); err == nil {
			t.Errorf("parseDate(%q): no error", bad)
		}
	}
}
