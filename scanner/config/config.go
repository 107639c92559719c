package config

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/leakcord/leakcord/internal/ignore"
)

// FileName is the name of the configuration file that [Find] looks for.
const FileName = ".leakcord.toml"

// Config is a parsed configuration file. Use [Load] to make one. The
// exported fields show what the file says; the methods use the patterns,
// rule set and allowlist that Load compiled from it, so changing the fields
// does not change what the methods report.
type Config struct {
	// Path is the file the configuration was read from.
	Path string
	// Exclude holds the scan.exclude patterns, as written.
	Exclude []string
	// MaxFileSize is scan.max_file_size in bytes; 0 when not set.
	MaxFileSize int64
	// DisabledRules holds the rules.disable IDs, as written.
	DisabledRules []string
	// Allow holds the [[allow]] tables, in file order, with lowercase hashes.
	Allow []Allow
	// Verify holds the [verify] settings.
	Verify Verify

	patterns ignore.List
	allowed  map[string]string // secret SHA-256 → reason
	disabled map[string]bool
}

// Allow is one accepted secret.
type Allow struct {
	SecretSHA256 string // lowercase hex SHA-256 of the secret
	Reason       string // why it is accepted; never empty
	Line         int    // line of its [[allow]] header in the file
}

// Verify holds the live verification settings.
type Verify struct {
	Enabled     bool // check secrets against Discord's API
	UserTokens  bool // also check tokens that may belong to user accounts
	MaxRequests int  // request ceiling per run, 1 to verify.DefaultMaxRequests; 0 when not set (the verifier's default)
}

// Find returns the path of the configuration file at the scan root root
// (root/.leakcord.toml) and whether there is one. A path that exists but
// cannot be examined (permission denied, say) is reported as present, so
// that [Load] reports the problem instead of the configuration being
// silently ignored; a folder of that name is not a configuration file.
func Find(root string) (string, bool) {
	name := filepath.Join(root, FileName)
	fi, err := os.Stat(name)
	switch {
	case err == nil:
		return name, !fi.IsDir()
	case errors.Is(err, fs.ErrNotExist):
		return name, false
	}
	return name, true
}

// Excluded reports whether the scan.exclude patterns exclude rel, a
// "/"-separated path relative to the scan root, that is a folder when isDir
// is set. A path inside an excluded folder is excluded. The scan root itself
// ("" or ".") is never excluded.
func (c *Config) Excluded(rel string, isDir bool) bool {
	if c == nil || len(c.patterns) == 0 {
		return false
	}
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" {
		return false
	}
	for i := 0; i < len(rel); i++ {
		if rel[i] == '/' && c.excluded(rel[:i], true) {
			return true
		}
	}
	return c.excluded(rel, isDir)
}

// excluded applies the patterns to rel alone: the last match decides.
func (c *Config) excluded(rel string, isDir bool) bool {
	_, ignored := c.patterns.Match(rel, path.Base(rel), isDir)
	return ignored
}

// Allowed reports whether the secret whose hex SHA-256 is secretSHA256 is
// allowlisted, and why. The hash is compared without regard to case.
func (c *Config) Allowed(secretSHA256 string) (reason string, ok bool) {
	if c == nil {
		return "", false
	}
	reason, ok = c.allowed[strings.ToLower(secretSHA256)]
	return reason, ok
}

// RuleEnabled reports whether the rule with ID id may report findings: it is
// not listed in rules.disable.
func (c *Config) RuleEnabled(id string) bool {
	return c == nil || !c.disabled[id]
}
