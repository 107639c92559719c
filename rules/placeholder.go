package rules

import (
	"math"
	"strings"
)

// Placeholder detection. A real HMAC or webhook token is random base64url:
// over 27 characters it has about 22 distinct characters, no long runs and
// no alphabet sequences. Thresholds are set so that a random secret of any
// length the rules check (6 to 84 characters) trips them with a probability
// below about one in a million; TestLooksPlaceholderRandom measures it.

// Placeholder thresholds.
const (
	placeholderRun = 6 // identical characters in a row ("xxxxxx")
	placeholderSeq = 6 // consecutive characters of one case or digits ("abcdef", "654321")
	// A random character is x or X with probability 1/32; a placeholder
	// such as "xXx…" has far more. The threshold grows with the length so
	// that long random secrets (84 characters expect 2.6) stay clear of it.
	placeholderXMin = 10
	placeholderXDiv = 4
)

// looksPlaceholder reports whether s (a random-looking secret part) is
// filler: few distinct characters, a run of identical characters, many x/X,
// an alphabet or digit sequence, or (from 20 characters) low Shannon
// entropy.
func looksPlaceholder(s []byte) bool {
	if len(s) == 0 {
		return true
	}
	var counts [256]int
	distinct, xs, run, seq, prevD := 0, 0, 1, 1, 0
	for i, c := range s {
		if counts[c] == 0 {
			distinct++
		}
		counts[c]++
		if c == 'x' || c == 'X' {
			xs++
		}
		if i == 0 {
			continue
		}
		p := s[i-1]
		if c == p {
			run++
		} else {
			run = 1
		}
		if d := int(c) - int(p); (d == 1 || d == -1) && sameClass(c, p) {
			if d == prevD {
				seq++
			} else {
				seq = 2
			}
			prevD = d
		} else {
			seq, prevD = 1, 0
		}
		if run >= placeholderRun || seq >= placeholderSeq {
			return true
		}
	}
	minDistinct := 10
	if len(s) < 20 {
		minDistinct = len(s) / 2
	}
	if distinct < minDistinct || xs >= max(placeholderXMin, len(s)/placeholderXDiv) {
		return true
	}
	return len(s) >= 20 && entropy(&counts, len(s)) < 3.0
}

// sameClass reports whether a and b are both lower-case letters, both
// upper-case letters or both digits.
func sameClass(a, b byte) bool { return class(a) != 0 && class(a) == class(b) }

func class(c byte) int {
	switch {
	case 'a' <= c && c <= 'z':
		return 1
	case 'A' <= c && c <= 'Z':
		return 2
	case isDigit(c):
		return 3
	}
	return 0
}

func entropy(counts *[256]int, n int) float64 {
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / float64(n)
			h -= p * math.Log2(p)
		}
	}
	return h
}

// placeholderID reports whether a decimal ID is obviously made up: one
// repeated digit, or a run such as 1234567 or 9876543.
func placeholderID(s string) bool {
	if strings.Count(s, s[:1]) == len(s) {
		return true
	}
	return strings.Contains(s, "1234567") || strings.Contains(s, "2345678") ||
		strings.Contains(s, "3456789") || strings.Contains(s, "9876543") ||
		strings.Contains(s, "0000000")
}
