package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// Glossary defines glossaryCommand.
func Glossary(_ *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              "What a term of the interview means, and where it is used",
		DescriptionLocalizations: new(InFrench("Ce que veut dire un terme de l’entretien, et où il est employé")),
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "term", Description: "A term (leave empty for the list)",
			NameLocalizations:        InFrench("terme"),
			DescriptionLocalizations: InFrench("Un terme (vide : la liste)"),
			Autocomplete:             true, MaxLength: 100,
		}},
	}
}
