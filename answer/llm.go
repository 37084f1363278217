package answer

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/answer/reply"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/prompts"
	"github.com/interviewbot/interviewbot/retrieval"
)

// LLMMode marks answers phrased by an LLM around verified quotes.
const LLMMode Mode = "llm"

// Completion is what a model returned for one prompt.
type Completion struct {
	Text                           string
	Model                          string
	PromptTokens, CompletionTokens int
}

// Prompt is what a model is asked: a system and a user prompt, and the
// JSON schema of the reply, for servers that take one.
type Prompt struct {
	System, User string
	Schema       json.RawMessage
}

// Generate asks a model to complete a prompt. The caller's ctx sets the
// deadline.
type Generate func(ctx context.Context, p Prompt) (Completion, error)

// Usage is the token count of the LLM call behind an answer.
type Usage struct {
	Model            string `json:"model"`
	PromptTokens     int    `json:"prompt_tokens"`
	CompletionTokens int    `json:"completion_tokens"`
}

// Model is a language model that may phrase answers: what generates, its
// name (for cache keys and usage), and the bound on one call and the
// checking of its reply.
type Model struct {
	Generate Generate
	Name     string
	Timeout  time.Duration
}

// phraser phrases answers with a model, which points at the sentences
// its claims rest on and never quotes: each claim is checked against its
// sentences, and only the published sentences are shown as quotes.
// Whatever fails (the call, the reply, every claim) gives the extractive
// answer instead.
type phraser struct {
	c      *composer
	model  Model
	events Events
}

// keyPart identifies the model and prompts in cache keys.
func (l *phraser) keyPart() string {
	return string(LLMMode) + "/" + l.model.Name + "/" + prompts.Version
}

// answer answers q with the model, or extractively when the interview does
// not cover q or the model's reply fails the checks.
func (l *phraser) answer(ctx context.Context, q retrieval.Query) (Answer, error) {
	ext, err := l.c.answer(q)
	if err != nil || ext.Abstained || ext.Meta != "" || quotesAsked(ext) || ext.translated || ext.check != "" || len(ext.quoted) > 0 {
		// Nothing to phrase: never ask a model to fill a gap, nor to
		// retell what the interview's description or the journalist's
		// question already says, nor a translation asked for; and
		// whose words a quote is, only the text decides.
		return ext, err
	}
	a, reason, err := l.phrase(ctx, q, ext)
	if reason != "" {
		l.events.LLMFallback(reason, err)
		return ext, nil
	}
	return a, nil
}

// quotesAsked reports whether a quotes the journalist's questions: what
// was asked, which a model has nothing to add to.
func quotesAsked(a Answer) bool {
	return slices.ContainsFunc(a.Citations, func(c Citation) bool { return c.Speaker == corpus.SpeakerInterviewer })
}

// phrase returns the LLM answer, or the reason to fall back.
func (l *phraser) phrase(ctx context.Context, q retrieval.Query, ext Answer) (Answer, string, error) {
	iv := l.c.ix.Interview()
	data := l.promptData(ext)
	system, user, kept, err := prompts.Render(data)
	if err != nil {
		return Answer{}, "prompt", err
	}
	offer := newOffered(iv, kept)
	ids := make([]string, len(kept))
	for i, s := range kept {
		ids[i] = s.ID
	}
	// One deadline for the call and for checking what it returned.
	ctx, cancel := context.WithTimeout(ctx, l.model.Timeout)
	defer cancel()
	comp, err := l.model.Generate(ctx, Prompt{System: system, User: user, Schema: reply.Schema(ids)})
	if err != nil {
		return Answer{}, "call failed", err
	}
	usage := &Usage{Model: cmp.Or(comp.Model, l.model.Name), PromptTokens: comp.PromptTokens, CompletionTokens: comp.CompletionTokens}
	l.events.LLMUsage(*usage)
	if len(comp.Text) > maxReplyText {
		return Answer{}, "reply too long", fmt.Errorf("%d bytes of text; the bound is %d", len(comp.Text), maxReplyText)
	}
	r, err := reply.Parse(comp.Text)
	if err != nil {
		return Answer{}, "malformed reply", err
	}
	if !r.Covered && len(r.Claims) == 0 {
		return Answer{}, "the model says the passages do not answer", nil
	}
	claims, reason, err := l.checkClaims(ctx, iv, ext.Question, offer, r.Claims)
	if reason != "" {
		return Answer{}, reason, err
	}
	a := Answer{
		Question: ext.Question, Language: ext.Language, Confidence: ext.Confidence, Citations: []Citation{}, Mode: LLMMode, Cache: ext.Cache,
		Usage: usage,
	}
	var prose string
	var left []string
	a.Citations, prose, left = citeClaims(iv, claims)
	for _, c := range left {
		l.events.LLMClaimDropped("past the bounds on what is shown", fmt.Errorf("%.200q", c))
	}
	if len(a.Citations) == 0 {
		return Answer{}, "no verified quote", errors.New("no claim kept a sentence to show")
	}
	if err := verifyAll(iv, a.Citations); err != nil {
		return Answer{}, "quote failed its check", err
	}
	if err := ctx.Err(); err != nil {
		return Answer{}, "checking took too long", err
	}
	a.prose = prose
	a.Text = renderLLM(iv, a, a.prose)
	return a, "", nil
}

// promptData is what the prompt offers the model for ext's question: the
// sentences of the passages the search finds, best first, with whose
// words each is, and, for an English asker, our translations.
func (l *phraser) promptData(ext Answer) prompts.Data {
	iv := l.c.ix.Interview()
	res := l.c.ix.Search(retrieval.Query{Text: ext.Question, Lang: ext.Language, K: 4})
	data := prompts.Data{Title: iv.Title, Interviewee: iv.Interviewee, Language: ext.Language.Name(), Question: ext.Question}
	data.Sentences = PromptSentences(iv, res.Hits, ext.Language)
	return data
}

// Bounds on a model's reply. A reply past one is not used: the answer
// falls back to the extractive one, and the log says why.
const (
	// maxReplyText bounds the reply's text (the HTTP body is bounded
	// before it, in package llm).
	maxReplyText = 64 << 10
	// maxProseBytes bounds a claim's text: asked for a short sentence,
	// it is shown cut to maxProse runes, as are all the claims together.
	maxProseBytes = 4 * maxProse
	// maxReplyQuotes bounds the quotes a cached answer may hold.
	maxReplyQuotes = 16
	// maxQuotes and maxQuoteRunes bound the quotes shown, with their
	// translations, so that an answer and its prose fit in two messages
	// of Discord's 2,000 characters.
	maxQuotes     = 4
	maxQuoteRunes = 2400
)

// addCitation adds c to cs, merged with every citation of cs from the
// same paragraph whose sentences it overlaps: pieces of one sentence are
// one quote, and no sentence is shown twice. The merged quote takes the
// place of the first it merges.
func addCitation(iv *corpus.Interview, cs []Citation, c Citation) []Citation {
	at := len(cs)
	for i := 0; i < len(cs); i++ {
		o := cs[i]
		if o.ID != c.ID || c.From >= o.To || o.From >= c.To {
			continue
		}
		c = sentencesOf(iv, iv.Paragraph(c.ID), min(c.From, o.From), max(c.To, o.To))
		cs = slices.Delete(cs, i, i+1)
		at = min(at, i)
		i = -1 // the wider quote may overlap one already passed
	}
	return slices.Insert(cs, min(at, len(cs)), c)
}

// capQuotes keeps the first maxQuotes quotes, and of those the first that
// fit, with their translations, in maxQuoteRunes; at least one.
func capQuotes(cs []Citation) []Citation {
	n := 0
	for i, c := range cs[:min(len(cs), maxQuotes)] {
		if n += utf8.RuneCountInString(c.Quote) + utf8.RuneCountInString(c.Translation); i > 0 && n > maxQuoteRunes {
			return cs[:i]
		}
	}
	return cs[:min(len(cs), maxQuotes)]
}

// minQuoteWords keeps a "quote" of a word or two, which is verbatim
// almost anywhere, from passing as the interviewee's words.
const minQuoteWords = 3

// verifiedCitation checks that text is verbatim, up to white space and
// typography, in the interviewee's paragraph id, and returns the citation
// of the whole sentences it comes from, in the published words (not the
// model's copy of them): a piece cut from a sentence ("devrait être
// au-dessus des lois") can mislead, however verbatim.
func verifiedCitation(iv *corpus.Interview, id, text string) (Citation, error) {
	p := iv.Paragraph(id)
	switch {
	case p == nil:
		return Citation{}, fmt.Errorf("%s: no such passage", id)
	case !p.IsInterviewee():
		return Citation{}, fmt.Errorf("%s: not %s's words (%s)", id, iv.Interviewee, p.Role)
	case len(text) > 2*len(p.Text())+64:
		return Citation{}, fmt.Errorf("%s: quote longer than the passage (%d bytes)", id, len(text))
	case len(strings.Fields(fold(text, typography))) < minQuoteWords:
		return Citation{}, fmt.Errorf("%s: quote too short to check: %q", id, text)
	}
	from, to, ok := locate(p.Text(), text, typography)
	if !ok {
		return Citation{}, fmt.Errorf("%s: not verbatim: %.200q", id, text)
	}
	first, last := sentenceSpan(p, from, to)
	return sentencesOf(iv, p, first, last), nil
}

// sentenceSpan returns the sentences [first, last) of p that the bytes
// [from, to) of its text overlap.
func sentenceSpan(p *corpus.Paragraph, from, to int) (first, last int) {
	pos := 0
	first, last = -1, 0
	for i, s := range p.FR {
		end := pos + len(s)
		if end > from && pos < to {
			if first < 0 {
				first = i
			}
			last = i + 1
		}
		pos = end + 1
	}
	return max(first, 0), max(last, 1)
}
