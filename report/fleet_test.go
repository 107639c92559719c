package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakcord/leakcord/scanner"
)

// fleetFixture is a fleet run over four repositories: the history fixture
// split over two of them (the live token's owner leaks in both), a clean
// one and one that failed.
func fleetFixture() *Fleet {
	const (
		bot = "https://git.example.com/org/bot.git"
		ops = "../ops"
	)
	h := historyResult()
	var fs []scanner.Finding
	for _, f := range h.Findings {
		f.Repository = bot
		fs = append(fs, f)
	}
	copied := h.Findings[1] // the live token, copied into another repository
	copied.Repository = ops
	copied.File = "values/prod.yaml"
	copied.Fingerprint = scanner.Fingerprint(copied.RuleID, copied.File, copied.SecretSHA256)
	fs = append([]scanner.Finding{copied}, fs...)
	res := &scanner.Result{Mode: "history", Findings: fs, Stats: h.Stats}
	res.Stats.Duration = 4 * time.Second
	return &Fleet{Result: res, Repos: []FleetRepo{
		{Name: bot, Status: FleetScanned, Commits: 40},
		{Name: "git@git.example.com:org/docs.git", Status: FleetUnchanged},
		{Name: ops, Status: FleetScanned, Incremental: true, Commits: 2},
		{Name: "https://git.example.com/org/gone.git", Status: FleetFailed, Error: "clone: repository not found"},
	}}
}

// fleetGolden are the fleet renderings compared with testdata/golden.
var fleetGolden = []struct {
	name, format string
	fleet        func() *Fleet
	opts         FleetOptions
}{
	{"fleet.text", FormatText, fleetFixture, FleetOptions{}},
	{"fleet.markdown", FormatMarkdown, fleetFixture, FleetOptions{}},
	{"fleet-single.sarif", FormatSARIF, fleetFixture, FleetOptions{Options: Options{Version: "v1.2.3"}}},
	{"fleet-per-repo.sarif", FormatSARIF, fleetFixture, FleetOptions{Options: Options{Version: "v1.2.3"}, SARIFRuns: SARIFRunsPerRepo}},
	{"fleet-merged.text", FormatText, mergedFixture, FleetOptions{}},
	{"fleet-empty.text", FormatText, func() *Fleet { return &Fleet{Repos: []FleetRepo{{Name: "a", Status: FleetScanned}}} }, FleetOptions{}},
	{"fleet-interrupted.text", FormatText, interruptedFixture, FleetOptions{}},
	{"fleet-interrupted.markdown", FormatMarkdown, interruptedFixture, FleetOptions{}},
	{"fleet-interrupted-single.sarif", FormatSARIF, interruptedFixture, FleetOptions{Options: Options{Version: "v1.2.3"}}},
	{"fleet-interrupted-per-repo.sarif", FormatSARIF, interruptedFixture, FleetOptions{Options: Options{Version: "v1.2.3"}, SARIFRuns: SARIFRunsPerRepo}},
}

// interruptedFixture is the fleet of fleetFixture interrupted while ../ops
// was scanned (its finding was read before), before two repositories were
// started.
func interruptedFixture() *Fleet {
	fl := fleetFixture()
	fl.Result.Incomplete = true
	fl.Repos[2].Status = FleetInterrupted
	fl.Repos = append(fl.Repos,
		FleetRepo{Name: "https://git.example.com/org/web.git", Status: FleetNotScanned},
		FleetRepo{Name: "https://git.example.com/org/api.git", Status: FleetNotScanned})
	return fl
}

// mergedFixture is the fleet as a merge of reports sees it: findings, and
// the repositories they name.
func mergedFixture() *Fleet {
	fl := fleetFixture()
	fl.Result.Stats = scanner.Stats{}
	fl.Repos = []FleetRepo{{Name: fl.Result.Findings[0].Repository}, {Name: fl.Result.Findings[1].Repository}}
	return fl
}

func TestFleetGolden(t *testing.T) {
	for _, c := range fleetGolden {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteFleet(&buf, c.format, c.fleet(), c.opts); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", c.name)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs from the golden file; run go test ./report -update and review the diff\n%s", path, buf.String())
			}
			if c.format == FormatSARIF {
				validateSARIF(t, c.name, buf.Bytes())
			}
		})
	}
}

// The summary ranks repositories by live findings, then unverified ones,
// and counts one owner across repositories as one incident.
func TestFleetTextSummary(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteFleet(&buf, FormatText, fleetFixture(), FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"4 repositories: 2 with findings, 1 clean, 1 failed; 1 unchanged since the state file (findings carried over), 1 scanned incrementally",
		"failed: https://git.example.com/org/gone.git: clone: repository not found",
		"account " + currentUserID + ": 1 token in 2 repositories (2 places, 2 verified live)",
		"== ../ops\n",
		"== https://git.example.com/org/bot.git\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	// Both repositories have one live finding; bot.git has more unverified.
	if i, j := strings.Index(out, "  https://git.example.com/org/bot.git\n"), strings.Index(out, "  ../ops\n"); i < 0 || j < 0 || i > j {
		t.Errorf("repositories not ranked by live, then unverified findings:\n%s", out)
	}
	if strings.Contains(out, "TEST-SECRET") {
		t.Errorf("a secret appears unredacted:\n%s", out)
	}
}

// TestFleetInterrupted: an interrupted fleet's reports say which
// repositories were scanned in part or not at all, and its SARIF runs are
// invocations that did not succeed, in both layouts.
func TestFleetInterrupted(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteFleet(&buf, FormatText, interruptedFixture(), FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"6 repositories: 2 with findings, 1 clean, 1 failed, 2 not scanned; 1 interrupted (scanned in part), 1 unchanged",
		"  ../ops (interrupted)\n",
		"  interrupted: ../ops (scanned in part)\n",
		"  not scanned: https://git.example.com/org/web.git\n",
		"interrupted: incomplete",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := WriteFleet(&buf, FormatMarkdown, interruptedFixture(), FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"**Interrupted:** this report is incomplete: 1 repository was scanned in part and 2 repositories were not scanned.",
		"- `https://git.example.com/org/api.git`: not scanned",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("markdown report lacks %q:\n%s", want, buf.String())
		}
	}

	// Many repositories not scanned: the text lists the first ten.
	many := interruptedFixture()
	for i := range 25 {
		many.Repos = append(many.Repos, FleetRepo{Name: fmt.Sprintf("repo-%02d", i), Status: FleetNotScanned})
	}
	buf.Reset()
	if err := WriteFleet(&buf, FormatText, many, FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "not scanned: "); n != fleetMaxPlaces || !strings.Contains(buf.String(), "…and 17 more not scanned") {
		t.Errorf("%d repositories listed as not scanned, want %d and a count of the rest:\n%s", n, fleetMaxPlaces, buf.String())
	}

	for _, runs := range []string{SARIFRunsSingle, SARIFRunsPerRepo} {
		for _, fl := range []*Fleet{interruptedFixture(), {Result: &scanner.Result{Mode: "history", Incomplete: true},
			Repos: []FleetRepo{{Name: "a", Status: FleetInterrupted}}}} {
			buf.Reset()
			if err := WriteFleet(&buf, FormatSARIF, fl, FleetOptions{SARIFRuns: runs}); err != nil {
				t.Fatal(err)
			}
			validateSARIF(t, runs, buf.Bytes())
			var log struct {
				Runs []struct {
					Invocations []struct {
						ExecutionSuccessful        *bool
						ToolExecutionNotifications []struct{ Message struct{ Text string } }
					}
					Properties map[string]any
				}
			}
			if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
				t.Fatal(err)
			}
			for i, run := range log.Runs {
				inv := run.Invocations
				if len(inv) != 1 || inv[0].ExecutionSuccessful == nil || *inv[0].ExecutionSuccessful ||
					len(inv[0].ToolExecutionNotifications) != 1 || !strings.Contains(inv[0].ToolExecutionNotifications[0].Message.Text, "interrupted") {
					t.Errorf("%s, %d repositories: run %d: invocations %+v, want one not successful, saying it was interrupted", runs, len(fl.Repos), i, inv)
				}
			}
		}
	}
	// A fleet that was not interrupted has no invocation to report.
	buf.Reset()
	if err := WriteFleet(&buf, FormatSARIF, fleetFixture(), FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "executionSuccessful") {
		t.Errorf("a complete fleet has an invocation:\n%s", buf.String())
	}
}

// A SARIF log of a fleet keeps GitHub's limits: distinct categories per
// run, at most 20 runs, and a single run with a location per repository.
func TestFleetSARIFLayout(t *testing.T) {
	decode := func(fl *Fleet, runs string) map[string]any {
		var buf bytes.Buffer
		err := WriteFleet(&buf, FormatSARIF, fl, FleetOptions{SARIFRuns: runs})
		if err != nil {
			t.Fatal(err)
		}
		validateSARIF(t, runs, buf.Bytes())
		var log map[string]any
		if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		return log
	}
	runsOf := func(log map[string]any) []any { return log["runs"].([]any) }
	idOf := func(run any) string {
		return run.(map[string]any)["automationDetails"].(map[string]any)["id"].(string)
	}

	single := runsOf(decode(fleetFixture(), SARIFRunsSingle))
	if len(single) != 1 || idOf(single[0]) != "leakcord/fleet/history/" {
		t.Fatalf("single: %d runs, id %q", len(single), idOf(single[0]))
	}
	var uris []string
	for _, r := range single[0].(map[string]any)["results"].([]any) {
		loc := r.(map[string]any)["locations"].([]any)[0].(map[string]any)
		uris = append(uris, loc["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"].(string))
	}
	if want := "_/ops/values/prod.yaml git.example.com/org/bot/config/bot.env"; strings.Join(uris[:2], " ") != want {
		t.Errorf("single-run locations %q, want %q first", uris, want)
	}

	per := runsOf(decode(fleetFixture(), SARIFRunsPerRepo))
	ids := map[string]bool{}
	for _, r := range per {
		ids[idOf(r)] = true
	}
	if len(per) != 2 || !ids["leakcord/fleet/history/_/ops/"] || !ids["leakcord/fleet/history/git.example.com/org/bot/"] {
		t.Errorf("per-repo runs: %v", ids)
	}

	// No findings: one empty run, so that an upload closes fixed alerts.
	empty := runsOf(decode(&Fleet{Result: &scanner.Result{Mode: "history"}}, SARIFRunsPerRepo))
	if len(empty) != 1 || idOf(empty[0]) != "leakcord/fleet/history/" {
		t.Errorf("empty fleet: %d runs", len(empty))
	}

	// 21 repositories with findings are more runs than GitHub accepts.
	many := fleetFixture()
	base := many.Result.Findings[0]
	many.Result.Findings = nil
	for i := range SARIFMaxRuns + 1 {
		f := base
		f.Repository = fmt.Sprintf("repo-%02d", i)
		many.Result.Findings = append(many.Result.Findings, f)
	}
	err := WriteFleet(&bytes.Buffer{}, FormatSARIF, many, FleetOptions{SARIFRuns: SARIFRunsPerRepo})
	if !errors.Is(err, ErrTooManyRuns) {
		t.Errorf("21 per-repo runs: err = %v, want ErrTooManyRuns", err)
	}
	if err := WriteFleet(&bytes.Buffer{}, FormatSARIF, many, FleetOptions{}); err != nil {
		t.Errorf("21 repositories in one run: %v", err)
	}
}

func TestRepoPath(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://github.com/org/bot.git", "github.com/org/bot"},
		{"git@github.com:org/bot.git", "github.com/org/bot"},
		{"ssh://git@git.example.com:2222/org/bot", "git.example.com:2222/org/bot"},
		{"git://127.0.0.1:9418/r001.git", "127.0.0.1:9418/r001"},
		{"/srv/git/bot.git", "srv/git/bot"},
		{"../ops", "_/ops"},
		{"./a/../b", "a/_/b"},
		{".", "_"},
		{`C:\repos\bot`, "C:/repos/bot"},
	} {
		if got := RepoPath(c.in); got != c.want {
			t.Errorf("RepoPath(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestWriteFleetSARIFSamples writes fleet SARIF logs to LEAKCORD_SARIF_OUT
// for .ci/run to check with the SARIF Multitool.
func TestWriteFleetSARIFSamples(t *testing.T) {
	out := os.Getenv("LEAKCORD_SARIF_OUT")
	if out == "" {
		t.Skip("LEAKCORD_SARIF_OUT is not set")
	}
	for _, c := range fleetGolden {
		if c.format != FormatSARIF {
			continue
		}
		var buf bytes.Buffer
		if err := WriteFleet(&buf, c.format, c.fleet(), c.opts); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "report-"+c.name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
