package bot

import (
	"time"

	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
)

// aboutCommand says what the interview is and how the bot checks quotes.
var aboutCommand = &slashCommand{
	name:           "about",
	fr:             "à-propos",
	define:         define.About,
	run:            func(h *Handler, c *call) (*Reply, error) { return h.about(c), nil },
	showsInterview: true,
}

func (h *Handler) about(c *call) *Reply {
	return message(md.About(h.iv, h.retentionDays(), c.lang), c.gs.Ephemeral)
}

// retentionDays is how many days declined questions are kept.
func (h *Handler) retentionDays() int { return int(h.retention / (24 * time.Hour)) }
