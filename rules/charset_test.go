package rules

import "testing"

func TestStartsAfterEscape(t *testing.T) {
	tests := []struct {
		data string
		s    int
		want bool
	}{
		{"mfa.", 0, true},
		{" mfa.", 1, true},
		{"\"mfa.", 1, true},
		{"xmfa.", 1, false},
		{"a.mfa.", 2, false},
		{`\nmfa.`, 2, true},
		{`\tmfa.`, 2, true},
		{`\xmfa.`, 2, false},
		{`\u0022mfa.`, 6, true},
		{`\u002mfa.`, 5, false},
		{`%22mfa.`, 3, true},
		{`%2Cmfa.`, 3, true},
		{`%zzmfa.`, 3, false},
		{`a%22mfa.`, 4, true},
		{`x22mfa.`, 3, false},
		{`\n22mfa.`, 4, false},
		{`\\mfa.`, 2, true},
	}
	for _, tt := range tests {
		if got := startsAfterEscape([]byte(tt.data), tt.s); got != tt.want {
			t.Errorf("startsAfterEscape(%q, %d) = %v, want %v", tt.data, tt.s, got, tt.want)
		}
	}
}

func TestEndsClean(t *testing.T) {
	for in, want := range map[string]bool{
		"":     true,
		" ":    true,
		"\"":   true,
		".":    true,
		". x":  true,
		".\n":  true,
		".x":   false,
		"x":    false,
		"-":    false,
		"_":    false,
		"\\n":  true,
		"%22":  true,
		"&a=b": true,
	} {
		if got := endsClean([]byte(in), 0); got != want {
			t.Errorf("endsClean(%q, 0) = %v, want %v", in, got, want)
		}
	}
}
