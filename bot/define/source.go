package define

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// Source defines sourceCommand.
func Source(iv *corpus.Interview) *discordgo.ApplicationCommand {
	minExchange := 1.0
	last := len(iv.Exchanges())
	return &discordgo.ApplicationCommand{
		Description:              "Show a whole exchange, in French and English",
		DescriptionLocalizations: new(InFrench("Afficher un échange entier, en français et en anglais")),
		Options: []*discordgo.ApplicationCommandOption{{
			Type:                     discordgo.ApplicationCommandOptionInteger,
			Name:                     "exchange",
			Description:              fmt.Sprintf("Exchange number (1–%d)", last),
			DescriptionLocalizations: InFrench(fmt.Sprintf("Numéro de l’échange (1–%d)", last)),
			Required:                 true,
			MinValue:                 &minExchange,
			MaxValue:                 float64(last),
		}},
	}
}
