package check

import (
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// minSupported is the share of a claim's terms that the sentence bearing
// on it must hold for the claim to be the interview's: under it, the
// interview does not say it.
const minSupported = 0.6

// claim checks a message without quotation as a claim: the sentence of
// the passages it is about that shares most of its terms supports it,
// says the opposite (one negates where the other does not), or the
// interview does not say it.
func (c *Checker) claim(text string) (Verdict, []Evidence) {
	res := c.ix.Search(retrieval.Query{Text: text, K: 3})
	if res.Confidence == retrieval.None || len(res.Hits) == 0 {
		return NotInInterview, []Evidence{}
	}
	l := res.Language
	an := analysis.New(l)
	terms := set(an.Terms(text))
	for _, name := range append([]string{c.iv.Interviewee}, c.iv.SubjectTerms...) {
		for _, t := range an.Terms(name) {
			delete(terms, t) // who he is says nothing of what he said
		}
	}
	if len(terms) == 0 {
		return NotInInterview, []Evidence{}
	}
	var best sentence
	bestShare := 0.0
	// Whether some sentence that holds enough of the claim goes its way:
	// then no other says the opposite of it ("must not stay silent" and
	// "stayed silent" are both about it).
	sameWay := false
	claimNegated := negated(words(text))
	for _, h := range res.Hits {
		for _, s := range c.sentences {
			if s.p.ID != h.Paragraph.ID {
				continue
			}
			side := s.p.FR[s.i]
			if l == lang.English && s.i < len(s.p.EN) {
				side = s.p.EN[s.i]
			}
			has := set(an.Terms(side))
			concepts := c.concepts(an, has)
			held := 0
			for t := range terms {
				if has[t] || c.synonym(an, t, concepts) {
					held++
				}
			}
			share := float64(held) / float64(len(terms))
			if share > bestShare {
				best, bestShare = s, share
			}
			if share >= minSupported && (s.p.IsInterviewee() || saysOthers(text)) && negated(s.side(l == lang.English)) == claimNegated {
				sameWay = true
			}
		}
	}
	if best.p == nil || bestShare < minSupported {
		return NotInInterview, []Evidence{}
	}
	ev := *c.evidence(best, l == lang.English)
	if !sameWay && claimNegated != negated(best.side(l == lang.English)) {
		return Contradicted, []Evidence{ev}
	}
	if !best.p.IsInterviewee() && !saysOthers(text) {
		return WrongSpeaker, []Evidence{ev}
	}
	// Words can agree and the sense not ("companies matter more than
	// governments"): offline, the bot shows the passage that bears on a
	// claim and does not say the interview supports it.
	return NotInInterview, []Evidence{ev}
}

// concepts returns the glossary's concepts a sentence's terms name.
func (c *Checker) concepts(an *analysis.Analyzer, terms map[string]bool) map[int]bool {
	out := map[int]bool{}
	byTerm := c.glossary(an)
	for t := range terms {
		for _, ci := range byTerm[t] {
			out[ci] = true
		}
	}
	return out
}

// synonym reports whether term names a glossary concept that present
// holds: spied for espionnage.
func (c *Checker) synonym(an *analysis.Analyzer, term string, present map[int]bool) bool {
	for _, ci := range c.glossary(an)[term] {
		if present[ci] {
			return true
		}
	}
	return false
}

// glossary returns the glossary's concepts by the analysed term of each
// one-word term, in both languages, for an's language.
func (c *Checker) glossary(an *analysis.Analyzer) map[string][]int {
	slot := 0
	if an.Language() == lang.English {
		slot = 1
	}
	c.once[slot].Do(func() {
		m := map[string][]int{}
		for ci, concept := range analysis.DefaultGlossary().Concepts {
			for _, t := range append(append([]string{}, concept.FR...), concept.EN...) {
				if ts := an.Terms(t); len(ts) == 1 {
					m[ts[0]] = append(m[ts[0]], ci)
				}
			}
		}
		c.byTerm[slot] = m
	})
	return c.byTerm[slot]
}

func set(ts []string) map[string]bool {
	m := make(map[string]bool, len(ts))
	for _, t := range ts {
		m[t] = true
	}
	return m
}
