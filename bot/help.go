package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/lang"
)

// helpCommand lists what the bot offers, in the user's language, from
// the command table itself.
var helpCommand = &slashCommand{
	name:    "help",
	fr:      "aide",
	define:  define.Help,
	run:     func(h *Handler, c *call) (*Reply, error) { return h.help(c.lang), nil },
	private: true,
}

func (h *Handler) help(l lang.Language) *Reply {
	var everyone, moderators strings.Builder
	for _, c := range h.commands.define(h.iv) {
		name, desc := c.Name, c.Description
		if l == lang.French {
			if c.NameLocalizations != nil && (*c.NameLocalizations)[discordgo.French] != "" {
				name = (*c.NameLocalizations)[discordgo.French]
			}
			if c.DescriptionLocalizations != nil && (*c.DescriptionLocalizations)[discordgo.French] != "" {
				desc = (*c.DescriptionLocalizations)[discordgo.French]
			}
		}
		b := &everyone
		if c.DefaultMemberPermissions != nil {
			b = &moderators
		}
		if c.Type == discordgo.MessageApplicationCommand {
			fmt.Fprintf(b, tr(l, "\n**%s** — sur un message : Applications → %s, ce que l’entretien en dit", "\n**%s** — on a message: Apps → %s, what the interview says of it"), name, name)
			continue
		}
		fmt.Fprintf(b, "\n**/%s** — %s", name, desc)
	}
	var b strings.Builder
	b.WriteString(tr(l, "**Interroger l’entretien**", "**Questioning the interview**"))
	b.WriteString(everyone.String())
	b.WriteString(tr(l, "\n\nSous une réponse : l’échange entier, la même réponse en français ou en anglais, 👍/👎.",
		"\n\nUnder an answer: the whole exchange, the same answer in French or English, 👍/👎."))
	if h.mentionsOn.Load() { // a bot behind an HTTP endpoint reads no messages
		b.WriteString(tr(l, " Mentionnez le bot avec une question pour qu’il réponde dans un fil, si le serveur l’a permis.",
			" Mention the bot with a question and it answers in a thread, where the server allows it."))
	}
	b.WriteString(tr(l, "\n\n**Modération** (Gérer le serveur)", "\n\n**Moderators** (Manage Server)"))
	b.WriteString(moderators.String())
	return message(b.String(), true)
}
