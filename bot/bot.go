// Package bot serves the interview on Discord: slash commands, their
// autocomplete, buttons and select menus, and mention replies, over the
// gateway (discordgo) and over the HTTP interactions endpoint.
//
// Both connection modes go through one Handler, which turns an
// interaction into replies; only how the first reply is sent differs.
// The bot knows nothing of BM25: it asks the answer package for grounded
// answers and renders them for Discord's limits.
package bot

import (
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

// Handler turns interactions into replies. It is safe for concurrent use.
type Handler struct {
	composer *answer.Composer
	iv       *corpus.Interview
	log      *slog.Logger
	// answer is composer.Answer, a field so that tests of the deferral
	// path can slow it down.
	answer func(retrieval.Query) (answer.Answer, error)
	// budget is replyBudget; tests shorten it.
	budget time.Duration
}

// NewHandler returns a handler answering from c.
func NewHandler(c *answer.Composer, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handler{composer: c, iv: c.Index().Interview(), log: log, answer: c.Answer, budget: replyBudget}
}

// noMentions forbids every mention in a message: the bot echoes user text
// and quotes, and must never ping @everyone, a role or a user. It must be
// an empty list, not nil: discordgo encodes a nil Parse as null, which
// Discord reads as "parse the defaults".
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// language picks the reply language for non-question commands from the
// user's Discord locale.
func language(i *discordgo.Interaction) retrieval.Language {
	if strings.HasPrefix(string(i.Locale), "fr") {
		return retrieval.French
	}
	if i.Locale == "" && i.GuildLocale != nil && strings.HasPrefix(string(*i.GuildLocale), "fr") {
		return retrieval.French
	}
	return retrieval.English
}

// fr returns the French or English string for lang.
func tr(lang retrieval.Language, fr, en string) string {
	if lang == retrieval.French {
		return fr
	}
	return en
}

func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
