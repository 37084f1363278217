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
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrUnavailable wraps every error of a backend that cannot be reached in
// time. Callers serve without the store rather than fail.
var ErrUnavailable = errors.New("store unavailable")

// ErrUnconfirmed wraps a write that the store applied but could not
// confirm durable in time: a Redis primary that no replica acknowledged.
// The write is in force, and would be lost if the primary failed now.
var ErrUnconfirmed = errors.New("store: written, but not confirmed durable")

// ErrSettingsLost is Settings' error for a server with no settings but
// an audit log of changes: the store lost the settings (a key evicted),
// and what the server chose cannot be known.
var ErrSettingsLost = errors.New("store: the settings are gone, and the audit log says there were some")

// Cache holds values for a while, and a bounded number of them: past
// its capacity, a Set drops the entries written longest ago.
type Cache interface {
	// Get returns the value at key and whether there was one.
	Get(ctx context.Context, key string) ([]byte, bool, error)
	// Set stores val at key for ttl.
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error
	// CacheUsage reports what the cache holds.
	CacheUsage(ctx context.Context) (CacheUsage, error)
}

// DefaultCacheSize is how many entries a cache keeps by default: about
// 5 MB of answers in Redis (see the README's "Shared state").
const DefaultCacheSize = 10_000

// CacheUsage is what a cache holds.
type CacheUsage struct {
	// Entries are the live entries.
	Entries int
	// Capacity is the most it keeps.
	Capacity int
	// Evicted counts the entries this process dropped for room.
	Evicted int64
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
	// NoQuizzes turns the quizzes off (they are on by default, and in
	// settings saved before they existed).
	NoQuizzes bool `json:"no_quizzes,omitempty"`
	// QuizRole, if set, is a role whose members may run class quiz
	// sessions, besides those who can manage messages.
	QuizRole string `json:"quiz_role,omitempty"`
}

// AuditEntry records one settings change.
type AuditEntry struct {
	Time   time.Time `json:"time"`
	UserID string    `json:"user_id"`
	Change string    `json:"change"`
}

// MaxAudit is how many changes the audit log keeps per server.
const MaxAudit = 100

// SettingsChange makes a change to a server's settings: from those
// stored (found is false when none are, and cur is then the zero value),
// the settings to save and the audit entry that records the change.
type SettingsChange func(cur GuildSettings, found bool) (GuildSettings, AuditEntry, error)

// Settings stores per-server settings and their audit log.
type Settings interface {
	// Settings returns the server's settings and whether any were saved.
	// With none saved but changes in the audit log, the error wraps
	// ErrSettingsLost.
	Settings(ctx context.Context, guildID string) (GuildSettings, bool, error)
	// UpdateSettings applies change to the server's settings as they are
	// stored, and saves the result with change's audit entry, together
	// and atomically: a change another process saves meanwhile is never
	// overwritten, but applied first (change is then called again, with
	// the settings it saved). An error from change is returned as it is,
	// and nothing is written. It returns the settings saved. An error
	// wrapping ErrUnconfirmed says they were written but may not survive
	// a failover.
	UpdateSettings(ctx context.Context, guildID string, change SettingsChange) (GuildSettings, error)
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
	// QuizAnswer and QuizRight are a student's first answer to a quiz
	// question, and whether it was right; QuizSession a class session
	// started.
	QuizAnswer, QuizRight, QuizSession bool
	// PromptTokens and CompletionTokens are an LLM call's usage.
	PromptTokens, CompletionTokens int64
	// At is when it happened; zero means now. (Tests and imports set it.)
	At time.Time
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
		{"quiz_answers", &st.QuizAnswers, one(e.QuizAnswer)},
		{"quiz_right", &st.QuizRight, one(e.QuizRight)},
		{"quiz_sessions", &st.QuizSessions, one(e.QuizSession)},
	}
}

// Stats are counts for one server, or for all ("" server ID).
type Stats struct {
	Asked, Answered, Declined int64
	CacheHits, CacheMisses    int64
	FeedbackUp, FeedbackDown  int64
	PromptTokens              int64
	CompletionTokens          int64
	QuizAnswers, QuizRight    int64
	QuizSessions              int64
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
	// Stats returns a server's counts ("" for the total) within window w,
	// with its top gaps: the declined questions of w, or, for AllTime, of
	// the retention period. Declined questions are kept, without who
	// asked them, for the retention period alone.
	Stats(ctx context.Context, guildID string, w Window, gaps int) (Stats, error)
}

// Add adds o's counts and exchanges to s (not its gaps).
func (s *Stats) Add(o Stats) {
	dst, src := Counters(s, Event{}), Counters(&o, Event{})
	for i := range dst {
		*dst[i].Total += *src[i].Total
	}
	if s.Exchanges == nil {
		s.Exchanges = make(map[int]int64)
	}
	for x, n := range o.Exchanges {
		s.Exchanges[x] += n
	}
}

// TopGaps are the n most frequent questions of counts, most frequent
// first, then in alphabetical order.
func TopGaps(counts map[string]int64, n int) []Gap {
	out := make([]Gap, 0, len(counts))
	for q, c := range counts {
		out = append(out, Gap{Question: q, Count: c})
	}
	slices.SortFunc(out, func(a, b Gap) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Question, b.Question)
	})
	return out[:min(max(n, 0), len(out))]
}

// Window is a span of statistics.
type Window string

// The windows /stats offers.
const (
	Last24h Window = "24h" // the last 24 hours, by the hour
	Last7d  Window = "7d"  // the last 7 days, by the day (UTC)
	AllTime Window = "all" // since the start; declined questions within the retention period
)

// ParseWindow reads a window's name ("24h", "7d", "all"; "" is AllTime).
func ParseWindow(s string) (Window, error) {
	switch w := Window(s); w {
	case "":
		return AllTime, nil
	case Last24h, Last7d, AllTime:
		return w, nil
	}
	return "", fmt.Errorf("want 24h, 7d or all, got %q", s)
}

// DefaultRetention is how long declined questions are kept
// (STATS_RETENTION).
const DefaultRetention = 30 * 24 * time.Hour

// A Bucket is an hour or a day (UTC) of statistics, numbered from the
// Unix epoch.
type Bucket struct {
	Day bool
	N   int64
}

// Start and End bound the bucket.
func (b Bucket) Start() time.Time { return time.Unix(b.N*b.span(), 0) }
func (b Bucket) End() time.Time   { return b.Start().Add(time.Duration(b.span()) * time.Second) }

func (b Bucket) span() int64 {
	if b.Day {
		return 86400
	}
	return 3600
}

// Name is the bucket's part of a key: "h493560" or "d20565".
func (b Bucket) Name() string {
	if b.Day {
		return "d" + strconv.FormatInt(b.N, 10)
	}
	return "h" + strconv.FormatInt(b.N, 10)
}

// BucketsAt are the hour and the day t falls in.
func BucketsAt(t time.Time) (hour, day Bucket) {
	u := t.Unix()
	return Bucket{N: u / 3600}, Bucket{Day: true, N: u / 86400}
}

// Buckets are the buckets window w covers at now: the 24 last hours,
// the 7 last days, or, for AllTime, the days of the retention period
// (the counts of AllTime are kept apart, in one total).
func Buckets(w Window, now time.Time, retention time.Duration) []Bucket {
	hour, day := BucketsAt(now)
	var out []Bucket
	switch w {
	case Last24h:
		for i := range int64(24) {
			out = append(out, Bucket{N: hour.N - i})
		}
	case Last7d:
		for i := range int64(7) {
			out = append(out, Bucket{Day: true, N: day.N - i})
		}
	default:
		for i := range int64(retention / (24 * time.Hour)) {
			out = append(out, Bucket{Day: true, N: day.N - i})
		}
	}
	return out
}

// Keep is how long a bucket's counts must be kept after its end: an hour
// serves Last24h, a day Last7d; declined questions are kept for the
// retention period.
func Keep(b Bucket, gaps bool, retention time.Duration) time.Duration {
	switch {
	case gaps && b.Day:
		return retention
	case b.Day:
		return 7 * 24 * time.Hour
	}
	return 24 * time.Hour
}

// QuizAnswer is one student's answer to one quiz question.
type QuizAnswer struct {
	UserID  string
	Choice  int
	Correct bool
}

// Score is a student's quiz record in one server.
type Score struct {
	UserID   string `json:"user_id"`
	Points   int64  `json:"points"`   // right answers
	Answered int64  `json:"answered"` // questions answered
}

// SessionTTL bounds a class session's life in the store, should no
// instance end it, and how long its end is remembered: a day.
const SessionTTL = 24 * time.Hour

// QuizRoundTTL is how long a posted question's answers are kept: past
// it, the question is closed (its message's age says so).
const QuizRoundTTL = 7 * 24 * time.Hour

// QuizScoreTTL is how long a server's quiz scores are kept after its
// last answer: a school year, and some.
const QuizScoreTTL = 400 * 24 * time.Hour

// Quizzes keeps quiz answers and scores.
type Quizzes interface {
	// Answer records a's answer to the posted question round (a message
	// ID) in the server, unless a.UserID has answered it already; it
	// reports whether this answer was the first. A first answer counts
	// in the user's score, and in the round's tally: together, so that
	// no click is counted twice, on any number of instances.
	Answer(ctx context.Context, guildID, round string, a QuizAnswer) (first bool, err error)
	// Tally returns how many chose each of the round's choices (n of
	// them).
	Tally(ctx context.Context, guildID, round string, n int) ([]int64, error)
	// Leaderboard returns up to n of the server's best scores: most
	// points first, then fewest answers, then user ID.
	Leaderboard(ctx context.Context, guildID string, n int) ([]Score, error)
	// Choices returns each user's choice in the round.
	Choices(ctx context.Context, guildID, round string) (map[string]int, error)
	// CloseRound ends a round: Answer no longer counts answers to it,
	// and says so with ErrRoundClosed.
	CloseRound(ctx context.Context, guildID, round string) error
	// ResetScores deletes the server's scores.
	ResetScores(ctx context.Context, guildID string) error
}

// ErrRoundClosed is Answer's error for a round that has ended.
var ErrRoundClosed = errors.New("store: the round is closed")

// QuizSession is a class quiz: one question at a time in a channel,
// each open for Seconds, then the answer and the tally.
type QuizSession struct {
	// ID tells this session from an earlier one in the channel.
	ID        string `json:"id"`
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
	StartedBy string `json:"started_by"`
	Lang      string `json:"lang"`
	Kind      string `json:"kind,omitempty"`
	Exchange  int    `json:"exchange,omitempty"`
	Rounds    int    `json:"rounds"`
	Seconds   int    `json:"seconds"`
	// Asked are the questions posted so far, the last one open until
	// Due; Revealed says its answer is posted.
	Asked    []SessionRound `json:"asked,omitempty"`
	Revealed bool           `json:"revealed,omitempty"`
	// Due is when the session's next step is due: the first question,
	// or the end of the open one.
	Due time.Time `json:"due"`
	// Epoch is the server's epoch when the session started (see
	// Sessions.Epoch); "" if unknown.
	Epoch string `json:"epoch,omitempty"`
	// Lost marks a session the store lost with its data, restored from
	// an instance's copy to be closed at its next step, not continued.
	Lost bool `json:"lost,omitempty"`
}

// Progress measures how far on a session is: two for each question
// asked, and one more once the last one's answer is revealed.
func (s QuizSession) Progress() int {
	n := 2 * len(s.Asked)
	if s.Revealed {
		n++
	}
	return n
}

// SessionRound is one question posted in a session.
type SessionRound struct {
	Question string `json:"question"` // its ID, which rebuilds it
	Message  string `json:"message"`  // the message's ID: the round
}

// Sessions keeps class quiz sessions, one per channel, so that any
// instance may run the next step of one, even after a restart.
type Sessions interface {
	// StartSession saves s, unless the channel has a session already: it
	// reports whether s was saved.
	StartSession(ctx context.Context, s QuizSession) (bool, error)
	// SaveSession saves s over the channel's session if that is still
	// s (the same ID), and not lost: it reports false when the session
	// was ended, replaced or lost meanwhile.
	SaveSession(ctx context.Context, s QuizSession) (bool, error)
	// RestoreSession saves s, an instance's copy of a session the store
	// lost, unless the channel has another session, or a copy of this
	// one as far on (Progress): of the instances' copies, the furthest
	// on is kept. It reports whether it saved s.
	RestoreSession(ctx context.Context, s QuizSession) (bool, error)
	// Session returns the channel's session and whether there is one.
	Session(ctx context.Context, guildID, channelID string) (QuizSession, bool, error)
	// EndSession ends s: it deletes the channel's session if that is s
	// (the same ID), and marks s ended for SessionTTL.
	EndSession(ctx context.Context, s QuizSession) error
	// SessionEnded reports whether s was ended (EndSession). A session
	// that is neither in the store nor ended, and that started in an
	// epoch that is gone, was lost with the store's data.
	SessionEnded(ctx context.Context, s QuizSession) (bool, error)
	// Epoch returns the server's epoch in the store: a random mark, made
	// the first time it is asked for, and kept. A session started in an
	// epoch that is gone was lost with the store's data, not ended.
	Epoch(ctx context.Context, guildID string) (string, error)
	// DueSessions returns up to n sessions due at now.
	DueSessions(ctx context.Context, now time.Time, n int) ([]QuizSession, error)
	// ClaimSession takes step n of session s (len(Asked) when it is due)
	// for ttl, so that one instance alone runs it; it reports whether it
	// got it.
	ClaimSession(ctx context.Context, s QuizSession, n int, ttl time.Duration) (bool, error)
}

// SortScores orders scores as Leaderboard returns them.
func SortScores(scores []Score) {
	slices.SortFunc(scores, func(a, b Score) int {
		return cmp.Or(cmp.Compare(b.Points, a.Points), cmp.Compare(a.Answered, b.Answered), strings.Compare(a.UserID, b.UserID))
	})
}

// Store is everything a bot process shares.
type Store interface {
	Cache
	Limiter
	Settings
	StatsStore
	Quizzes
	Sessions
	// Name says which backend this is, for logs and status.
	Name() string
	Close() error
}
