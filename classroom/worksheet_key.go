package classroom

import (
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/lang"
)

// The answer key's own parts: the critical notes, numbered in a section
// of their own, and the time the sheet takes a class.

// Minutes a class takes, by what it does: reading the French printed
// (at about 100 words a minute), and each item.
const (
	readingWPM          = 100 // a class reading closely, not skimming
	minutesQuestion     = 2   // a multiple-choice question
	minutesWho          = 1
	minutesEvent        = 2
	minutesRoundingStep = 5
)

// minutesOpen is the minutes of an open question by level: a sentence
// or two, or a paragraph.
var minutesOpen = map[string]int{Secondary: 5, University: 10}

// minutes says how long the sheet takes, in the key: reading, then the
// exercises and questions; research questions, discussion and the
// critical study are left out, as they are not the lesson's minutes.
func (d sheetData) minutes() string {
	words := 0
	for _, ex := range d.Exchanges {
		for _, p := range ex.Paragraphs {
			words += len(strings.Fields(p.FR))
		}
	}
	reading := (words + readingWPM - 1) / readingWPM
	work := minutesWho*len(d.Who) + minutesEvent*len(d.Events)
	for _, lv := range d.Levels {
		work += minutesQuestion * len(lv.Questions)
		for _, o := range lv.Open {
			work += o.minutes
		}
	}
	round := func(n int) int { return max(1, (n+minutesRoundingStep-1)/minutesRoundingStep) * minutesRoundingStep } // up
	return fmt.Sprintf(d.L.Minutes, round(reading+work), reading, work)
}

// keyNotes gathers, whole and numbered, the critical notes on the
// passages the sheet prints, in the text's order, for a section of the
// key of their own; an entry of the key names the notes on its
// sentences by their numbers. (Printed whole under the first entry
// that met it, a note was hard to find from the others.)
func (m *Material) keyNotes(d *sheetData, shown map[string]bool) {
	l := d.Lang
	num := map[string]int{}
	for _, n := range m.Notes() {
		if !shown[n.Cite.Passage] {
			continue
		}
		sn := m.sheetNote(n, l)
		sn.N = len(d.Notes) + 1
		num[n.ID] = sn.N
		d.Notes = append(d.Notes, sn)
	}
	refer := func(notes []sheetNote) {
		for i := range notes {
			n := &notes[i]
			if n.N = num[n.ID]; n.N == 0 {
				continue // on a passage the sheet does not print: whole here
			}
			n.See = fmt.Sprintf("%s %d, %s", d.L.See, n.N, guillemets(n.Excerpt))
			n.Text, n.Sources = "", ""
		}
	}
	for _, w := range d.Who {
		refer(w.Notes)
	}
	for _, e := range d.Events {
		refer(e.Notes)
	}
	for _, lv := range d.Levels {
		for _, q := range lv.Questions {
			refer(q.Notes)
		}
		for _, o := range lv.Open {
			refer(o.Notes)
		}
	}
}

// sheetNotes returns the critical notes on the sentences r cites.
func (m *Material) sheetNotes(r Ref, l lang.Language) []sheetNote {
	var out []sheetNote
	for _, n := range m.NotesOn(r) {
		out = append(out, m.sheetNote(n, l))
	}
	return out
}

func (m *Material) sheetNote(n *Note, l lang.Language) sheetNote {
	sn := sheetNote{ID: n.ID, Label: n.Label(l), Excerpt: n.Excerpt.FR, Ref: n.Cite.Anchor(), Text: n.Note.In(l)}
	if l.IsEnglish() {
		sn.ExcerptEN = n.Excerpt.EN
	}
	if len(n.Sources) > 0 {
		sn.Sources = pick(l, "sources\u00a0: ", "sources: ") + strings.Join(Sources(n.Sources, l), pick(l, "\u00a0; ", "; "))
	}
	return sn
}

// guillemets puts French words between guillemets, the spaces inside
// them unbreakable.
func guillemets(fr string) string { return "«\u00a0" + fr + "\u00a0»" }
