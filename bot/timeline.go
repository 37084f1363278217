package bot

import (
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
)

// timelineCommand lists the dated events the interview mentions.
var timelineCommand = &slashCommand{
	name:   "timeline",
	fr:     "chronologie",
	define: define.Timeline,
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
