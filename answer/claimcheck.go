package answer

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/answer/reply"
	"github.com/interviewbot/interviewbot/corpus"
)

// Bounds on a reply's claims: past maxClaims they are not read.
const maxClaims = 6

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
func (l *phraser) checkClaims(ctx context.Context, iv *corpus.Interview, question string, offer offered, claims []reply.Claim) ([]checked, string, error) {
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
		refs, reason, err := checkContent(iv, question, prose, refs)
		if reason != "" {
			drop(reason, err)
			continue
		}
		// Quotation marks are ours to put: the words a model marked,
		// checked above, are shown as its words, unmarked.
		kept = append(kept, checked{text: shownProse(withoutQuoteMarks(prose)), refs: refs})
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

// checkContent checks what a claim says against the sentences it cites:
// the names it uses, whose words it reports, which way it turns them,
// and how much of it they support. It returns the sentences the claim
// rests on (a claim that does not say it reports the newspaper rests on
// the interviewee's alone), or why the claim is dropped.
func checkContent(iv *corpus.Interview, question, prose string, refs []sentenceRef) ([]sentenceRef, string, error) {
	if name := ungroundedName(iv, prose, question, groundOf(paragraphsOf(refs), "")); name != "" {
		return nil, "prose names what the passages do not", fmt.Errorf("prose names %q", name)
	}
	says := saysWhose(prose)
	his := slices.DeleteFunc(slices.Clone(refs), func(r sentenceRef) bool { return !r.p.IsInterviewee() })
	if len(his) == 0 && !says {
		return nil, "others' words not said to be theirs", fmt.Errorf("%.200q cites only the article or the questions, and does not say so", prose)
	}
	if !says {
		refs = his // what it does not give to others is his to support
	}
	if opposite(prose, refs) {
		return nil, "claim says the opposite of its sentences", fmt.Errorf("%.200q is %s, its sentences the other way", prose, polarityName(negated(prose)))
	}
	if share, missing := support(iv, prose, refs); share < minSupport {
		return nil, "claim not supported by its sentences", fmt.Errorf("%.0f%% of %.200q supported; not: %s", 100*share, prose, strings.Join(missing, ", "))
	}
	return refs, "", nil
}

// recheck checks again, on its way out of a shared cache, the prose of an
// LLM answer as citeClaims wrote it: each claim, followed by the numbers
// of the citations it rests on, held to them as on a miss. No quotation
// mark may be left in it: the bot took them out.
func recheck(iv *corpus.Interview, question, prose string, cs []Citation) error {
	if reason, err := checkProse(claimMarks.ReplaceAllString(prose, "")); reason != "" {
		return err
	}
	if spans, closed := quotedSpans(prose); len(spans) > 0 || !closed {
		return fmt.Errorf("prose quotes: %.200q", prose)
	}
	last := 0
	for _, m := range claimMarks.FindAllStringIndex(prose, -1) {
		text := strings.TrimSpace(prose[last:m[0]])
		last = m[1]
		var refs []sentenceRef
		for _, n := range claimMark.FindAllString(prose[m[0]:m[1]], -1) {
			k, _ := strconv.Atoi(n[1 : len(n)-1])
			if k < 1 || k > len(cs) {
				return fmt.Errorf("prose cites quote %d of %d", k, len(cs))
			}
			c := cs[k-1]
			for i := c.From; i < c.To; i++ {
				refs = append(refs, sentenceRef{iv.Paragraph(c.ID), i})
			}
		}
		if _, reason, err := checkContent(iv, question, text, refs); reason != "" {
			return fmt.Errorf("%s: %w", reason, err)
		}
	}
	if strings.TrimSpace(prose[last:]) != "" {
		return fmt.Errorf("prose ends with words no quote supports: %.200q", prose[last:])
	}
	return nil
}

// refsOf returns the offered sentences a claim cites, in the order of
// the interview, and those an old-style quote of it comes from.
func refsOf(iv *corpus.Interview, offer offered, c reply.Claim) ([]sentenceRef, error) {
	var refs []sentenceRef
	var errs []error
	c.Cites = c.Cites[:min(len(c.Cites), maxClaimCites)]
	c.Quotes = c.Quotes[:min(len(c.Quotes), maxClaimCites)]
	for _, id := range c.Cites {
		rs := offer.resolve(id)
		if len(rs) == 0 {
			errs = append(errs, fmt.Errorf("%q: not a sentence offered", id))
		}
		refs = append(refs, rs...)
	}
	for _, q := range c.Quotes {
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
	return slices.Compact(refs), errors.Join(errs[:min(len(errs), 3)]...)
}

// maxClaimCites bounds the IDs, or old-style quotes, read of one claim.
const maxClaimCites = 16

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
