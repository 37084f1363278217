package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/answer/reply"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/prompts"
	"github.com/interviewbot/interviewbot/retrieval"
)

// judge is a model that judges claims without quotation, as the
// interview's sentences bear on them.
type judge struct {
	model  answer.Model
	events answer.Events
}

// Bounds on the model's reply, and on what a verdict rests on.
const (
	// maxJudgeReply bounds the reply's text read.
	maxJudgeReply = 16 << 10
	// maxPassages bounds the passages offered to the model.
	maxPassages = 4
	// minBearing is the share of a claim's content words that the
	// passages of the sentences a model cites, and the questions they
	// answer, must hold: what the claim is about.
	minBearing = 0.4
	// minRestated is the share of what the model says the sentences
	// say that they must hold: the bar of an LLM answer's claims.
	minRestated = 0.7
	// maxContradicted is the share of a claim's content words past
	// which the sentences a model says contradict it, all going its
	// way, comparing in its order, with its figures, say what it says.
	maxContradicted = 0.8
)

// The reasons a model's judgement is not used, as events report them: a
// fixed set, the details in the error.
const (
	fallbackCall      = "check: call failed"
	fallbackPrompt    = "check: prompt"
	fallbackTooLong   = "check: reply too long"
	fallbackMalformed = "check: malformed reply"
	fallbackUnproven  = "check: verdict not borne out"
)

// Reasons are the reasons a model's judgement is not used, as
// LLMFallback hears them, so that the metrics can show each from the
// start.
func Reasons() []string {
	return []string{fallbackCall, fallbackPrompt, fallbackTooLong, fallbackMalformed, fallbackUnproven}
}

// judged returns r, the offline result for a claim without quotation,
// judged by the model: its verdict stands only if the sentences it cites
// bear it out. Otherwise, or when the call fails, the offline result
// stands, and why is reported.
func (c *Checker) judged(ctx context.Context, r Result) Result {
	v, offer, reason, err := c.ask(ctx, r)
	switch {
	case errors.Is(err, errNothingOffered):
		return r // nothing of the interview to judge it by
	case reason != "":
		c.judge.events.LLMFallback(reason, err)
		return r
	}
	if err := c.verify(&r, v, offer); err != nil {
		c.judge.events.LLMFallback(fallbackUnproven, err)
	}
	return r
}

// passages are the passages a search found, or, when it abstained (a
// claim's words are often not the interview's: "Google s'en fiche"),
// the answers of the exchanges it came nearest.
func (c *Checker) passages(res retrieval.Result) []retrieval.Hit {
	if len(res.Hits) > 0 {
		return res.Hits
	}
	var out []retrieval.Hit
	for _, n := range res.Nearest {
		ex, ok := c.iv.Exchange(n)
		if !ok {
			continue
		}
		for _, p := range ex.Answers {
			if len(out) == maxPassages {
				return out
			}
			out = append(out, retrieval.Hit{Paragraph: p})
		}
	}
	return out
}

// errNothingOffered says no passage bears on a claim: there is nothing
// to ask a model.
var errNothingOffered = errors.New("no passage to offer")

// ask asks the model for its verdict on r's claim, and returns it with
// the sentences offered, or why there is none to use.
func (c *Checker) ask(ctx context.Context, r Result) (reply.Verdict, []prompts.Sentence, string, error) {
	res := c.ix.Search(retrieval.Query{Text: r.Text, K: maxPassages})
	data := prompts.Data{Title: c.iv.Title, Interviewee: c.iv.Interviewee, Language: r.Language.Name(),
		// One line: a message's line breaks must not pass for the
		// prompt's own.
		Question:  strings.Join(strings.Fields(r.Text), " "),
		Sentences: answer.PromptSentences(c.iv, c.passages(res), r.Language)}
	if len(data.Sentences) == 0 {
		return reply.Verdict{}, nil, "", errNothingOffered
	}
	system, user, kept, err := prompts.RenderCheck(data)
	if err != nil {
		return reply.Verdict{}, nil, fallbackPrompt, err
	}
	ids := make([]string, len(kept))
	for i, s := range kept {
		ids[i] = s.ID
	}
	ctx, cancel := context.WithTimeout(ctx, c.judge.model.Timeout)
	defer cancel()
	comp, err := c.judge.model.Generate(ctx, answer.Prompt{System: system, User: user, Schema: reply.VerdictSchema(ids)})
	if err != nil {
		return reply.Verdict{}, nil, fallbackCall, err
	}
	c.judge.events.LLMUsage(answer.Usage{Model: c.judge.model.Name, PromptTokens: comp.PromptTokens, CompletionTokens: comp.CompletionTokens})
	if len(comp.Text) > maxJudgeReply {
		return reply.Verdict{}, nil, fallbackTooLong, fmt.Errorf("a reply of %d bytes; the bound is %d", len(comp.Text), maxJudgeReply)
	}
	v, err := reply.ParseVerdict(comp.Text)
	if err != nil {
		return reply.Verdict{}, nil, fallbackMalformed, err
	}
	return v, kept, "", nil
}

// verify sets r to the model's verdict v if the sentences it cites of
// offer bear it out, and otherwise says why not. The claim is the user's,
// in their words: it is held to its sentences on each count an LLM
// answer's claim is but one, how much of it they hold, which a chat
// message's own framing lowers; what the model says the sentences say is
// held to that too.
func (c *Checker) verify(r *Result, v reply.Verdict, offer []prompts.Sentence) error {
	if v.Verdict == reply.NotAddressed {
		// The safe verdict needs no evidence; it does not undo whose
		// words the bot found the claim to be.
		if r.Verdict != WrongSpeaker {
			r.Verdict, r.Evidence, r.JudgedBy, r.Topics = NotInInterview, []Evidence{}, c.judge.model.Name, c.topics(r.Text)
		}
		return nil
	}
	others := credited(r.Text)
	g, ok := answer.Ground(c.iv, offer, v.Cites, r.Text, others)
	if !ok {
		return fmt.Errorf("%s citing no sentence offered: %q", v.Verdict, v.Cites)
	}
	why := c.disproved(r.Text, v, g)
	if why == "" {
		why = c.restated(r.Text, v, offer, others)
	}
	if why != "" {
		return fmt.Errorf("%s, but %s: %.200q; cites %q; says %.200q", v.Verdict, why, r.Text, v.Cites, v.TextSays)
	}
	verdict := Supported
	if v.Verdict == reply.Contradicted {
		verdict = Contradicted
	}
	r.Verdict, r.JudgedBy, r.Topics, r.Evidence = verdict, c.judge.model.Name, nil, []Evidence{}
	for _, id := range g.IDs {
		if s, ok := c.byID[id]; ok {
			r.Evidence = append(r.Evidence, *c.evidence(s, false))
		}
	}
	return nil
}

// disproved returns why what the sentences g weighs say of a claim does
// not bear out verdict v, or "".
func (c *Checker) disproved(claim string, v reply.Verdict, g answer.Grounding) string {
	turned, swapped := c.turned(claim, g.IDs), c.swapped(claim, g.IDs)
	switch {
	case g.OthersOnly:
		return "its sentences are the newspaper's or the interviewer's, the claim his"
	case g.Name != "" && !c.hisName(g.Name):
		return fmt.Sprintf("the claim names %q, which his words do not", g.Name)
	case g.About < minBearing:
		return fmt.Sprintf("its passages hold %.0f%% of the claim: not what it is about", 100*g.About)
	case v.Verdict == reply.Supported && (g.Opposite || turned):
		return "the claim says the opposite of its sentences"
	case v.Verdict == reply.Supported && swapped:
		return "the claim compares the other way round"
	case v.Verdict == reply.Supported && g.Figure != "":
		return fmt.Sprintf("its sentences do not give the claim's %s", g.Figure)
	case v.Verdict == reply.Contradicted && g.Share >= maxContradicted && c.sameWay(claim, g.IDs) && !swapped && g.Figure == "":
		return fmt.Sprintf("its sentences hold %.0f%% of the claim, the same way round", 100*g.Share)
	}
	return ""
}

// credited reports whether a claim gives what it says to the newspaper or
// the interviewer, and never names the interviewee: "le journal écrit
// que…", but not "Smith told the newspaper that…".
func credited(claim string) bool {
	ws := words(claim)
	return slices.ContainsFunc(ws, lang.NamesOthers) && !slices.ContainsFunc(ws, func(w string) bool { return w == "smith" || w == "brad" })
}

// contentWords are the words of text that say something, folded: not a
// stop word, an everyday or a framing word, in either language, nor one
// that names the interviewee or the newspaper.
func (c *Checker) contentWords(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range words(text) {
		switch {
		case len(w) < 3, himWords[w], lang.NamesOthers(w), lang.IsNegation(w):
		case c.fr.IsStop(w), c.en.IsStop(w), c.fr.IsCommon(w), c.en.IsCommon(w), c.fr.IsFraming(w), c.en.IsFraming(w):
		default:
			out[w] = true
		}
	}
	return out
}

// turned reports whether a sentence of ids that shares most of a claim's
// content words, in French or in our translation, and at least half of
// them, negates where the claim does not, or the other way round: the
// claim turns a sentence it is about around, whatever the others cited
// say. A claim of several clauses is about no one sentence.
func (c *Checker) turned(claim string, ids []string) bool {
	content := c.contentWords(claim)
	neg := negated(words(claim))
	most, turned := 0, false
	for _, id := range ids {
		s, ok := c.byID[id]
		if !ok {
			continue
		}
		for _, side := range [][]string{s.fr, s.en} {
			seen := map[string]bool{}
			for _, w := range side {
				if content[w] {
					seen[w] = true
				}
			}
			switch n := len(seen); {
			case n > most:
				most, turned = n, negated(side) != neg
			case n == most && n > 0:
				turned = turned || negated(side) != neg
			}
		}
	}
	return most > 0 && 2*most >= len(content) && turned
}

// sameWay reports whether every sentence of ids, in French and in our
// translation, negates where the claim does, and affirms where it does.
func (c *Checker) sameWay(claim string, ids []string) bool {
	neg := negated(words(claim))
	for _, id := range ids {
		if s, ok := c.byID[id]; ok && (negated(s.fr) != neg || len(s.en) > 0 && negated(s.en) != neg) {
			return false
		}
	}
	return true
}

// comparatives mark a comparison, folded; than mark its second term.
var (
	comparatives = map[string]bool{"more": true, "less": true, "better": true, "worse": true, "plus": true, "moins": true, "mieux": true, "davantage": true}
	than         = map[string]bool{"than": true, "que": true, "qu": true}
)

// swapped reports whether a claim compares two things the other way
// round from a sentence of ids: a content word of both before "than"
// in one stands after it in the other ("companies matter more than
// governments" for "the role of governments is more important than that
// of companies").
func (c *Checker) swapped(claim string, ids []string) bool {
	cw := words(claim)
	cb, ok := comparedBefore(cw)
	if !ok {
		return false
	}
	content := c.contentWords(claim)
	for _, id := range ids {
		s, ok := c.byID[id]
		if !ok {
			continue
		}
		for _, side := range [][]string{s.fr, s.en} {
			sb, ok := comparedBefore(side)
			if !ok {
				continue
			}
			for w := range content {
				if b1, in1 := cb[w]; in1 {
					if b2, in2 := sb[w]; in2 && b1 != b2 {
						return true
					}
				}
			}
		}
	}
	return false
}

// comparedBefore maps each word of a comparison to whether it comes
// before its "than", or reports that ws compares nothing.
func comparedBefore(ws []string) (map[string]bool, bool) {
	cmpAt := slices.IndexFunc(ws, func(w string) bool { return comparatives[w] })
	if cmpAt < 0 {
		return nil, false
	}
	thanAt := slices.IndexFunc(ws[cmpAt:], func(w string) bool { return than[w] })
	if thanAt < 0 {
		return nil, false
	}
	thanAt += cmpAt
	out := map[string]bool{}
	for i, w := range ws {
		if _, seen := out[w]; !seen && i != thanAt {
			out[w] = i < thanAt
		}
	}
	return out, true
}

// hisName reports whether every word of name is in the interviewee's own
// sentences, in French or in our translation ("les États").
func (c *Checker) hisName(name string) bool {
	ws := words(name)
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if !c.his[w] {
			return false
		}
	}
	return true
}

// restated returns why what the model says its sentences say does not
// pass as an LLM answer's claim would (for "supported", the same way
// round; "X, not Y" says what contradicts), or "".
func (c *Checker) restated(claim string, v reply.Verdict, offer []prompts.Sentence, others bool) string {
	says, ok := answer.Ground(c.iv, offer, v.Cites, v.TextSays, others || answer.SaysOthers(v.TextSays))
	switch {
	case !ok || strings.TrimSpace(v.TextSays) == "":
		return "it does not say what its sentences say"
	case says.OthersOnly || says.Name != "" || says.Figure != "" || says.Share < minRestated:
		return fmt.Sprintf("what it says its sentences say is not theirs (%.0f%% held, name %q, figure %q)", 100*says.Share, says.Name, says.Figure)
	case v.Verdict == reply.Supported && (says.Opposite || negated(words(claim)) != negated(words(v.TextSays))):
		return "what it says its sentences say turns them, or the claim, around"
	}
	return ""
}
