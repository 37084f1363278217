package classroom

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/lang"
)

// TestNotesResolve: a note is refused unless its kind is known, it cites
// sentences whose text holds its excerpt, it is written in both
// languages, and a note of facts names its sources.
func TestNotesResolve(t *testing.T) {
	m := load(t)
	good := Note{ID: "n", Kind: "disputed", Cite: Ref{Passage: "a7.1", Sentences: []int{3}},
		Excerpt: Text{FR: "tant de morts", EN: "so many"}, Note: Text{FR: "x", EN: "y"}, Sources: []Source{{FR: "s", EN: "s"}}}
	for _, tt := range []struct {
		name string
		edit func(n *Note)
		want string // in the error; empty: accepted
	}{
		{"good", func(*Note) {}, ""},
		{"sic needs no source", func(n *Note) { n.Kind, n.Sources = "sic", nil }, ""},
		{"unknown kind", func(n *Note) { n.Kind = "wrong" }, `kind "wrong"`},
		{"whole passage", func(n *Note) { n.Cite.Sentences = nil }, "not a whole passage"},
		{"no such passage", func(n *Note) { n.Cite.Passage = "a9.9" }, "no passage"},
		{"excerpt elsewhere", func(n *Note) { n.Cite.Sentences = []int{5} }, "not in the cited sentences"},
		{"one language", func(n *Note) { n.Note.EN = " " }, "each language"},
		{"facts without source", func(n *Note) { n.Sources = nil }, "names its sources"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n := good
			tt.edit(&n)
			err := n.resolve(m)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v; want one saying %q", err, tt.want)
			}
		})
	}
}

// TestNotesOn: the notes a quote meets are those on its sentences, and
// every disputed claim the teachers named has one.
func TestNotesOn(t *testing.T) {
	m := load(t)
	ids := func(ns []*Note) string {
		var s []string
		for _, n := range ns {
			s = append(s, n.ID)
		}
		return strings.Join(s, " ")
	}
	for _, tt := range []struct {
		ref  Ref
		want string
	}{
		{Ref{Passage: "a7.1", Sentences: []int{5}}, "n-verdun n-sic"},
		{Ref{Passage: "a7.1", Sentences: []int{0, 1}}, ""},
		{Ref{Passage: "a7.1"}, "n-deadliest n-verdun n-sic"},
		{Ref{Passage: "a8.1", Sentences: []int{4, 5, 6}}, "n-ou n-italy"},
		{Ref{Passage: "a5.2", Sentences: []int{0, 1}}, "n-hundred-years n-silent"},
		{Ref{Passage: "q8", Sentences: []int{0}}, "n-macron"},
		{Ref{Passage: "intro.1"}, "n-wannacry"},
		{Ref{Passage: "a6.1", Sentences: []int{0}}, "n-one-year"},
	} {
		if got := ids(m.NotesOn(tt.ref)); got != tt.want {
			t.Errorf("NotesOn(%v) = %q; want %q", tt.ref, got, tt.want)
		}
	}
	for _, n := range m.Notes() {
		if n.Label(lang.French) == "" || n.Label(lang.English) == "" {
			t.Errorf("%s: no label for kind %q", n.ID, n.Kind)
		}
	}
}

// TestSourceJSON: a source is a string, the same in both languages, or
// one in each; anything else loads and check says what is wrong, so
// that the note or term that holds it names its file and line.
func TestSourceJSON(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     Source
		wantErr  string
	}{
		{"string", `"Britannica, “Paris Gun”"`, Source{FR: "Britannica, “Paris Gun”", EN: "Britannica, “Paris Gun”"}, ""},
		{"each language", `{"fr": "Britannica, article « Paris Gun »", "en": "Britannica, article “Paris Gun”"}`, Source{FR: "Britannica, article « Paris Gun »", EN: "Britannica, article “Paris Gun”"}, ""},
		{"French alone", `{"fr": "Britannica"}`, Source{FR: "Britannica"}, "needs both"},
		{"a third language", `{"fr": "a", "en": "b", "de": "c"}`, Source{}, "a source is a string"},
		{"a number", `3`, Source{}, "got 3"},
		{"null", `null`, Source{}, "an empty source"},
		{"empty", `""`, Source{}, "an empty source"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Source
			if err := json.Unmarshal([]byte(tc.in), &s); err != nil {
				t.Fatalf("Unmarshal(%s) = %v; want nil, the mistake left to check", tc.in, err)
			}
			err := s.check()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("check(%s) = %v; want an error with %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil || s.FR != tc.want.FR || s.EN != tc.want.EN {
				t.Errorf("Unmarshal(%s) = %+v, %v; want %+v", tc.in, s, err, tc.want)
			}
		})
	}
}
