package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// statsCommand shows a server's questions, answers, cache and coverage
// gaps, to its moderators.
var statsCommand = &slashCommand{
	name:   "stats",
	fr:     "statistiques",
	define: define.Stats,
	run: func(h *Handler, c *call) (*Reply, error) {
		raw, _ := stringOption(c.data.Options, "window")
		w, err := store.ParseWindow(raw)
		if err != nil {
			return nil, errUnknownInteraction
		}
		return h.showStats(c.ctx, c.i, w, c.lang)
	},
	private: true,
}

func (h *Handler) showStats(ctx context.Context, i *discordgo.Interaction, w store.Window, l lang.Language) (*Reply, error) {
	if !inGuild(i) {
		return nil, errNotModerator
	}
	st, err := h.store.Stats(ctx, i.GuildID, w, 5)
	if err != nil {
		return nil, &userError{fr: "Statistiques indisponibles pour l’instant.", en: "Statistics are unavailable right now.", kind: "unavailable", cause: err}
	}
	return message(md.Stats(h.iv, st, w, h.retention, l), true), nil
}
