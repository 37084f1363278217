package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
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
		return message(timelineText(h.iv, m, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	showsInterview: true,
}

func timelineText(iv *corpus.Interview, m *classroom.Material, l lang.Language) string {
	var b strings.Builder
	b.WriteString(tr(l, "**Chronologie de l’entretien**\n*Les dates entre guillemets sont celles du texte ; « lecture » signale la date que nous en déduisons.*\n",
		"**The interview’s timeline**\n*Dates in quotes are the text’s own, in our translation; “our reading” marks the date we infer from them.*\n"))
	for _, e := range m.Timeline() {
		fmt.Fprintf(&b, "\n**%s** — %s", quoted(e.AsWritten.In(l), l), e.Event.In(l))
		if r := e.Implied.In(l); r != "" {
			fmt.Fprintf(&b, tr(l, " *(notre lecture : %s)*", " *(our reading: %s)*"), r)
		}
		fmt.Fprintf(&b, "\n  ↳ %s", attribution(iv, e.Quote.Role, e.Quote.Exchange, l))
	}
	return b.String()
}
