package bot

import (
	"errors"
	"math/rand/v2"

	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
)

// discussCommand gives discussion prompts anchored to the interviewee's
// words.
var discussCommand = &slashCommand{
	name:   "discuss",
	fr:     "débat",
	define: define.Discuss,
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
			ids = append(ids, p.Cite.Anchor())
		}
		return message(md.Discuss(m, prompts, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	showsInterview: true,
}

// isNoQuestion reports a quiz that has no question to ask.
func isNoQuestion(err error) bool { return errors.Is(err, classroom.ErrNoQuestion) }
