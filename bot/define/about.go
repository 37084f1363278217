package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// About defines aboutCommand.
func About(_ *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              "What this interview is and how the bot checks its quotes",
		DescriptionLocalizations: new(InFrench("Ce qu’est cet entretien et comment le bot vérifie ses citations")),
	}
}
