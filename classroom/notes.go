package classroom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/lang"
)

// Note is a critical note on words of the interview: a claim that is
// wrong or disputed, a fact the text leaves out, a slip in the published
// French, a word worth explaining. It is the bot's words, never the
// speaker's, shown beside the sentence it is about wherever a class
// meets that sentence: quiz feedback, the answer key, the reader and
// /discuss.
type Note struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Cite Ref    `json:"cite"`
	// Excerpt is the words the note is about, an excerpt of the cited
	// sentences in each language.
	Excerpt Text `json:"excerpt"`
	Note    Text `json:"note"`
	// Sources are where a teacher can check the note's facts.
	Sources []Source `json:"sources"`
	Quote   Quote    `json:"-"`
}

// Source is where a fact can be checked, as a reference reads in each
// language: a title keeps its own, the words around it do not. In a
// data file it is a string, the same in both, or {"fr": …, "en": …}.
// A source written otherwise loads, and check says what is wrong with
// it: the item that holds it then names its file and line.
type Source struct {
	FR, EN string
	err    error
}

// UnmarshalJSON reads a string or a text in each language.
func (s *Source) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = Source{FR: one, EN: one}
		return nil
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var t Text
	if err := d.Decode(&t); err != nil {
		*s = Source{err: fmt.Errorf("a source is a string, or {\"fr\": …, \"en\": …}; got %s", truncate(string(b), 60))}
		return nil
	}
	*s = Source{FR: t.FR, EN: t.EN}
	return nil
}

// check reports what is wrong with s, if anything.
func (s Source) check() error {
	switch {
	case s.err != nil:
		return s.err
	case strings.TrimSpace(s.FR) == "" && strings.TrimSpace(s.EN) == "":
		return errors.New("an empty source")
	case strings.TrimSpace(s.FR) == "" || strings.TrimSpace(s.EN) == "":
		return errors.New("a source given in two languages needs both")
	}
	return nil
}

// checkSources reports the first source of sources that is wrong.
func checkSources(sources ...Source) error {
	for i, s := range sources {
		if err := s.check(); err != nil {
			return fmt.Errorf("source %d: %w", i+1, err)
		}
	}
	return nil
}

// truncate shortens s to n characters at most, for an error message.
func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// In returns the source as read in l.
func (s Source) In(l lang.Language) string { return Text{FR: s.FR, EN: s.EN}.In(l) }

// Sources returns sources as read in l.
func Sources(sources []Source, l lang.Language) []string {
	out := make([]string, len(sources))
	for i, s := range sources {
		out[i] = s.In(l)
	}
	return out
}

// The kinds of note, and what a class is told each is.
var noteKinds = map[string]Text{
	"inaccurate": {FR: "Inexact", EN: "Inaccurate"},
	"disputed":   {FR: "Discuté", EN: "Disputed"},
	"omitted":    {FR: "Passé sous silence", EN: "Left out"},
	"check":      {FR: "À vérifier", EN: "Worth checking"},
	"context":    {FR: "Contexte", EN: "Context"},
	"sic":        {FR: "[sic]", EN: "[sic]"},
	"vocabulary": {FR: "Vocabulaire", EN: "Vocabulary"},
}

// factual reports whether a kind of note states outside facts, which
// need a source.
func factual(kind string) bool { return kind != "sic" && kind != "vocabulary" }

// Label names the note's kind in l.
func (n *Note) Label(l lang.Language) string { return noteKinds[n.Kind].In(l) }

func (n *Note) resolve(m *Material) error {
	if _, ok := noteKinds[n.Kind]; !ok {
		kinds := make([]string, 0, len(noteKinds))
		for k := range noteKinds {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		return fmt.Errorf("kind %q: want one of %s", n.Kind, strings.Join(kinds, ", "))
	}
	if len(n.Cite.Sentences) == 0 {
		return fmt.Errorf("a note cites the sentences it is about, not a whole passage")
	}
	var err error
	if n.Quote, err = m.quote(n.Cite); err != nil {
		return err
	}
	if !contains(n.Quote.FR, n.Excerpt.FR) || !contains(n.Quote.EN, n.Excerpt.EN) {
		return fmt.Errorf("the excerpt (%q, %q) is not in the cited sentences%s", n.Excerpt.FR, n.Excerpt.EN, typographyHint(n.Excerpt))
	}
	if strings.TrimSpace(n.Note.FR) == "" || strings.TrimSpace(n.Note.EN) == "" {
		return fmt.Errorf("a note in each language is needed")
	}
	if factual(n.Kind) && len(n.Sources) == 0 {
		return fmt.Errorf("a %s note names its sources", n.Kind)
	}
	if err := checkSources(n.Sources...); err != nil {
		return err
	}
	return nil
}

// Notes returns every note, in the text's order.
func (m *Material) Notes() []*Note { return ptrs(m.notes) }

// NotesOn returns the notes on sentences r cites (on any of the
// passage's when r names none), in the text's order.
func (m *Material) NotesOn(r Ref) []*Note {
	var out []*Note
	for _, n := range m.Notes() {
		if n.Cite.Passage != r.Passage {
			continue
		}
		if len(r.Sentences) == 0 || slices.ContainsFunc(n.Cite.Sentences, func(s int) bool { return slices.Contains(r.Sentences, s) }) {
			out = append(out, n)
		}
	}
	return out
}
