package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/store"
)

// Stats defines statsCommand.
func Stats(_ *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              "Questions, answers, cache and coverage gaps on this server (moderators)",
		DescriptionLocalizations: new(InFrench("Questions, réponses, cache et lacunes de couverture sur ce serveur (modération)")),
		DefaultMemberPermissions: &manageGuild,
		Contexts:                 guildOnly,
		IntegrationTypes:         guildInstall,
		Options: []*discordgo.ApplicationCommandOption{{
			Type:                     discordgo.ApplicationCommandOptionString,
			Name:                     "window",
			Description:              "The last 24 hours, the last 7 days, or all time (the default)",
			DescriptionLocalizations: InFrench("Les dernières 24 heures, les 7 derniers jours, ou depuis le début (par défaut)"),
			Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "24 hours", NameLocalizations: InFrench("24 heures"), Value: string(store.Last24h)},
				{Name: "7 days", NameLocalizations: InFrench("7 jours"), Value: string(store.Last7d)},
				{Name: "all time", NameLocalizations: InFrench("depuis le début"), Value: string(store.AllTime)},
			},
		}},
	}
}
