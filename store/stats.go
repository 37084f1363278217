package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

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
