package bot

import (
	"errors"
	"math/rand/v2"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// discussCommand gives discussion prompts anchored to the interviewee's
// words.
var discussCommand = &slashCommand{
	name: "discuss",
	fr:   "débat",
	define: func(iv *corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "Discussion prompts for a class, on what " + iv.Interviewee + " says",
			DescriptionLocalizations: new(inFrench(md.Truncate("Des sujets de discussion pour la classe, sur ce que dit "+iv.Interviewee, 100))),
			Options: []*discordgo.ApplicationCommandOption{
				exchangeOption(iv, "The exchange (default: one at random)", "L’échange (par défaut : au hasard)"),
				{
					Type: discordgo.ApplicationCommandOptionString, Name: "level", Description: "Secondary school or university (default: both)",
					NameLocalizations:        inFrench("niveau"),
					DescriptionLocalizations: inFrench("Lycée ou université (par défaut : les deux)"),
					Choices: []*discordgo.ApplicationCommandOptionChoice{
						{Name: "secondary school", NameLocalizations: inFrench("lycée"), Value: classroom.Secondary},
						{Name: "university", NameLocalizations: inFrench("université"), Value: classroom.University},
					},
				},
			},
		}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		n, _ := intOption(c.data.Options, "exchange")
		level, _ := stringOption(c.data.Options, "level")
		if level != "" && level != classroom.Secondary && level != classroom.University {
			return nil, errUnknownInteraction
		}
		prompts := m.Prompts(n, level)
		if n == 0 && len(prompts) > 0 {
			prompts = prompts[rand.IntN(len(prompts)):][:1]
		}
		if len(prompts) == 0 {
			return nil, &userError{fr: "Aucun sujet de discussion pour cet échange.", en: "No discussion prompt for this exchange."}
		}
		var ids []string
		for _, p := range prompts {
			ids = append(ids, p.Cite.Passage)
		}
		return message(md.Discuss(h.iv, prompts, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	showsInterview: true,
}

// isNoQuestion reports a quiz that has no question to ask.
func isNoQuestion(err error) bool { return errors.Is(err, classroom.ErrNoQuestion) }
