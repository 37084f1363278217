package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
)

// CheckMessage defines checkMessageCommand.
func CheckMessage(_ *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{Type: discordgo.MessageApplicationCommand}
}

// Check defines checkCommand.
func Check(iv *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              md.Truncate("Check a quote or a claim about "+iv.Interviewee+" against the interview", 100),
		DescriptionLocalizations: new(InFrench(md.Truncate("Vérifier une citation ou une affirmation sur "+iv.Interviewee+" dans l’entretien", 100))),
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "claim", NameLocalizations: InFrench("affirmation"),
			Description: "The quote or claim, as posted", DescriptionLocalizations: InFrench("La citation ou l’affirmation, telle quelle"),
			Required: true, MaxLength: 1000,
		}},
	}
}
