// Package gate decides whether the bot may answer here: it reads each
// server's settings, failing closed while the store cannot say (the
// settings last read, or safe defaults), checks the channel allow-list
// (a thread with its parent) and counts the rate limits, in this process
// alone while the store cannot. It knows nothing of the commands: a
// refusal is a *Refused, which the bot words.
package gate

import (
	"log/slog"
	"time"

	"github.com/interviewbot/interviewbot/logs"
	"github.com/interviewbot/interviewbot/store"
)

// Store is what the gate reads and counts in: servers' settings and the
// rate limits. store/memory and store/redisstore meet it.
type Store interface {
	store.Limiter
	store.Settings
}

// Options configure a Gate.
type Options struct {
	// Store holds the settings and the counts. Required.
	Store Store
	// Local counts in this process while Store cannot. Required: an
	// in-memory limiter.
	Local store.Limiter
	// Defaults are the settings of a server that has changed none.
	Defaults store.GuildSettings
	// Parents finds threads' parent channels, for the allow-list; nil
	// matches a thread by its own ID only.
	Parents Parents
	// Log hears the fallbacks, at most once a minute each; nil discards.
	Log *slog.Logger
	// DMLimit is the budget of questions in direct messages, all users
	// together, past each user's own limit (zero: none).
	DMLimit store.Limit
}

// DefaultDMLimit is the budget of questions in direct messages, all users
// together: sized for a community of thousands asking at once (the
// answers are cached; a model's answers are bounded by its own limits).
func DefaultDMLimit() store.Limit { return store.Limit{Rate: 600, Period: time.Minute, Burst: 200} }

// Gate is safe for concurrent use.
type Gate struct {
	store    Store
	local    store.Limiter
	defaults store.GuildSettings
	dmLimit  store.Limit
	parents  Parents
	channels knownChannels // what interactions said of their channels
	seen     seenSettings  // the settings last read, by server
	warn     *logs.Warner
	// settingsWarn is warn for the settings' fallbacks alone, so that
	// other warnings never hide that a server's restrictions may not hold.
	settingsWarn *logs.Warner
}

// New returns a gate.
func New(o Options) *Gate {
	if o.Store == nil || o.Local == nil {
		panic("gate: New needs Options.Store and Options.Local") // a wiring mistake, found by any test
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &Gate{store: o.Store, local: o.Local, defaults: o.Defaults, dmLimit: o.DMLimit, parents: o.Parents,
		warn: logs.NewWarner(o.Log, time.Minute), settingsWarn: logs.NewWarner(o.Log, time.Minute)}
}

// Defaults are the settings of a server that has changed none.
func (g *Gate) Defaults() store.GuildSettings { return g.defaults }

// Refused is why a question may not be answered here: the channel is not
// on the server's list (Channels, where it may be), or the asker, the
// server or the direct messages together (DMs) are over their rate limit
// (RetryAt, when to try again).
type Refused struct {
	Channels []string
	RetryAt  time.Time
	DMs      bool
}

func (r *Refused) Error() string {
	if len(r.Channels) > 0 {
		return "gate: not in an allowed channel"
	}
	return "gate: rate limited"
}
