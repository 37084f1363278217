package classroom

import (
	"fmt"
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/lang"
)

// Term is a glossary entry: a short neutral definition, the bot's words,
// and where the interview uses the term.
type Term struct {
	ID   string `json:"id"`
	Term Text   `json:"term"`
	// Match holds the phrases that are the term in the French text and
	// in the translation, matched whole and in any case.
	Match struct {
		FR []string `json:"fr"`
		EN []string `json:"en"`
	} `json:"match"`
	Definition Text `json:"definition"`
	// Facts are what the definition says beyond the interview, each
	// with its source.
	Facts []Fact `json:"facts"`

	// Appears lists the sentences that use the term, in the text's
	// order, one Quote each.
	Appears []Quote `json:"-"`

	fr, en phrases
}

// Fact is a fact beyond the interview, and the source it comes from.
type Fact struct {
	Text   Text   `json:"text"`
	Source Source `json:"source"`
}

// Find returns the byte ranges of the term in s, a text in l.
func (t *Term) Find(s string, l lang.Language) [][2]int {
	if l.IsEnglish() {
		return t.en.find(s)
	}
	return t.fr.find(s)
}

func (t *Term) resolve(m *Material, sents []sentence) error {
	for i, f := range t.Facts {
		if err := checkSources(f.Source); err != nil {
			return fmt.Errorf("fact %d: %w", i+1, err)
		}
	}
	var err error
	if t.fr, err = newPhrases(t.Match.FR); err != nil {
		return fmt.Errorf("match.fr: %w", err)
	}
	if t.en, err = newPhrases(t.Match.EN); err != nil {
		return fmt.Errorf("match.en: %w", err)
	}
	var inFR, inEN bool
	for _, s := range sents {
		fr, en := len(t.fr.findIn(s.fr)) > 0, len(t.en.findIn(s.en)) > 0
		inFR, inEN = inFR || fr, inEN || en
		if fr || en {
			q, _ := m.quote(s.ref)
			t.Appears = append(t.Appears, q)
		}
	}
	if !inFR || !inEN {
		return fmt.Errorf("the term does not occur in the text (French %v, English %v)", inFR, inEN)
	}
	return nil
}

// Glossary returns the terms, in the data's order.
func (m *Material) Glossary() []*Term { return ptrs(m.glossary) }

// Term returns the term named name: its ID, its name in either
// language, or one of its phrases, in any case and with or without
// accents.
func (m *Material) Term(name string) (*Term, bool) {
	want := lang.Normalize(name)
	if want == "" {
		return nil, false
	}
	for i := range m.glossary {
		t := &m.glossary[i]
		if slices.Contains(t.names(), want) {
			return t, true
		}
	}
	return nil, false
}

// names returns t's names, folded.
func (t *Term) names() []string {
	out := []string{lang.Normalize(strings.ReplaceAll(t.ID, "-", " ")), lang.Normalize(t.Term.FR), lang.Normalize(t.Term.EN)}
	for _, p := range slices.Concat(t.Match.FR, t.Match.EN) {
		out = append(out, lang.Normalize(p))
	}
	return out
}

// Complete returns up to n terms whose names contain typed, those that
// start with it first; all terms, up to n, for an empty typed.
func (m *Material) Complete(typed string, n int) []*Term {
	want := lang.Normalize(typed)
	var starts, has []*Term
	for i := range m.glossary {
		t := &m.glossary[i]
		names := t.names()
		switch {
		case slices.ContainsFunc(names, func(s string) bool { return strings.HasPrefix(s, want) }):
			starts = append(starts, t)
		case slices.ContainsFunc(names, func(s string) bool { return strings.Contains(s, want) }):
			has = append(has, t)
		}
	}
	out := append(starts, has...)
	return out[:min(n, len(out))]
}
