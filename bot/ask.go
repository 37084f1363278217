package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// askCommand answers a question with the interviewee's exact words.
var askCommand = &slashCommand{
	name:   "ask",
	fr:     "question",
	define: define.Ask,
	check: func(h *Handler, c *call) error {
		q, _ := stringOption(c.data.Options, "question")
		var err error
		c.gs, c.request, err = h.checkAsk(c.ctx, c.i.GuildID, c.i.ChannelID, userID(c.i), q)
		return err
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		return h.answerAsk(c.ctx, c.i.GuildID, c.gs, c.request, c.lang)
	},
	complete:   func(h *Handler, c *call) *Reply { return h.autocomplete(c, true) },
	components: []*componentKind{exchangeButton, toggleButton, quotesButton, voteButton},
	model:      func(h *Handler) bool { return h.answers.HasLLM() },
}

// askIn answers a question asked in a server's channel, within its
// settings and rate limits, in the question's own language or, when it
// cannot tell (a lone name), the user's locale.
func (h *Handler) askIn(ctx context.Context, guildID, channelID, user, q string, locale lang.Language) (*Reply, error) {
	gs, r, err := h.checkAsk(ctx, guildID, channelID, user, q)
	if err != nil {
		return nil, err
	}
	return h.answerAsk(ctx, guildID, gs, r, locale)
}

// checkAsk is what an answer needs checked first, quickly, so that a
// refusal is an ephemeral first response, never a deferred public one:
// the channel, the rate limits and the question itself. It returns the
// server's settings and the request for the question, checked, so that
// the answer service does not check it again.
func (h *Handler) checkAsk(ctx context.Context, guildID, channelID, user, q string) (store.GuildSettings, answer.Request, error) {
	gs := h.gate.Settings(ctx, guildID)
	if err := h.admit(ctx, guildID, channelID, user, gs); err != nil {
		return gs, answer.Request{}, err
	}
	r, err := answer.Request{Text: q}.Check()
	return gs, r, questionError(err)
}

// answerAsk answers req, a request checkAsk has checked, within the
// server's settings gs.
func (h *Handler) answerAsk(ctx context.Context, guildID string, gs store.GuildSettings, req answer.Request, locale lang.Language) (*Reply, error) {
	req.Hint, req.LLM = locale, gs.LLM
	a, err := h.ask(ctx, req)
	if err != nil {
		return nil, err
	}
	h.record(ctx, guildID, a)
	text := fmt.Sprintf("**%s** %s\n\n%s", tr(a.Language, "Question :", "Question:"), md.Escape(md.Truncate(a.Question, 300)), a.Text)
	r := message(text, gs.Ephemeral, h.answerButtons(a)...)
	r.outcome = answerOutcome(a)
	return r, nil
}

// ask answers r, turning bad questions into messages for the user.
func (h *Handler) ask(ctx context.Context, r answer.Request) (answer.Answer, error) {
	a, err := h.answers.Answer(ctx, r)
	return a, questionError(err)
}

// questionError turns a question's faults into messages for the user.
func questionError(err error) error {
	switch {
	case errors.Is(err, answer.ErrEmptyQuestion):
		return &userError{fr: "Posez une question : le texte est vide.", en: "Please ask a question: the text is empty."}
	case errors.Is(err, answer.ErrQuestionTooLong):
		return &userError{
			fr: fmt.Sprintf("Votre question dépasse %d caractères ; raccourcissez-la.", answer.MaxQuestionLen),
			en: fmt.Sprintf("Your question is longer than %d characters; please shorten it.", answer.MaxQuestionLen),
		}
	}
	return err
}

// autocomplete suggests the interview's topics, and with questions its
// questions, that share a word with what the user has typed so far.
func (h *Handler) autocomplete(c *call, questions bool) *Reply {
	l, data := c.lang, c.data
	typed, _ := focused(data.Options)
	words := strings.Fields(answer.Normalize(typed))
	var choices []*discordgo.ApplicationCommandOptionChoice
	seen := map[string]bool{}
	add := func(s string) {
		// A choice is asked as it reads: whole, never cut.
		if s == "" || utf8.RuneCountInString(s) > maxChoiceLen || seen[s] || len(choices) == maxChoices {
			return
		}
		f := answer.Normalize(s)
		for _, w := range words {
			if !strings.Contains(f, w) {
				return
			}
		}
		seen[s] = true
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: s, Value: s})
	}
	// What they typed comes first, so that picking it asks it as is; but
	// not cut: a choice holds 100 characters at most.
	fits := utf8.RuneCountInString(strings.TrimSpace(typed)) <= maxChoiceLen
	if len(words) > 0 && questions && fits {
		add(strings.TrimSpace(typed))
	}
	for _, ex := range h.iv.Exchanges() {
		add(ex.Topic(l))
	}
	if questions {
		// The journalist's questions that fit whole; the others, cut,
		// would ask what they do not read: their topics stand for them.
		for _, ex := range h.iv.Exchanges() {
			if l.IsEnglish() {
				add(ex.Question.Translation())
			} else {
				add(ex.Question.Text())
			}
		}
	}
	if len(choices) == 0 && len(words) > 0 && fits {
		add(strings.TrimSpace(typed)) // nothing of the interview matches: the text as typed
	}
	return suggestions(choices)
}
