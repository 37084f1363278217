package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// statsCommand shows a server's questions, answers, cache and coverage
// gaps, to its moderators.
var statsCommand = &slashCommand{
	name: "stats",
	fr:   "statistiques",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "Questions, answers, cache and coverage gaps on this server (moderators)",
			DescriptionLocalizations: new(inFrench("Questions, réponses, cache et lacunes de couverture sur ce serveur (modération)")),
			DefaultMemberPermissions: &manageGuild,
			Contexts:                 guildOnly,
			Options: []*discordgo.ApplicationCommandOption{{
				Type:                     discordgo.ApplicationCommandOptionString,
				Name:                     "window",
				Description:              "The last 24 hours, the last 7 days, or all time (the default)",
				DescriptionLocalizations: inFrench("Les dernières 24 heures, les 7 derniers jours, ou depuis le début (par défaut)"),
				Choices: []*discordgo.ApplicationCommandOptionChoice{
					{Name: "24 hours", NameLocalizations: inFrench("24 heures"), Value: string(store.Last24h)},
					{Name: "7 days", NameLocalizations: inFrench("7 jours"), Value: string(store.Last7d)},
					{Name: "all time", NameLocalizations: inFrench("depuis le début"), Value: string(store.AllTime)},
				},
			}},
		}
	},
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
