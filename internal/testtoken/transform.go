package testtoken

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Transforms are the encodings a template may apply to a value, as in
// {{b64:bot}}. Each encodes every byte unless its description says
// otherwise.
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
