package bot

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
)

// timelineCommand lists the dated events the interview mentions.
var timelineCommand = &slashCommand{
	name: "timeline",
	fr:   "chronologie",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "The dated events the interview mentions, in order",
			DescriptionLocalizations: new(inFrench("Les événements datés que cite l’entretien, dans l’ordre")),
		}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, e := range m.Timeline() {
			ids = append(ids, e.Cite.Passage)
		}
		return message(md.Timeline(h.iv, m, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	showsInterview: true,
}
