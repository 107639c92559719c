package rules

import (
	"slices"
	"testing"
	"time"

	"github.com/leakcord/leakcord/internal/testtoken"
)

// stubRule emits fixed spans, to test the matcher's ordering.
type stubRule struct {
	id    string
	spans [][2]int
}

func (s stubRule) Info() Info { return Info{ID: s.id} }

func (s stubRule) Find(data []byte, now time.Time, emit func(Candidate)) {
	for _, sp := range s.spans {
		emit(Candidate{RuleID: s.id, Start: sp[0], End: sp[1], Secret: string(data[sp[0]:sp[1]])})
	}
}

func TestMatcherFindOrder(t *testing.T) {
	data := make([]byte, 100)
	m := NewMatcher(testNow,
		stubRule{"z", [][2]int{{5, 9}, {40, 50}}},
		stubRule{"a", [][2]int{{5, 9}, {30, 31}}},
		stubRule{"m", [][2]int{{5, 7}, {60, 70}, {90, 91}}},
	)
	type key struct {
		start, end int
		id         string
	}
	var got []key
	for _, c := range m.Find(data) {
		got = append(got, key{c.Start, c.End, c.RuleID})
	}
	want := []key{{5, 7, "m"}, {5, 9, "a"}, {5, 9, "z"}, {30, 31, "a"}, {40, 50, "z"}, {60, 70, "m"}, {90, 91, "m"}}
	if !slices.Equal(got, want) {
		t.Errorf("Find order\n got %v\nwant %v", got, want)
	}
}

// TestMatcherFindReal plants one credential of each rule in reverse rule
// order and checks that the matcher reports them by position.
func TestMatcherFindReal(t *testing.T) {
	text, planted := testtoken.ExpandPlanted(testtoken.New(41),
		"# discord\nDISCORD_CLIENT_SECRET={{secret}}\nhook: {{webhook}}\nuser: {{mfa}}\nbot: {{bot}}\n")
	got := NewMatcher(testNow).Find([]byte(text))
	wantIDs := []string{IDClientSecret, IDWebhookURL, IDMFAToken, IDBotToken}
	if len(got) != len(wantIDs) {
		t.Fatalf("found %d candidates, want %d: %+v", len(got), len(wantIDs), got)
	}
	for i, c := range got {
		if c.RuleID != wantIDs[i] || c.Secret != planted[i].Secret || c.Secret != text[c.Start:c.End] {
			t.Errorf("candidate %d: %s %q, want %s %q", i, c.RuleID, c.Secret, wantIDs[i], planted[i].Secret)
		}
	}
	if got := NewMatcher(testNow).Find(nil); len(got) != 0 {
		t.Errorf("Find(nil) = %v", got)
	}
}

func TestAllAndLookup(t *testing.T) {
	want := []string{IDBotToken, IDMFAToken, IDWebhookURL, IDClientSecret}
	var ids []string
	for _, r := range All() {
		info := r.Info()
		ids = append(ids, info.ID)
		if info.Name == "" || info.Title == "" || info.Description == "" || info.Remediation == "" || info.Severity.Rank() == 0 {
			t.Errorf("%s: incomplete Info %+v", info.ID, info)
		}
		if got, ok := Lookup(info.ID); !ok || got.Info().ID != info.ID {
			t.Errorf("Lookup(%q) = %v, %v", info.ID, got, ok)
		}
	}
	if !slices.Equal(ids, want) {
		t.Errorf("All() IDs = %v, want %v", ids, want)
	}
	if _, ok := Lookup("discord-nothing"); ok {
		t.Error("Lookup of an unknown ID succeeded")
	}
	m := NewMatcher(testNow)
	if len(m.Rules()) != len(want) {
		t.Errorf("NewMatcher with no rules runs %d rules", len(m.Rules()))
	}
	m.Rules()[0] = nil
	if m.Rules()[0] == nil {
		t.Error("Rules() exposes the matcher's slice")
	}
}

func TestSeverityRank(t *testing.T) {
	ranks := []int{Critical.Rank(), High.Rank(), Medium.Rank(), Low.Rank(), Severity("info").Rank()}
	if !slices.Equal(ranks, []int{4, 3, 2, 1, 0}) {
		t.Errorf("ranks = %v", ranks)
	}
}
