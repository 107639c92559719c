package testtoken

import (
	"strings"
	"testing"
)

// TestKinds checks that every kind generates a value, that real kinds
// plant what they write and look-alikes plant nothing, and that edge kinds
// put their character where their name says.
func TestKinds(t *testing.T) {
	r := New(1)
	for kind, gen := range Kinds {
		v, secret := gen(r)
		if v == "" {
			t.Errorf("%s: empty value", kind)
		}
		if fam := Family(kind); fam == "fake" {
			if secret != "" {
				t.Errorf("%s: look-alike planted %q", kind, secret)
			}
		} else if _, tr, ok := EncodedKind(kind); ok {
			if Transforms[tr](secret) != v {
				t.Errorf("%s: value is not the %s of the secret", kind, tr)
			}
		} else if secret != v {
			t.Errorf("%s: secret %q differs from value %q", kind, secret, v)
		}
	}
	for kind, want := range map[string][2]string{
		"bot.seg2-first":        {"-", ""},
		"bot.seg3_last":         {"", "_"},
		"bot.legacy.seg3-first": {"-", ""},
		"secret._first":         {"_", ""},
		"webhook.-last":         {"", "-"},
		"mfa._last":             {"", "_"},
	} {
		v, _ := Kinds[kind](r)
		part := v
		switch Family(kind) {
		case "bot":
			seg := 2
			if strings.Contains(kind, "seg3") {
				seg = 3
			}
			part = strings.Split(v, ".")[seg-1]
		case "webhook":
			part = v[strings.LastIndexByte(v, '/')+1:]
		case "mfa":
			part = strings.TrimPrefix(v, "mfa.")
		}
		if !strings.HasPrefix(part, want[0]) || !strings.HasSuffix(part, want[1]) {
			t.Errorf("%s: part %q does not start with %q and end with %q", kind, part, want[0], want[1])
		}
	}
}

func TestExpandPlanted(t *testing.T) {
	text, planted := ExpandPlanted(New(7), "a={{bot}} b={{fake.jwt}} c={{webhook.19}}")
	if len(planted) != 2 || planted[0].Kind != "bot" || planted[1].Kind != "webhook.19" {
		t.Fatalf("planted = %+v", planted)
	}
	for _, p := range planted {
		if !strings.Contains(text, p.Secret) {
			t.Errorf("text lacks %s secret", p.Kind)
		}
	}
	if Family("webhook.19") != "webhook" || Family("bot") != "bot" {
		t.Error("Family")
	}
}
