package answer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Bounds on a reply's claims: past maxClaims they are not read.
const maxClaims = 6

// minSupport is the share of a claim's content words that its cited
// sentences (in French or in our translation) or the interview's own
// names must hold, in some form or through a synonym
// of the glossary, for the claim to be shown.
const minSupport = 0.5

// checked is a claim that passed its checks, with its sentences.
type checked struct {
	text string
	refs []sentenceRef
}

// checkClaims checks each claim against the sentences it cites and keeps
// those that pass. A claim that cites nothing offered, quotes what no
// cited sentence says, names what they do not, credits the newspaper's
// or the interviewer's words to the interviewee, or says what its
// sentences do not support is dropped, and why is reported. A claim that
// imitates our labels or links is hostile: the whole reply is refused.
// With every claim dropped, the reason is the first claim's.
func (l *phraser) checkClaims(ctx context.Context, iv *corpus.Interview, question string, offer offered, claims []claim) ([]checked, string, error) {
	var kept []checked
	type dropped struct {
		reason string
		err    error
	}
	var drops []dropped
	drop := func(reason string, err error) { drops = append(drops, dropped{reason, err}) }
	for i, c := range claims {
		if i == maxClaims {
			drop("too many claims", fmt.Errorf("%d claims past the first %d", len(claims)-i, i))
			break
		}
		if err := ctx.Err(); err != nil {
			return nil, "checking took too long", err
		}
		prose := cleanProse(c.Text)
		if prose == "" {
			continue
		}
		if len(prose) > maxProseBytes {
			return nil, "reply too long", fmt.Errorf("%d bytes of prose; the bound is %d", len(prose), maxProseBytes)
		}
		if reason, err := checkProse(withoutQuoteMarks(prose)); reason != "" {
			return nil, reason, err // hostile: nothing of this reply is shown
		}
		refs, refErr := refsOf(iv, offer, c)
		if reason, err := checkQuoted(prose, groundOf(refs, question)); reason != "" {
			drop(reason, err)
			continue
		}
		if len(refs) == 0 {
			drop("no verified quote", fmt.Errorf("cites %q: %w", c.Cites, refErr))
			continue
		}
		if name := ungroundedName(iv, prose, question, groundOf(refs, "")); name != "" {
			drop("prose names what the passages do not", fmt.Errorf("prose names %q", name))
			continue
		}
		if credited(iv, prose, refs) {
			drop("others' words credited to "+iv.Interviewee, fmt.Errorf("%.200q cites only the article or the questions", prose))
			continue
		}
		if share, missing := support(iv, prose, refs); share < minSupport {
			drop("claim not supported by its sentences", fmt.Errorf("%.0f%% of %.200q supported; not: %s", 100*share, prose, strings.Join(missing, ", ")))
			continue
		}
		kept = append(kept, checked{text: shownProse(prose), refs: refs})
	}
	if len(kept) == 0 {
		if len(drops) == 0 {
			return nil, "malformed reply", errors.New("no claim with text")
		}
		return nil, drops[0].reason, drops[0].err
	}
	// The answer is shown without them: the log says what was left out.
	for _, d := range drops {
		l.events.LLMFallback("claim dropped: "+d.reason, d.err)
	}
	return kept, "", nil
}

// refsOf returns the offered sentences a claim cites, in the order of
// the interview, and those an old-style quote of it comes from.
func refsOf(iv *corpus.Interview, offer offered, c claim) ([]sentenceRef, error) {
	var refs []sentenceRef
	var errs []error
	for _, id := range c.Cites {
		rs := offer.resolve(id)
		if len(rs) == 0 {
			errs = append(errs, fmt.Errorf("%q: not a sentence offered", id))
		}
		refs = append(refs, rs...)
	}
	for _, q := range c.quotes {
		cit, err := verifiedCitation(iv, q.ID, q.Text)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for i := cit.From; i < cit.To; i++ {
			refs = append(refs, sentenceRef{iv.Paragraph(cit.ID), i})
		}
	}
	order := paragraphOrder(iv)
	slices.SortFunc(refs, func(a, b sentenceRef) int {
		if d := order[a.p.ID] - order[b.p.ID]; d != 0 {
			return d
		}
		return a.i - b.i
	})
	return slices.Compact(refs), errors.Join(errs...)
}

// paragraphOrder is each paragraph's place in the interview.
func paragraphOrder(iv *corpus.Interview) map[string]int {
	order := make(map[string]int, len(iv.Paragraphs))
	for i, p := range iv.Paragraphs {
		order[p.ID] = i
	}
	return order
}

// groundOf is the text a claim may draw on: its sentences, our
// translations of them, and the question.
func groundOf(refs []sentenceRef, question string) string {
	var b strings.Builder
	b.WriteString(question)
	for _, r := range refs {
		b.WriteString("\n" + r.p.FR[r.i])
		if r.i < len(r.p.EN) {
			b.WriteString("\n" + r.p.EN[r.i])
		}
	}
	return b.String()
}

// checkQuoted allows quotation marks in prose only around words that the
// ground (the cited sentences, our translations of them, the question)
// holds as written, white space and letter case aside: a model may quote
// the asker or the interview, never make up words and put them in marks.
func checkQuoted(prose, ground string) (reason string, err error) {
	spans, ok := quotedSpans(prose)
	if !ok {
		return "quotation marks in prose", fmt.Errorf("prose opens a quotation it does not close: %.200q", prose)
	}
	g := " " + strings.Join(strings.Fields(strings.ToLower(foldLookalikes(ground))), " ") + " "
	for _, s := range spans {
		span := strings.Join(strings.Fields(strings.ToLower(foldLookalikes(s))), " ")
		if span != "" && !strings.Contains(g, span) {
			return "quotation marks in prose", fmt.Errorf("prose quotes %q, which its sentences do not say: %.200q", s, prose)
		}
	}
	return "", nil
}

// quotedSpans returns what stands between quotation marks in prose (an
// apostrophe inside a word is not one); ok is false for a mark left
// open.
func quotedSpans(prose string) (spans []string, ok bool) {
	open := -1
	for i, r := range prose {
		if !isProseQuote(prose, i, r, open >= 0) {
			continue
		}
		if open < 0 {
			open = i + utf8.RuneLen(r)
			continue
		}
		spans = append(spans, prose[open:i])
		open = -1
	}
	return spans, open < 0
}

// isProseQuote reports whether r, at i in prose, is a quotation mark:
// any quote mark, or an apostrophe that opens a quotation or, inside
// one, closes it (not one inside a word: l’espionnage, Smith's).
func isProseQuote(prose string, i int, r rune, inside bool) bool {
	if r != '\'' && r != '’' {
		return IsQuoteMark(r)
	}
	if !inside {
		return opensQuote(prose, i)
	}
	next, _ := utf8.DecodeRuneInString(prose[i+utf8.RuneLen(r):])
	return !unicode.IsLetter(next)
}

// withoutQuoteMarks is prose with its quotation marks taken out, once
// checkQuoted has found them around the sentences' own words.
func withoutQuoteMarks(prose string) string {
	var b strings.Builder
	inside := false
	for i, r := range prose {
		if isProseQuote(prose, i, r, inside) {
			inside = !inside
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// credited reports whether a claim that cites only the newspaper's or
// the interviewer's sentences gives them to the interviewee by name,
// without saying whose words they are.
func credited(iv *corpus.Interview, prose string, refs []sentenceRef) bool {
	if slices.ContainsFunc(refs, func(r sentenceRef) bool { return r.p.IsInterviewee() }) {
		return false
	}
	names := map[string]bool{}
	for _, w := range foldWords(iv.Interviewee) {
		names[w.text] = true
	}
	named := false
	for _, w := range foldWords(prose) {
		switch {
		case othersWords[w.text]:
			return false
		case names[w.text]:
			named = true
		}
	}
	return named
}

// othersWords say that a claim reports the newspaper's or the
// interviewer's words, in French or English, folded.
var othersWords = map[string]bool{
	"newspaper": true, "article": true, "journal": true, "journalist": true, "journaliste": true,
	"interviewer": true, "intervieweur": true, "introduction": true, "intro": true, "question": true,
	"questions": true, "asked": true, "asks": true, "demande": true, "redaction": true, "presse": true, "press": true,
}

// support returns the share of prose's content words that its sentences
// (in French or in our translation) or the interview's names hold, in
// some form or through a glossary synonym, and the words they do not.
// The question does not count: what the asker slipped in is not the
// interview's. Numbers count: a figure the sentences do not give is not
// theirs.
func support(iv *corpus.Interview, prose string, refs []sentenceRef) (float64, []string) {
	ground := groundOf(refs, "") + "\n" + iv.Interviewee + " " + iv.Title + " " + strings.Join(iv.SubjectTerms, " ")
	g := newGround(ground)
	present := glossaryPresent(g)
	var missing []string
	total := 0
	for _, w := range foldWords(prose) {
		if !contentWord(g, w.text) {
			continue
		}
		total++
		if g.holds(w.text) || synonymHeld(g, w.text, present) {
			continue
		}
		missing = append(missing, w.text)
	}
	if total == 0 {
		return 1, nil
	}
	return float64(total-len(missing)) / float64(total), missing
}

// contentWord reports whether w, folded, says something: not a stop word,
// an everyday word or a framing word in either language, nor a letter.
func contentWord(g *ground, w string) bool {
	switch {
	case utf8.RuneCountInString(w) < 2 && !analysis.IsDigits(w):
		return false
	case g.en.IsStop(w), g.fr.IsStop(w), g.en.IsFraming(w), g.fr.IsFraming(w), g.en.IsCommon(w), g.fr.IsCommon(w):
		return false
	}
	return true
}

// glossaryStems are the glossary's concepts by the stems of their terms'
// words, in both languages, made once.
var glossaryStems = sync.OnceValue(func() map[string][]int {
	m := map[string][]int{}
	fr, en := analysis.New(lang.French), analysis.New(lang.English)
	for ci, c := range analysis.DefaultGlossary().Concepts {
		for _, side := range []struct {
			an    *analysis.Analyzer
			terms []string
		}{{fr, c.FR}, {en, c.EN}} {
			for _, t := range side.terms {
				for _, w := range foldWords(t) {
					m[side.an.Stem(w.text)] = append(m[side.an.Stem(w.text)], ci)
				}
			}
		}
	}
	return m
})

// glossaryPresent returns the glossary's concepts that a word of the
// ground names.
func glossaryPresent(g *ground) map[int]bool {
	present := map[int]bool{}
	stems := glossaryStems()
	for st := range g.stems {
		for _, ci := range stems[st] {
			present[ci] = true
		}
	}
	return present
}

// synonymHeld reports whether w names a glossary concept that the ground
// names in other words (spying for espionnage, hackers for piratage).
func synonymHeld(g *ground, w string, present map[int]bool) bool {
	stems := glossaryStems()
	for _, st := range []string{g.en.Stem(w), g.fr.Stem(w)} {
		for _, ci := range stems[st] {
			if present[ci] {
				return true
			}
		}
	}
	return false
}

// citeClaims returns the citations the claims' sentences make, merged and
// in the order the claims first cite them, and the prose: each claim with
// the numbers of its citations. Claims whose citations do not fit under
// the bounds on quotes are left out.
func citeClaims(iv *corpus.Interview, claims []checked) ([]Citation, string) {
	var cs []Citation
	for _, c := range claims {
		for _, run := range runs(c.refs) {
			cs = addCitation(iv, cs, sentencesOf(iv, run.p, run.from, run.to))
		}
	}
	cs = capQuotes(cs)
	var parts []string
	for _, c := range claims {
		var marks []string
		for n, cit := range cs {
			if slices.ContainsFunc(c.refs, func(r sentenceRef) bool { return r.p.ID == cit.ID && r.i >= cit.From && r.i < cit.To }) {
				marks = append(marks, fmt.Sprintf("[%d]", n+1))
			}
		}
		if len(marks) == 0 {
			continue // its quotes did not fit
		}
		text := strings.TrimRight(c.text, " ")
		parts = append(parts, text+" "+strings.Join(marks, ""))
	}
	return cs, strings.Join(parts, " ")
}

// claimMarks are the numbers citeClaims puts after each claim.
var claimMarks = regexp.MustCompile(` ?(\[[0-9]+\])+`)

// run is sentences [from, to) of a paragraph.
type run struct {
	p        *corpus.Paragraph
	from, to int
}

// runs groups refs, in order, into runs of consecutive sentences.
func runs(refs []sentenceRef) []run {
	var out []run
	for _, r := range refs {
		if n := len(out); n > 0 && out[n-1].p == r.p && out[n-1].to == r.i {
			out[n-1].to++
			continue
		}
		out = append(out, run{r.p, r.i, r.i + 1})
	}
	return out
}
