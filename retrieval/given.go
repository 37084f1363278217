package retrieval

import (
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// givenFirst puts first, among the three best passages that cover the
// question as well as the best one, the first of his that names the kind
// of thing it asks for: "Quelles entreprises Smith cite-t-il ?" is answered
// by the passage naming Apple and Google, not by the one saying "toutes
// les grandes entreprises" more often.
func (s *scored) givenFirst() {
	if s.thing == 0 || len(s.ranked) < 2 || s.gives&(1<<min(s.ranked[0], 63)) != 0 {
		return // a date or a number: most passages give some
	}
	top := s.coverage[s.ranked[0]]
	for i, d := range s.ranked[1:min(len(s.ranked), 3)] {
		if s.coverage[d] >= top && s.gives&(1<<min(d, 63)) != 0 && s.docs[d].p.IsInterviewee() {
			copy(s.ranked[1:i+2], s.ranked[:i+1])
			s.ranked[0] = d
			return
		}
	}
}

// listKind answers a question that names nothing but the kind of thing
// it asks for ("which countries does Smith mention?", "quelles
// entreprises cite-t-il ?") with every passage of his that names one,
// in the order of the interview: none may hold the noun ("pays"), and
// each is part of the answer.
func (s *scored) listKind() {
	if s.thing == 0 || s.target != TargetAnswer {
		return
	}
	for _, c := range s.concepts {
		if c.content && c.stem != s.noun && s.li.an.Word(c.stem).Asks&analysis.AnswerEntity == 0 {
			return // a topic besides the thing ("which countries signed the Paris Call"), not "name"
		}
	}
	var listed []int
	for d := range s.docs {
		if !s.docs[d].p.IsInterviewee() {
			continue
		}
		for i := range s.li.names[d] {
			if s.namedIn(d, i) {
				listed = append(listed, d)
				break
			}
		}
	}
	if len(listed) == 0 {
		return
	}
	s.ranked, s.listing, s.target = listed, true, TargetAll
	for _, d := range listed {
		s.scores[d], s.coverage[d] = max(s.scores[d], 1), 1
		s.gives |= 1 << min(d, 63)
	}
}

// namedIn reports whether sentence i of doc d names what the question
// asks to name, and does not name itself: a thing of its kind ("quels
// pays": Allemagne, or "britanniques" in lower case), or any name when
// it asks for one of no kind ("le nom de la faille").
func (s *scored) namedIn(d, i int) bool {
	if s.thing == 0 {
		return slices.ContainsFunc(s.li.names[d][i], func(stem string) bool { return !s.names(stem) })
	}
	ofKind := func(stem string) bool { return s.li.kindOfStem[stem]&s.thing != 0 && !s.names(stem) }
	return slices.ContainsFunc(s.li.names[d][i], ofKind) || slices.ContainsFunc(s.li.thingNames[d][i], ofKind)
}

// givenSentences returns the sentences of doc d that give the kind of
// answer the question asks for: a number of what it counts, a date, a
// name.
func (s *scored) givenSentences(d int) uint64 {
	asked := s.asked & analysis.AnswerGiven
	var m uint64
	if asked&analysis.AnswerEntity != 0 {
		// A name the question has already is not the one it asks for:
		// "the name of the Windows flaw WannaCry used" is not given by
		// a sentence naming Windows and WannaCry.
		for i := range s.li.names[d] {
			if s.namedIn(d, i) {
				m |= sentenceBit(i)
			}
		}
		asked &^= analysis.AnswerEntity
	}
	if s.counts == 0 || asked&analysis.AnswerQuantity == 0 {
		return m | s.li.typedSentences(d, asked)
	}
	m |= s.li.typedSentences(d, asked&^analysis.AnswerQuantity)
	for ci, c := range s.concepts {
		if s.counts&(1<<ci) == 0 {
			continue
		}
		for _, a := range c.alts {
			if a.id < s.li.groupBase {
				m |= s.li.counted[docTerm{int32(d), a.id}]
				continue
			}
			for _, id := range s.li.groups[a.id-s.li.groupBase] {
				m |= s.li.counted[docTerm{int32(d), id}]
			}
		}
	}
	return m
}

// names reports whether the question names stem, as written or by its
// stem.
func (s *scored) names(stem string) bool {
	id, known := s.li.ids[stem]
	return slices.ContainsFunc(s.concepts, func(c concept) bool {
		return c.stem == stem || known && slices.ContainsFunc(c.alts, func(a alt) bool { return a.id == id && a.kind != matchSynonym }) ||
			// A phrase names its words: "Quels pays ont signé l'appel de
			// Paris ?" names Paris.
			strings.Contains(c.stem, analysis.PhraseSep) && slices.ContainsFunc(strings.Split(c.stem, analysis.PhraseSep), func(w string) bool {
				return w == stem || s.li.an.Stem(w) == stem
			})
	})
}

// typedSentences returns the sentences of doc d that give an answer of
// a type in t, as a sentence bit set.
func (li *langIndex) typedSentences(d int, t analysis.AnswerType) uint64 {
	var m uint64
	for i, st := range li.types[d] {
		if st&t != 0 {
			m |= sentenceBit(i)
		}
	}
	return m
}
