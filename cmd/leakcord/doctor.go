package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/rules/verify"
)

// Doctor statuses, the "status" of its JSON output.
const (
	doctorValid       = "valid"        // Discord accepts the token
	doctorWellFormed  = "well_formed"  // --offline: no problem found, not asked
	doctorMalformed   = "malformed"    // an offline problem
	doctorInvalid     = "invalid"      // Discord rejects it (401)
	doctorForbidden   = "forbidden"    // 403: account restricted or unverified
	doctorRateLimited = "rate_limited" // 429 or a Cloudflare block
	doctorUnreachable = "unreachable"  // network, proxy, timeout, 5xx
)

// maxDoctorInput bounds what doctor reads from stdin.
const maxDoctorInput = 64 << 10

// doctorReport is what leakcord doctor prints. It never holds the token.
type doctorReport struct {
	Status   string         `json:"status"`
	Source   string         `json:"source"`
	Problems []problem      `json:"problems"`
	Token    *doctorToken   `json:"token,omitempty"`
	Live     *doctorLive    `json:"live,omitempty"`
	Identity map[string]any `json:"identity,omitempty"`
	Notes    []string       `json:"notes,omitempty"`
	Advice   string         `json:"advice"`
}

// doctorToken is what the token says about itself offline.
type doctorToken struct {
	UserID        string `json:"user_id"`
	UserCreatedAt string `json:"user_created_at"`
	Format        string `json:"format"`
	IssuedAt      string `json:"token_issued_at,omitempty"`
}

// doctorLive is Discord's answer.
type doctorLive struct {
	Status string `json:"status"`
	// Checked is "as given", or "cleaned" when the value was checked with
	// its whitespace, quotes and "Bot " prefix removed.
	Checked    string  `json:"checked"`
	Detail     string  `json:"detail"`
	HTTPStatus int     `json:"http_status,omitempty"`
	Code       int     `json:"code,omitempty"`
	RetryAfter float64 `json:"retry_after_seconds,omitempty"`
}

func (a *app) doctorCmd() *cobra.Command {
	var envName, format string
	var offline bool
	var timeout time.Duration
	c := &cobra.Command{
		Use:   "doctor [--env NAME | -]",
		Short: "Explain whether a bot token works, and why not",
		Long: "Check one bot token, for when a library says \"Improper token has been passed\",\n" +
			"TokenInvalid, \"The provided token is invalid!\" or closes the gateway with 4004.\n" +
			"The token is read from an environment variable (--env, default DISCORD_TOKEN) or\n" +
			"from stdin (\"-\", one trailing newline ignored), never from an argument, and never\n" +
			"printed. Offline checks come first (whitespace, quotes, a \"Bot \" prefix, a cut-off\n" +
			"or mistyped token, another credential or a JWT pasted by mistake, a placeholder);\n" +
			"then, unless --offline, one read-only GET /users/@me (and /oauth2/applications/@me)\n" +
			"asks Discord, within --timeout in all.\n\n" +
			"Exit codes: 0 valid (or well-formed with --offline), 1 invalid or malformed,\n" +
			"2 could not tell (forbidden, rate limited, unreachable) or a usage error.",
		Example: "  leakcord doctor\n  leakcord doctor --env BOT_TOKEN\n  pass show discord/bot | leakcord doctor -\n" +
			"  leakcord doctor --offline --format json",
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			fromStdin := len(args) == 1 && args[0] == "-"
			switch {
			case len(args) > 0 && !fromStdin:
				a.warnf("never pass a token as an argument: your shell keeps it in its history and other users can see it in the process list")
				return hinted{
					err: errors.New("doctor does not read a token from its arguments"),
					hint: "set " + envName + " (or name another variable with --env) or pipe the token to 'leakcord doctor -'; " +
						"if that was a real token, remove it from your shell history",
				}
			case fromStdin && c.Flags().Changed("env"):
				return usageError{err: errors.New("use --env NAME or -, not both"), cmd: c.CommandPath()}
			case strings.TrimSpace(envName) == "":
				return usageError{err: errors.New("--env needs the name of an environment variable"), cmd: c.CommandPath()}
			case format != "text" && format != "json":
				return usageError{err: fmt.Errorf("unknown format %q (valid: text, json)", format), cmd: c.CommandPath()}
			case timeout <= 0:
				return usageError{err: errors.New("--timeout must be positive"), cmd: c.CommandPath()}
			}
			value, source := a.getenv(envName), "env:"+envName
			if fromStdin {
				var err error
				if value, err = readDoctorInput(a.stdin); err != nil {
					return err
				}
				source = "stdin"
			}
			rep, err := a.doctor(c.Context(), value, source, offline, timeout)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if format == "json" {
				enc := json.NewEncoder(&buf)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(rep); err != nil {
					return err
				}
			} else {
				writeDoctorText(&buf, rep)
			}
			if _, err := a.stdout.Write(buf.Bytes()); err != nil {
				return err
			}
			a.code = rep.exitCode()
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&envName, "env", "DISCORD_TOKEN", "read the token from the environment variable `NAME`")
	f.BoolVar(&offline, "offline", false, "run the offline checks only; do not ask Discord")
	f.StringVarP(&format, "format", "f", "text", "text or json")
	f.DurationVar(&timeout, "timeout", verify.DefaultTimeout, "give up on Discord after `DURATION` in all (rate-limit waits included)")
	return c
}

// readDoctorInput reads the token from stdin, without the line break that
// ends a line of input.
func readDoctorInput(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxDoctorInput+1))
	if err != nil {
		return "", fmt.Errorf("reading the token from stdin: %w", err)
	}
	if len(b) > maxDoctorInput {
		return "", hinted{err: errors.New("stdin holds more than 64 KiB"), hint: "pipe only the token"}
	}
	s := string(b)
	if t, ok := strings.CutSuffix(s, "\r\n"); ok {
		return t, nil
	}
	return strings.TrimSuffix(s, "\n"), nil
}

// doctor diagnoses value and, unless offline, asks Discord about it (or
// about its cleaned form when cleaning fixes every problem found).
func (a *app) doctor(ctx context.Context, value, source string, offline bool, timeout time.Duration) (*doctorReport, error) {
	now := time.Now()
	d := diagnose(value, now)
	rep := &doctorReport{Source: source, Problems: d.problems}
	if rep.Problems == nil {
		rep.Problems = []problem{}
	}
	if value == "" && strings.HasPrefix(source, "env:") && len(rep.Problems) > 0 {
		rep.Problems[0].Message = strings.TrimPrefix(source, "env:") + " is not set, or empty"
	}
	if t := d.token; t != nil {
		rep.Token = &doctorToken{UserID: t.UserID, UserCreatedAt: t.UserCreatedAt.UTC().Format(time.RFC3339), Format: t.Format}
		if !t.IssuedAt.IsZero() {
			rep.Token.IssuedAt = t.IssuedAt.UTC().Format(time.RFC3339)
		}
	}
	switch {
	case len(d.problems) > 0:
		rep.Status = doctorMalformed
	case offline:
		rep.Status = doctorWellFormed
	}
	if !offline && (len(d.problems) == 0 || d.cleanable()) {
		base := a.getenv(verify.EnvBaseURL)
		v, err := verify.New(verify.Options{BaseURL: base, Version: version(), Timeout: timeout})
		if err != nil {
			return nil, hinted{err: fmt.Errorf("%s: %w", verify.EnvBaseURL, err), hint: "unset it to use " + verify.DefaultBaseURL}
		}
		defer v.Close()
		// --timeout bounds the whole check, waits for a 429 included: a
		// Retry-After longer than what is left ends it as rate limited.
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		res := v.Check(ctx, verify.Secret{RuleID: rules.IDBotToken, Value: d.cleaned})
		rep.Live = &doctorLive{Status: liveStatus(res), Checked: "as given", Detail: res.Detail,
			HTTPStatus: res.HTTPStatus, Code: res.Code, RetryAfter: res.RetryAfter.Seconds()}
		if res.Reason == verify.ReasonUnauthorized {
			rep.Live.Detail = "GET /users/@me with the Bot prefix: 401 Unauthorized"
		}
		if d.cleaned != value {
			rep.Live.Checked = "cleaned"
		}
		rep.Identity = res.Identity.Map()
		rep.Notes = identityNotes(res.Identity)
		if rep.Status == "" {
			rep.Status = rep.Live.Status
		}
	}
	rep.Advice = doctorAdvice(rep, d)
	return rep, nil
}

// liveStatus maps a check's result onto doctor's statuses.
func liveStatus(r verify.Result) string {
	switch {
	case r.Status == verify.Live:
		return doctorValid
	case r.Status == verify.Invalid:
		return doctorInvalid
	case r.Reason == verify.ReasonForbidden:
		return doctorForbidden
	case r.Reason == verify.ReasonRateLimited || r.Reason == verify.ReasonBlocked:
		return doctorRateLimited
	}
	return doctorUnreachable
}

// identityNotes are least-privilege remarks about a live bot.
func identityNotes(id *verify.Identity) []string {
	if id == nil || id.Application == nil {
		return nil
	}
	app := id.Application
	var notes []string
	if len(app.PrivilegedIntents) > 0 {
		notes = append(notes, "privileged intents enabled: "+strings.Join(app.PrivilegedIntents, ", ")+
			"; turn off any the bot does not use (Developer Portal > Bot > Privileged Gateway Intents), "+
			"so that a leaked token exposes less")
	}
	if app.Public {
		notes = append(notes, "Public Bot is on: anyone can add the bot to a server; turn it off if only you add it")
	}
	return notes
}

// exitCode is 0 for valid (or well-formed offline), 1 for invalid or
// malformed, 2 when Discord's answer could not tell.
func (r *doctorReport) exitCode() int {
	switch r.Status {
	case doctorValid, doctorWellFormed:
		return exitClean
	case doctorMalformed, doctorInvalid:
		return exitFindings
	}
	return exitError
}

// doctorAdvice says in a few sentences what to do.
func doctorAdvice(rep *doctorReport, d *diagnosis) string {
	reset := verifyPortal
	if rep.Token != nil {
		reset = verifyPortal + "/" + rep.Token.UserID + "/bot"
	}
	live := ""
	if rep.Live != nil {
		live = rep.Live.Status
	}
	switch {
	case rep.Status == doctorMalformed && live == doctorValid:
		var what []string
		for _, p := range d.problems {
			switch p.Code {
			case probWhitespace:
				what = append(what, "the whitespace")
			case probQuotes:
				what = append(what, "the quotes")
			case probBotPrefix:
				what = append(what, `the "Bot " prefix`)
			}
		}
		return "Remove " + joinAnd(what) + " and the token works: Discord accepts the cleaned value. " +
			"Fix the stored value, not the code."
	case rep.Status == doctorMalformed && live != "":
		return upperFirst(rep.Problems[0].Fix) + ". Even cleaned, Discord's answer is: " + live + "."
	case rep.Status == doctorMalformed:
		return upperFirst(rep.Problems[0].Fix) + "."
	case rep.Status == doctorWellFormed:
		return "The value looks like a well-formed bot token. Run without --offline to ask Discord whether it works."
	case live == doctorValid:
		return "Discord accepts this token. If the library still fails, the token is not the problem: " +
			"gateway close code 4014 means a privileged intent the code asks for is off in the Developer Portal."
	case live == doctorInvalid:
		return "Discord rejects this token: it was reset or revoked. Discord revokes a token by itself when it is " +
			"pushed to a public GitHub repository, and every Reset Token ends the previous one. Regenerate it at " +
			reset + " (Reset Token), update the secret store the bot reads it from, and restart the bot."
	case live == doctorForbidden:
		return "Discord answered 403: the account is restricted or must verify its email or phone. The token " +
			"itself may be fine; check the account and your email from Discord."
	case live == doctorRateLimited:
		wait := "a while"
		if rep.Live.RetryAfter > 0 {
			wait = roundDuration(time.Duration(rep.Live.RetryAfter * float64(time.Second))).String()
		}
		return "Discord is rate limiting this address; wait " + wait + " and try again. This says nothing about the token."
	}
	return "Could not reach Discord (" + rep.Live.Detail + "). This is a network or proxy problem, not a token " +
		"problem: check the connection, HTTPS_PROXY and any firewall, then run doctor again."
}

// verifyPortal is where Discord applications and their bots are managed.
const verifyPortal = "https://discord.com/developers/applications"

func roundDuration(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

// writeDoctorText writes rep for people.
func writeDoctorText(w *bytes.Buffer, rep *doctorReport) {
	src := "stdin"
	if name, ok := strings.CutPrefix(rep.Source, "env:"); ok {
		src = "$" + name
	}
	fmt.Fprintf(w, "leakcord doctor: the token from %s\n", src)
	if len(rep.Problems) > 0 {
		fmt.Fprintf(w, "\nproblems:\n")
		for _, p := range rep.Problems {
			fmt.Fprintf(w, "  %s: %s\n    fix: %s\n", p.Code, p.Message, p.Fix)
		}
	}
	if t := rep.Token; t != nil {
		line := "user " + t.UserID + ", account created " + t.UserCreatedAt[:10] + ", " + t.Format + " format"
		if t.IssuedAt != "" {
			line += ", token issued " + t.IssuedAt[:10]
		}
		fmt.Fprintf(w, "\ntoken: %s\n", line)
	}
	if l := rep.Live; l != nil {
		checked := ""
		if l.Checked == "cleaned" {
			checked = " (the cleaned value)"
		}
		fmt.Fprintf(w, "live%s: %s: %s\n", checked, l.Status, l.Detail)
	}
	if id := rep.Identity; id != nil {
		if s := identityLine(id); s != "" {
			fmt.Fprintf(w, "identity: %s\n", s)
		}
		if in, ok := id["privileged_intents"].([]string); ok {
			fmt.Fprintf(w, "privileged intents: %s\n", orNone(strings.Join(in, ", ")))
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	fmt.Fprintf(w, "\nresult: %s\n%s\n", rep.Status, rep.Advice)
}

// identityLine formats what a live token revealed.
func identityLine(id map[string]any) string {
	var parts []string
	add := func(format, key string) {
		if v, ok := id[key]; ok && v != "" {
			parts = append(parts, fmt.Sprintf(format, v))
		}
	}
	add("bot %v", "username")
	add("ID %v", "id")
	add("application %v", "application")
	add("application ID %v", "application_id")
	add("owner %v", "owner")
	add("team %v", "team")
	if pub, ok := id["public_bot"].(bool); ok {
		parts = append(parts, map[bool]string{true: "public bot", false: "private bot"}[pub])
	}
	add("in about %v servers", "approximate_guilds")
	return printableLine(strings.Join(parts, ", "))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// printableLine drops control characters from text that came from Discord.
func printableLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// upperFirst capitalizes the first letter of a sentence.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
