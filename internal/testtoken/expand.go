package testtoken

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Planted is one secret that a template expansion put into its text.
type Planted struct {
	Kind   string // the template kind, e.g. "bot.legacy"
	Secret string // what a scanner must report
}

// Family returns the credential family of a kind: the part before its
// first dot ("bot", "mfa", "webhook", "secret", or "fake" for look-alikes).
func Family(kind string) string {
	if i := strings.IndexByte(kind, '.'); i >= 0 {
		return kind[:i]
	}
	return kind
}

// Expand replaces each {{kind}} in tmpl with a freshly generated value and
// returns the text and the secrets it planted (look-alike kinds plant
// nothing). It panics on an unknown kind, so that a typo in a vector file
// fails the test. Kinds are listed in [Kinds].
func Expand(r *rand.Rand, tmpl string) (string, []string) {
	text, planted := ExpandPlanted(r, tmpl)
	secrets := make([]string, len(planted))
	for i, p := range planted {
		secrets[i] = p.Secret
	}
	return text, secrets
}

// ExpandPlanted is [Expand] that also tells the kind of each planted secret,
// so that a test can tell which rule must find it (see [Family]).
func ExpandPlanted(r *rand.Rand, tmpl string) (string, []Planted) {
	var out strings.Builder
	var planted []Planted
	for {
		i := strings.Index(tmpl, "{{")
		if i < 0 {
			out.WriteString(tmpl)
			return out.String(), planted
		}
		j := strings.Index(tmpl[i:], "}}")
		if j < 0 {
			panic("testtoken: unclosed {{ in template")
		}
		kind := tmpl[i+2 : i+j]
		gen, ok := Kinds[kind]
		if !ok {
			panic("testtoken: unknown kind " + strconv.Quote(kind))
		}
		v, secret := gen(r)
		out.WriteString(tmpl[:i])
		out.WriteString(v)
		if secret != "" {
			planted = append(planted, Planted{Kind: kind, Secret: secret})
		}
		tmpl = tmpl[i+j+2:]
	}
}
