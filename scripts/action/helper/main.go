// Command leakcord-action-helper does the parts of the GitHub Action's
// shell script (scripts/action/run.sh) that need a JSON parser, so that the
// action works on any runner with Go, without jq or Python.
//
// Usage:
//
//	leakcord-action-helper event FILE
//	    print the fields of a workflow event payload that the action uses,
//	    one "key=value" a line (see eventFields); a missing FILE prints nothing
//	leakcord-action-helper count FILE
//	    count the findings of a leakcord jsonl report: "findings=N" and
//	    "live=N" (verification status live)
//	leakcord-action-helper sarif-category FILE CATEGORY
//	    set automationDetails.id of every run of a SARIF file to CATEGORY
//	    (with a trailing "/"), which github/codeql-action/upload-sarif
//	    would otherwise not do when the file already names one
//
// Exit status: 0 success, 2 an error (message on stderr).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "leakcord-action-helper: error: %v\n", err)
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: leakcord-action-helper event FILE | count FILE | sarif-category FILE CATEGORY")
	}
	switch cmd, rest := args[0], args[1:]; {
	case cmd == "event" && len(rest) == 1:
		return printEvent(rest[0], stdout)
	case cmd == "count" && len(rest) == 1:
		return count(rest[0], stdout)
	case cmd == "sarif-category" && len(rest) == 2:
		return sarifCategory(rest[0], rest[1])
	default:
		return fmt.Errorf("bad command or arguments: %q", args)
	}
}

// event is the part of a push or pull_request payload the action reads.
// See https://docs.github.com/webhooks/webhook-events-and-payloads.
type event struct {
	Before     string `json:"before"`
	After      string `json:"after"`
	Ref        string `json:"ref"`
	Created    bool   `json:"created"`
	Deleted    bool   `json:"deleted"`
	Forced     bool   `json:"forced"`
	Repository *struct {
		FullName      string `json:"full_name"`
		DefaultBranch string `json:"default_branch"`
	} `json:"repository"`
	PullRequest *struct {
		Number  int `json:"number"`
		Commits int `json:"commits"`
		Base    struct {
			SHA string `json:"sha"`
			Ref string `json:"ref"`
		} `json:"base"`
		Head struct {
			SHA  string `json:"sha"`
			Ref  string `json:"ref"`
			Repo *struct {
				FullName string `json:"full_name"`
				Fork     bool   `json:"fork"`
			} `json:"repo"`
		} `json:"head"`
	} `json:"pull_request"`
}

// eventFields returns the key=value pairs printed by "event", in order.
// Only fields present in the payload are returned.
func eventFields(e *event) [][2]string {
	var out [][2]string
	add := func(k, v string) {
		if v != "" {
			out = append(out, [2]string{k, v})
		}
	}
	add("before", e.Before)
	add("after", e.After)
	add("ref", e.Ref)
	if e.After != "" {
		add("created", strconv.FormatBool(e.Created))
		add("deleted", strconv.FormatBool(e.Deleted))
		add("forced", strconv.FormatBool(e.Forced))
	}
	if r := e.Repository; r != nil {
		add("repository", r.FullName)
		add("default_branch", r.DefaultBranch)
	}
	if pr := e.PullRequest; pr != nil {
		add("pr_number", strconv.Itoa(pr.Number))
		add("pr_commits", strconv.Itoa(pr.Commits))
		add("pr_base_sha", pr.Base.SHA)
		add("pr_base_ref", pr.Base.Ref)
		add("pr_head_sha", pr.Head.SHA)
		add("pr_head_ref", pr.Head.Ref)
		if r := pr.Head.Repo; r != nil {
			add("pr_head_repo", r.FullName)
			add("pr_head_fork", strconv.FormatBool(r.Fork))
		} else {
			// The head repository of a fork that was deleted.
			add("pr_head_repo", "(deleted)")
			add("pr_head_fork", "true")
		}
	}
	return out
}

func printEvent(name string, stdout io.Writer) error {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var e event
	if err := json.Unmarshal(data, &e); err != nil {
		return fmt.Errorf("event payload %s: %w", name, err)
	}
	var b strings.Builder
	for _, kv := range eventFields(&e) {
		// A value is read back by the shell one line at a time: a
		// value that could break that (or a shell word) is dropped.
		if strings.ContainsFunc(kv[1], func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			continue
		}
		b.WriteString(kv[0] + "=" + kv[1] + "\n")
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

// count prints how many findings a jsonl report holds, and how many of
// them Discord confirmed as live.
func count(name string, stdout io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	var findings, live int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var v struct {
			Verification struct {
				Status string `json:"status"`
			} `json:"verification"`
		}
		if err := json.Unmarshal(line, &v); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
		findings++
		if v.Verification.Status == "live" {
			live++
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	_, err = fmt.Fprintf(stdout, "findings=%d\nlive=%d\n", findings, live)
	return err
}

// sarifCategory sets the automation ID of every run in the SARIF file name,
// which is how code scanning tells the analyses of one tool apart.
func sarifCategory(name, category string) error {
	if category == "" {
		return errors.New("empty category")
	}
	if !strings.HasSuffix(category, "/") {
		category += "/"
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var log map[string]json.RawMessage
	if err := json.Unmarshal(data, &log); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var runs []map[string]json.RawMessage
	if err := json.Unmarshal(log["runs"], &runs); err != nil {
		return fmt.Errorf("%s: runs: %w", name, err)
	}
	id, err := json.Marshal(map[string]string{"id": category})
	if err != nil {
		return err
	}
	for _, r := range runs {
		r["automationDetails"] = id
	}
	if log["runs"], err = marshal(runs, ""); err != nil {
		return err
	}
	out, err := marshal(log, "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, out, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// marshal encodes v as JSON, indented by indent when it is not empty,
// leaving <, > and & alone as leakcord's own reports do.
func marshal(v any, indent string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
