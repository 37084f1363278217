package bot

import (
	"cmp"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
)

// checkMessageCommand is the message command "Check with the
// interview": right-click a message, Apps, and the bot says what the
// interview says of it. The message comes in the interaction's resolved
// data: no intent is needed.
var checkMessageCommand = &slashCommand{
	name: "Check with the interview",
	fr:   "Vérifier dans l’entretien",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Type: discordgo.MessageApplicationCommand}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		r := c.data.Resolved
		if r == nil || r.Messages[c.data.TargetID] == nil {
			return nil, errNothingToCheck
		}
		m := r.Messages[c.data.TargetID]
		// Which message was checked: a reply may come long after it, or
		// to the user alone, away from it.
		link := fmt.Sprintf("https://discord.com/channels/%s/%s/%s", cmp.Or(c.i.GuildID, "@me"), cmp.Or(m.ChannelID, c.i.ChannelID), m.ID)
		return h.checkText(c, m.Content, fmt.Sprintf("-# %s [%s](<%s>)\n", md.Tr(c.lang, "↪ Vérifié :", "↪ Checked:"), md.Tr(c.lang, "ce message", "this message"), link))
	},
	showsInterview: true,
	model:          checkerHasModel,
}

// checkCommand is /check, the same for typed text.
var checkCommand = &slashCommand{
	name: "check",
	fr:   "vérifier",
	define: func(iv *corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              md.Truncate("Check a quote or a claim about "+iv.Interviewee+" against the interview", 100),
			DescriptionLocalizations: new(inFrench(md.Truncate("Vérifier une citation ou une affirmation sur "+iv.Interviewee+" dans l’entretien", 100))),
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "claim", NameLocalizations: inFrench("affirmation"),
				Description: "The quote or claim, as posted", DescriptionLocalizations: inFrench("La citation ou l’affirmation, telle quelle"),
				Required: true, MaxLength: 1000,
			}},
		}
	},
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
	if len([]rune(text)) < 3 {
		return nil, errNothingToCheck
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
