package analysis

import (
	"fmt"
	"iter"
	"maps"
	"strings"
)

// AnswerType is a set of the kinds of answer a question asks for or a
// sentence gives.
type AnswerType uint8

// The kinds of answer, and the marks data/answertypes.tsv puts on asking
// words.
const (
	AnswerQuantity AnswerType = 1 << iota // how many, combien
	AnswerTime                            // when, quand
	AnswerReason                          // why, pourquoi
	AnswerManner                          // how, comment
	AnswerEntity                          // which, quels: named things
	// AnswerLead marks an asking word that asks only at the start or
	// the end of a question.
	AnswerLead
	// AnswerWhich marks a word ("which", "quels") that asks for a name
	// only before a noun of a named thing ("quels pays", "which
	// minister"): "quels principes" asks for ideas, which the text gives
	// in words.
	AnswerWhich
	// AnswerNamed marks such a noun; it asks nothing by itself.
	AnswerNamed
)

// AnswerGiven are the kinds of answer a sentence can be seen to give.
const AnswerGiven = AnswerQuantity | AnswerTime | AnswerEntity

// Thing is a set of kinds of named things.
type Thing uint8

// The kinds of named things.
const (
	ThingPlace   Thing = 1 << iota // a country, a city: "quels pays"
	ThingPerson                    // "quel ministre"
	ThingOrg                       // a company, a group: "which companies"
	ThingProduct                   // software, a virus: "which version"
	ThingEvent                     // a war, an attack: "which events"
)

var thingKinds = map[string]Thing{"place": ThingPlace, "person": ThingPerson, "org": ThingOrg, "product": ThingProduct, "event": ThingEvent}

// loadAnswerTypes reads the answer types: the words that ask for each in a
// question, those that mark one in a sentence, the months' names, and the
// kinds of thing that nouns after "which" ask for and that words name.
func loadAnswerTypes(name string) (asks, marks map[string]AnswerType, months map[string]bool, nouns, things map[string]Thing, pairs map[[2]string]AnswerType) {
	asks, marks, months = make(map[string]AnswerType), make(map[string]AnswerType), make(map[string]bool)
	nouns, things, pairs = make(map[string]Thing), make(map[string]Thing), make(map[[2]string]AnswerType)
	eachLine(name, func(line string) {
		f := strings.Fields(line)
		if len(f) < 3 {
			return
		}
		if role, kind, ok := strings.Cut(f[1], ":"); ok && f[0] == "entity" {
			m := map[string]map[string]Thing{"noun": nouns, "name": things}[role]
			k := thingKinds[kind]
			if m == nil || k == 0 {
				panic(fmt.Sprintf("analysis: %s: bad line %q", name, line)) // embedded data: a build defect
			}
			for _, w := range f[2:] {
				m[w] |= k
			}
			if role == "noun" {
				for _, w := range f[2:] {
					asks[w] |= AnswerNamed
				}
			}
			return
		}
		var t AnswerType
		switch f[0] {
		case "quantity":
			t = AnswerQuantity
		case "time":
			t = AnswerTime
		case "reason":
			t = AnswerReason
		case "manner":
			t = AnswerManner
		case "entity":
			t = AnswerEntity
		default:
			return
		}
		m := marks
		switch f[1] {
		case "ask":
			m = asks
		case "lead":
			m = asks
			t |= AnswerLead
		case "which":
			m = asks
			t |= AnswerWhich
		case "month":
			for _, w := range f[2:] {
				months[w] = true
			}
		case "pair":
			for _, w := range f[2:] {
				first, second, ok := strings.Cut(w, "+")
				if !ok {
					panic(fmt.Sprintf("analysis: %s: bad pair %q", name, w)) // embedded data: a build defect
				}
				pairs[[2]string{first, second}] |= t
			}
			return
		}
		for _, w := range f[2:] {
			m[w] |= t
		}
	})
	return asks, marks, months, nouns, things, pairs
}

// Marked returns the answer types a sentence's folded tokens give.
func (a *Analyzer) Marked(toks []string) AnswerType {
	var t AnswerType
	for i, tok := range toks {
		t |= a.marks[tok]
		if tok[0] < '0' || tok[0] > '9' {
			continue
		}
		switch {
		case len(tok) == 4 && (strings.HasPrefix(tok, "1") || strings.HasPrefix(tok, "20")):
			t |= AnswerTime // a year
		case i > 0 && a.isMonth(toks[i-1]), i+1 < len(toks) && a.isMonth(toks[i+1]):
			t |= AnswerTime // a day: "12 novembre", "November 12"
		default:
			t |= AnswerQuantity
		}
	}
	return t
}

// isMonth reports whether tok is a month's name, as the time marks list
// them.
func (a *Analyzer) isMonth(tok string) bool {
	return a.months[tok]
}

// PairAsks returns what two words that ask together ask for ("depuis
// quand", "how long"), or 0. Word(first).Pair says whether first starts
// any such pair.
func (a *Analyzer) PairAsks(first, second string) AnswerType {
	return a.pairs[[2]string{first, second}]
}

// NounThing returns the kind of thing a noun after "which" asks to name
// ("pays": a place), or 0.
func (a *Analyzer) NounThing(tok string) Thing { return a.nouns[tok] }

// NameThing returns the kind of thing a folded token names in a sentence
// ("verdun", "britanniques": a place), or 0.
func (a *Analyzer) NameThing(tok string) Thing { return a.namesByKind[tok] }

// ThingNames yields the words that name a kind of thing (NameThing), each
// with its kinds.
func (a *Analyzer) ThingNames() iter.Seq2[string, Thing] { return maps.All(a.namesByKind) }
