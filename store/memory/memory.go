// Package memory keeps the shared state in the process: for a single
// bot process without Redis. The cache is a bounded LRU with TTLs
// (hashicorp/golang-lru); limits, settings and stats are maps.
package memory

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"github.com/interviewbot/interviewbot/store"
)

// Store is the in-memory store. It is safe for concurrent use.
type Store struct {
	cache     *expirable.LRU[string, []byte]
	cacheSize int
	evicted   atomic.Int64 // entries dropped for room
	now       func() time.Time

	mu       sync.Mutex
	tat      *expirable.LRU[string, time.Time] // GCRA theoretical arrival times
	settings map[string]store.GuildSettings
	audit    map[string][]store.AuditEntry // newest last
	stats    map[string]*store.Stats       // all time, by scope
	buckets  map[string]map[store.Bucket]*bucket
	// retention is how long declined questions are kept.
	retention time.Duration
	rounds    *expirable.LRU[string, *round] // by server and message
	scores    map[string]map[string]*store.Score
	lastQuiz  map[string]time.Time         // a server's last answer: its scores expire store.QuizScoreTTL after
	sessions  map[string]store.QuizSession // by server and channel
	claims    map[string]time.Time         // a session's claim, until
	ended     map[string]time.Time         // sessions ended, by ID: until when that is kept
	epoch     string                       // see Epoch
}

var _ store.Store = (*Store)(nil)

// An Option configures a Store.
type Option func(*Store)

// Retention keeps declined questions for d (store.DefaultRetention
// otherwise).
func Retention(d time.Duration) Option {
	return func(s *Store) {
		if d > 0 {
			s.retention = d
		}
	}
}

// New returns a store whose cache holds at most size answers
// (store.DefaultCacheSize if size is not positive).
func New(size int, opts ...Option) *Store {
	if size <= 0 {
		size = store.DefaultCacheSize
	}
	s := &Store{
		cache:     expirable.NewLRU[string, []byte](size, nil, maxTTL),
		cacheSize: size,
		// A year: the longest limit kept is one vote per user per
		// answer; the LRU's size bounds the rest.
		tat:       expirable.NewLRU[string, time.Time](100_000, nil, 366*24*time.Hour),
		now:       time.Now,
		settings:  make(map[string]store.GuildSettings),
		audit:     make(map[string][]store.AuditEntry),
		stats:     make(map[string]*store.Stats),
		buckets:   make(map[string]map[store.Bucket]*bucket),
		retention: store.DefaultRetention,
		// The most recent questions: a class posts a few hundred a day.
		rounds:   expirable.NewLRU[string, *round](10_000, nil, store.QuizRoundTTL),
		scores:   make(map[string]map[string]*store.Score),
		lastQuiz: make(map[string]time.Time),
		sessions: make(map[string]store.QuizSession),
		claims:   make(map[string]time.Time),
		ended:    make(map[string]time.Time),
		epoch:    fmt.Sprintf("%016x", rand.Uint64()),
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Name implements store.Store.
func (s *Store) Name() string { return "memory" }

// Close implements store.Store.
func (s *Store) Close() error { return nil }
