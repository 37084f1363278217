package reader

import (
	"fmt"
	"html"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// folds reports whether a note of kind, of text, folds on a phone: what
// the text gets wrong, disputes or leaves out stays open, where a
// student reads the claim, unless it is long enough to push the text a
// screen away (WannaCry's, 700 characters, which its summary still
// names); context, a word explained and a [sic] fold.
func folds(kind, text string) bool {
	return kind == "context" || kind == "vocabulary" || kind == "sic" || utf8.RuneCountInString(text) > foldLonger
}

// foldLonger is the length in characters above which any note folds on
// a phone: about ten lines at 390 px.
const foldLonger = 500

// sentences renders p's sentences for a page in l: each escaped, the
// glossary's terms defined where the passage first uses them, in each
// language, and the notes on each sentence after the last sentence they
// cite. The words themselves are never changed: a note is shown beside
// the text, not inserted into it.
func (r *Reader) sentences(p *corpus.Paragraph, l lang.Language) []sentence {
	var terms []*classroom.Term
	notes := map[int][]note{}
	if r.m != nil {
		terms = r.m.Glossary()
		for _, n := range r.m.NotesOn(classroom.Ref{Passage: p.ID}) {
			last := n.Cite.Sentences[len(n.Cite.Sentences)-1]
			notes[last] = append(notes[last], newNote(n, l))
		}
	}
	fr := definer{terms: terms, text: lang.French, page: l, done: map[string]bool{}}
	en := definer{terms: terms, text: lang.English, page: l, done: map[string]bool{}}
	out := make([]sentence, len(p.FR))
	for i := range p.FR {
		out[i] = sentence{ID: sentenceID(p.ID, i), FR: fr.define(p.FR[i]), EN: en.define(p.EN[i]), Notes: notes[i]}
	}
	return out
}

func newNote(n *classroom.Note, l lang.Language) note {
	text := n.Note.In(l)
	return note{By: labels[l].NoteBy, SourcesLabel: labels[l].Sources, Kind: n.Label(l), Excerpt: n.Excerpt.FR, Text: text, Sources: classroom.Sources(n.Sources, l), Fold: folds(n.Kind, text)}
}

// definer marks the glossary's terms in the sentences of one passage in
// one language, each at its first occurrence only: marking every one
// would underline half the text.
type definer struct {
	terms      []*classroom.Term
	text, page lang.Language
	done       map[string]bool // the terms already defined in the passage
}

// define escapes s and makes the first occurrence of each term not yet
// defined a <details> that opens on a click or a touch on its
// definition, in the page's language, with a link to its glossary entry.
func (d *definer) define(s string) template.HTML {
	type span struct {
		from, to int
		t        *classroom.Term
	}
	var spans []span
	for _, t := range d.terms {
		if d.done[t.ID] {
			continue
		}
		if r := t.Find(s, d.text); len(r) > 0 {
			spans = append(spans, span{r[0][0], r[0][1], t})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from - b.from })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.from < at {
			continue // overlaps a term already defined; it may be defined later
		}
		d.done[sp.t.ID] = true
		b.WriteString(html.EscapeString(s[at:sp.from]))
		fmt.Fprintf(&b, `<details class="term"><summary>%s</summary><span class="def" lang="%s">%s <a href="#term-%s">→&#160;%s</a></span></details>`,
			html.EscapeString(s[sp.from:sp.to]), d.page, html.EscapeString(sp.t.Definition.In(d.page)), html.EscapeString(sp.t.ID), html.EscapeString(labels[d.page].Glossary))
		at = sp.to
	}
	b.WriteString(html.EscapeString(s[at:]))
	return template.HTML(b.String()) // every piece escaped above
}
