package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// Timeline defines timelineCommand.
func Timeline(_ *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              "The dated events the interview mentions, in order",
		DescriptionLocalizations: new(InFrench("Les événements datés que cite l’entretien, dans l’ordre")),
	}
}
