package bot

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/lang"
)

// quoteCommand gives one verbatim quote on a topic, or a random one.
var quoteCommand = &slashCommand{
	name:   "quote",
	fr:     "citation",
	define: define.Quote,
	run: func(h *Handler, c *call) (*Reply, error) {
		topic, _ := stringOption(c.data.Options, "topic")
		return h.quote(c, topic)
	},
	complete:       func(h *Handler, c *call) *Reply { return h.autocomplete(c, false) },
	showsInterview: true,
}

// quote gives one verbatim quote on topic, or a random one.
func (h *Handler) quote(c *call, topic string) (*Reply, error) {
	ctx, i, locale, gs := c.ctx, c.i, c.lang, c.gs
	if strings.TrimSpace(topic) == "" {
		return h.randomQuote(locale, gs.Ephemeral), nil
	}
	if err := h.admit(ctx, i.GuildID, i.ChannelID, userID(i), gs); err != nil {
		return nil, err
	}
	a, err := h.ask(ctx, answer.Request{Text: topic, Hint: locale}) // no LLM: a quote is the interview's words alone
	if err != nil {
		return nil, err
	}
	h.record(ctx, i.GuildID, a)
	for _, c := range a.Citations {
		if c.Speaker == h.iv.Interviewee {
			r := message(md.Quote(h.iv, c, a.Language), gs.Ephemeral, h.readerLinks(a.Language, c.ID)...)
			r.outcome = answerOutcome(a)
			return r, nil
		}
	}
	if a.Abstained {
		r := message(a.Text, gs.Ephemeral, h.answerButtons(a)...)
		r.outcome = answerOutcome(a)
		return r, nil
	}
	return nil, &userError{
		fr: fmt.Sprintf("%s ne parle pas de ce sujet dans ses réponses ; essayez /ask.", h.iv.Interviewee),
		en: fmt.Sprintf("%s’s answers do not cover this; try /ask.", h.iv.Interviewee),
	}
}

// minQuoteLen keeps random quotes to sentences that stand on their own.
const minQuoteLen = 60

func (h *Handler) randomQuote(l lang.Language, ephemeral bool) *Reply {
	// Sentences that stand on their own, or any of his sentences in an
	// interview that has none that long.
	var pool, all []answer.Citation
	for _, p := range h.iv.Paragraphs {
		if !p.IsInterviewee() {
			continue
		}
		for s, fr := range p.FR {
			c := answer.Citation{ID: p.ID, Exchange: p.Exchange, Speaker: p.Speaker, Quote: fr, Translation: p.EN[s], From: s, To: s + 1}
			all = append(all, c)
			if len(fr) >= minQuoteLen {
				pool = append(pool, c)
			}
		}
	}
	if len(pool) == 0 {
		pool = all
	}
	if len(pool) == 0 {
		return message(tr(l, "L’entretien n’a pas encore de réponse à citer.", "The interview has no answer to quote."), true)
	}
	c := pool[rand.IntN(len(pool))]
	return message(md.Quote(h.iv, c, l), ephemeral, h.readerLinks(l, c.ID)...)
}
