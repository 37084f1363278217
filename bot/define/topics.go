package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// Topics defines topicsCommand.
func Topics(_ *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              "List the interview's exchanges",
		DescriptionLocalizations: new(InFrench("Lister les échanges de l’entretien")),
	}
}
