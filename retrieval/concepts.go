package retrieval

import (
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// maxConcepts bounds the distinct content words of a question that count:
// coverage is tracked in a 64-bit set, and no real question has more.
const maxConcepts = 64

// concept is one content word of a question with the terms that match it.
type concept struct {
	stem    string
	alts    []alt
	weight  float64 // its rarity, for coverage
	content bool    // false for the interview's subject names
	common  bool    // an everyday word ("really", "make")
	// name is true for a word written as a name ("Huawei", "RGPD",
	// "5G") that the interview does not have.
	name bool
	// offtopic is true for an everyday word far from the interview's
	// themes ("omelette") that it does not have.
	offtopic bool
}

type alt struct {
	id   int32
	w    float64
	kind matchKind
}

// matchKind says how a question's word matches a term of the text.
type matchKind uint8

const (
	matchExact   matchKind = iota // the word as written
	matchStem                     // another word with the same stem
	matchSynonym                  // a glossary synonym or a spelling correction
)

// analyze turns a question into concepts: its content words, each with the
// vocabulary terms that match it (itself, its glossary synonyms, or the
// nearest spelling when it is a typo). It returns the kinds of answer the
// question asks for and, if it asks how many, the concepts it counts.
func (li *langIndex) analyze(text string, opts Options, mixed bool) ([]concept, analysis.AnswerType, uint64, reading) {
	toks := li.an.QuestionWords(text, li.knowsWord, li.intern)
	rd, framing := li.read(text, toks)
	names := questionNames{an: li.an, text: text}
	qw := li.contentWords(text, toks, framing, mixed, &rd, &names)
	cs := li.concepts(qw, &names, opts, mixed, &rd)
	li.expand(cs, opts.GlossaryWeight)
	counts := li.countedConcepts(cs, qw.counted)
	asked := qw.asked
	if counts != 0 {
		// "How many attacks each year", "combien de jours": it asks for
		// a number; the year or the day is what it counts by.
		asked &^= analysis.AnswerTime | analysis.AnswerEntity
	}
	return cs, asked, counts, rd
}

// questionNames are the words of a question written as names, looked
// for only when they can matter: a stop word in capitals ("US"), or a
// word the interview does not have.
type questionNames struct {
	an   *analysis.Analyzer
	text string
	set  analysis.NameSet
	done bool
}

// kind returns how the question wrote t as a name, or 0.
func (n *questionNames) kind(t string) analysis.NameKind {
	if !n.done {
		n.set, n.done = n.an.WrittenNames(n.text), true
	}
	return n.set.Kind(t)
}

// questionContent is a question's content words, and what reading them
// told.
type questionContent struct {
	words  []string
	common uint64 // by word: an everyday word
	// purpose is the index in words from which they say what a quote is
	// for ("a punchy quote on democracy for my podcast intro"), or -1.
	purpose int
	asked   analysis.AnswerType // the kinds of answer the question asks for
	counted [2]string           // the words it may ask how many of (countedWords)
}

// contentWords picks out, in place, the content words of a question's
// words toks: not stop words (but names in capitals), framing words, the
// words of the cues it holds (framing) or, in a mixed question, the other
// language's. On the way it reads what they ask for (asksAt).
func (li *langIndex) contentWords(text string, toks, framing []string, mixed bool, rd *reading, names *questionNames) questionContent {
	caps := analysis.HasCapitalsRun(text)
	qw := questionContent{purpose: -1}
	quoting := slices.ContainsFunc(toks, func(t string) bool { return quotingWords[t] })
	words := toks[:0] // toks is filtered in place
	for i, t := range toks {
		w := li.an.Word(t)
		qw.asked |= li.asksAt(toks, i, w, rd)
		if w.Asks&analysis.AnswerQuantity != 0 && qw.counted[0] == "" {
			qw.counted = li.countedWords(toks[i+1:])
		}
		if quoting && qw.purpose < 0 && (t == "for" || t == "pour") {
			qw.purpose = len(words)
		}
		if mixed && li.otherLanguage(t) {
			continue // the other side reads it
		}
		if slices.Contains(framing, t) {
			continue // "the journalist" of "what did the journalist ask"
		}
		// A stop word in capitals is a name ("the US"). Long numbers
		// are Discord IDs from mentions (<@&1180…>), not anything a
		// question asks about.
		if (!w.Stop || caps && names.kind(t) == analysis.NameCapitals) && !w.Framing && !(len(t) > 6 && analysis.IsDigits(t)) {
			if w.IsCommon(t) {
				qw.common |= 1 << min(len(words), 63)
			}
			words = append(words, t)
		}
	}
	qw.words = words
	return qw
}

// asksAt returns the kinds of answer that toks[i], whose word-list entry is
// w, asks for: with the word after it ("how long"), or alone where it
// asks (some only at the start or the end of a question). A "which"
// asks for a name only before a noun of a named thing, whose kind and
// stem it notes in rd.
func (li *langIndex) asksAt(toks []string, i int, w analysis.WordInfo, rd *reading) analysis.AnswerType {
	t := toks[i]
	var pair analysis.AnswerType
	if w.Pair && i+1 < len(toks) {
		pair = li.an.PairAsks(t, toks[i+1])
		if i+2 < len(toks) && (toks[i+1] == "de" || toks[i+1] == "of") {
			pair |= li.an.PairAsks(t, toks[i+2]) // "part de marché"
		}
	}
	if pair != 0 {
		// "How long", "how far": the pair asks, not "how" alone.
		return pair
	}
	if w.Asks&analysis.AnswerLead != 0 && i != 0 && i < len(toks)-2 {
		return 0
	}
	a := w.Asks &^ (analysis.AnswerLead | analysis.AnswerNamed)
	if a&analysis.AnswerWhich != 0 {
		a &^= analysis.AnswerWhich
		if j := slices.IndexFunc(toks[i+1:min(i+3, len(toks))], func(t string) bool { return li.an.Word(t).Asks&analysis.AnswerNamed != 0 }); j >= 0 && (j == 0 || !copulas[toks[i+1]]) {
			rd.thing |= li.an.NounThing(toks[i+1+j])
			rd.noun = li.an.Stem(toks[i+1+j])
		} else {
			a &^= analysis.AnswerEntity
		}
	}
	return a
}

// concepts returns the concepts of a question's content words, each once:
// a word the text has, as written, by its stem or by a prefix of it, or a
// split compound it has whole ("cyber attaques"); else the word itself,
// unknown, with the nearest spelling when it is a typo. It counts in
// rd.foreign the unknown words that the other language's side has.
func (li *langIndex) concepts(qw questionContent, names *questionNames, opts Options, mixed bool, rd *reading) []concept {
	words := qw.words
	cs := make([]concept, 0, min(len(words), maxConcepts))
	// Each concept's matches start in a slot of slab, with room for the
	// synonyms expand adds, so that most questions allocate them once.
	slab := make([]alt, altSlot*min(len(words), maxConcepts))
	for i := 0; i < len(words) && len(cs) < maxConcepts; i++ {
		// Join a compound that the question split: "cyber attaques".
		if i+1 < len(words) {
			if id, ok := li.known[words[i]+words[i+1]]; ok {
				cs = li.appendConcept(cs, slab, id, 1, matchExact, 1)
				i++
				continue
			}
		}
		scale := 1.0
		if qw.common&(1<<min(i, 63)) != 0 {
			scale = opts.CommonWeight
		}
		if id, ok := li.known[words[i]]; ok {
			cs = li.appendConcept(cs, slab, id, scale, matchExact, 1)
			continue
		}
		stem := li.an.Stem(words[i])
		if id, ok := li.ids[stem]; ok {
			cs = li.appendConcept(cs, slab, id, scale, matchStem, opts.StemWeight)
			continue
		}
		if id, ok := li.stemPrefix(stem); ok {
			cs = li.appendConcept(cs, slab, id, scale, matchStem, opts.StemWeight)
			continue
		}
		name, offtopic := names.kind(words[i]) != 0, li.an.Word(words[i]).Offtopic
		if qw.purpose >= 0 && i >= qw.purpose && !name && !offtopic {
			scale = opts.CommonWeight // what the quote is for: "my podcast"
		}
		c := concept{stem: stem, weight: scale * li.idfOOV, content: !li.subject[stem], common: scale < 1, name: name,
			offtopic: offtopic, alts: slot(slab, len(cs))[:0]}
		// A word of the glossary or of the off-topic lists is a word,
		// not a typo of another.
		if _, inGlossary := li.gloss[stem]; !inGlossary && !c.offtopic {
			id, dist := li.fuzzy(stem)
			if id < 0 {
				id, dist = li.fuzzyWord(words[i])
			}
			if id >= 0 {
				c.alts = append(c.alts, alt{id, opts.FuzzyWeight / float64(dist), matchSynonym})
				c.weight = li.idf[id]
			}
		}
		if !mixed && li.other != nil && !slices.ContainsFunc(c.alts, func(a alt) bool { return a.kind != matchSynonym }) && li.other.knows(words[i]) {
			// Unknown here, or only a typo of a word here
			// ("companies", "compagnies"), and a word there.
			rd.foreign++
		}
		if !slices.ContainsFunc(cs, func(o concept) bool { return o.stem == stem }) {
			cs = append(cs, c)
		}
	}
	return cs
}

// countedConcepts returns, as a bit set, the concepts of cs that a
// question asking how many counts: those of its counted words.
func (li *langIndex) countedConcepts(cs []concept, counted [2]string) uint64 {
	var counts uint64
	for _, t := range counted {
		if t == "" {
			continue
		}
		stem := li.an.Stem(t)
		if id, ok := li.known[t]; ok {
			stem = li.stems[id]
		}
		if ci := slices.IndexFunc(cs, func(c concept) bool { return c.stem == stem }); ci >= 0 {
			counts |= 1 << ci
		}
	}
	return counts
}

// appendConcept adds the concept of a known term, once; scale weighs it
// in coverage (below 1 for everyday words).
func (li *langIndex) appendConcept(cs []concept, slab []alt, id int32, scale float64, kind matchKind, w float64) []concept {
	stem := li.stems[id]
	for _, c := range cs {
		if c.stem == stem {
			return cs
		}
	}
	alts := slot(slab, len(cs))[:1]
	alts[0] = alt{id, w, kind}
	common := scale < 1
	if strings.Contains(stem, analysis.PhraseSep) {
		// A phrase is one precise thing, rarer than its document
		// frequency says: "l'appel de Paris" outweighs "signé".
		scale *= li.phraseBoost
	}
	return append(cs, concept{stem: stem, alts: alts, weight: scale * li.idf[id], content: !li.subject[stem], common: common})
}

// altSlot is the room for one concept's matches in a question's slab:
// the word itself and, most often, a glossary concept or two.
const altSlot = 4

// slot returns concept i's room in slab, empty but with altSlot capacity.
func slot(slab []alt, i int) []alt {
	return slab[i*altSlot : i*altSlot : (i+1)*altSlot]
}
