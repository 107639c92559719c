package testtoken

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Transforms are the encodings a template may apply to a value, as in
// {{b64:bot}}, and a few that put the value in context. Each encoding
// encodes every byte unless its comment says otherwise.
var Transforms = map[string]func(string) string{
	"b64":       b64(base64.StdEncoding),
	"b64raw":    b64(base64.RawStdEncoding),
	"b64url":    b64(base64.URLEncoding),
	"b64urlraw": b64(base64.RawURLEncoding),
	"hex":       func(s string) string { return hex.EncodeToString([]byte(s)) },
	"HEX":       func(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) },
	"pct":       func(s string) string { return eachByte(s, "%%%02X") },
	"pctlow":    func(s string) string { return eachByte(s, "%%%02x") },
	// pcturl escapes only what a URL query must (":/?#[]@!$&'()*+,;=%").
	"pcturl": func(s string) string { return someBytes(s, ":/?#[]@!$&'()*+,;=%", "%%%02X") },
	"uesc":   func(s string) string { return eachByte(s, `\u%04x`) },
	"UESC":   func(s string) string { return eachByte(s, `\u%04X`) },
	// uescslash escapes only slashes, as \u002f.
	"uescslash": func(s string) string { return someBytes(s, "/", `\u%04x`) },
	// slash escapes slashes as \/ (PHP's json_encode).
	"slash": func(s string) string { return strings.ReplaceAll(s, "/", `\/`) },
	"xesc":  func(s string) string { return eachByte(s, `\x%02x`) },
	"html":  func(s string) string { return eachByte(s, "&#%d;") },
	"htmlx": func(s string) string { return eachByte(s, "&#x%x;") },
	"htmlsol": func(s string) string {
		return strings.NewReplacer("/", "&sol;", ".", "&period;", ":", "&colon;").Replace(s)
	},
	"rev": reverse,

	// Context: the value in the text that usually surrounds it, to be
	// encoded with it ({{b64:basic:bot}} is an HTTP Basic credential).
	"json":    func(s string) string { return `{"token": "` + s + `", "prefix": "!"}` },
	"envline": func(s string) string { return "# bot\nDISCORD_TOKEN=" + s + "\n" },
	"basic":   func(s string) string { return "bot:" + s },
	"bearer":  func(s string) string { return "Bot " + s },
}

// EncodingOf returns the encoding a scanner reports for a transform (an
// Enc* value of package rules, such as "base64"), or "" for a transform that
// only adds context. The base64url transforms report "base64url", which a
// scanner can tell from "base64" only when the output holds a - or _.
func EncodingOf(transform string) string {
	switch transform {
	case "b64", "b64raw":
		return "base64"
	case "b64url", "b64urlraw":
		return "base64url"
	case "hex", "HEX":
		return "hex"
	case "pct", "pctlow", "pcturl":
		return "percent"
	case "uesc", "UESC", "uescslash":
		return "unicode-escape"
	case "xesc":
		return "hex-escape"
	case "slash":
		return "backslash-escape"
	case "html", "htmlx", "htmlsol":
		return "html-entity"
	case "rev":
		return "reverse"
	}
	return ""
}

func b64(enc *base64.Encoding) func(string) string {
	return func(s string) string { return enc.EncodeToString([]byte(s)) }
}

func eachByte(s, format string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, format, s[i])
	}
	return b.String()
}

func someBytes(s, set, format string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) >= 0 {
			fmt.Fprintf(&b, format, s[i])
		} else {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
