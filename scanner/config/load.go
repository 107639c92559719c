package config

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/rules/verify"
)

// Load reads and checks the configuration file at path. An error reading
// the file is returned wrapped (with the path); a file that is not valid
// TOML or does not follow the schema of the package doc yields an
// [ErrorList].
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return parse(path, string(data))
}

// kind is the type of value a key holds.
type kind int

const (
	kTable      kind = iota // a [table]
	kTableArray             // [[table]]s
	kStrings                // array of strings
	kString
	kSize // positive integer, or a string with a unit
	kBool
	kPositive // positive integer
)

// schema lists every key a configuration file may hold.
var schema = map[string]kind{
	"scan":                kTable,
	"scan.exclude":        kStrings,
	"scan.max_file_size":  kSize,
	"rules":               kTable,
	"rules.disable":       kStrings,
	"allow":               kTableArray,
	"allow.secret_sha256": kString,
	"allow.reason":        kString,
	"verify":              kTable,
	"verify.enabled":      kBool,
	"verify.user_tokens":  kBool,
	"verify.max_requests": kPositive,
}

// loader is the state of one parse.
type loader struct {
	file       string
	data       map[string]any
	errs       ErrorList
	cfg        *Config
	tableIndex map[string]int // [[table]] name → index of the current table
	skip       []string       // keys reported as bad (quoted as by toml.Key): their children are not
	allowAt    map[string]int // hash → line of its first definition
	allowSeen  []allowSeen    // per [[allow]] table, which keys it has
}

type allowSeen struct{ hash, reason bool }

// key checks one key of the document (in document order) defined on line.
func (l *loader) key(key []string, line int) {
	if full := toml.Key(key).String(); slices.ContainsFunc(l.skip, func(p string) bool {
		return full == p || strings.HasPrefix(full, p+".")
	}) {
		return
	}
	// Check the key's parts from the top: the first one that is not a
	// known table decides.
	for n := 1; n <= len(key); n++ {
		parts := key[:n]
		name := strings.Join(parts, ".")
		display := toml.Key(parts).String()
		k, known := schema[name]
		if !known || strings.Contains(key[n-1], ".") { // a quoted "a.b" is not a.b
			l.errorf(line, display, "unknown key%s", knownKeys(parts[:n-1]))
			l.skip = append(l.skip, display)
			return
		}
		last := n == len(key)
		switch {
		case (k == kTable || k == kTableArray) && !last:
			// A parent, reached without its own key by a dotted key
			// ("verify.enabled = true") or a header ("[verify]") before.
			if !l.parentOK(parts, k) {
				l.errorf(line, display, "%s, not %s", describe(k, name), typeName(l.value(parts)))
				l.skip = append(l.skip, display)
				return
			}
		case !last:
			l.errorf(line, display, "%s, not a table", describe(k, name))
			l.skip = append(l.skip, display)
			return
		default:
			if !l.check(parts, display, k, line) {
				l.skip = append(l.skip, display)
			}
			return
		}
	}
}

// parentOK reports whether the table parts is what the schema says.
func (l *loader) parentOK(parts []string, k kind) bool {
	v := l.value(parts)
	if k == kTable {
		_, ok := v.(map[string]any)
		return ok
	}
	_, ok := v.([]map[string]any)
	_, entered := l.tableIndex[strings.Join(parts, ".")]
	return ok && entered
}

func (l *loader) errorf(line int, key, format string, args ...any) {
	l.errs = append(l.errs, &Error{File: l.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// parse parses the text of the configuration file named file.
func parse(file, text string) (*Config, error) {
	l := &loader{file: file, cfg: &Config{Path: file}, tableIndex: make(map[string]int), allowAt: make(map[string]int)}
	md, err := toml.Decode(text, &l.data)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			l.errorf(pe.Position.Line, pe.LastKey, "%s", pe.Message)
		} else {
			l.errorf(0, "", "%v", err)
		}
		return nil, l.errs
	}
	// Walk the keys in document order, rather than decode into a struct:
	// the decoder matches field names without regard to case and reports
	// the line of the last [[allow]] table for a problem in any of them.
	var keys [][]string
	for _, k := range md.Keys() {
		keys = append(keys, k)
	}
	lines := keyLines(text, keys)
	for i, key := range keys {
		l.key(key, lines[i])
	}
	l.checkAllow()
	if len(l.errs) > 0 {
		sort.SliceStable(l.errs, func(i, j int) bool { return l.errs[i].Line < l.errs[j].Line })
		return nil, l.errs
	}
	return l.cfg, nil
}

// knownKeys lists the keys of the table parent (the top level when empty),
// where an unknown key was found.
func knownKeys(parent []string) string {
	prefix := strings.Join(parent, ".")
	if prefix != "" {
		prefix += "."
	}
	var names []string
	for k := range schema {
		if rest, ok := strings.CutPrefix(k, prefix); ok && !strings.Contains(rest, ".") {
			names = append(names, rest)
		}
	}
	sort.Strings(names)
	if prefix == "" {
		return " (valid tables: " + strings.Join(names, ", ") + ")"
	}
	return fmt.Sprintf(" (valid keys in [%s]: %s)", strings.TrimSuffix(prefix, "."), strings.Join(names, ", "))
}

// describe says what the key name of kind k must be.
func describe(k kind, name string) string {
	switch k {
	case kTable:
		return "must be a table"
	case kTableArray:
		return "must be written as [[" + name + "]] tables"
	case kStrings:
		return "must be an array of strings"
	case kString:
		return "must be a string"
	case kSize:
		return `must be a size in bytes or a string such as "10MiB"`
	case kBool:
		return "must be true or false"
	}
	return "must be a positive integer"
}

// value returns the value of the key parts; in a [[table]] it is the value
// in the table that tableIndex says is current.
func (l *loader) value(parts []string) any {
	var v any = l.data
	for n, p := range parts {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
		if arr, ok := v.([]map[string]any); ok && n < len(parts)-1 {
			i, ok := l.tableIndex[strings.Join(parts[:n+1], ".")]
			if !ok || i >= len(arr) {
				return nil
			}
			v = arr[i]
		}
	}
	return v
}

// check checks the value of the known key parts (shown as display) and
// stores it in the configuration. It returns false when the value is bad.
func (l *loader) check(parts []string, display string, k kind, line int) bool {
	name := strings.Join(parts, ".")
	v := l.value(parts)
	bad := func() bool {
		l.errorf(line, display, "%s, not %s", describe(k, name), typeName(v))
		return false
	}
	switch k {
	case kTable:
		if _, ok := v.(map[string]any); !ok {
			return bad()
		}
		return true
	case kTableArray:
		if _, ok := v.([]map[string]any); !ok {
			return bad()
		}
		if _, seen := l.tableIndex[name]; seen {
			l.tableIndex[name]++
		} else {
			l.tableIndex[name] = 0
		}
		if name == "allow" {
			l.cfg.Allow = append(l.cfg.Allow, Allow{Line: line})
			l.allowSeen = append(l.allowSeen, allowSeen{})
		}
		return true
	case kStrings:
		arr, ok := v.([]any)
		if !ok {
			return bad()
		}
		strs := make([]string, 0, len(arr))
		for i, e := range arr {
			s, ok := e.(string)
			if !ok {
				l.errorf(line, display, "must be an array of strings; element %d is %s", i+1, typeName(e))
				return false
			}
			strs = append(strs, s)
		}
		return l.setStrings(name, display, line, strs)
	case kString:
		seen := &l.allowSeen[len(l.allowSeen)-1]
		if name == "allow.secret_sha256" {
			seen.hash = true
		} else {
			seen.reason = true
		}
		s, ok := v.(string)
		if !ok {
			return bad()
		}
		return l.setString(name, display, line, s)
	case kSize:
		var n int64
		switch v := v.(type) {
		case int64:
			if n = v; n <= 0 {
				l.errorf(line, display, "must be positive, not %d", v)
				return false
			}
		case string:
			var err error
			if n, err = parseSize(v); err != nil {
				l.errorf(line, display, "%v", err)
				return false
			}
		default:
			return bad()
		}
		l.cfg.MaxFileSize = n
	case kBool:
		b, ok := v.(bool)
		if !ok {
			return bad()
		}
		if name == "verify.enabled" {
			l.cfg.Verify.Enabled = b
		} else {
			l.cfg.Verify.UserTokens = b
		}
	case kPositive:
		n, ok := v.(int64)
		if !ok {
			return bad()
		}
		if n <= 0 || int64(int(n)) != n {
			l.errorf(line, display, "must be a positive integer, not %d", n)
			return false
		}
		if n > verify.DefaultMaxRequests {
			l.errorf(line, display, "must be at most %d, not %d: it can only lower the cap that keeps Discord "+
				"from banning this address for too many invalid requests", verify.DefaultMaxRequests, n)
			return false
		}
		l.cfg.Verify.MaxRequests = int(n)
	}
	return true
}

// setStrings stores scan.exclude or rules.disable.
func (l *loader) setStrings(name, display string, line int, strs []string) bool {
	ok := true
	switch name {
	case "scan.exclude":
		for _, s := range strs {
			p, err := compilePattern(s)
			if err != nil {
				l.errorf(line, display, "pattern %q: %v", s, err)
				ok = false
				continue
			}
			l.cfg.patterns = append(l.cfg.patterns, p)
		}
		l.cfg.Exclude = strs
	case "rules.disable":
		if l.cfg.disabled == nil {
			l.cfg.disabled = make(map[string]bool)
		}
		for _, id := range strs {
			if _, known := rules.Lookup(id); !known {
				l.errorf(line, display, "unknown rule ID %q (valid: %s)", id, ruleIDs())
				ok = false
				continue
			}
			l.cfg.disabled[id] = true
		}
		l.cfg.DisabledRules = strs
	}
	return ok
}

// setString stores a key of the current [[allow]] table.
func (l *loader) setString(name, display string, line int, s string) bool {
	a := &l.cfg.Allow[len(l.cfg.Allow)-1]
	switch name {
	case "allow.secret_sha256":
		h := strings.ToLower(strings.TrimSpace(s))
		if !isHex64(h) {
			l.errorf(line, display, "must be the 64 hex digits of a SHA-256, not %d characters%s", len(s), secretHint(s))
			return false
		}
		if first, dup := l.allowAt[h]; dup {
			l.errorf(line, display, "hash already allowed on line %d", first)
			return false
		}
		l.allowAt[h] = line
		a.SecretSHA256 = h
	case "allow.reason":
		if strings.TrimSpace(s) == "" {
			l.errorf(line, display, "must say why the secret is allowed")
			return false
		}
		a.Reason = s
	}
	return true
}

// checkAllow reports [[allow]] tables without a hash or a reason, and builds
// the allow index.
func (l *loader) checkAllow() {
	l.cfg.allowed = make(map[string]string, len(l.cfg.Allow))
	for i, a := range l.cfg.Allow {
		if !l.allowSeen[i].hash {
			l.errorf(a.Line, "allow", "missing secret_sha256")
		}
		if !l.allowSeen[i].reason {
			l.errorf(a.Line, "allow", "missing reason")
		}
		l.cfg.allowed[a.SecretSHA256] = a.Reason
	}
}

// secretHint warns when an allow entry looks like it holds a secret
// instead of its hash (several characters that are not hex digits),
// without repeating it.
func secretHint(s string) string {
	nonHex := 0
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			nonHex++
		}
	}
	if len(s) >= 20 && nonHex >= 3 {
		return "; put the secret's SHA-256 here (the secret_sha256 field of a JSON finding), never the secret"
	}
	return ""
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func ruleIDs() string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.Info().ID)
	}
	return strings.Join(ids, ", ")
}

// typeName names the TOML type of a decoded value for messages.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "missing"
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	}
	return "a date or time"
}
