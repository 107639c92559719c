package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gen returns the stream and manifest for p.
func gen(t *testing.T, p params) ([]byte, *Manifest) {
	t.Helper()
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	m := generate(w, p)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), m
}

// A seed fixes the stream and the manifest; another seed changes them.
func TestGenerateIsDeterministic(t *testing.T) {
	p := params{Commits: 120, Files: 40, Seed: 7, PlantRate: 0.2}
	s1, m1 := gen(t, p)
	s2, m2 := gen(t, p)
	j1, _ := json.Marshal(m1)
	j2, _ := json.Marshal(m2)
	if !bytes.Equal(s1, s2) || !bytes.Equal(j1, j2) {
		t.Error("the same parameters made two different repositories")
	}
	p.Seed++
	if s3, _ := gen(t, p); bytes.Equal(s1, s3) {
		t.Error("another seed made the same repository")
	}
	if m1.Stats.Commits != p.Commits || m1.Stats.Merges == 0 || m1.Stats.Tags == 0 || len(m1.Secrets) == 0 ||
		m1.Pairs <= len(m1.Secrets)/2 {
		t.Errorf("stats %+v, %d secrets at %d pairs: want the commits asked for, merges, tags and secrets", m1.Stats, len(m1.Secrets), m1.Pairs)
	}
	if n := bytes.Count(s1, []byte("\ncommit refs/heads/")); n != p.Commits { // the stream starts with blobs
		t.Errorf("%d commit commands, want %d", n, p.Commits)
	}
}

// The check passes a report with exactly the planted (secret, path) pairs
// and fails one that misses a pair or adds one.
func TestCheckReport(t *testing.T) {
	_, m := gen(t, params{Commits: 80, Files: 30, Seed: 3, PlantRate: 0.2})
	dir := t.TempDir()
	manifest := filepath.Join(dir, "m.json")
	data, _ := json.Marshal(m)
	if err := os.WriteFile(manifest, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, s := range m.Secrets {
		for _, p := range s.Paths {
			lines = append(lines, fmt.Sprintf(`{"file":%q,"secret_sha256":%q}`, p, s.SHA256))
		}
	}
	for _, tc := range []struct {
		name  string
		lines []string
		ok    bool
	}{
		{"exact", lines, true},
		{"missing", lines[1:], false},
		{"extra", append(lines[:len(lines):len(lines)], `{"file":"x.py","secret_sha256":"00"}`), false},
	} {
		report := filepath.Join(dir, tc.name+".jsonl")
		if err := os.WriteFile(report, []byte(strings.Join(tc.lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		ok, err := checkReport(manifest, report, &out)
		if err != nil || ok != tc.ok {
			t.Errorf("%s: ok=%v, err=%v; want ok=%v\n%s", tc.name, ok, err, tc.ok, out.String())
		}
	}
}
