package bot

import (
	"fmt"

	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/lang"
)

// sourceCommand shows a whole exchange, in French and English.
var sourceCommand = &slashCommand{
	name:   "source",
	define: define.Source,
	run: func(h *Handler, c *call) (*Reply, error) {
		n, ok := intOption(c.data.Options, "exchange")
		if _, exists := h.iv.Exchange(n); !ok || !exists {
			last := len(h.iv.Exchanges())
			return nil, &userError{
				fr: fmt.Sprintf("Choisissez un échange de 1 à %d.", last),
				en: fmt.Sprintf("Pick an exchange from 1 to %d.", last),
			}
		}
		return h.exchange(n, c.lang, c.gs.Ephemeral), nil
	},
	showsInterview: true,
}

// exchange shows exchange n whole, in both languages.
func (h *Handler) exchange(n int, l lang.Language, ephemeral bool) *Reply {
	return message(md.Exchange(h.iv, n, l), ephemeral, h.readerLinks(l, fmt.Sprintf("x%d", n))...)
}
