package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// Help defines helpCommand.
func Help(_ *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              "How to use the bot: its commands and buttons",
		DescriptionLocalizations: new(InFrench("Comment utiliser le bot : ses commandes et ses boutons")),
	}
}
