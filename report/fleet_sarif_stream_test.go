package report

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/leakcord/leakcord/scanner"
)

// encodeSARIF writes, result by result, the bytes that encoding the whole
// log at once writes: runs without results, several runs, and properties
// with a "results" key of their own.
func TestEncodeSARIFMatchesWholeEncoding(t *testing.T) {
	fl := fleetFixture()
	hide := newRedactor(fl.Result, Options{})
	build := func() (*sarif.Report, []*streamedRun) {
		log, err := sarif.New(sarif.Version210)
		if err != nil {
			t.Fatal(err)
		}
		runs := []*streamedRun{fleetRun(&scanner.Result{Mode: "history"}, "leakcord/fleet/history/none/", false, hide, hide, Options{})}
		for i, g := range groupByRepo(fl.Result.Findings) {
			run := fleetRun(&scanner.Result{Mode: "history", Findings: g}, fmt.Sprintf("leakcord/fleet/history/%d/", i), i == 0, hide, hide, Options{})
			run.run.Properties = sarif.Properties{"results": nil, "nested": map[string]any{"results": nil}}
			runs = append(runs, run)
		}
		runs = append(runs, fleetRun(&scanner.Result{Mode: "history"}, "leakcord/fleet/history/last/", false, hide, hide, Options{}))
		for _, r := range runs {
			log.AddRun(r.run)
		}
		return log, runs
	}

	log, runs := build()
	var streamed bytes.Buffer
	if err := encodeSARIF(&streamed, log, runs); err != nil {
		t.Fatal(err)
	}
	log, runs = build()
	for _, r := range runs {
		r.run.Results = []*sarif.Result{}
		for i := range r.findings {
			r.run.Results = append(r.run.Results, r.result(&r.findings[i]))
		}
	}
	var whole bytes.Buffer
	enc := newEncoder(&whole)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		t.Fatal(err)
	}
	if streamed.String() != whole.String() {
		t.Errorf("streamed encoding differs:\n%s\nwant:\n%s", streamed.String(), whole.String())
	}
	if n := strings.Count(streamed.String(), `"ruleId"`); n != len(fl.Result.Findings) {
		t.Errorf("%d results, want %d", n, len(fl.Result.Findings))
	}
}

// A failing writer stops the encoding with its error.
func TestEncodeSARIFWriteError(t *testing.T) {
	fl := fleetFixture()
	err := WriteFleet(failingWriter{}, FormatSARIF, fl, FleetOptions{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v, want the writer's", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

// Runs over GitHub's result limits are told to Warn: more than 25,000 is
// rejected (per-repo suggested when the results span a few repositories),
// more than 5,000 cut.
func TestWarnRunSizes(t *testing.T) {
	run := func(n, repos int) *streamedRun {
		fs := make([]scanner.Finding, n)
		for i := range fs {
			fs[i].Repository = fmt.Sprintf("repo-%02d", i*repos/n)
		}
		r := sarif.NewRun(sarif.Tool{})
		r.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID("leakcord/fleet/history/"))
		return &streamedRun{run: r, findings: fs}
	}
	for _, c := range []struct {
		name string
		runs []*streamedRun
		want []string
	}{
		{"small", []*streamedRun{run(SARIFShownResults, 3)}, nil},
		{"cut", []*streamedRun{run(SARIFShownResults+1, 3)}, []string{"holds 5001 results: GitHub code scanning keeps only the 5000 most severe"}},
		{"rejected, few repositories", []*streamedRun{run(SARIFMaxResults+1, 3)},
			[]string{"holds 25001 results: GitHub code scanning rejects a run of more than 25000\nhint: --sarif-runs per-repo"}},
		{"rejected, many repositories", []*streamedRun{run(SARIFMaxResults+1, SARIFMaxRuns+1)},
			[]string{"rejects a run of more than 25000\nhint: upload fewer repositories per file"}},
		{"rejected, one repository", []*streamedRun{run(SARIFMaxResults+1, 1)},
			[]string{"rejects a run of more than 25000\nhint: upload fewer repositories per file"}},
		{"per run", []*streamedRun{run(10, 1), run(SARIFShownResults+1, 1), run(SARIFMaxResults+1, 1)},
			[]string{"keeps only", "rejects"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			warnRunSizes(func(msg string) { got = append(got, msg) }, c.runs)
			if len(got) != len(c.want) {
				t.Fatalf("warnings %q, want %d", got, len(c.want))
			}
			for i := range got {
				if !strings.Contains(got[i], c.want[i]) {
					t.Errorf("warning %q lacks %q", got[i], c.want[i])
				}
			}
		})
	}
}

// The meter tells a file over the limit once compressed, and stops
// compressing once it knows.
func TestGzipMeter(t *testing.T) {
	noise := make([]byte, 4096)
	rand.Read(noise)
	for _, c := range []struct {
		name  string
		data  []byte
		limit int64
		over  bool
	}{
		{"empty", nil, 100, false},
		{"compressible", bytes.Repeat([]byte(`{"ruleId": "discord-bot-token"},`), 10000), 4096, false},
		{"noise", noise, 1024, true},
		{"noise under the limit", noise, 8192, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newGzipMeter(c.limit)
			for chunk := range slices.Chunk(c.data, 1000) {
				if n, err := m.Write(chunk); n != len(chunk) || err != nil {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			size, over := m.over()
			if size != int64(len(c.data)) || over != c.over {
				t.Errorf("over() = %d, %v; want %d, %v", size, over, len(c.data), c.over)
			}
		})
	}
	// Past the limit, nothing more is compressed.
	big := make([]byte, 1<<20)
	rand.Read(big)
	m := newGzipMeter(512)
	m.Write(big) // the compressed output passes 512 bytes on the way
	before := m.out.n
	m.Write(big)
	if !m.done || m.out.n != before {
		t.Errorf("still compressing after the limit: done=%v, %d then %d bytes", m.done, before, m.out.n)
	}
}

// A fleet's SARIF over GitHub's soft limit is written in full, and Warn
// says so; under it, Warn hears nothing.
func TestWriteFleetSARIFWarns(t *testing.T) {
	var got []string
	fl := fleetFixture()
	fl.Warn = func(msg string) { got = append(got, msg) }
	if err := WriteFleet(&bytes.Buffer{}, FormatSARIF, fl, FleetOptions{}); err != nil || len(got) != 0 {
		t.Fatalf("small fleet: %v, warnings %q", err, got)
	}
	base := fl.Result.Findings[0]
	fl.Result.Findings = nil
	for i := range SARIFShownResults + 1 {
		f := base
		f.File = fmt.Sprintf("f%05d.py", i)
		fl.Result.Findings = append(fl.Result.Findings, f)
	}
	var buf bytes.Buffer
	if err := WriteFleet(&buf, FormatSARIF, fl, FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.Contains(got[0], "keeps only the 5000 most severe") {
		t.Errorf("warnings %q", got)
	}
	if n := strings.Count(buf.String(), `"ruleId"`); n != SARIFShownResults+1 {
		t.Errorf("%d results written", n)
	}
}

// BenchmarkWriteFleetSARIF measures the streamed SARIF of fleets of
// growing size (see TestEncodeSARIFMatchesWholeEncoding for its bytes).
func BenchmarkWriteFleetSARIF(b *testing.B) {
	base := fleetFixture().Result.Findings
	for _, n := range []int{1000, 10000} {
		fl := &Fleet{Result: &scanner.Result{Mode: "history"}}
		for i := range n {
			f := base[i%len(base)]
			f.Repository = fmt.Sprintf("https://git.example.com/org/r%03d.git", i%100)
			f.File = fmt.Sprintf("src/f%06d.py", i)
			fl.Result.Findings = append(fl.Result.Findings, f)
		}
		b.Run(fmt.Sprintf("findings=%d", n), func(b *testing.B) {
			var size int64
			for b.Loop() {
				var cw countWriter
				if err := WriteFleet(&cw, FormatSARIF, fl, FleetOptions{}); err != nil {
					b.Fatal(err)
				}
				size = cw.n
			}
			b.SetBytes(size)
		})
	}
}
