package answer

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
	"github.com/interviewbot/interviewbot/tsv"
)

// Bounds on a reply's claims: past maxClaims they are not read.
const maxClaims = 6

// minSupport is the share of a claim's content words that its cited
// sentences (in French or in our translation) or the interview's own
// names must hold, in some form or through a synonym
// of the glossary, for the claim to be shown.
const minSupport = 0.7

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
		if name := ungroundedName(iv, prose, question, corpusText(iv)); name != "" {
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
		l.events.LLMClaimDropped(d.reason, d.err)
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

// corpusText is the whole interview, in French and in our translation:
// its own names (Genève, WannaCry, la deuxième guerre mondiale) are not
// a model's inventions wherever a claim uses them; whether the claim's
// own sentences support it is support's to say. Made once per
// interview.
func corpusText(iv *corpus.Interview) string {
	textMu.Lock()
	defer textMu.Unlock()
	if s, ok := textOf[iv]; ok {
		return s
	}
	var b strings.Builder
	for _, p := range iv.Paragraphs {
		b.WriteString(p.Text() + "\n" + p.Translation() + "\n")
	}
	textOf[iv] = b.String()
	return textOf[iv]
}

var (
	textMu sync.Mutex
	textOf = map[*corpus.Interview]string{}
)

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
// (in French or in our translation) hold, in some form or through a
// glossary synonym, or, at half credit, another sentence of their
// paragraphs, and the words they do not. The interviewee's name and
// Microsoft's count neither way.
// The question does not count: what the asker slipped in is not the
// interview's. Numbers count: a figure the sentences do not give is not
// theirs.
func support(iv *corpus.Interview, prose string, refs []sentenceRef) (float64, []string) {
	g := newGround(groundOf(refs, ""))
	present := glossaryPresent(g)
	// The rest of the cited paragraphs: a claim often gathers a sentence
	// and the one before it, and cites one.
	var around []sentenceRef
	for _, r := range refs {
		for i := range r.p.FR {
			around = append(around, sentenceRef{r.p, i})
		}
	}
	near := newGround(groundOf(slices.Compact(around), ""))
	free := map[string]bool{}
	for _, t := range append([]string{iv.Interviewee}, iv.SubjectTerms...) {
		for _, w := range foldWords(t) {
			free[w.text] = true
		}
	}
	var missing []string
	total, held := 0.0, 0.0
	for _, w := range foldWords(prose) {
		switch {
		case free[w.text]:
			continue // who he is and where he works say nothing of what he said
		case analysis.IsDigits(w.text):
			// A figure is held as written, or names the exchange a
			// cited sentence is from ("in answer 2"); or the claim is
			// not its sentences'.
			if !g.words[w.text] && !exchangeCited(w.text, refs) {
				return 0, []string{w.text}
			}
			total++
			held++
			continue
		case reporting[w.text], !contentWord(g, w.text):
			continue
		}
		total++
		switch {
		case g.holds(w.text):
			held++
		case synonymHeld(w.text, present):
			held++ // spying for espionnage
		case near.holds(w.text):
			// A sentence next to the one cited is not the one cited.
			held += halfCredit
			missing = append(missing, w.text+"~")
		default:
			missing = append(missing, w.text)
		}
	}
	if total == 0 {
		return 1, nil
	}
	return held / total, missing
}

// exchangeCited reports whether n, digits, is the number of the
// exchange of one of refs.
func exchangeCited(n string, refs []sentenceRef) bool {
	return slices.ContainsFunc(refs, func(r sentenceRef) bool { return r.p.Exchange > 0 && strconv.Itoa(r.p.Exchange) == n })
}

// reporting are the words a claim reports with (data/reporting.txt).
var reporting = func() map[string]bool {
	m := map[string]bool{}
	err := tsv.ReadString(reportingWords, "reporting.txt", func(l tsv.Line) error {
		for _, w := range strings.Fields(l.Text) {
			m[w] = true
		}
		return nil
	})
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	return m
}()

//go:embed data/reporting.txt
var reportingWords string

// halfCredit is what a word counts for that only another sentence of a
// cited paragraph holds.
const halfCredit = 0.5

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

// glossaryWords are the glossary's concepts by their one-word terms,
// folded and without a plural s, in both languages, made once. Whole
// words, not stems: "powerful" is not "powers" (a state).
var glossaryWords = sync.OnceValue(func() map[string][]int {
	m := map[string][]int{}
	for ci, c := range analysis.DefaultGlossary().Concepts {
		for _, t := range append(slices.Clone(c.FR), c.EN...) {
			// A word of a longer term is not the term: "activité" is
			// not "activités de renseignement".
			if ws := foldWords(t); len(ws) == 1 {
				k := singular(ws[0].text)
				m[k] = append(m[k], ci)
			}
		}
	}
	return m
})

// singular is w without a plural s.
func singular(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") {
		return w[:len(w)-1]
	}
	return w
}

// glossaryPresent returns the glossary's concepts that a word of the
// ground names.
func glossaryPresent(g *ground) map[int]bool {
	present := map[int]bool{}
	words := glossaryWords()
	for w := range g.words {
		for _, ci := range words[singular(w)] {
			present[ci] = true
		}
	}
	return present
}

// synonymHeld reports whether w names a glossary concept that the ground
// names in other words (spying for espionnage, hackers for piratage).
func synonymHeld(w string, present map[int]bool) bool {
	return slices.ContainsFunc(glossaryWords()[singular(w)], func(ci int) bool { return present[ci] })
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
