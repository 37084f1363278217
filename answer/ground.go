package answer

import (
	"regexp"
	"slices"

	"github.com/interviewbot/interviewbot/answer/reply"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/prompts"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// PromptSentences returns every sentence of the passages hits found, best
// first, as a prompt offers them to a model asked in language l: with its
// ID, whose words it is and, for English, our translation.
func PromptSentences(iv *corpus.Interview, hits []retrieval.Hit, l lang.Language) []prompts.Sentence {
	var out []prompts.Sentence
	for _, h := range hits {
		p := h.Paragraph
		speaker := iv.Interviewee
		switch {
		case p.Role == corpus.RoleQuestion:
			speaker = "the interviewer"
		case !p.IsInterviewee():
			speaker = "the newspaper"
		}
		for i, fr := range p.FR {
			s := prompts.Sentence{ID: sentenceID(p, i), Speaker: speaker, Text: fr}
			if l == lang.English && i < len(p.EN) {
				s.English = p.EN[i]
			}
			out = append(out, s)
		}
	}
	return out
}

// Grounding is what the sentences a model cites say of a statement,
// each way a claim of an LLM answer is checked, for a caller that weighs
// them itself (the statement may be a user's, not the model's).
type Grounding struct {
	// IDs are the sentences cited that the statement may rest on: the
	// interviewee's alone, unless it says it reports the newspaper.
	IDs []string
	// Share is the share of the statement's content words that those
	// sentences hold (the rest of their paragraphs at half credit), its
	// polarity and its figures aside.
	Share float64
	// Opposite says the statement negates where every sentence affirms,
	// or the other way round.
	Opposite bool
	// OthersOnly says the sentences are all the newspaper's or the
	// interviewer's, and the statement does not say so.
	OthersOnly bool
	// About is the share of the statement's content words that the
	// cited sentences' paragraphs, or the questions of their exchanges,
	// hold: how much it is about what they are about.
	About float64
	// Figure is a figure of the statement the sentences do not give, and
	// Name a name that neither their paragraphs nor the questions of
	// their exchanges write; "" if none.
	Figure, Name string
}

var digits = regexp.MustCompile(`[0-9]+`)

// SentenceID is how a prompt names sentence i (from 0) of p: "a7.1/2".
func SentenceID(p *corpus.Paragraph, i int) string { return sentenceID(p, i) }

// SaysOthers reports whether prose says it reports the newspaper's or the
// interviewer's words, as an LLM answer's claim must to rest on them.
func SaysOthers(prose string) bool { return saysWhose(prose) }

// Ground weighs a statement against the sentences a model cites of those
// offered; others says the statement reports the newspaper's or the
// interviewer's words, not the interviewee's. It returns false if the
// model cites none of the sentences offered.
func Ground(iv *corpus.Interview, offer []prompts.Sentence, cites []string, statement string, others bool) (Grounding, bool) {
	prose := withoutQuoteMarks(cleanProse(statement))
	refs, _ := refsOf(iv, newOffered(iv, offer), reply.Claim{Cites: cites})
	if len(refs) == 0 {
		return Grounding{}, false
	}
	g := Grounding{Opposite: opposite(prose, refs)}
	his := slices.DeleteFunc(slices.Clone(refs), func(r sentenceRef) bool { return !r.p.IsInterviewee() })
	if !others {
		g.OthersOnly = len(his) == 0
		refs = his
	}
	for _, r := range refs {
		g.IDs = append(g.IDs, sentenceID(r.p, r.i))
	}
	if share, missing := support(iv, prose, refs); share == 0 && len(missing) == 1 && analysis.IsDigits(missing[0]) {
		g.Figure = missing[0]
	}
	g.Share, _ = support(iv, digits.ReplaceAllString(prose, " "), refs)
	around := groundOf(paragraphsOf(refs), "")
	asked := map[int]bool{}
	for _, r := range refs {
		if ex, ok := iv.Exchange(r.p.Exchange); ok && ex.Question != nil && !asked[ex.Number] {
			asked[ex.Number] = true
			around += "\n" + ex.Question.Text()
		}
	}
	g.Name = ungroundedName(iv, prose, "", around)
	g.About = held(iv, digits.ReplaceAllString(prose, " "), newGround(around))
	return g, true
}

// held is the share of prose's content words that g holds, in some form
// or through a glossary synonym; 0 for prose without any. The
// interviewee's name and Microsoft's count neither way.
func held(iv *corpus.Interview, prose string, g *ground) float64 {
	free := freeWords(iv)
	present := glossaryPresent(g)
	total, n := 0, 0
	for _, w := range foldWords(prose) {
		if free[w.text] || reporting[w.text] || !contentWord(g, w.text) {
			continue
		}
		total++
		if g.holds(w.text) || synonymHeld(w.text, present) {
			n++
		}
	}
	if total == 0 {
		return 0 // "Il a vraiment dit ça ?" is about nothing
	}
	return float64(n) / float64(total)
}
