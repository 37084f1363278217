package retrieval

import "github.com/interviewbot/interviewbot/retrieval/analysis"

// Options tune scoring and abstention. Start from DefaultOptions; the
// values there were set on the development set (testdata/devset.tsv).
type Options struct {
	Glossary *analysis.Glossary
	// K1 and B are BM25's term-frequency saturation and length
	// normalisation.
	K1, B float64
	// QuestionWeight scales the exchange's question, indexed as a second
	// field of each of its answer paragraphs: users ask in the
	// interviewer's words as often as in the interviewee's.
	QuestionWeight float64
	// ExpansionWeight scales the paragraph's expansion (the words people
	// use to ask about it), indexed as a third field.
	ExpansionWeight float64
	// StemWeight scales a match through the stem alone, when the
	// question's word is not written as in the text ("signé" and
	// "signes"): the same stem is not always the same word.
	StemWeight float64
	// IntroWeight scales the article's introduction, so that it wins only
	// when a question is about what only the article says.
	IntroWeight float64
	// GlossaryWeight and FuzzyWeight scale matches found through a
	// synonym or a spelling correction rather than the word itself.
	GlossaryWeight, FuzzyWeight float64
	// Coverage is the share of the question's content (its words
	// weighted by rarity) that the best passages match. The index
	// answers when the best two cover at least SureCoverage and the best
	// one alone MinCoverage. Otherwise, from ClosestCoverage, it offers
	// the closest passages, labelled so, if the words they match as
	// written weigh at least MinEvidence unknown words; below, it
	// declines.
	SureCoverage, MinCoverage, ClosestCoverage, MinEvidence float64
	// EvidenceFloor is the least a word matched as written weighs as
	// evidence, in unknown words, unless it is an everyday word.
	EvidenceFloor float64
	// MaxElsewhere is the coverage under which a question with two or
	// more words the interview lacks (not everyday words) is declined:
	// it is about something else ("the offside rule in football").
	MaxElsewhere float64
	// MaxAbsentFocus is the coverage under which a question naming an
	// everyday thing far from the interview's themes, which it lacks
	// ("omelette"), is declined.
	MaxAbsentFocus float64
	// MinIntroCoverage replaces MinCoverage when the best passage is the
	// article's introduction.
	MinIntroCoverage float64
	// CoverageTop is how many of the best passages count together
	// towards coverage.
	CoverageTop int
	// SubjectWeight scales the score of the interview's subject names.
	SubjectWeight float64
	// CoordFloor is the least share of its score a passage keeps however
	// little of the question it covers; the rest scales with coverage.
	CoordFloor float64
	// PhraseBoost scales the weight of a question's phrase ("appel de
	// Paris") over what its document frequency gives it.
	PhraseBoost float64
	// AnswerTypeBoost scales the score of a passage, and of its
	// sentences, that gives the kind of answer a question asks for ("how
	// many" and a number, "when" and a date) in a sentence matching it.
	AnswerTypeBoost float64
	// AskedBoost scales the score of a passage whose exchange's question
	// asked the same way ("why", "how") as the user's.
	AskedBoost float64
	// StemCredit is the share of a word's weight in coverage that a
	// match through its stem alone earns.
	StemCredit float64
	// SynonymCredit is the share of a word's weight in coverage that a
	// match through a synonym or a spelling correction earns.
	SynonymCredit float64
	// CommonWeight scales the weight in coverage of an everyday word
	// ("really", "make"): whether the interview has it says little about
	// whether the interview covers the question.
	CommonWeight float64
}

// DefaultOptions returns the tuned defaults with the embedded glossary.
func DefaultOptions() Options {
	return Options{
		Glossary:         analysis.DefaultGlossary(),
		K1:               1.2,
		B:                0.75,
		QuestionWeight:   1.0,
		IntroWeight:      0.5,
		GlossaryWeight:   0.5,
		FuzzyWeight:      0.7,
		SureCoverage:     0.5,
		MinCoverage:      0.5,
		ClosestCoverage:  0.2,
		MinEvidence:      0.45,
		EvidenceFloor:    0.4,
		MaxElsewhere:     0.22,
		MaxAbsentFocus:   0.5,
		MinIntroCoverage: 0.6,
		CommonWeight:     0.1,
		CoverageTop:      2,
		SubjectWeight:    0.3,
		SynonymCredit:    0.6,
		ExpansionWeight:  1,
		StemWeight:       0.8,
		StemCredit:       0.9,
		CoordFloor:       0,
		PhraseBoost:      2,
		AnswerTypeBoost:  1.5,
		AskedBoost:       1.3,
	}
}
