package check

import "slices"

// minAltered is the share of a quotation's words that a passage of the
// interview must hold, in order, for the quotation to be an altered
// version of it rather than words the interview does not have.
const minAltered = 0.6

// maxRetranslated is the share of a quotation's words, in order, that
// our translation may hold for the quotation to be another translation
// of his words: past it, the quotation is ours with words changed.
const maxRetranslated = 0.85

// quotation checks one quotation: word for word in a sentence (whose,
// and whether the message says so), or in our translation, or close to
// a passage, with what was changed, or not in the interview.
func (c *Checker) quotation(q string, others bool) Span {
	qw, qShown := wordsShown(q)
	span := Span{Quote: q, Verdict: NotInInterview}
	for _, ours := range []bool{false, true} {
		for _, s := range c.sentences {
			if !contains(s.side(ours), qw) {
				continue
			}
			span.Evidence = c.evidence(s, ours)
			switch {
			case !s.p.IsInterviewee() && !others:
				span.Verdict = WrongSpeaker
			case ours:
				span.Verdict = Supported // our translation's words: his meaning, not his words
			default:
				span.Verdict = Verbatim
			}
			return span
		}
	}
	best := c.closest(qw)
	if best.ratio < minAltered || best.common < minQuoteWords {
		return span
	}
	span.Verdict = Altered
	span.Evidence = c.evidence(best.s, best.ours)
	region := best.words
	span.Diff = diff(qw, qShown, region, best.shown)
	span.NegationChanged = negated(qw) != negated(region)
	if best.ours && !span.NegationChanged && best.s.p.IsInterviewee() && best.ratio < maxRetranslated {
		// Another translation of his words is not a misquote of them:
		// what his words mean, as ours puts it, with the French to show.
		// Ours word for word but a word or two is a misquote of ours.
		span.Verdict = Supported
	}
	return span
}

// side returns the sentence's French words, or our translation's.
func (s sentence) side(ours bool) []string {
	if ours {
		return s.en
	}
	return s.fr
}

// sideShown is side, the words as written.
func (s sentence) sideShown(ours bool) []string {
	if ours {
		return s.enShown
	}
	return s.frShown
}

// match is the passage closest to a quotation.
type match struct {
	s      sentence // the sentence the match mostly falls in
	ours   bool     // in our translation
	words  []string // the passage's words the match spans
	shown  []string // the same, as written
	common int      // words in common, in order
	ratio  float64  // common over the quotation's words
}

// closest returns the run of a paragraph's words that holds most of qw's
// words in order, in French or in our translation; the interviewee's
// paragraphs first on a tie.
func (c *Checker) closest(qw []string) match {
	var best match
	for _, ours := range []bool{false, true} {
		for _, p := range c.paragraphs() {
			var all, allShown []string
			for _, s := range p {
				all = append(all, s.side(ours)...)
				allShown = append(allShown, s.sideShown(ours)...)
			}
			n, from, to := lcs(qw, all)
			ratio := float64(n) / float64(len(qw))
			if n == 0 || ratio < best.ratio || ratio == best.ratio && (!p[0].p.IsInterviewee() || best.s.p != nil && best.s.p.IsInterviewee()) {
				continue
			}
			best = match{s: p[sentenceAt(p, ours, (from+to)/2)], ours: ours, words: all[from:to], shown: allShown[from:to], common: n, ratio: ratio}
		}
	}
	return best
}

// paragraphs returns the sentences grouped by paragraph.
func (c *Checker) paragraphs() [][]sentence {
	var out [][]sentence
	for _, s := range c.sentences {
		if n := len(out); n > 0 && out[n-1][0].p == s.p {
			out[n-1] = append(out[n-1], s)
			continue
		}
		out = append(out, []sentence{s})
	}
	return out
}

// sentenceAt returns which sentence of p holds word k of its words.
func sentenceAt(p []sentence, ours bool, k int) int {
	for i, s := range p {
		if k < len(s.side(ours)) {
			return i
		}
		k -= len(s.side(ours))
	}
	return len(p) - 1
}

// contains reports whether run is in words, in order and together.
func contains(ws, run []string) bool {
	for i := 0; i+len(run) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// negations are the words that turn a sentence around, folded ("n" is
// French's n’, "t" English's n't).
var negations = map[string]bool{
	"ne": true, "n": true, "pas": true, "jamais": true, "aucun": true, "aucune": true, "rien": true, "nul": true,
	"not": true, "no": true, "never": true, "nobody": true, "none": true, "nothing": true, "cannot": true, "t": true, "neither": true, "nor": true,
}

// negated reports whether words hold a negation.
func negated(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return negations[w] })
}
