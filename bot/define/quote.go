package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
)

// Quote defines quoteCommand.
func Quote(iv *corpus.Interview) *discordgo.ApplicationCommand {
	who := iv.Interviewee
	return &discordgo.ApplicationCommand{
		Description:              md.Truncate("One verbatim quote of "+who+" on a topic, or a random one", 100),
		DescriptionLocalizations: new(InFrench(md.Truncate("Une citation exacte de "+who+" sur un sujet, ou au hasard", 100))),
		Options: []*discordgo.ApplicationCommandOption{{
			Type:                     discordgo.ApplicationCommandOptionString,
			Name:                     "topic",
			Description:              "A topic or a few keywords",
			DescriptionLocalizations: InFrench("Un sujet ou quelques mots-clés"),
			Autocomplete:             true,
			MaxLength:                200,
		}},
	}
}
