package check

import (
	"cmp"
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
	// minJudged is the share of a claim's content words that the
	// sentences a model says support it must hold; minBearing, that the
	// passages of those it says contradict it, and the questions they
	// answer, must hold: what a claim says, and what it is about.
	minJudged  = 0.5
	minBearing = 0.4
	// minRestated is the share of what the model says the sentences
	// say that they must hold: the bar of an LLM answer's claims.
	minRestated = 0.7
)

// judged returns r, the offline result for a claim without quotation,
// judged by the model: its verdict stands only if the sentences it cites
// bear it out (the claim for "supported"; for "contradicted", what the
// model says they say instead, and the claim's own words). Otherwise, or
// when the call fails, the offline result stands, and why is reported.
func (c *Checker) judged(ctx context.Context, r Result) Result {
	v, offer, model, err := c.judge.ask(ctx, c, r)
	switch {
	case errors.Is(err, errNothingOffered):
		return r // nothing of the interview to judge it by: it does not say
	case err != nil:
		c.judge.events.LLMFallback("check: call failed", err)
		return r
	}
	why, err := c.verify(&r, v, offer, model)
	if why != "" {
		c.judge.events.LLMFallback("check: "+why, err)
	}
	return r
}

// maxPassages bounds the passages offered to the model.
const maxPassages = 4

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
// the sentences offered and the model's name, as the server gives it.
func (j *judge) ask(ctx context.Context, c *Checker, r Result) (reply.Verdict, []prompts.Sentence, string, error) {
	english := r.Language == lang.English
	res := c.ix.Search(retrieval.Query{Text: r.Text, K: maxPassages})
	data := prompts.Data{Title: c.iv.Title, Interviewee: c.iv.Interviewee, Language: languageName(english),
		// One line: a message's line breaks must not pass for the
		// prompt's own.
		Question:  strings.Join(strings.Fields(r.Text), " "),
		Sentences: answer.PromptSentences(c.iv, c.passages(res), english)}
	if len(data.Sentences) == 0 {
		return reply.Verdict{}, nil, "", errNothingOffered
	}
	system, user, kept, err := prompts.RenderCheck(data)
	if err != nil {
		return reply.Verdict{}, nil, "", err
	}
	ids := make([]string, len(kept))
	for i, s := range kept {
		ids[i] = s.ID
	}
	ctx, cancel := context.WithTimeout(ctx, j.model.Timeout)
	defer cancel()
	comp, err := j.model.Generate(ctx, answer.Prompt{System: system, User: user, Schema: reply.VerdictSchema(ids)})
	if err != nil {
		return reply.Verdict{}, nil, "", err
	}
	model := cmp.Or(comp.Model, j.model.Name)
	j.events.LLMUsage(answer.Usage{Model: model, PromptTokens: comp.PromptTokens, CompletionTokens: comp.CompletionTokens})
	if len(comp.Text) > maxJudgeReply {
		return reply.Verdict{}, nil, "", fmt.Errorf("a reply of %d bytes; the bound is %d", len(comp.Text), maxJudgeReply)
	}
	v, err := reply.ParseVerdict(comp.Text)
	return v, kept, model, err
}

// verify sets r to the model's verdict v if the sentences it cites of
// offer bear it out, and otherwise returns why not. The claim is the
// user's, in their words: it is held to its sentences on each count an
// LLM answer's claim is, but for how much of it they hold, which a chat
// message's own framing lowers.
func (c *Checker) verify(r *Result, v reply.Verdict, offer []prompts.Sentence, model string) (string, error) {
	if v.Verdict == reply.NotAddressed {
		// The safe verdict needs no evidence; the passage that bears
		// most on the claim stays, for the reader to judge.
		r.Verdict, r.JudgedBy, r.Topics = NotInInterview, model, c.topics(r.Text)
		return "", nil
	}
	g, ok := answer.Ground(c.iv, offer, v.Cites, r.Text)
	var why string
	switch {
	case !ok:
		why = "it cites no sentence offered"
	case g.OthersOnly:
		why = "its sentences are the newspaper's or the interviewer's, the claim his"
	case g.Name != "" && !c.mentions(g.Name) && !opensSentence(r.Text, g.Name):
		// A name of the interview's, capitalised where its passages
		// do not ("les États"), is the user's way of writing it, and
		// a capital that opens a sentence names nothing.
		why = fmt.Sprintf("the claim names %q, which the interview does not", g.Name)
	case v.Verdict == reply.Supported && (g.Opposite || c.turned(r.Text, g.IDs)):
		why = "the claim says the opposite of its sentences"
	case v.Verdict == reply.Supported && g.Figure != "":
		why = fmt.Sprintf("its sentences do not give the claim's %s", g.Figure)
	case g.About < minBearing:
		why = fmt.Sprintf("its passages hold %.0f%% of the claim: not what it is about", 100*g.About)
	}
	if why == "" {
		why = c.restated(r.Text, v, offer)
	}
	if why != "" {
		return v.Verdict + ", but " + why, fmt.Errorf("%.200q; cites %q; says %.200q", r.Text, v.Cites, v.TextSays)
	}
	verdict := Supported
	if v.Verdict == reply.Contradicted {
		verdict = Contradicted
	}
	c.setJudged(r, verdict, g.IDs, model)
	return "", nil
}

// turned reports whether the sentence of ids that shares most of a
// claim's words, in French or in our translation, and at least half of
// them, negates where the claim does not, or the other way round: the
// claim turns the sentence it is about around, whatever the others
// cited say. A claim of several clauses is about no one sentence.
func (c *Checker) turned(claim string, ids []string) bool {
	cw := words(claim)
	long := map[string]bool{}
	for _, w := range cw {
		if len(w) > 3 {
			long[w] = true
		}
	}
	var best []string
	most := 0
	for _, id := range ids {
		s, ok := c.sentenceByID(id)
		if !ok {
			continue
		}
		for _, side := range [][]string{s.fr, s.en} {
			n := 0
			for _, w := range side {
				if long[w] {
					n++
				}
			}
			if n > most {
				best, most = side, n
			}
		}
	}
	return most > 0 && 2*most >= len(long) && negated(cw) != negated(best)
}

// opensSentence reports whether name first appears in text where a
// sentence begins.
func opensSentence(text, name string) bool {
	i := strings.Index(text, name)
	if i < 0 {
		return false
	}
	before := strings.TrimRight(text[:i], " \t\"'«“(")
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".!?:\n")
}

// mentions reports whether some sentence of the interview, in French or
// in our translation, writes name.
func (c *Checker) mentions(name string) bool {
	ws := words(name)
	if len(ws) == 0 {
		return false
	}
	for _, s := range c.sentences {
		if slices.Contains(s.fr, ws[0]) || slices.Contains(s.en, ws[0]) {
			return true
		}
	}
	return false
}

// restated returns why what the model says its sentences say does not
// pass as an LLM answer's claim would (the same way round as the claim,
// for "supported": "X, not Y" says what contradicts), or "".
func (c *Checker) restated(claim string, v reply.Verdict, offer []prompts.Sentence) string {
	says, ok := answer.Ground(c.iv, offer, v.Cites, v.TextSays)
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

// setJudged sets r to model's verdict v, resting on the sentences ids.
func (c *Checker) setJudged(r *Result, v Verdict, ids []string, model string) {
	r.Verdict, r.JudgedBy, r.Topics = v, model, nil
	r.Evidence = []Evidence{}
	for _, id := range ids {
		if s, ok := c.sentenceByID(id); ok {
			r.Evidence = append(r.Evidence, *c.evidence(s, false))
		}
	}
}

// sentenceByID returns the sentence a prompt names id ("a7.1/2").
func (c *Checker) sentenceByID(id string) (sentence, bool) {
	for _, s := range c.sentences {
		if fmt.Sprintf("%s/%d", s.p.ID, s.i+1) == id {
			return s, true
		}
	}
	return sentence{}, false
}

func languageName(english bool) string {
	if english {
		return "English"
	}
	return "French"
}
