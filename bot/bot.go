// Package bot serves the interview on Discord: slash commands, their
// autocomplete, buttons and select menus, and mention replies.
//
// Its Handler turns an interaction into replies; bot/transport carries
// them, over the gateway or the HTTP interactions endpoint, and only how
// the first reply is sent differs. The bot knows nothing of BM25: it
// asks the answer package for grounded answers; bot/md renders them for
// Discord, bot/gate says whether it may answer here, and lesson runs the
// class quizzes whose steps it posts. What several processes share
// (cache, rate limits, settings, stats, class sessions) lives in a
// store.Store. It never touches net/http.
package bot

import (
	"cmp"
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/gate"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/check"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/logs"
	"github.com/interviewbot/interviewbot/store"
)

// Answers is what the bot asks of the answer service (answer.Service):
// answers, quotes again in another language, an answer's question again,
// whether a model may phrase them, and the interview.
type Answers interface {
	Answer(ctx context.Context, r answer.Request) (answer.Answer, error)
	Requote(refs []answer.Citation, l lang.Language) (answer.Answer, error)
	Question(ctx context.Context, ref string) (string, bool)
	HasLLM() bool
	Interview() *corpus.Interview
}

var _ Answers = (*answer.Service)(nil)

var _ gate.Parents = (*transport.Parents)(nil)

// State is the shared state the bot reads and writes: rate limits,
// per-server settings and statistics. store/memory and store/redisstore
// meet it.
type State interface {
	store.Limiter
	store.Settings
	store.StatsStore
	store.Quizzes
	store.Sessions
}

// Options configure a Handler.
type Options struct {
	// State holds the shared state. Required.
	State State
	// Local limits rates in this process while State cannot. Required:
	// an in-memory limiter.
	Local store.Limiter
	// Defaults are the settings of a server that has changed none; nil
	// means DefaultSettings. DMLimit is the direct messages' budget, all
	// users together; nil means gate.DefaultDMLimit.
	Defaults *store.GuildSettings
	DMLimit  *store.Limit
	// Parents finds threads' parent channels, for the allow-list; nil
	// matches a thread by its own ID only.
	Parents gate.Parents
	// Log is where the handler logs; nil discards.
	Log *slog.Logger
	// Meter hears outcomes and latencies, for metrics; nil hears nothing.
	Meter Meter
	// StatsRetention is how long the store keeps declined questions, for
	// /stats to say; 0 means store.DefaultRetention.
	StatsRetention time.Duration
	// PublicURL is the web reader's public address, ending in "/"; when
	// set, replies link each citation to its passage there.
	PublicURL string
	// Classroom is the classroom material (classroom.Load); nil turns
	// the classroom commands off, with a message that says so.
	Classroom *classroom.Material
	// Lessons hears the class sessions started and stopped (a
	// lesson.Runner, which runs them); nil: no runner of this process's.
	Lessons Lessons
	// Checker checks messages against the interview; nil
	// turns the check commands off.
	Checker *check.Checker
	// ReplyBudget is how long a reply may take before it is deferred; 0
	// means replyBudget, which leaves Discord's 3 seconds room for the
	// network.
	ReplyBudget time.Duration
}

// Meter hears what the bot does, for metrics (ops.Metrics is one).
type Meter interface {
	// Interaction reports one interaction: its command (or component
	// kind), its outcome, and the time to its first response (0 if none
	// was sent) and to its end.
	Interaction(command, outcome string, first, total time.Duration)
	// Cache reports an answer's cache status.
	Cache(status string)
	// Gateway reports a shard's session event: "connected",
	// "disconnected" or "resumed".
	Gateway(shard int, event string)
}

type noMeter struct{}

func (noMeter) Interaction(string, string, time.Duration, time.Duration) {}
func (noMeter) Cache(string)                                             {}
func (noMeter) Gateway(int, string)                                      {}

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
	answers Answers
	iv      *corpus.Interview
	store   State
	// gate reads the servers' settings and checks channels and rates.
	gate  *gate.Gate
	log   *slog.Logger
	meter Meter
	warn  *logs.Warner
	// budget is how long a reply may take before it is deferred.
	budget time.Duration
	// mentionsOn is true while a gateway reads mentions for this handler.
	mentionsOn atomic.Bool
	retention  time.Duration // of declined questions, as the store keeps them
	classroom  *classroom.Material
	publicURL  string
	lessons    Lessons
	commands   commandTable
	checker    *check.Checker
	frNames    map[string]string // transport.FrenchNames of the commands
}

// NewHandler returns a handler answering through answers.
func NewHandler(answers Answers, o Options) *Handler {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.State == nil || o.Local == nil {
		panic("bot: NewHandler needs Options.State and Options.Local") // a wiring mistake, found by any test
	}
	if o.Meter == nil {
		o.Meter = noMeter{}
	}
	defaults, dmLimit := DefaultSettings(), gate.DefaultDMLimit()
	if o.Defaults != nil {
		defaults = *o.Defaults
	}
	if o.DMLimit != nil {
		dmLimit = *o.DMLimit
	}
	h := &Handler{
		answers:   answers,
		iv:        answers.Interview(),
		store:     o.State,
		gate:      gate.New(gate.Options{Store: o.State, Local: o.Local, Defaults: defaults, Parents: o.Parents, Log: o.Log, DMLimit: dmLimit}),
		log:       o.Log,
		meter:     o.Meter,
		retention: cmp.Or(max(o.StatsRetention, 0), store.DefaultRetention),
		warn:      logs.NewWarner(o.Log, time.Minute),
		budget:    cmp.Or(o.ReplyBudget, replyBudget),
		publicURL: o.PublicURL,
		classroom: o.Classroom,
		lessons:   o.Lessons,
		commands:  newCommandTable(),
		checker:   o.Checker,
	}
	if h.lessons == nil {
		h.lessons = noLessons{}
	}
	h.frNames = transport.FrenchNames(h.commands.define(h.iv))
	return h
}

// language picks the reply language for non-question commands from the
// user's Discord locale.
func language(i *discordgo.Interaction) lang.Language {
	if strings.HasPrefix(string(i.Locale), "fr") {
		return lang.French
	}
	if i.Locale == "" && i.GuildLocale != nil && strings.HasPrefix(string(*i.GuildLocale), "fr") {
		return lang.French
	}
	return lang.English
}

// tr returns the French or English string for l.
func tr(l lang.Language, fr, en string) string { return md.Tr(l, fr, en) }

func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
