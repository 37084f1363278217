package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/lang"
)

// topicsCommand lists the interview's exchanges.
var topicsCommand = &slashCommand{
	name:           "topics",
	fr:             "sujets",
	define:         define.Topics,
	run:            func(h *Handler, c *call) (*Reply, error) { return h.topics(c.lang, c.gs.Ephemeral), nil },
	components:     []*componentKind{topicMenu},
	showsInterview: true,
}

func (h *Handler) topics(l lang.Language, ephemeral bool) *Reply {
	var b strings.Builder
	b.WriteString(tr(l, "**Les échanges de l’entretien**\n", "**The interview’s exchanges**\n"))
	var options []discordgo.SelectMenuOption
	for _, ex := range h.iv.Exchanges() {
		topic := ex.Topic(l)
		fmt.Fprintf(&b, "%d. %s\n", ex.Number, topic)
		options = append(options, discordgo.SelectMenuOption{
			Label: md.Truncate(fmt.Sprintf("%d. %s", ex.Number, topic), maxSelectLabel),
			Value: customid.TopicValue(ex.Number),
		})
	}
	b.WriteString(tr(l, "\nChoisissez un échange pour le lire en entier, ou posez une question avec /ask.",
		"\nPick an exchange to read it whole, or ask a question with /ask."))
	menu := discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{
		CustomID:    customid.PrefixTopic,
		Placeholder: tr(l, "Ouvrir un échange…", "Open an exchange…"),
		Options:     options[:min(len(options), 25)],
	}}}
	return message(b.String(), ephemeral, menu)
}
