// Package bot serves the interview on Discord: slash commands, their
// autocomplete, buttons and select menus, and mention replies, over the
// gateway (discordgo) and over the HTTP interactions endpoint.
//
// Both connection modes go through one Handler, which turns an
// interaction into replies; only how the first reply is sent differs.
// The bot knows nothing of BM25: it asks the answer package for grounded
// answers and renders them for Discord's limits. What several processes
// share (cache, rate limits, settings, stats) lives in a store.Store.
package bot

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/logs"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
)

// Options configure a Handler. The zero value works: an in-memory store,
// default limits, no logging.
type Options struct {
	// Store holds the shared state; nil means an in-memory store.
	Store store.Store
	// Defaults are the settings of a server that has changed none; nil
	// means DefaultSettings.
	Defaults *store.GuildSettings
	Log      *slog.Logger
}

// DefaultSettings are the settings of a server that has changed none:
// public answers in every channel, mention replies and the LLM on where
// the process enables them, a question every 10 s per user with bursts of
// 3, and 60 a minute per server.
func DefaultSettings() store.GuildSettings {
	return store.GuildSettings{
		MentionReplies: true,
		LLM:            true,
		UserLimit:      store.Limit{Rate: 6, Period: time.Minute, Burst: 3},
		GuildLimit:     store.Limit{Rate: 60, Period: time.Minute, Burst: 20},
	}
}

// Handler turns interactions into replies. It is safe for concurrent use.
type Handler struct {
	answers *answer.Service
	iv      *corpus.Interview
	store   store.Store
	// local limits rates in this process while the store cannot.
	local    store.Limiter
	seen     seenSettings // the settings last read, by server
	defaults store.GuildSettings
	log      *slog.Logger
	warn     *logs.Warner
	// settingsWarn is warn for the settings' fallbacks alone, so that
	// other warnings never hide that a server's restrictions may not hold.
	settingsWarn *logs.Warner
	// answer is answers.Answer, a field so that tests of the deferral
	// path can slow it down.
	answer func(ctx context.Context, r answer.Request) (answer.Answer, error)
	// budget is replyBudget; tests shorten it.
	budget time.Duration
}

// NewHandler returns a handler answering through answers.
func NewHandler(answers *answer.Service, o Options) *Handler {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Store == nil {
		o.Store = memory.New(10_000)
	}
	defaults := DefaultSettings()
	if o.Defaults != nil {
		defaults = *o.Defaults
	}
	h := &Handler{
		answers:      answers,
		iv:           answers.Interview(),
		store:        o.Store,
		local:        memory.New(1),
		defaults:     defaults,
		log:          o.Log,
		warn:         logs.NewWarner(o.Log, time.Minute),
		settingsWarn: logs.NewWarner(o.Log, time.Minute),
		budget:       replyBudget,
	}
	h.answer = answers.Answer
	return h
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

// tr returns the French or English string for lang.
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
