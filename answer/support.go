package answer

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// minSupport is the share of a claim's content words that its cited
// sentences (in French or in our translation) or the interview's own
// names must hold, in some form or through a synonym
// of the glossary, for the claim to be shown.
const minSupport = 0.7

// negated reports whether text holds a negation.
func negated(text string) bool {
	return slices.ContainsFunc(foldWords(text), func(w word) bool { return lang.IsNegation(w.text) })
}

func polarityName(neg bool) string {
	if neg {
		return "negative"
	}
	return "affirmative"
}

// opposite reports whether a claim turns its sentences around: it
// negates where every sentence it cites affirms, in French and in our
// translation, or affirms where every one negates. ("He says spying is
// never acceptable" for "Nous ne défendons pas l’arrêt de cette
// activité" is caught by neither: a negation each.)
func opposite(prose string, refs []sentenceRef) bool {
	claim := negated(prose)
	for _, r := range refs {
		if negated(r.p.FR[r.i]) == claim || r.i < len(r.p.EN) && negated(r.p.EN[r.i]) == claim {
			return false
		}
	}
	return len(refs) > 0
}

// paragraphsOf returns every sentence of the paragraphs refs are in.
func paragraphsOf(refs []sentenceRef) []sentenceRef {
	var out []sentenceRef
	for _, r := range refs {
		if len(out) > 0 && out[len(out)-1].p == r.p {
			continue
		}
		for i := range r.p.FR {
			out = append(out, sentenceRef{r.p, i})
		}
	}
	return slices.CompactFunc(out, func(a, b sentenceRef) bool { return a == b })
}

// saysWhose reports whether a claim says it reports the newspaper's or
// the interviewer's words: a claim citing their sentences must, or it
// passes them off as the interviewee's ("he says", "Microsoft's
// president says").
func saysWhose(prose string) bool {
	return slices.ContainsFunc(foldWords(prose), func(w word) bool { return lang.NamesOthers(w.text) })
}

// support returns the share of prose's content words that its sentences
// (in French or in our translation) hold, in some form or through a
// glossary synonym, or, at half credit, another sentence of their
// paragraphs, and the words they do not. The interviewee's name and
// Microsoft's count neither way.
// The question does not count: what the asker slipped in is not the
// interview's. Numbers count: a figure the sentences do not give is not
// theirs.
func support(iv *corpus.Interview, prose string, refs []sentenceRef) (float64, []string) {
	g := newGround(groundOf(refs, ""))
	present := glossaryPresent(g)
	// The rest of the cited paragraphs: a claim often gathers a sentence
	// and the one before it, and cites one.
	near := newGround(groundOf(paragraphsOf(refs), ""))
	free := freeWords(iv)
	var missing []string
	total, held := 0.0, 0.0
	for _, w := range foldWords(prose) {
		switch {
		case free[w.text]:
			continue // who he is and where he works say nothing of what he said
		case analysis.IsDigits(w.text):
			// A figure is held as written, or names the exchange a
			// cited sentence is from ("in answer 2"); or the claim is
			// not its sentences'.
			if !g.words[w.text] && !exchangeCited(w.text, refs) {
				return 0, []string{w.text}
			}
			total++
			held++
			continue
		case reporting[w.text], !contentWord(g, w.text):
			continue
		}
		total++
		switch {
		case g.holds(w.text):
			held++
		case synonymHeld(w.text, present):
			held++ // spying for espionnage
		case near.holds(w.text):
			// A sentence next to the one cited is not the one cited.
			held += halfCredit
			missing = append(missing, w.text+"~")
		default:
			missing = append(missing, w.text)
		}
	}
	if total == 0 {
		return 1, nil
	}
	return held / total, missing
}

// freeWords are the words of the interviewee's name and of the
// interview's subject terms, folded: who he is and where he works say
// nothing of what he said.
func freeWords(iv *corpus.Interview) map[string]bool {
	free := map[string]bool{}
	for _, t := range append([]string{iv.Interviewee}, iv.SubjectTerms...) {
		for _, w := range foldWords(t) {
			free[w.text] = true
		}
	}
	return free
}

// exchangeCited reports whether n, digits, is the number of the
// exchange of one of refs.
func exchangeCited(n string, refs []sentenceRef) bool {
	return slices.ContainsFunc(refs, func(r sentenceRef) bool { return r.p.Exchange > 0 && strconv.Itoa(r.p.Exchange) == n })
}

// reporting are the words a claim reports with (data/reporting.txt).
var reporting = wordSet(reportingWords, "reporting.txt")

//go:embed data/reporting.txt
var reportingWords string

// halfCredit is what a word counts for that only another sentence of a
// cited paragraph holds.
const halfCredit = 0.5

// contentWord reports whether w, folded, says something: not a stop word,
// an everyday word or a framing word in either language, nor a letter.
func contentWord(g *ground, w string) bool {
	switch {
	case utf8.RuneCountInString(w) < 2 && !analysis.IsDigits(w):
		return false
	case g.en.IsStop(w), g.fr.IsStop(w), g.en.IsFraming(w), g.fr.IsFraming(w), g.en.IsCommon(w), g.fr.IsCommon(w):
		return false
	}
	return true
}

// glossaryWords are the glossary's concepts by their one-word terms,
// folded and without a plural s, in both languages, made once. Whole
// words, not stems: "powerful" is not "powers" (a state).
var glossaryWords = sync.OnceValue(func() map[string][]int {
	m := map[string][]int{}
	for ci, c := range analysis.DefaultGlossary().Concepts {
		for _, t := range append(slices.Clone(c.FR), c.EN...) {
			// A word of a longer term is not the term: "activité" is
			// not "activités de renseignement".
			if ws := foldWords(t); len(ws) == 1 {
				k := singular(ws[0].text)
				m[k] = append(m[k], ci)
			}
		}
	}
	return m
})

// singular is w without a plural s.
func singular(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") {
		return w[:len(w)-1]
	}
	return w
}

// glossaryPresent returns the glossary's concepts that a word of the
// ground names.
func glossaryPresent(g *ground) map[int]bool {
	present := map[int]bool{}
	words := glossaryWords()
	for w := range g.words {
		for _, ci := range words[singular(w)] {
			present[ci] = true
		}
	}
	return present
}

// synonymHeld reports whether w names a glossary concept that the ground
// names in other words (spying for espionnage, hackers for piratage).
func synonymHeld(w string, present map[int]bool) bool {
	return slices.ContainsFunc(glossaryWords()[singular(w)], func(ci int) bool { return present[ci] })
}
