package check

import (
	"slices"

	"github.com/interviewbot/interviewbot/lang"
)

// minAltered is the share of a quotation's words that a passage of the
// interview must hold, in order, for the quotation to be an altered
// version of it rather than words the interview does not have.
const minAltered = 0.6

// quotation checks one quotation: word for word in a sentence (whose,
// and whose the message says it is), or in our translation, or close to
// a sentence, with what was changed, or not in the interview. others
// says the message gives the quotation to the newspaper or the
// journalist, not the interviewee.
func (c *Checker) quotation(q string, others bool) Span {
	qw, qShown := wordsShown(q)
	span := Span{Quote: q, Verdict: NotInInterview}
	for _, ours := range []bool{false, true} {
		for _, s := range c.sentences {
			at := index(s.side(ours), qw)
			if at < 0 {
				continue
			}
			span.Evidence = c.evidence(s, ours)
			switch {
			case s.p.IsInterviewee() == others:
				// The newspaper's words given to him, or his to the
				// newspaper.
				span.Verdict = WrongSpeaker
			case cutNegation(s.side(ours), at):
				// Verbatim, cut just after the negation that turns it
				// around: "l’arrêt de cette activité" of "Nous ne
				// défendons pas l’arrêt de cette activité".
				span.Verdict, span.NegationChanged = Altered, true
				span.Diff = diff(qw, qShown, s.side(ours), s.sideShown(ours))
			case ours:
				// Our translation's words: his meaning, never his words.
				span.Verdict = Supported
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
	// Altered, compared with the one sentence it is closest to, not a run
	// across sentences: his sentence, and what was changed in it.
	span.Verdict = Altered
	span.Evidence = c.evidence(best.s, best.ours)
	span.Diff = diff(qw, qShown, best.s.side(best.ours), best.s.sideShown(best.ours))
	span.NegationChanged = negated(qw) != negated(best.s.side(best.ours))
	return span
}

// cutNegation reports whether a quotation found at word at of a sentence
// starts just after a negation of it (within three words).
func cutNegation(sentence []string, at int) bool {
	return negated(sentence[max(0, at-3):at])
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
	s      sentence // the sentence of the passage closest to it
	ours   bool     // in our translation
	common int      // words in common with the passage, in order
	ratio  float64  // common over the quotation's words
}

// closest returns the paragraph that holds most of qw's words in order,
// in French or in our translation (a quotation may splice two of its
// sentences), and, of its sentences, the one that holds most of them;
// the interviewee's paragraphs first on a tie.
func (c *Checker) closest(qw []string) match {
	var best match
	for _, ours := range []bool{false, true} {
		for _, p := range c.paras {
			var all []string
			for _, s := range p {
				all = append(all, s.side(ours)...)
			}
			n := lcs(qw, all)
			ratio := float64(n) / float64(len(qw))
			if n == 0 || ratio < best.ratio || ratio == best.ratio && (!p[0].p.IsInterviewee() || best.s.p != nil && best.s.p.IsInterviewee()) {
				continue
			}
			best = match{s: p[0], ours: ours, common: n, ratio: ratio}
			most := 0
			for _, s := range p {
				if k := lcs(qw, s.side(ours)); k > most {
					best.s, most = s, k
				}
			}
		}
	}
	return best
}

// paragraphs returns the sentences grouped by paragraph.
func paragraphs(ss []sentence) [][]sentence {
	var out [][]sentence
	for _, s := range ss {
		if n := len(out); n > 0 && out[n-1][0].p == s.p {
			out[n-1] = append(out[n-1], s)
			continue
		}
		out = append(out, []sentence{s})
	}
	return out
}

// index returns where run is in ws, in order and together, or -1.
func index(ws, run []string) int {
	for i := 0; i+len(run) <= len(ws); i++ {
		if slices.Equal(ws[i:i+len(run)], run) {
			return i
		}
	}
	return -1
}

// negated reports whether words hold a negation.
func negated(ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return lang.IsNegation(w) })
}
