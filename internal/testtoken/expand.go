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
	// Transforms are the encodings the template applied to the value,
	// outermost first (e.g. ["b64"] for {{b64:bot}}); see [Transforms].
	Transforms []string
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
//
// Besides {{kind}}, a placeholder may encode its value and refer to parts
// of an earlier one:
//
//	{{b64:bot}}           a value encoded by transforms, outermost first
//	                      ({{uesc:b64:bot}} escapes the base64 of a token)
//	{{bot@t[0:20]}}       a value kept under the label t; the slice [0:20]
//	                      of it is written (Go slice syntax, negative
//	                      indices count from the end)
//	{{@t[20:]}}           another part of the value labelled t
//	{{@t.1}}              its second dot-separated segment
//
// A labelled value is planted once, where it is defined. Transforms apply
// to the part written.
func ExpandPlanted(r *rand.Rand, tmpl string) (string, []Planted) {
	var out strings.Builder
	var planted []Planted
	labels := map[string]string{}
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
		v, p := expandOne(r, tmpl[i+2:i+j], labels)
		out.WriteString(tmpl[:i])
		out.WriteString(v)
		if p != nil {
			planted = append(planted, *p)
		}
		tmpl = tmpl[i+j+2:]
	}
}

// expandOne expands the body of one placeholder.
func expandOne(r *rand.Rand, body string, labels map[string]string) (string, *Planted) {
	head, label, sel := body, "", ""
	if k := strings.IndexByte(body, '@'); k >= 0 {
		head, label = body[:k], body[k+1:]
		if e := strings.IndexAny(label, "[."); e >= 0 {
			label, sel = label[:e], label[e:]
		}
	}
	transforms := strings.Split(head, ":")
	spec := transforms[len(transforms)-1]
	transforms = transforms[:len(transforms)-1]
	if len(transforms) == 0 {
		transforms = nil
	}
	var value string
	var p *Planted
	if spec == "" {
		v, ok := labels[label]
		if !ok {
			panic("testtoken: unknown label " + strconv.Quote(label))
		}
		value = v
	} else {
		gen, ok := Kinds[spec]
		if !ok {
			panic("testtoken: unknown kind " + strconv.Quote(spec))
		}
		v, secret := gen(r)
		value = v
		if label != "" {
			labels[label] = v
		}
		if secret != "" {
			p = &Planted{Kind: spec, Secret: secret, Transforms: transforms}
		}
	}
	value = selectPart(value, sel)
	for k := len(transforms) - 1; k >= 0; k-- {
		enc, ok := Transforms[transforms[k]]
		if !ok {
			panic("testtoken: unknown transform " + strconv.Quote(transforms[k]))
		}
		value = enc(value)
	}
	return value, p
}

// selectPart returns the part of v that sel ("", "[i:j]" or ".n") names.
func selectPart(v, sel string) string {
	switch {
	case sel == "":
		return v
	case sel[0] == '.':
		n, err := strconv.Atoi(sel[1:])
		parts := strings.Split(v, ".")
		if err != nil || n < 0 || n >= len(parts) {
			panic("testtoken: bad segment " + strconv.Quote(sel))
		}
		return parts[n]
	}
	lo, hi, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(sel, "["), "]"), ":")
	if !ok || !strings.HasSuffix(sel, "]") {
		panic("testtoken: bad slice " + strconv.Quote(sel))
	}
	index := func(s string, def int) int {
		if s == "" {
			return def
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			panic("testtoken: bad slice " + strconv.Quote(sel))
		}
		if n < 0 {
			n += len(v)
		}
		return max(0, min(n, len(v)))
	}
	return v[index(lo, 0):index(hi, len(v))]
}
