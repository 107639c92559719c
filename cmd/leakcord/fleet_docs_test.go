package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The recipes of docs/fleet.md: the Kubernetes manifests are parsed and
// checked field by field, and their shell scripts run against a small
// generated fleet with this leakcord; the GitHub Actions workflow is
// checked here for its shape (and by actionlint in .ci/run). docs/fleet.md
// must quote every example file verbatim.

const examplesDir = "../../docs/examples"

// yamlDocs parses every document of a YAML file.
func yamlDocs(t *testing.T, name string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []map[string]any
	for {
		var d map[string]any
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, d)
	}
}

// at walks a parsed YAML tree: keys for maps, indexes for lists. It fails
// the test when a step is missing.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok || m[k] == nil {
				t.Fatalf("missing field %v", path[:i+1])
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("missing item %v", path[:i+1])
			}
			v = l[k]
		}
	}
	return v
}

// byKind returns the documents of a kind, by name.
func byKind(t *testing.T, docs []map[string]any, kind string) map[string]map[string]any {
	out := make(map[string]map[string]any)
	for _, d := range docs {
		if d["kind"] == kind {
			out[at(t, d, "metadata", "name").(string)] = d
		}
	}
	return out
}

// checkPod checks a Job's pod template: restart policy, every mount names
// a volume, every volume's ConfigMap or claim is one the manifests define,
// and the container runs sh -c with a script. It returns the container and
// its script.
func checkPod(t *testing.T, job map[string]any, configMaps, claims map[string]map[string]any) (map[string]any, string) {
	t.Helper()
	spec := at(t, job, "spec", "template", "spec").(map[string]any)
	if rp := at(t, spec, "restartPolicy"); rp != "Never" && rp != "OnFailure" {
		t.Errorf("restartPolicy %v: a Job needs Never or OnFailure", rp)
	}
	volumes := map[string]bool{}
	for _, v := range at(t, spec, "volumes").([]any) {
		vm := v.(map[string]any)
		volumes[vm["name"].(string)] = true
		if cm, ok := vm["configMap"].(map[string]any); ok && configMaps[cm["name"].(string)] == nil {
			t.Errorf("volume %v: no ConfigMap %v in the manifest", vm["name"], cm["name"])
		}
		if pvc, ok := vm["persistentVolumeClaim"].(map[string]any); ok && claims[pvc["claimName"].(string)] == nil {
			t.Errorf("volume %v: no PersistentVolumeClaim %v in the manifests", vm["name"], pvc["claimName"])
		}
	}
	var containers []any
	if ic, ok := spec["initContainers"].([]any); ok {
		containers = append(containers, ic...)
	}
	containers = append(containers, at(t, spec, "containers").([]any)...)
	for _, c := range containers {
		cm := c.(map[string]any)
		if cm["name"] == nil || cm["image"] == nil {
			t.Errorf("a container without name or image: %v", cm)
		}
		for _, m := range cm["volumeMounts"].([]any) {
			mm := m.(map[string]any)
			if !volumes[mm["name"].(string)] {
				t.Errorf("container %v mounts %v, which is no volume", cm["name"], mm["name"])
			}
			if !strings.HasPrefix(mm["mountPath"].(string), "/") {
				t.Errorf("mountPath %v is not absolute", mm["mountPath"])
			}
		}
	}
	main := at(t, spec, "containers", 0).(map[string]any)
	if cmd := fmt.Sprint(main["command"]); cmd != "[sh -c]" {
		t.Errorf("container %v: command %s, want [sh -c]", main["name"], cmd)
	}
	return main, at(t, main, "args", 0).(string)
}

// envOf returns a container's plain env values.
func envOf(c map[string]any) map[string]string {
	out := map[string]string{}
	for _, e := range c["env"].([]any) {
		em := e.(map[string]any)
		if v, ok := em["value"].(string); ok {
			out[em["name"].(string)] = v
		}
	}
	return out
}

func TestFleetKubernetesManifests(t *testing.T) {
	scanDocs := yamlDocs(t, "fleet-k8s.yaml")
	mergeDocs := yamlDocs(t, "fleet-k8s-merge.yaml")
	all := append(slices.Clone(scanDocs), mergeDocs...)
	for _, d := range all {
		for _, f := range []string{"apiVersion", "kind", "metadata"} {
			if d[f] == nil {
				t.Errorf("a document without %s: %v", f, d)
			}
		}
	}
	configMaps, claims := byKind(t, all, "ConfigMap"), byKind(t, all, "PersistentVolumeClaim")
	if cm := configMaps["leakcord-fleet-repos"]; cm == nil || at(t, cm, "data", "repos.txt") == "" {
		t.Fatal("no ConfigMap leakcord-fleet-repos with repos.txt")
	}
	pvc := claims["leakcord-fleet-reports"]
	if pvc == nil || !slices.Contains(at(t, pvc, "spec", "accessModes").([]any), any("ReadWriteMany")) {
		t.Fatal("no ReadWriteMany PersistentVolumeClaim leakcord-fleet-reports: the shards write at the same time")
	}

	scan := byKind(t, scanDocs, "Job")["leakcord-fleet"]
	if scan == nil {
		t.Fatal("no Job leakcord-fleet in fleet-k8s.yaml")
	}
	if at(t, scan, "apiVersion") != "batch/v1" || at(t, scan, "spec", "completionMode") != "Indexed" {
		t.Errorf("the scan Job must be batch/v1 with completionMode: Indexed")
	}
	completions := at(t, scan, "spec", "completions").(int)
	if p := at(t, scan, "spec", "parallelism").(int); p < 1 || p > completions {
		t.Errorf("parallelism %d, completions %d", p, completions)
	}
	scanC, scanScript := checkPod(t, scan, configMaps, claims)
	scanEnv := envOf(scanC)
	if scanEnv["SHARDS"] != strconv.Itoa(completions) {
		t.Errorf("SHARDS=%q, but completions is %d: shards would be missed", scanEnv["SHARDS"], completions)
	}
	for _, want := range []string{"JOB_COMPLETION_INDEX + 1", "--shard", "--state", "--repos", "-f jsonl"} {
		if !strings.Contains(scanScript, want) {
			t.Errorf("the scan script lacks %q", want)
		}
	}

	merge := byKind(t, mergeDocs, "Job")["leakcord-fleet-merge"]
	if merge == nil {
		t.Fatal("no Job leakcord-fleet-merge in fleet-k8s-merge.yaml")
	}
	mergeC, mergeScript := checkPod(t, merge, configMaps, claims)
	if !strings.Contains(mergeScript, "merge -f sarif") {
		t.Error("the merge script writes no SARIF report")
	}

	// Run the scripts as the pods would, on a small fleet, with this
	// leakcord, local paths for the volumes, and no network.
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	leakcord, err := exec.LookPath("leakcord") // the test binary, set up by testscript.Main
	if err != nil {
		t.Skip("no leakcord command in PATH")
	}
	dir := t.TempDir()
	repos := buildFleet(t, dir, 24)
	var list strings.Builder
	for _, r := range repos {
		list.WriteString(r.dir + "\n")
	}
	reports := filepath.Join(dir, "reports")
	if err := os.Mkdir(reports, 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "repos.txt"), list.String())
	runScript := func(script string, env map[string]string) {
		t.Helper()
		cmd := exec.Command(sh, "-c", script)
		cmd.Env = fleetGitEnv()
		for k, v := range env {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		cmd.Env = append(cmd.Env, "LEAKCORD="+leakcord, "REPOS_FILE="+filepath.Join(dir, "repos.txt"),
			"REPORTS="+reports, "TMPDIR="+t.TempDir(), "NO_COLOR=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("script: %v\n%s", err, out)
		}
	}
	for i := range completions {
		env := scanEnv
		env["JOB_COMPLETION_INDEX"] = strconv.Itoa(i)
		runScript(scanScript, env)
		if code := strings.TrimSpace(readFile(t, filepath.Join(reports, fmt.Sprintf("shard-%d.exit", i)))); code != "1" && code != "0" {
			t.Errorf("shard %d: exit %s", i, code)
		}
	}
	runScript(mergeScript, envOf(mergeC))

	// The merged SARIF holds every leak of the fleet.
	var merged bytes.Buffer
	code := run(t.Context(), []string{"merge", "-f", "jsonl", filepath.Join(reports, "fleet.sarif")}, strings.NewReader(""), &merged, io.Discard)
	if code != exitFindings {
		t.Fatalf("merge of fleet.sarif: exit %d", code)
	}
	var findings []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(merged.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		findings = append(findings, m)
	}
	checkLeaksSome(t, findings, repos)
	if md := readFile(t, filepath.Join(reports, "fleet.md")); !strings.Contains(md, "## leakcord fleet history") {
		t.Errorf("fleet.md:\n%s", md)
	}
}

// checkLeaksSome is checkLeaks for a small fleet (fewer than 50 leaks).
func checkLeaksSome(t *testing.T, findings []map[string]any, repos []fleetRepo) {
	t.Helper()
	want := 0
	for _, r := range repos {
		want += len(r.leaks)
	}
	got := 0
	for _, f := range findings {
		for _, r := range repos {
			if f["repository"] == r.dir {
				for _, l := range r.leaks {
					if f["file"] == l.path && f["secret_sha256"] == l.sha {
						got++
					}
				}
			}
		}
	}
	if got != want || len(findings) != want {
		t.Errorf("%d findings, %d of the %d planted leaks", len(findings), got, want)
	}
}

func TestFleetWorkflow(t *testing.T) {
	docs := yamlDocs(t, "fleet-workflow.yml")
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	wf := docs[0]
	scan := at(t, wf, "jobs", "scan").(map[string]any)
	shards := at(t, scan, "strategy", "matrix", "shard").([]any)
	for i, s := range shards {
		if s != i+1 {
			t.Errorf("matrix shard %d is %v: shards count 1..N", i, s)
		}
	}
	steps, _ := json.Marshal(at(t, scan, "steps"))
	for _, want := range []string{"${{ matrix.shard }}/${{ strategy.job-total }}", "--shard", "--state", "upload-artifact", "actions/cache/save"} {
		if !bytes.Contains(steps, []byte(want)) {
			t.Errorf("the scan job lacks %q", want)
		}
	}
	merge := at(t, wf, "jobs", "merge").(map[string]any)
	if at(t, merge, "needs") != "scan" || !strings.Contains(at(t, merge, "if").(string), "always()") {
		t.Error("the merge job must need scan and run always()")
	}
	if at(t, merge, "permissions", "security-events") != "write" {
		t.Error("the merge job cannot upload SARIF without security-events: write")
	}
	steps, _ = json.Marshal(at(t, merge, "steps"))
	for _, want := range []string{"download-artifact", "leakcord merge -f sarif", "GITHUB_STEP_SUMMARY", "codeql-action/upload-sarif"} {
		if !bytes.Contains(steps, []byte(want)) {
			t.Errorf("the merge job lacks %q", want)
		}
	}
}

// docs/fleet.md quotes each example file whole, so that what a team copies
// is what the tests check.
func TestFleetDocQuotesExamples(t *testing.T) {
	doc := readFile(t, "../../docs/fleet.md")
	for _, name := range []string{"fleet-workflow.yml", "fleet-k8s.yaml", "fleet-k8s-merge.yaml"} {
		body := readFile(t, filepath.Join(examplesDir, name))
		if !strings.Contains(doc, "```yaml\n"+body+"```\n") {
			t.Errorf("docs/fleet.md does not quote docs/examples/%s verbatim in a ```yaml block", name)
		}
	}
}
