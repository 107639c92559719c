package report

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/scanner"
)

// stdinName is how the text format names the file "-".
const stdinName = "(stdin)"

// showSecretsNotice opens a text report written with ShowSecrets.
const showSecretsNotice = "secrets are shown in full (--show-secrets): do not share or commit this report"

// writeText writes findings grouped by file, then a summary line and, when
// something was found, one line of advice. With ShowSecrets, a first line
// says that the report holds secrets in full.
func writeText(buf *bytes.Buffer, res *scanner.Result, red *redactor, opts Options) error {
	p := newPalette(opts.Color)
	if opts.ShowSecrets {
		buf.WriteString(p.warn.Sprint(showSecretsNotice))
		buf.WriteByte('\n')
	}
	if res.Mode == "history" {
		writeOwners(buf, res, p, red)
	}
	for _, g := range groupByFile(res.Findings) {
		writeGroup(buf, g, p, red)
		buf.WriteByte('\n')
	}
	buf.WriteString(summary(res, p))
	buf.WriteByte('\n')
	if len(res.Findings) > 0 {
		buf.WriteString(p.advice.Sprint(advice(res.CountByRule(), len(res.Findings))))
		buf.WriteByte('\n')
		if removedFromHead(res.Findings) {
			buf.WriteString(p.advice.Sprint("removed from HEAD is not gone: every clone still holds those secrets in its history. " +
				"Rotate them first; rewriting history (git filter-repo) only helps once every clone and fork is replaced."))
			buf.WriteByte('\n')
		}
	}
	return nil
}

// groupByFile splits findings into runs of the same file, files in order of
// first appearance, findings in their given order.
func groupByFile(fs []scanner.Finding) [][]*scanner.Finding {
	var groups [][]*scanner.Finding
	index := make(map[string]int)
	for i := range fs {
		f := &fs[i]
		g, ok := index[f.File]
		if !ok {
			g = len(groups)
			index[f.File] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], f)
	}
	return groups
}

// writeGroup writes a file header and its findings, one line each with
// their details indented below:
//
//	config/bot.env
//	  L12:C9  discord-bot-token  high  MTA4…Xy
//	          user 1085170463541917759, account created 2023-03-14, current format
func writeGroup(buf *bytes.Buffer, g []*scanner.Finding, p *palette, red *redactor) {
	name := g[0].File
	if name == "-" {
		name = stdinName
	}
	buf.WriteString(p.file.Sprint(printable(name)))
	buf.WriteByte('\n')

	var locW, ruleW, sevW int
	for _, f := range g {
		locW = max(locW, len(location(f)))
		ruleW = max(ruleW, len(f.RuleID))
		sevW = max(sevW, len(f.Severity))
	}
	indent := strings.Repeat(" ", 2+locW+2)
	for _, f := range g {
		buf.WriteString("  ")
		buf.WriteString(pad(location(f), locW))
		buf.WriteString("  ")
		buf.WriteString(p.rule.Sprint(printable(f.RuleID)))
		buf.WriteString(strings.Repeat(" ", ruleW-len(f.RuleID)+2))
		buf.WriteString(p.severity(f.Severity).Sprint(printable(string(f.Severity))))
		buf.WriteString(strings.Repeat(" ", sevW-len(f.Severity)+2))
		buf.WriteString(printable(red.secret(f)))
		buf.WriteByte('\n')
		for _, d := range details(f, p, red) {
			buf.WriteString(indent)
			buf.WriteString(d)
			buf.WriteByte('\n')
		}
	}
}

// location returns "L12:C9" for a finding.
func location(f *scanner.Finding) string {
	return fmt.Sprintf("L%d:C%d", f.Line, f.Column)
}

// pad appends spaces to s up to width bytes.
func pad(s string, width int) string {
	return s + strings.Repeat(" ", max(0, width-len(s)))
}

// details returns the lines printed under a finding: what the secret
// reveals offline, where in history it was seen, how it was hidden, and
// the outcome of a live check.
func details(f *scanner.Finding, p *palette, red *redactor) []string {
	var lines []string
	add := func(parts ...string) {
		var kept []string
		for _, s := range parts {
			if s != "" {
				kept = append(kept, s)
			}
		}
		if len(kept) > 0 {
			lines = append(lines, p.detail.Sprint(printable(strings.Join(kept, ", "))))
		}
	}
	if t := f.Token; t != nil {
		add(prefixed("user ", t.UserID), date("account created ", t.UserCreatedAt),
			prefixed("", t.Format)+suffix(t.Format, " format"), date("token issued ", t.IssuedAt))
	}
	if w := f.Webhook; w != nil {
		add(prefixed("webhook ", w.ID), date("created ", w.CreatedAt))
	}
	if c := f.Commit; c != nil {
		line := "commit " + short(c.SHA)
		if who := strings.TrimSpace(c.Author + prefixed(" <", c.Email) + suffix(c.Email, ">")); who != "" {
			line += " by " + who
		}
		line += date(" on ", c.Date)
		if m := red.scrub(c.Message); m != "" {
			line += ": " + strconv.Quote(m)
		}
		add(line)
	}
	var history []string
	if f.InHead != nil {
		if *f.InHead {
			history = append(history, "still in HEAD")
		} else {
			history = append(history, "no longer in HEAD")
		}
	}
	if f.Occurrences > 0 {
		history = append(history, plural(f.Occurrences, "occurrence", "occurrences"))
	}
	history = append(history, prefixed("last seen in ", short(f.LastSeenCommit)))
	if f.Superseded {
		history = append(history, "probably superseded by a newer token")
	}
	add(history...)
	if len(f.Encoding) > 0 {
		add("hidden by " + strings.Join(f.Encoding, ", "))
	}
	// A secret that was not checked has a line only when it says why
	// (client secrets, user tokens without --verify-user-tokens).
	if s := f.Verification.Status; s != "" && (s != scanner.StatusNotChecked || f.Verification.Detail != "") {
		line := p.detail.Sprint("verification: ") + p.status(s).Sprint(printable(s))
		if d := red.scrub(f.Verification.Detail); d != "" {
			line += p.detail.Sprint(printable(" (" + d + ")"))
		}
		if id := identity(f.Verification.Identity); id != "" {
			line += p.detail.Sprint(printable("; " + red.scrub(id)))
		}
		lines = append(lines, line)
	}
	if f.Verification.Status == scanner.StatusLive {
		if in, ok := f.Verification.Identity[privilegedIntentsKey].([]string); ok {
			add("privileged intents: " + cmp.Or(strings.Join(in, ", "), "none"))
		}
		if todo := whatToDoNow(f); todo != "" {
			lines = append(lines, p.advice.Sprint(printable("what to do now: "+todo)))
		}
	}
	return lines
}

// privilegedIntentsKey is the identity key under which the verifier lists
// a live bot's privileged intents; the text format prints them on a line of
// their own.
const privilegedIntentsKey = "privileged_intents"

// identity formats what a live secret revealed as "key=value" pairs in key
// order, without the privileged intents.
func identity(m map[string]any) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k == privilegedIntentsKey {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s=%v", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

// whatToDoNow says in one line what to do about a secret Discord accepted:
// reset a bot token on its application's bot page, change the password
// behind a user token, delete a webhook.
func whatToDoNow(f *scanner.Finding) string {
	id := f.Verification.Identity
	kind, _ := id["kind"].(string)
	switch {
	case f.RuleID == rules.IDWebhookURL:
		return "delete the webhook in the channel's settings (Edit Channel > Integrations > Webhooks) and create a new one; " +
			"anyone with the URL can post as it until then"
	case f.RuleID == rules.IDMFAToken || kind == "user":
		return "change the account's password (that invalidates its tokens) and turn on two-factor authentication"
	case f.RuleID == rules.IDBotToken:
		app, _ := id["application_id"].(string)
		if app == "" && f.Token != nil {
			app = f.Token.UserID
		}
		if app == "" {
			return "reset the token in the Discord Developer Portal (" + portalURL + "), under Bot"
		}
		return "reset the token at " + portalURL + "/" + app + "/bot, then update the secret store the bot reads it from"
	}
	return ""
}

// prefixed returns prefix+s, or "" when s is empty.
func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// suffix returns suf when s is not empty.
func suffix(s, suf string) string {
	if s == "" {
		return ""
	}
	return suf
}

// date returns prefix and t's UTC date, or "" for the zero time.
func date(prefix string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return prefix + t.UTC().Format(time.DateOnly)
}

// short abbreviates a commit SHA to 12 characters.
func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

// summary returns the line that ends the text report, e.g.
// "3 findings (2 discord-bot-token, 1 discord-webhook-url) in 12 files, 48.2 KiB, 35ms".
func summary(res *scanner.Result, p *palette) string {
	st := res.Stats
	scanned := plural(st.Files, "file", "files")
	if res.Mode == "history" {
		scanned = plural(st.Files, "file version", "file versions") + " from " + plural(st.Commits, "commit", "commits")
	}
	size := humanBytes(st.Bytes) + ", " + humanDuration(st.Duration)
	var skipped []string
	if st.SkippedBinary > 0 {
		skipped = append(skipped, fmt.Sprintf("%d binary", st.SkippedBinary))
	}
	if st.SkippedLarge > 0 {
		skipped = append(skipped, fmt.Sprintf("%d too large", st.SkippedLarge))
	}
	if st.SkippedLFS > 0 {
		skipped = append(skipped, plural(st.SkippedLFS, "Git LFS pointer", "Git LFS pointers"))
	}
	if st.Submodules > 0 {
		skipped = append(skipped, plural(st.Submodules, "submodule", "submodules"))
	}
	var extra string
	if len(skipped) > 0 {
		extra += "; skipped " + strings.Join(skipped, ", ")
	}
	if st.Errors > 0 {
		extra += "; " + p.warn.Sprint(plural(st.Errors, "error", "errors"))
	}
	if res.Incomplete {
		why := "interrupted: incomplete, not every file was read"
		if res.IncompleteReason != "" {
			why = "incomplete: " + res.IncompleteReason
		}
		extra += "; " + p.warn.Sprint(why)
	}
	if len(res.Findings) == 0 {
		return p.clean.Sprint("no Discord credentials found") + " in " + scanned + " (" + size + extra + ")"
	}
	head := p.found.Sprint(plural(len(res.Findings), "finding", "findings"))
	return head + " (" + ruleCounts(res.CountByRule()) + ") in " + scanned + ", " + size + extra
}

// ruleCounts formats counts per rule, "2 discord-bot-token, 1 discord-webhook-url",
// in the order of [rules.All], then any other rule IDs alphabetically.
func ruleCounts(counts map[string]int) string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.Info().ID)
	}
	for _, id := range slices.Sorted(maps.Keys(counts)) {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	var parts []string
	for _, id := range ids {
		if n := counts[id]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, printable(id)))
		}
	}
	return strings.Join(parts, ", ")
}

// advice returns one line on what to do about the findings: revoke each
// kind of secret where Discord revokes it, and keep the new one out of the
// code.
func advice(counts map[string]int, total int) string {
	var portal []string
	if n := counts[rules.IDBotToken]; n > 0 {
		portal = append(portal, pick(n, "token", "tokens"))
	}
	if n := counts[rules.IDClientSecret]; n > 0 {
		portal = append(portal, pick(n, "client secret", "client secrets"))
	}
	var actions []string
	if len(portal) > 0 {
		actions = append(actions, "reset the "+joinList(portal)+
			" in the Discord Developer Portal (https://discord.com/developers/applications)")
	}
	if n := counts[rules.IDWebhookURL]; n > 0 {
		actions = append(actions, "delete and recreate the "+pick(n, "webhook", "webhooks"))
	}
	if n := counts[rules.IDMFAToken]; n > 0 {
		actions = append(actions, "change the password of the "+pick(n, "account", "accounts")+" behind the mfa. "+pick(n, "token", "tokens"))
	}
	if len(actions) == 0 {
		actions = append(actions, "revoke "+pick(total, "the secret", "the secrets"))
	}
	it := pick(total, "it", "them")
	return "what to do: " + strings.Join(actions, ", ") + " — removing " + it + " from the code does not revoke " + it +
		" — and keep the new " + pick(total, "one", "ones") + " in an environment variable or secret store."
}

// removedFromHead reports whether a history finding is no longer in HEAD.
func removedFromHead(fs []scanner.Finding) bool {
	for _, f := range fs {
		if f.InHead != nil && !*f.InHead {
			return true
		}
	}
	return false
}

// pick returns one when n is 1, many otherwise.
func pick(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
