package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
)

// glossaryCommand defines a term the interview uses, and shows where.
var glossaryCommand = &slashCommand{
	name:   "glossary",
	fr:     "glossaire",
	define: define.Glossary,
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		name, _ := stringOption(c.data.Options, "term")
		if strings.TrimSpace(name) == "" {
			return message(md.GlossaryList(m, c.lang), c.gs.Ephemeral), nil
		}
		t, ok := m.Term(name)
		if !ok {
			return nil, &userError{
				fr: fmt.Sprintf("« %s » n’est pas dans le glossaire. Tapez /glossary sans terme pour la liste.", md.Escape(md.Truncate(name, 100))),
				en: fmt.Sprintf("“%s” is not in the glossary. Type /glossary with no term for the list.", md.Escape(md.Truncate(name, 100))),
			}
		}
		var ids []string
		for _, q := range t.Appears {
			ids = append(ids, q.Passage)
		}
		return message(md.Glossary(h.iv, t, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	complete: func(h *Handler, c *call) *Reply {
		r := suggestions([]*discordgo.ApplicationCommandOptionChoice{})
		if h.classroom == nil {
			return r
		}
		typed, _ := focused(c.data.Options)
		for _, t := range h.classroom.Complete(typed, maxChoices) {
			name := md.Truncate(t.Term.In(c.lang), maxChoiceLen)
			r.Choices = append(r.Choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: t.ID})
		}
		return r
	},
	showsInterview: true,
}
