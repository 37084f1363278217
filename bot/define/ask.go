package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
)

// Ask defines askCommand.
func Ask(iv *corpus.Interview) *discordgo.ApplicationCommand {
	who := iv.Interviewee
	return &discordgo.ApplicationCommand{
		Description:              md.Truncate("Ask the interview a question; get "+who+"'s exact words", 100),
		DescriptionLocalizations: new(InFrench(md.Truncate("Posez une question à l’entretien ; réponse avec les mots exacts de "+who, 100))),
		Options: []*discordgo.ApplicationCommandOption{{
			Type:                     discordgo.ApplicationCommandOptionString,
			Name:                     "question",
			Description:              "Your question, in French or English",
			DescriptionLocalizations: InFrench("Votre question, en français ou en anglais"),
			Required:                 true,
			Autocomplete:             true,
			MaxLength:                answer.MaxQuestionLen,
		}},
	}
}
