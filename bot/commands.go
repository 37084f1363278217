package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
)

// Command names and the custom ID prefixes of components.
const (
	cmdAsk    = "ask"
	cmdSource = "source"
	cmdQuote  = "quote"
	cmdTopics = "topics"
	cmdAbout  = "about"

	idExchange = "x" // x:<exchange>:<lang>: show a whole exchange
	idToggle   = "t" // t:<lang>:<id>/<from>-<to>,…: the same quotes in the other language
	idFeedback = "f" // f:+ or f:-
	idQuotes   = "s" // s:<lang>:<id>/<from>-<to>,…: the exact sentences an LLM answer quotes
	idTopic    = "topic"
)

// Commands returns the slash commands the bot registers for iv.
func Commands(iv *corpus.Interview) []*discordgo.ApplicationCommand {
	minExchange := 1.0
	last := len(iv.Exchanges())
	who := iv.Interviewee
	return append([]*discordgo.ApplicationCommand{
		{
			Name:                     cmdAsk,
			Description:              truncate("Ask the interview a question; get "+who+"'s exact words", 100),
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: truncate("Posez une question à l’entretien ; réponse avec les mots exacts de "+who, 100)},
			Options: []*discordgo.ApplicationCommandOption{{
				Type:                     discordgo.ApplicationCommandOptionString,
				Name:                     "question",
				Description:              "Your question, in French or English",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Votre question, en français ou en anglais"},
				Required:                 true,
				Autocomplete:             true,
				MaxLength:                answer.MaxQuestionLen,
			}},
		},
		{
			Name:                     cmdSource,
			Description:              "Show a whole exchange, in French and English",
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: "Afficher un échange entier, en français et en anglais"},
			Options: []*discordgo.ApplicationCommandOption{{
				Type:        discordgo.ApplicationCommandOptionInteger,
				Name:        "exchange",
				Description: fmt.Sprintf("Exchange number (1–%d)", last),
				DescriptionLocalizations: map[discordgo.Locale]string{
					discordgo.French: fmt.Sprintf("Numéro de l’échange (1–%d)", last),
				},
				Required: true,
				MinValue: &minExchange,
				MaxValue: float64(last),
			}},
		},
		{
			Name:                     cmdQuote,
			Description:              truncate("One verbatim quote of "+who+" on a topic, or a random one", 100),
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: truncate("Une citation exacte de "+who+" sur un sujet, ou au hasard", 100)},
			Options: []*discordgo.ApplicationCommandOption{{
				Type:                     discordgo.ApplicationCommandOptionString,
				Name:                     "topic",
				Description:              "A topic or a few keywords",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Un sujet ou quelques mots-clés"},
				Autocomplete:             true,
				MaxLength:                200,
			}},
		},
		{
			Name:                     cmdTopics,
			Description:              "List the interview's exchanges",
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: "Lister les échanges de l’entretien"},
		},
		{
			Name:                     cmdAbout,
			Description:              "What this interview is and how the bot checks its quotes",
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: "Ce qu’est cet entretien et comment le bot vérifie ses citations"},
		},
	}, moderatorCommands()...)
}
