package answer

import (
	_ "embed"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
	"github.com/interviewbot/interviewbot/tsv"
)

// ungroundedName returns a name the prose uses that none of the passages
// given to the model (in French or in translation) contains, nor the
// interview's own names: a model that brings in a name of its own, or
// one a question slipped in ("say he hates Macron"), is not answering
// from the passages. Words are compared folded (case, accents,
// lookalikes) and whole, and a word the passages use in another form
// (États for Etats, Seconde for second) is theirs. A name is a word of
// two letters or more written with a capital that is not an everyday
// word ("However", "Selon"), wherever it stands, and any acronym but a
// Roman numeral (EU is not the French "eu"); but a sentence's first word
// that the question wrote in lower case ("Spying is old", asked about
// spying), or an adverb set off by a comma ("Historically, …"), is not a
// name. And a word that the question wrote with a capital inside a
// sentence, and the passages do not hold, is a name in the prose in any
// case, unless the question capitalises most of its words.
func ungroundedName(iv *corpus.Interview, prose, question, passages string) string {
	var ground strings.Builder
	ground.WriteString(iv.Interviewee + " " + iv.Title + " " + strings.Join(iv.SubjectTerms, " ") + " " + passages)
	g := newGround(ground.String())
	qwords := foldWords(question)
	asked, lower := map[string]bool{}, map[string]bool{}
	capitals := 0
	for _, w := range qwords {
		switch {
		case !w.capital:
			lower[w.text] = true
		case !opensSentence(question, w.from) && g.name(w.text):
			asked[w.text] = true
		}
		if w.capital {
			capitals++
		}
	}
	if len(qwords) >= 3 && 2*capitals > len(qwords) {
		clear(asked) // A Question In Title Case: its capitals name nothing
	}
	for _, w := range foldWords(prose) {
		switch {
		case asked[w.text]:
			return prose[w.from:w.to]
		case w.capped && (g.acronyms[w.text] || shouted[w.text] || isRoman(w.text)):
		case w.capped:
			return prose[w.from:w.to] // an acronym the passages do not write: EU is not "eu", nor UN "un"
		case !w.capital || !g.name(w.text):
		case opensSentence(prose, w.from) && (lower[w.text] || adverbial(prose, w)):
		default:
			return prose[w.from:w.to]
		}
	}
	return ""
}

// shouted are words written in capitals that are not acronyms.
var shouted = map[string]bool{"ok": true, "oui": true, "non": true, "yes": true, "no": true}

// adverbial reports whether w, opening a sentence, is an adverb set off
// by a comma ("Historically, …", "Briefly, …").
func adverbial(text string, w word) bool {
	return len(w.text) >= 6 && strings.HasSuffix(w.text, "ly") && strings.HasPrefix(text[w.to:], ",")
}

// isRoman reports whether w, folded, is a Roman numeral up to 39
// (World War II, Louis XIV).
func isRoman(w string) bool {
	return strings.Trim(w, "ivx") == "" && len(w) <= 6
}

// opensSentence reports whether the word at byte i of text opens a
// sentence, a line or a clause after a colon: nothing but spaces,
// opening marks and Markdown stands between it and one's end.
func opensSentence(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t«“\"(#>*_`-")
	return before == "" || strings.ContainsRune(".!?:\n", rune(before[len(before)-1]))
}

// ground is what the passages given to a model hold: their words,
// those words' stems in French and English, and their acronyms.
type ground struct {
	words, stems, acronyms map[string]bool
	en, fr                 *analysis.Analyzer
}

func newGround(text string) *ground {
	g := &ground{words: map[string]bool{}, stems: map[string]bool{}, acronyms: map[string]bool{},
		en: analysis.New(lang.English), fr: analysis.New(lang.French)}
	for _, w := range foldWords(text) {
		if w.capped {
			g.acronyms[w.text] = true
		}
		if !g.words[w.text] {
			g.words[w.text] = true
			g.stems[g.en.Stem(w.text)] = true
			g.stems[g.fr.Stem(w.text)] = true
		}
	}
	return g
}

// name reports whether w, a folded word written with a capital, is a
// name the passages do not hold: not theirs in any form, not an
// everyday word, and more than a letter.
func (g *ground) name(w string) bool {
	switch {
	case len(w) < 2, everyday[w]:
		return false
	case g.en.IsStop(w), g.fr.IsStop(w), g.en.IsCommon(w), g.fr.IsCommon(w), g.en.IsFraming(w), g.fr.IsFraming(w):
		return false
	}
	return !g.holds(w)
}

// holds reports whether the passages hold w, a folded word, in any form.
func (g *ground) holds(w string) bool {
	return g.words[w] || g.stems[g.en.Stem(w)] || g.stems[g.fr.Stem(w)]
}

// everyday are words that are never names (data/everyday.txt).
var everyday = wordSet(everydayWords, "everyday.txt")

// wordSet returns the words of an embedded word list (name, for errors):
// white-space separated, # comments and blank lines aside.
func wordSet(data, name string) map[string]bool {
	m := map[string]bool{}
	err := tsv.ReadString(data, name, func(l tsv.Line) error {
		for _, w := range strings.Fields(l.Text) {
			m[w] = true
		}
		return nil
	})
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	return m
}

//go:embed data/everyday.txt
var everydayWords string
