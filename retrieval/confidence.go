package retrieval

import (
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Confidence grades how well the passages found answer a question.
type Confidence string

// The grades of Confidence.
const (
	// Answer: the passages answer the question.
	Answer Confidence = "answer"
	// Closest: the interview touches the topic but may not answer the
	// question exactly; the passages are the closest it has.
	Closest Confidence = "closest"
	// None: nothing relevant matches, or the question's focus is absent
	// from the interview.
	None Confidence = "none"
)

// confidence grades the best passages. Answer: together they cover most
// of the question, and the best one a good part of it alone. Closest:
// they cover some of it, with enough evidence that the topic is the
// interview's. None: otherwise.
func (s *scored) confidence() Confidence {
	if s.conf == "" {
		s.conf = s.grade()
	}
	return s.conf
}

// grade is confidence, computed.
func (s *scored) grade() Confidence {
	cov := s.bestCoverage()
	top := 0.0
	if len(s.ranked) > 0 {
		top = s.coverage[s.ranked[0]]
	}
	switch {
	case s.listing:
		return Answer
	case s.missingPhrase():
		// A phrase names one thing ("quel temps", "cloud computing"):
		// when the interview does not have it, that thing is the
		// question's focus, whatever else the question shares with it.
		return None
	case s.absentFocus():
		return None
	case slices.ContainsFunc(s.concepts, concept.absentYear):
		// "Combien de victimes aux attentats du 13 novembre 2015 ?": a
		// year it never names is a time it does not cover, whatever
		// else the question shares with it.
		return None
	case cov >= s.opts.SureCoverage && top >= s.minTop() && !s.unknownName() && s.givesAsked():
		if s.rescued || s.others {
			// What someone else said, or a question read as mixed
			// only to be answered at all: the closest, at best.
			return Closest
		}
		return Answer
	case cov >= s.opts.ClosestCoverage && s.evidence() >= s.opts.MinEvidence*s.li.idfOOV && !s.elsewhere() && !s.own:
		return Closest
	}
	return None
}

// absentFocus reports whether the question names an everyday thing far
// from the interview's themes ("omelette", "football") that the interview
// does not have, and the interview's words cover less than MaxAbsentFocus
// of it: that thing is then its focus. "How do I make a French omelette"
// shares "French", and is still about cooking. A name the interview lacks
// ("Zuckerberg") does not decline a question by itself: it may be one
// part of two, and the other answerable.
func (s *scored) absentFocus() bool {
	return slices.ContainsFunc(s.concepts, func(c concept) bool {
		return c.offtopic && c.content && len(c.alts) == 0
	}) && s.bestCoverage() < s.opts.MaxAbsentFocus
}

// elsewhere reports whether the question is mostly about things the
// interview never names: two or more words it lacks that are not
// everyday words ("offside", "football"), against which the words it
// shares ("rule") weigh less than MaxElsewhere of the question; or names
// and years it lacks that outweigh twice the words it shares.
func (s *scored) elsewhere() bool {
	unknown := 0
	for _, c := range s.concepts {
		if c.content && len(c.alts) == 0 && c.weight >= s.li.idfOOV {
			unknown++
		}
	}
	if unknown >= 2 && s.bestCoverage() < s.opts.MaxElsewhere {
		return true
	}
	// A name or a year the interview lacks that outweighs twice every
	// word it matches is what the question is about: "Qui a écrit Les
	// Misérables ?" shares only "écrit" with it, and only with the words
	// people use to ask about intro.2. "Que pense Smith de Trump et des
	// élections ?" may be half answered.
	exact, stemmed, matched := s.topSets()
	var inText uint64
	for _, d := range s.ranked[:min(len(s.ranked), s.opts.CoverageTop)] {
		inText |= s.inText[d]
	}
	var named, shared float64
	for ci, c := range s.concepts {
		switch bit := uint64(1) << ci; {
		case c.absentName():
			named += c.weight
		case !c.content:
		case (exact|stemmed|matched)&bit != 0:
			// The interview's own frequent words weigh little in
			// scoring, yet say the question is about it ("Que pense
			// Smith de Huawei et de la sécurité des logiciels ?"); a
			// word only in the words people use to ask about a
			// passage, half as much ("écrit").
			w := s.evidenceWeight(c)
			if inText&bit == 0 {
				w /= 2
			}
			shared += w
		}
	}
	return named > 2*shared
}

// minTop is the coverage the best passage needs alone for an answer. The
// article's introduction needs more: it sets the scene in a few facts,
// and a question that shares its words but asks for more ("how long did
// the negotiations last") is answered only by what it does not say.
func (s *scored) minTop() float64 {
	if len(s.ranked) > 0 && s.docs[s.ranked[0]].p.Role == corpus.RoleIntro {
		return s.opts.MinIntroCoverage
	}
	return s.opts.MinCoverage
}

// givesAsked reports whether the best passage gives the kind of answer
// the question asks for, if it asks for a number, a date or a name: "how
// many countries signed the Paris Call" is not answered by a passage
// that names the Paris Call and no number.
func (s *scored) givesAsked() bool {
	if s.asked&analysis.AnswerGiven == 0 {
		return true
	}
	return len(s.ranked) > 0 && s.gives&(1<<min(s.ranked[0], 63)) != 0
}

// unknownName reports whether the question names something, as a name,
// an acronym, a version or a year ("Huawei", "RGPD", "5G", "1949"), that
// the interview does not: it may touch the topic, but cannot answer
// about that.
func (s *scored) unknownName() bool {
	return slices.ContainsFunc(s.concepts, concept.absentName)
}

// absentName reports whether c is a name or a year ("1949") that the
// interview does not have.
func (c concept) absentName() bool {
	return (c.name || isYear(c.stem)) && c.content && len(c.alts) == 0
}

// absentYear reports whether c is a year the interview does not have.
func (c concept) absentYear() bool {
	return isYear(c.stem) && c.content && len(c.alts) == 0
}

// isYear reports whether s is four digits ("1949").
func isYear(s string) bool { return len(s) == 4 && analysis.IsDigits(s) }

// missingPhrase reports whether the question names a phrase that no
// passage has, directly or through a synonym.
func (s *scored) missingPhrase() bool {
	for _, c := range s.concepts {
		if c.content && len(c.alts) == 0 && strings.Contains(c.stem, analysis.PhraseSep) {
			return true
		}
	}
	return false
}

// evidence is the weight of the question's words that the best passages
// match as written, numbers aside: a year or a count alone ("2018") says
// nothing about whether the topic is the interview's, nor does a word
// that only shares a stem with the text ("center" and "centres"), which
// counts for half.
func (s *scored) evidence() float64 {
	exact, stemmed, matched := s.topSets()
	got := 0.0
	for ci, c := range s.concepts {
		switch bit := uint64(1) << ci; {
		case !c.content || analysis.IsDigits(c.stem):
		case exact&bit != 0:
			got += s.evidenceWeight(c)
		case stemmed&bit != 0:
			got += s.evidenceWeight(c) / 2
		case matched&bit != 0 && strings.Contains(c.stem, analysis.PhraseSep):
			// A phrase matched through the glossary ("seconde guerre
			// mondiale" for "deuxième guerre mondiale") names the same
			// thing.
			got += c.weight / 2
		}
	}
	return got
}

// evidenceWeight is what a word matched as written weighs as evidence:
// its rarity, but at least EvidenceFloor unknown words unless it is an
// everyday word. The interview's own key words ("gouvernements",
// "entreprises") are common in it, so weigh little in scoring, and yet
// are the best sign that a question is about it.
func (s *scored) evidenceWeight(c concept) float64 {
	if c.common {
		return c.weight
	}
	return max(c.weight, s.opts.EvidenceFloor*s.li.idfOOV)
}

// bestCoverage is the coverage of the top passages taken together: an
// answer quotes up to two of them, and a question about two things
// ("Microsoft's responsibility for WannaCry") may find each in another.
func (s *scored) bestCoverage() float64 {
	if len(s.ranked) == 0 || s.total == 0 {
		return 0
	}
	return s.credit(s.topSets()) / s.total
}

// topSets returns the concepts the best passages match, together: word
// for word, by stem alone, and in any way.
func (s *scored) topSets() (exact, stemmed, matched uint64) {
	for _, d := range s.ranked[:min(len(s.ranked), s.opts.CoverageTop)] {
		exact |= s.exact[d]
		stemmed |= s.stemmed[d]
		matched |= s.covered[d]
	}
	return exact, stemmed, matched
}

// credit weighs the concepts matched: fully those matched by the word
// itself, partly those matched only by a synonym or a correction, which
// may be a sense the question did not mean ("intelligence").
func (s *scored) credit(exact, stemmed, matched uint64) float64 {
	got := 0.0
	for ci, c := range s.concepts {
		switch bit := uint64(1) << ci; {
		case !c.content:
		case exact&bit != 0:
			got += c.weight
		case stemmed&bit != 0:
			got += s.opts.StemCredit * c.weight
		case matched&bit != 0:
			got += s.opts.SynonymCredit * c.weight
		}
	}
	return got
}
