package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
)

// reply computes the reply to an interaction. An error is turned into an
// ephemeral message by the caller (see errorReply).
func (h *Handler) reply(ctx context.Context, i *discordgo.Interaction) (*Reply, error) {
	p, err := h.prepare(ctx, i)
	if err != nil {
		return nil, err
	}
	return p.reply()
}

// localNames rewrites the commands r names as the user's client shows
// them: in French for a French locale ("/question" for "/ask").
func (h *Handler) localNames(i *discordgo.Interaction, r *Reply) *Reply {
	if r == nil || !strings.HasPrefix(string(i.Locale), "fr") {
		return r
	}
	var texts []string
	for _, m := range r.Messages {
		texts = append(texts, md.Commands(m, h.frNames))
	}
	// A French name may be longer: a message past the bound is cut again,
	// and an update cut in two goes whole to the user alone instead.
	n := len(r.Messages)
	r.Messages = nil
	for _, t := range texts {
		r.Messages = append(r.Messages, md.Split(t, maxContent)...)
	}
	if len(r.Messages) != n && r.Type == discordgo.InteractionResponseUpdateMessage {
		r.Type, r.Ephemeral = discordgo.InteractionResponseChannelMessageWithSource, true
	}
	return r
}

// prepared is an interaction checked and ready to answer.
type prepared struct {
	// reply computes the reply.
	reply func() (*Reply, error)
	// ephemeral says the reply will be shown to the user alone, so that
	// a deferral must be too.
	ephemeral bool
	// slow says a model answers it: defer at once.
	slow bool
}

// prepare runs an interaction's quick checks and returns how to answer
// it. An error is the first response, to the user alone.
func (h *Handler) prepare(ctx context.Context, i *discordgo.Interaction) (prepared, error) {
	p, err := h.route(ctx, i)
	if err != nil {
		return p, err
	}
	compute := p.reply
	p.reply = func() (*Reply, error) {
		r, err := compute()
		return h.localNames(i, r), err
	}
	return p, nil
}

// route finds how to answer an interaction, and runs its quick checks.
func (h *Handler) route(ctx context.Context, i *discordgo.Interaction) (prepared, error) {
	switch data := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return h.prepareCommand(ctx, i, data)
	case discordgo.MessageComponentInteractionData:
		return prepared{reply: func() (*Reply, error) { return h.component(ctx, i, data) }}, nil
	}
	return prepared{}, errUnknownInteraction
}

// prepareCommand routes a command, or its autocomplete, through the
// table, and runs its checks.
func (h *Handler) prepareCommand(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (prepared, error) {
	sc := h.commands.named(data.Name)
	c := &call{ctx: ctx, i: i, data: data, lang: language(i)}
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return prepared{reply: func() (*Reply, error) {
			if sc == nil || sc.complete == nil {
				return suggestions(nil), nil
			}
			return sc.complete(h, c), nil
		}}, nil
	}
	if sc == nil {
		return prepared{}, errUnknownInteraction
	}
	if sc.showsInterview {
		// What shows the interview follows the server's channel list
		// and visibility, as answers do.
		c.gs = h.gate.Settings(ctx, i.GuildID)
		if err := h.allowed(ctx, c.gs, i.ChannelID); err != nil {
			return prepared{}, err
		}
	}
	if sc.check != nil {
		if err := sc.check(h, c); err != nil {
			return prepared{}, err
		}
	}
	return prepared{
		reply:     func() (*Reply, error) { return sc.run(h, c) },
		ephemeral: c.gs.Ephemeral || sc.private,
		slow:      sc.model != nil && c.gs.LLM && sc.model(h),
	}, nil
}
