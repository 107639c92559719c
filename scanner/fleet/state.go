package fleet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync"
	"time"
)

// StateVersion is the version of the state file format [State.Encode] writes.
const StateVersion = 1

// State is what the runs with a state file remember: each repository they
// finished. It is safe for concurrent use.
type State struct {
	mu    sync.Mutex
	repos map[string]RepoState // by Name
}

// RepoState is what a run recorded about one repository it finished.
type RepoState struct {
	// Key identifies the scan options: a run with other options neither
	// skips the repository nor scans it incrementally.
	Key string `json:"key"`
	// Refs are the repository's refs, as [ListRefs] returned them before
	// the scan: ref name to object ID.
	Refs map[string]string `json:"refs"`
	// ScannedAt is when the scan finished.
	ScannedAt time.Time `json:"scanned_at"`
	// Commits is how many commits the run scanned (for incremental runs,
	// the new ones only).
	Commits int `json:"commits"`
	// Findings are the repository's findings as the caller encoded them
	// (a JSON array): those of the scan, plus for an incremental scan
	// those recorded before.
	Findings json.RawMessage `json:"findings"`
}

// stateFile is the JSON document of a state file.
type stateFile struct {
	Version      int                  `json:"version"`
	Tool         string               `json:"tool"`
	Repositories map[string]RepoState `json:"repositories"`
}

// NewState returns an empty state.
func NewState() *State {
	return &State{repos: make(map[string]RepoState)}
}

// LoadState reads the state file name; a file that does not exist is an
// empty state, so that the first run of a schedule needs no setup.
func LoadState(name string) (*State, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return NewState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state %s: %w", name, err)
	}
	s, err := DecodeState(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("state %s: %w", name, err)
	}
	return s, nil
}

// DecodeState reads a state document.
func DecodeState(r io.Reader) (*State, error) {
	var f stateFile
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a leakcord state file: %w", err)
	}
	if f.Tool != "leakcord" {
		return nil, errors.New("not a leakcord state file (no \"tool\": \"leakcord\")")
	}
	if f.Repositories == nil {
		return nil, errors.New("not a leakcord state file (no \"repositories\"; a baseline is another kind of file)")
	}
	if f.Version != StateVersion {
		return nil, fmt.Errorf("state file version %d, this leakcord reads version %d", f.Version, StateVersion)
	}
	s := NewState()
	for name, r := range f.Repositories {
		s.repos[name] = r
	}
	return s, nil
}

// Encode writes the state as indented JSON, repositories in name order.
func (s *State) Encode(w io.Writer) error {
	s.mu.Lock()
	f := stateFile{Version: StateVersion, Tool: "leakcord", Repositories: maps.Clone(s.repos)}
	s.mu.Unlock()
	if f.Repositories == nil {
		f.Repositories = map[string]RepoState{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(f) // encoding/json sorts map keys
}

// Lookup returns what the state recorded about target.
func (s *State) Lookup(target string) (RepoState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.repos[Name(target)]
	return r, ok
}

// Record stores what a run learned about target.
func (s *State) Record(target string, r RepoState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.repos[Name(target)] = r
}

// Names returns the names of the recorded repositories, sorted.
func (s *State) Names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(maps.Keys(s.repos))
}

// SameRefs reports whether two ref listings are equal.
func SameRefs(a, b map[string]string) bool {
	return maps.Equal(a, b)
}

// Tips returns the distinct object IDs of refs, sorted.
func Tips(refs map[string]string) []string {
	tips := slices.Sorted(maps.Values(refs))
	return slices.Compact(tips)
}
