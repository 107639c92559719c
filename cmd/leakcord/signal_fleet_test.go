package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/fakediscord"
	"github.com/leakcord/leakcord/internal/testtoken"
	"github.com/leakcord/leakcord/rules"
	"github.com/leakcord/leakcord/rules/verify"
	"github.com/leakcord/leakcord/scanner"
	"github.com/leakcord/leakcord/scanner/fleet"
)

// startPaused starts cmd and waits until its stderr says that a history
// scan reached the pause of LEAKCORD_TEST_HISTORY_PAUSE. It returns the
// stderr read so far (complete once rest is closed, when leakcord has
// exited and stderr is read to its end).
func startPaused(t *testing.T, cmd *exec.Cmd) (stderr *strings.Builder, rest <-chan struct{}) {
	t.Helper()
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stderr = &strings.Builder{}
	paused := make(chan bool, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(pipe)
		seen := false
		for sc.Scan() {
			stderr.WriteString(sc.Text() + "\n")
			if !seen && strings.Contains(sc.Text(), "paused at commit") {
				seen = true
				paused <- true
			}
		}
		if !seen {
			paused <- false
		}
	}()
	select {
	case ok := <-paused:
		if !ok {
			cmd.Wait()
			<-done
			t.Fatalf("leakcord ended without pausing; stderr:\n%s", stderr.String())
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("leakcord did not reach the pause; stderr:\n%s", stderr.String())
	}
	return stderr, done
}

// TestSignalFleetPartialReport interrupts a fleet run of `history` (one
// repository at a time) while it scans a big generated repository, held
// half-way by the test-only LEAKCORD_TEST_HISTORY_PAUSE hook, after five
// small repositories and before three others: leakcord stops at once,
// warns (also with -q), writes every report (json, sarif, text) with the
// findings of the five, the partial findings of the big one marked
// interrupted and the three marked not scanned, records only the five in
// the state file, leaves no temporary file or clone, shows no secret, and
// exits 2. With --verify, nothing is sent to Discord after the signal:
// the findings stay unknown.
func TestSignalFleetPartialReport(t *testing.T) {
	bin := leakcordBinary(t)
	dir := t.TempDir()
	small := buildFleet(t, dir, 8)
	big, _ := genRepo(t, "1500")
	fake := fakediscord.Start()
	defer fake.Close()

	for _, tc := range []struct {
		name   string
		sig    syscall.Signal
		remote bool // the big repository as a file:// URL: a clone to remove
		extra  []string
	}{
		{"SIGINT", syscall.SIGINT, false, nil},
		{"SIGTERM/quiet/remote", syscall.SIGTERM, true, []string{"-q"}},
		{"SIGINT/verify", syscall.SIGINT, false, []string{"--verify"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			tmp := t.TempDir()
			bigName := big
			if tc.remote {
				bigName = "file://" + filepath.ToSlash(big)
			}
			var list []string
			for _, r := range small[:5] {
				list = append(list, r.dir)
			}
			list = append(list, bigName)
			for _, r := range small[5:] {
				list = append(list, r.dir)
			}
			listFile := filepath.Join(work, "repos.txt")
			writeTestFile(t, listFile, strings.Join(list, "\n")+"\n")
			var (
				out     = filepath.Join(work, "fleet.json")
				sarifTo = filepath.Join(work, "fleet.sarif")
				textTo  = filepath.Join(work, "fleet.txt")
				state   = filepath.Join(work, "state.json")
			)
			args := append([]string{"history", "--repos", listFile, "--parallel-repos", "1", "--state", state,
				"-f", "json", "-o", out, "--report", "sarif=" + sarifTo, "--report", "text=" + textTo}, tc.extra...)
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), envTestHistoryPause+"=1000", "TMPDIR="+tmp, verify.EnvBaseURL+"="+fake.URL())
			stderr, rest := startPaused(t, cmd)
			// Give the workers a moment to read the blobs handed over so far.
			time.Sleep(300 * time.Millisecond)
			if _, err := os.Stat(out); err == nil {
				t.Fatal("report written before the signal")
			}
			data := interrupt(t, cmd, tc.sig, rest, stderr,
				"fleet scan interrupted (context canceled): the report covers 5 of 9 repositories in full, 1 in part; 3 not scanned", out)
			verifying := slices.Contains(tc.extra, "--verify")
			hint := "hint: the state file records only the repositories scanned in full"
			if verifying {
				hint = "hint: with --verify the state file records a repository only once its findings were checked"
			}
			if !strings.Contains(stderr.String(), hint) {
				t.Errorf("no hint about the state file:\n%s", stderr.String())
			}

			// JSON: every leak of the five, some of the big one, none of the three.
			var findings []map[string]any
			if err := json.Unmarshal(data, &findings); err != nil {
				t.Fatalf("report is not JSON: %v\n%.500s", err, data)
			}
			type key struct{ repo, path, sha string }
			got := make(map[key]bool)
			byRepo := make(map[string]int)
			for _, f := range findings {
				repo := f["repository"].(string)
				byRepo[repo]++
				got[key{repo, f["file"].(string), f["secret_sha256"].(string)}] = true
				if v := f["verification"].(map[string]any)["status"]; v == "live" || v == "invalid" {
					t.Errorf("a finding verified after the signal: %v", f["verification"])
				}
			}
			for _, r := range small[:5] {
				for _, l := range r.leaks {
					if !got[key{r.dir, l.path, l.sha}] {
						t.Errorf("%s %s: not in the partial report", r.dir, l.path)
					}
				}
			}
			if byRepo[fleet.Name(bigName)] == 0 {
				t.Errorf("no findings of the interrupted repository %s: %v", bigName, byRepo)
			}
			for _, r := range small[5:] {
				if byRepo[r.dir] > 0 {
					t.Errorf("findings of %s, which was never started", r.dir)
				}
			}
			if slices.Contains(tc.extra, "--verify") {
				if len(fake.Requests()) != 0 {
					t.Errorf("%d requests reached Discord after the signal", len(fake.Requests()))
				}
				if !strings.Contains(stderr.String(), "warning: verification interrupted") {
					t.Errorf("stderr does not say verification was interrupted:\n%s", stderr.String())
				}
			}

			// SARIF: one run, not successful, the big repository interrupted.
			sarifData, err := os.ReadFile(sarifTo)
			if err != nil {
				t.Fatal(err)
			}
			var log struct {
				Runs []struct {
					Results     []json.RawMessage
					Invocations []struct{ ExecutionSuccessful bool }
					Properties  struct {
						Repositories []struct {
							Repository, Status string
							Findings           int
						}
					}
				}
			}
			if err := json.Unmarshal(sarifData, &log); err != nil || len(log.Runs) != 1 {
				t.Fatalf("SARIF report does not parse (%v):\n%.500s", err, sarifData)
			}
			run := log.Runs[0]
			if len(run.Results) != len(findings) {
				t.Errorf("SARIF holds %d results, JSON %d findings", len(run.Results), len(findings))
			}
			if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful {
				t.Errorf("SARIF invocation does not say the run failed: %+v", run.Invocations)
			}
			status := make(map[string]string)
			for _, r := range run.Properties.Repositories {
				status[r.Repository] = r.Status
			}
			if status[fleet.Name(bigName)] != "interrupted" || status[small[0].dir] != "scanned" || status[small[7].dir] != "not_scanned" {
				t.Errorf("SARIF repository statuses %v", status)
			}

			text := readFile(t, textTo)
			for _, want := range []string{
				"9 repositories: ", "3 not scanned; 1 interrupted (scanned in part)",
				"interrupted: " + fleet.Name(bigName) + " (scanned in part)",
				"not scanned: " + small[5].dir, "interrupted: incomplete",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("text report lacks %q:\n%s", want, tail(text, 3000))
				}
			}

			// The state: the five, not the big one nor the three; none with
			// --verify (no finding was checked).
			var st struct{ Repositories map[string]json.RawMessage }
			if err := json.Unmarshal([]byte(readFile(t, state)), &st); err != nil {
				t.Fatalf("state: %v", err)
			}
			var recorded []string
			for name := range st.Repositories {
				recorded = append(recorded, name)
			}
			slices.Sort(recorded)
			var want []string
			for _, r := range small[:5] {
				if !verifying {
					want = append(want, r.dir)
				}
			}
			slices.Sort(want)
			if !slices.Equal(recorded, want) {
				t.Errorf("state records %q, want the five finished repositories %q", recorded, want)
			}

			all := slices.Concat(data, sarifData, []byte(text), []byte(readFile(t, state)), []byte(stderr.String()))
			if ms := rules.NewMatcher(time.Now()).Find(all); len(ms) > 0 {
				t.Errorf("a raw secret appears in the output (%d matches)", len(ms))
			}
			assertNoTempFiles(t, work)
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Errorf("%d entries left in TMPDIR (a clone?), first %s", len(left), left[0].Name())
			}
		})
	}
}

// TestSignalFleetResume resumes an interrupted fleet run with its state
// file: the repositories finished before the signal are skipped, the
// interrupted and never started ones are scanned, and the report is
// complete.
func TestSignalFleetResume(t *testing.T) {
	bin := leakcordBinary(t)
	dir := t.TempDir()
	small := buildFleet(t, dir, 4)
	big, _ := genRepo(t, "1200")
	work := t.TempDir()
	list := filepath.Join(work, "repos.txt")
	writeTestFile(t, list, fmt.Sprintf("%s\n%s\n%s\n%s\n%s\n", small[0].dir, small[1].dir, big, small[2].dir, small[3].dir))
	state := filepath.Join(work, "state.json")
	out := filepath.Join(work, "first.jsonl")

	cmd := exec.Command(bin, "history", "-q", "--repos", list, "--parallel-repos", "1", "--state", state, "-f", "jsonl", "-o", out)
	cmd.Env = append(os.Environ(), envTestHistoryPause+"=1000")
	stderr, rest := startPaused(t, cmd)
	interrupt(t, cmd, syscall.SIGINT, rest, stderr, "the report covers 2 of 5 repositories in full, 1 in part; 2 not scanned", out)

	code, output := runCLI(t, "history", "--repos", list, "--parallel-repos", "1", "--state", state, "--report", "jsonl="+filepath.Join(work, "second.jsonl"))
	if code != exitFindings {
		t.Fatalf("resumed run: exit %d, want %d\n%s", code, exitFindings, output)
	}
	if strings.Contains(output, "interrupted") || !strings.Contains(output, "2 unchanged since the state file") {
		t.Errorf("resumed run does not skip just the two finished repositories:\n%s", output)
	}
	repos := make(map[string]int)
	for _, f := range readJSONL(t, filepath.Join(work, "second.jsonl")) {
		repos[f["repository"].(string)]++
	}
	if repos[small[0].dir] == 0 || repos[big] == 0 {
		t.Errorf("resumed report lacks the findings of %s (carried over) or %s (scanned again): %v", small[0].dir, big, repos)
	}
	// Refs unchanged: the two finished repositories are carried over, the
	// other three scanned now and recorded.
	code, output = runCLI(t, "history", "--repos", list, "--state", state)
	if code != exitFindings || !strings.Contains(output, "5 unchanged since the state file") {
		t.Errorf("third run: exit %d\n%s", code, tail(output, 2000))
	}
}

// TestSignalFleetDuringVerify: a signal while the live checks of a fleet
// run wait for Discord (every repository scanned) writes the report with
// the unchecked findings unknown and exits 2, as a single scan does, and
// records no repository in the state file: the next run scans and checks
// them again instead of carrying "unknown" over.
func TestSignalFleetDuringVerify(t *testing.T) {
	bin := leakcordBinary(t)
	small := buildFleet(t, t.TempDir(), 2)           // r000 leaks the shared token
	shared := testtoken.BotToken(testtoken.New(999)) // as buildFleet makes it
	fake := fakediscord.Start()
	defer fake.Close()
	fake.Always(shared, fakediscord.Slow(30*time.Second))
	work := t.TempDir()
	list := filepath.Join(work, "repos.txt")
	writeTestFile(t, list, small[0].dir+"\n"+small[1].dir+"\n")
	state := filepath.Join(work, "state.json")
	out := filepath.Join(work, "fleet.json")
	cmd := exec.Command(bin, "history", "--repos", list, "--state", state, "--verify", "-f", "json", "-o", out)
	cmd.Env = append(os.Environ(), verify.EnvBaseURL+"="+fake.URL())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(60 * time.Second); fake.Count(shared) == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no live check reached the fake API; stderr:\n%s", stderr.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := waitWithin(t, cmd, 10*time.Second)
	if code := cmd.ProcessState.ExitCode(); code != exitError {
		t.Fatalf("exit %d (%v), want %d; stderr:\n%s", code, err, exitError, stderr.String())
	}
	for _, want := range []string{"verification interrupted", verifyStateHint} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	var st struct{ Repositories map[string]json.RawMessage }
	if err := json.Unmarshal([]byte(readFile(t, state)), &st); err != nil || len(st.Repositories) != 0 {
		t.Errorf("state records %d repositories (%v), want none: their findings were not checked", len(st.Repositories), err)
	}
	var fs []struct {
		SecretSHA256 string `json:"secret_sha256"`
		Verification struct{ Status string }
	}
	if err := json.Unmarshal([]byte(readFile(t, out)), &fs); err != nil || len(fs) == 0 {
		t.Fatalf("report: %v, %d findings", err, len(fs))
	}
	for _, f := range fs {
		if f.SecretSHA256 == scanner.SecretHash(shared) && f.Verification.Status != string(verify.Unknown) {
			t.Errorf("the token whose check was cut short is %q, want unknown", f.Verification.Status)
		}
	}
	if bytes.Contains(stderr.Bytes(), []byte(shared)) {
		t.Error("stderr shows the raw secret")
	}
}
