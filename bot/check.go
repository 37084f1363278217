package bot

import (
	"cmp"

	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
)

// checkMessageCommand is the message command "Check with the
// interview": right-click a message, Apps, and the bot says what the
// interview says of it. The message comes in the interaction's resolved
// data: no intent is needed.
var checkMessageCommand = &slashCommand{
	name:   "Check with the interview",
	fr:     "Vérifier dans l’entretien",
	define: define.CheckMessage,
	run: func(h *Handler, c *call) (*Reply, error) {
		r := c.data.Resolved
		if r == nil || r.Messages[c.data.TargetID] == nil {
			return nil, errNothingToCheck
		}
		m := r.Messages[c.data.TargetID]
		return h.checkText(c, m.Content, md.CheckedLink(c.lang, c.i.GuildID, cmp.Or(m.ChannelID, c.i.ChannelID), m.ID)+"\n")
	},
	showsInterview: true,
	model:          checkerHasModel,
}

// checkCommand is /check, the same for typed text.
var checkCommand = &slashCommand{
	name:   "check",
	fr:     "vérifier",
	define: define.Check,
	run: func(h *Handler, c *call) (*Reply, error) {
		text, _ := stringOption(c.data.Options, "claim")
		return h.checkText(c, text, "")
	},
	showsInterview: true,
	model:          checkerHasModel,
}

// checkerHasModel reports whether a model judges claims.
func checkerHasModel(h *Handler) bool { return h.checker != nil && h.checker.HasModel() }

var errNoChecker = &userError{
	fr:   "La vérification n’est pas disponible sur ce bot.",
	en:   "Checking is not available on this bot.",
	kind: "unavailable",
}

// maxChecked bounds a message checked, in characters (Discord's is 4,000).
const maxChecked = 2000

var errTooLongToCheck = &userError{
	fr: "Ce message est trop long pour être vérifié (plus de 2 000 caractères) : vérifiez-en une partie avec /vérifier.",
	en: "This message is too long to check (over 2,000 characters): check part of it with /check.",
}

var errNothingToCheck = &userError{
	fr: "Ce message n’a pas de texte à vérifier.",
	en: "This message has no text to check.",
}

// checkText answers both check commands: what the interview says of
// text, under header.
func (h *Handler) checkText(c *call, text, header string) (*Reply, error) {
	if h.checker == nil {
		return nil, errNoChecker
	}
	switch n := len([]rune(text)); {
	case n < 3:
		return nil, errNothingToCheck
	case n > maxChecked:
		return nil, errTooLongToCheck
	}
	if err := h.admit(c.ctx, c.i.GuildID, c.i.ChannelID, userID(c.i), c.gs); err != nil {
		return nil, err
	}
	checker := h.checker
	if !c.gs.LLM {
		checker = checker.Offline() // the server has turned the model off
	}
	r := checker.Check(c.ctx, text)
	reply := message(header+md.Check(h.iv, r, c.lang), c.gs.Ephemeral)
	reply.outcome.result = string(r.Verdict)
	return reply, nil
}
