package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// The kinds of item /discuss gives.
const (
	DiscussPrompts = "prompts" // discussion prompts, of every angle
	DiscussSource  = "source"  // prompts on the interview as a document
	DiscussOpen    = "open"    // open questions, with a model answer
)

// levelOption is a class's level, by what it asks: /discuss's and
// /quiz's.
func levelOption() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: "level", Description: "Comprehension (lower secondary) or critical reading (upper secondary, university); default both",
		NameLocalizations:        InFrench("niveau"),
		DescriptionLocalizations: InFrench("Compréhension (collège, seconde) ou analyse critique (1re, Terminale, fac) ; les deux par défaut"),
		Choices: []*discordgo.ApplicationCommandOptionChoice{
			{Name: "comprehension (lower secondary)", NameLocalizations: InFrench("compréhension (collège, seconde)"), Value: classroom.Secondary},
			{Name: "critical reading (upper secondary, university)", NameLocalizations: InFrench("analyse critique (1re, Terminale, université)"), Value: classroom.University},
		},
	}
}

// Discuss defines discussCommand.
func Discuss(iv *corpus.Interview) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Description:              "Discussion prompts for a class, on what " + iv.Interviewee + " says",
		DescriptionLocalizations: new(InFrench(md.Truncate("Des sujets de discussion pour la classe, sur ce que dit "+iv.Interviewee, 100))),
		Options: []*discordgo.ApplicationCommandOption{
			exchangeOption(iv, "The exchange (default: one at random)", "L’échange (par défaut : au hasard)"),
			levelOption(),
			{
				Type: discordgo.ApplicationCommandOptionString, Name: "kind", Description: "Discussion prompts, the interview as a document, or open questions (default: prompts)",
				NameLocalizations:        InFrench("type"),
				DescriptionLocalizations: InFrench("Sujets de discussion, l’entretien comme document, ou questions ouvertes (par défaut : sujets)"),
				Choices: []*discordgo.ApplicationCommandOptionChoice{
					{Name: "discussion prompts", NameLocalizations: InFrench("sujets de discussion"), Value: DiscussPrompts},
					{Name: "the interview as a document", NameLocalizations: InFrench("l’entretien comme document"), Value: DiscussSource},
					{Name: "open questions", NameLocalizations: InFrench("questions ouvertes"), Value: DiscussOpen},
				},
			},
		},
	}
}
