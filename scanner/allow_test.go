package scanner

import (
	"strings"
	"testing"
)

func TestAllowed(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"same line", "x = SECRET // leakcord:allow\n", true},
		{"same line, hash comment", "x = SECRET  # leakcord:allow test fixture\n", true},
		{"no marker", "x = SECRET\n", false},
		{"marker on another line", "x = SECRET\n// leakcord:allow\n", false},
		{"next-line marker above", "// leakcord:allow-next-line\nx = SECRET\n", true},
		{"next-line marker above, CRLF", "# leakcord:allow-next-line\r\nx = SECRET\r\n", true},
		{"next-line marker above, lone CR", "# leakcord:allow-next-line\rx = SECRET\r", true},
		{"next-line marker two lines above", "// leakcord:allow-next-line\n\nx = SECRET\n", false},
		{"next-line marker on the same line allows only the next", "x = SECRET // leakcord:allow-next-line\n", false},
		{"next-line marker below", "x = SECRET\n// leakcord:allow-next-line\n", false},
		{"both markers on one line", "x = SECRET // leakcord:allow-next-line leakcord:allow\n", true},
		{"first line", "SECRET", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.text, "SECRET")
			if got := allowed([]byte(tt.text), off); got != tt.want {
				t.Errorf("allowed(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
