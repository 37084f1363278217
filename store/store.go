// Package store defines the state that bot processes share: the answer
// cache, rate limits, per-server settings with their audit log, and usage
// statistics. Redis (store/redisstore) holds it for several shards or
// HTTP instances; store/memory holds it for a single process. Both pass
// the contract tests in store/storetest.
//
// Nothing here knows about Discord or retrieval: keys are opaque strings
// and values plain data.
package store

import (
	"context"
	"errors"
	"time"
)

// ErrUnavailable wraps every error of a backend that cannot be reached in
// time. Callers serve without the store rather than fail.
var ErrUnavailable = errors.New("store unavailable")

// Cache holds values for a while.
type Cache interface {
	// Get returns the value at key and whether there was one.
	Get(ctx context.Context, key string) ([]byte, bool, error)
	// Set stores val at key for ttl.
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error
}

// Limit is a rate: Rate events per Period, with bursts of up to Burst.
type Limit struct {
	Rate   int           `json:"rate"`
	Period time.Duration `json:"period"`
	Burst  int           `json:"burst"`
}

// IsZero reports whether the limit is unset, which means unlimited.
func (l Limit) IsZero() bool { return l.Rate <= 0 || l.Period <= 0 }

// Decision is a rate limiter's answer.
type Decision struct {
	Allowed bool
	// RetryAfter is how long until the next event would be allowed, when
	// this one was not.
	RetryAfter time.Duration
}

// Limiter decides whether an event may happen now, by GCRA: events are
// spaced Period/Rate apart on average, with Burst at once.
type Limiter interface {
	Allow(ctx context.Context, key string, l Limit) (Decision, error)
	// Peek reports what Allow would decide now, without counting an
	// event.
	Peek(ctx context.Context, key string, l Limit) (Decision, error)
}

// GuildSettings are one Discord server's choices.
type GuildSettings struct {
	// Ephemeral makes answers visible to the asker only.
	Ephemeral bool `json:"ephemeral"`
	// Channels, if any, are the only channels the bot answers in.
	Channels []string `json:"channels,omitempty"`
	// MentionReplies answers @mentions (when the process enables them).
	MentionReplies bool `json:"mention_replies"`
	// LLM lets an LLM phrase answers (when one is configured).
	LLM bool `json:"llm"`
	// UserLimit and GuildLimit cap questions per user and per server.
	UserLimit  Limit `json:"user_limit"`
	GuildLimit Limit `json:"guild_limit"`
}

// AuditEntry records one settings change.
type AuditEntry struct {
	Time   time.Time `json:"time"`
	UserID string    `json:"user_id"`
	Change string    `json:"change"`
}

// MaxAudit is how many changes the audit log keeps per server.
const MaxAudit = 100

// Settings stores per-server settings and their audit log.
type Settings interface {
	// Settings returns the server's settings and whether any were saved.
	Settings(ctx context.Context, guildID string) (GuildSettings, bool, error)
	// SaveSettings stores the server's settings and appends the change to
	// its audit log, together.
	SaveSettings(ctx context.Context, guildID string, s GuildSettings, change AuditEntry) error
	// Audit returns up to n of the server's latest changes, newest first.
	Audit(ctx context.Context, guildID string, n int) ([]AuditEntry, error)
}

// Event is one thing the statistics count.
type Event struct {
	Asked, Answered, Declined bool
	CacheHit, CacheMiss       bool
	Exchanges                 []int  // exchanges quoted
	Unanswered                string // a declined question, normalised
	FeedbackUp, FeedbackDown  bool
	// PromptTokens and CompletionTokens are an LLM call's usage.
	PromptTokens, CompletionTokens int64
}

// Counter is one count of Stats, and what an Event adds to it.
type Counter struct {
	Name  string // its name in a store ("asked")
	Total *int64 // where it is in a Stats
	Add   int64  // what the Event adds
}

// Counters lists the counts of st with what e adds to each: the one list
// of them that every store reads and writes.
func Counters(st *Stats, e Event) []Counter {
	one := func(yes bool) int64 {
		if yes {
			return 1
		}
		return 0
	}
	return []Counter{
		{"asked", &st.Asked, one(e.Asked)},
		{"answered", &st.Answered, one(e.Answered)},
		{"declined", &st.Declined, one(e.Declined)},
		{"cache_hit", &st.CacheHits, one(e.CacheHit)},
		{"cache_miss", &st.CacheMisses, one(e.CacheMiss)},
		{"feedback_up", &st.FeedbackUp, one(e.FeedbackUp)},
		{"feedback_down", &st.FeedbackDown, one(e.FeedbackDown)},
		{"tokens_prompt", &st.PromptTokens, e.PromptTokens},
		{"tokens_completion", &st.CompletionTokens, e.CompletionTokens},
	}
}

// Stats are counts for one server, or for all ("" server ID).
type Stats struct {
	Asked, Answered, Declined int64
	CacheHits, CacheMisses    int64
	FeedbackUp, FeedbackDown  int64
	PromptTokens              int64
	CompletionTokens          int64
	Exchanges                 map[int]int64
	// Gaps are the most frequent declined questions, most frequent first.
	Gaps []Gap
}

// Gap is a question the interview did not answer, and how often it came.
type Gap struct {
	Question string `json:"question"`
	Count    int64  `json:"count"`
}

// CacheHitRate returns the share of cache lookups that hit, or 0.
func (s Stats) CacheHitRate() float64 {
	if n := s.CacheHits + s.CacheMisses; n > 0 {
		return float64(s.CacheHits) / float64(n)
	}
	return 0
}

// StatsStore counts events per server and overall.
type StatsStore interface {
	// Record counts e for the server and for the total.
	Record(ctx context.Context, guildID string, e Event) error
	// Stats returns a server's counts ("" for the total) with its top
	// gaps.
	Stats(ctx context.Context, guildID string, gaps int) (Stats, error)
}

// Store is everything a bot process shares.
type Store interface {
	Cache
	Limiter
	Settings
	StatsStore
	// Name says which backend this is, for logs and status.
	Name() string
	Close() error
}
