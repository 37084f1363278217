// Package memory keeps the shared state in the process: for a single
// bot process without Redis. The cache is a bounded LRU with TTLs
// (hashicorp/golang-lru); limits, settings and stats are maps.
package memory

import (
	"context"
	"encoding/binary"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
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

// round is the answers to one posted quiz question: each user's choice.
type round struct {
	choices map[string]int
	closed  bool
}

// roundAt returns the round, made if new; the caller holds s.mu.
func (s *Store) roundAt(guildID, roundID string) *round {
	key := guildID + "/" + roundID
	r, ok := s.rounds.Get(key)
	if !ok {
		r = &round{choices: make(map[string]int)}
		s.rounds.Add(key, r)
	}
	return r
}

// bucket is an hour's or a day's counts for a scope, and its declined
// questions: at most maxGaps, the most frequent, as the Redis store keeps
// them.
type bucket struct {
	stats   store.Stats
	gaps    map[string]int64
	expires time.Time
}

const maxGaps = 1000

// addGap counts q once, and keeps the maxGaps most frequent questions:
// past the bound, the least frequent goes (the first in order among
// equals, as in a Redis sorted set), which may be q itself.
func (b *bucket) addGap(q string) {
	b.gaps[q]++
	if len(b.gaps) <= maxGaps {
		return
	}
	var least string
	first := true
	for k, c := range b.gaps {
		if first || c < b.gaps[least] || c == b.gaps[least] && k < least {
			least, first = k, false
		}
	}
	delete(b.gaps, least)
}

var _ store.Store = (*Store)(nil)

// maxTTL bounds an entry's life in the in-memory cache: expirable.LRU has
// one TTL for all entries, so per-key TTLs shorter than it are kept by
// storing the expiry with the value.
const maxTTL = 7 * 24 * time.Hour

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

// Get implements store.Cache.
func (s *Store) Get(_ context.Context, key string) ([]byte, bool, error) {
	v, ok := s.cache.Get(key)
	if !ok || len(v) < 8 {
		return nil, false, nil
	}
	if expiry := time.Unix(0, int64(binary.BigEndian.Uint64(v))); s.now().After(expiry) {
		s.cache.Remove(key)
		return nil, false, nil
	}
	return slices.Clone(v[8:]), true, nil
}

// Set implements store.Cache.
func (s *Store) Set(_ context.Context, key string, val []byte, ttl time.Duration) error {
	v := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(val)), uint64(s.now().Add(min(ttl, maxTTL)).UnixNano()))
	if s.cache.Add(key, append(v, val...)) {
		s.evicted.Add(1)
	}
	return nil
}

// CacheUsage implements store.Cache.
func (s *Store) CacheUsage(context.Context) (store.CacheUsage, error) {
	u := store.CacheUsage{Capacity: s.cacheSize, Evicted: s.evicted.Load()}
	now := uint64(s.now().UnixNano())
	for _, v := range s.cache.Values() {
		if len(v) >= 8 && binary.BigEndian.Uint64(v) > now {
			u.Entries++
		}
	}
	return u, nil
}

// Allow implements store.Limiter with the same GCRA as redis_rate.
func (s *Store) Allow(_ context.Context, key string, l store.Limit) (store.Decision, error) {
	return s.gcra(key, l, true), nil
}

// Peek implements store.Limiter.
func (s *Store) Peek(_ context.Context, key string, l store.Limit) (store.Decision, error) {
	return s.gcra(key, l, false), nil
}

// gcra decides whether an event at key may happen now, and counts it if
// count is set and it may.
func (s *Store) gcra(key string, l store.Limit, count bool) store.Decision {
	if l.IsZero() {
		return store.Decision{Allowed: true}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	interval := l.Period / time.Duration(l.Rate)
	tat, ok := s.tat.Get(key)
	if !ok || tat.Before(now) {
		tat = now
	}
	newTAT := tat.Add(interval)
	allowAt := newTAT.Add(-interval * time.Duration(max(l.Burst, 1)))
	if now.Before(allowAt) {
		return store.Decision{RetryAfter: allowAt.Sub(now)}
	}
	if count {
		s.tat.Add(key, newTAT)
	}
	return store.Decision{Allowed: true}
}

// Settings implements store.Settings.
func (s *Store) Settings(_ context.Context, guildID string) (store.GuildSettings, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gs, ok := s.settings[guildID]
	gs.Channels = slices.Clone(gs.Channels)
	return gs, ok, nil
}

// UpdateSettings implements store.Settings.
func (s *Store) UpdateSettings(_ context.Context, guildID string, change store.SettingsChange) (store.GuildSettings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, found := s.settings[guildID]
	cur.Channels = slices.Clone(cur.Channels)
	gs, entry, err := change(cur, found)
	if err != nil {
		return store.GuildSettings{}, err
	}
	gs.Channels = slices.Clone(gs.Channels)
	s.settings[guildID] = gs
	a := append(s.audit[guildID], entry)
	if len(a) > store.MaxAudit {
		a = a[len(a)-store.MaxAudit:]
	}
	s.audit[guildID] = a
	return gs, nil
}

// Audit implements store.Settings.
func (s *Store) Audit(_ context.Context, guildID string, n int) ([]store.AuditEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.audit[guildID]
	out := make([]store.AuditEntry, 0, min(n, len(a)))
	for i := len(a) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, a[i])
	}
	return out, nil
}

// Record implements store.StatsStore.
func (s *Store) Record(_ context.Context, guildID string, e store.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	at := e.At
	if at.IsZero() {
		at = now
	}
	hour, day := store.BucketsAt(at)
	for _, scope := range scopes(guildID) {
		st := s.stats[scope]
		if st == nil {
			st = &store.Stats{Exchanges: make(map[int]int64)}
			s.stats[scope] = st
		}
		count(st, e)
		bs := s.buckets[scope]
		if bs == nil {
			bs = make(map[store.Bucket]*bucket)
			s.buckets[scope] = bs
		}
		for k, b := range bs {
			if !now.Before(b.expires) {
				delete(bs, k)
			}
		}
		for _, k := range []store.Bucket{hour, day} {
			expires := k.End().Add(max(store.Keep(k, false, s.retention), store.Keep(k, true, s.retention)))
			if !now.Before(expires) {
				continue
			}
			b := bs[k]
			if b == nil {
				b = &bucket{stats: store.Stats{Exchanges: make(map[int]int64)}, gaps: make(map[string]int64), expires: expires}
				bs[k] = b
			}
			count(&b.stats, e)
			if e.Unanswered != "" && now.Before(k.End().Add(store.Keep(k, true, s.retention))) {
				b.addGap(e.Unanswered)
			}
		}
	}
	return nil
}

// count adds e to st.
func count(st *store.Stats, e store.Event) {
	for _, c := range store.Counters(st, e) {
		*c.Total += c.Add
	}
	for _, x := range e.Exchanges {
		st.Exchanges[x]++
	}
}

// scopes are the statistics a server's event counts towards.
func scopes(guildID string) []string {
	if guildID == "" {
		return []string{""}
	}
	return []string{guildID, ""}
}

// Stats implements store.StatsStore. It copies under the lock and sorts
// outside it, so that /stats never holds up an answer.
func (s *Store) Stats(_ context.Context, guildID string, w store.Window, n int) (store.Stats, error) {
	s.mu.Lock()
	now := s.now()
	out := store.Stats{Exchanges: make(map[int]int64)}
	if st := s.stats[guildID]; st != nil && w == store.AllTime {
		out = *st
		out.Exchanges = maps.Clone(st.Exchanges)
	}
	gaps := make(map[string]int64)
	bs := s.buckets[guildID]
	for _, k := range store.Buckets(w, now, s.retention) {
		b := bs[k]
		if b == nil || !now.Before(b.expires) {
			continue
		}
		if w != store.AllTime {
			out.Add(b.stats)
		}
		for q, c := range b.gaps {
			gaps[q] += c
		}
	}
	s.mu.Unlock()
	out.Gaps = store.TopGaps(gaps, n)
	return out, nil
}

// Answer implements store.Quizzes.
func (s *Store) Answer(_ context.Context, guildID, roundID string, a store.QuizAnswer) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.roundAt(guildID, roundID)
	if r.closed {
		return false, store.ErrRoundClosed
	}
	if _, ok := r.choices[a.UserID]; ok {
		return false, nil
	}
	r.choices[a.UserID] = a.Choice
	s.expireScores(guildID)
	s.lastQuiz[guildID] = s.now()
	users := s.scores[guildID]
	if users == nil {
		users = make(map[string]*store.Score)
		s.scores[guildID] = users
	}
	sc := users[a.UserID]
	if sc == nil {
		sc = &store.Score{UserID: a.UserID}
		users[a.UserID] = sc
	}
	sc.Answered++
	if a.Correct {
		sc.Points++
	}
	return true, nil
}

// Tally implements store.Quizzes.
func (s *Store) Tally(_ context.Context, guildID, roundID string, n int) ([]int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int64, max(n, 0))
	if r, ok := s.rounds.Peek(guildID + "/" + roundID); ok {
		for _, c := range r.choices {
			if c >= 0 && c < len(out) {
				out[c]++
			}
		}
	}
	return out, nil
}

// Leaderboard implements store.Quizzes.
func (s *Store) Leaderboard(_ context.Context, guildID string, n int) ([]store.Score, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireScores(guildID)
	var out []store.Score
	for _, sc := range s.scores[guildID] {
		out = append(out, *sc)
	}
	store.SortScores(out)
	return out[:min(max(n, 0), len(out))], nil
}

// expireScores drops a server's scores store.QuizScoreTTL after its last
// answer, as Redis expires them.
func (s *Store) expireScores(guildID string) {
	if last, ok := s.lastQuiz[guildID]; ok && s.now().Sub(last) > store.QuizScoreTTL {
		delete(s.scores, guildID)
		delete(s.lastQuiz, guildID)
	}
}

// Choices implements store.Quizzes.
func (s *Store) Choices(_ context.Context, guildID, roundID string) (map[string]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rounds.Peek(guildID + "/" + roundID)
	if !ok {
		return map[string]int{}, nil
	}
	return maps.Clone(r.choices), nil
}

// CloseRound implements store.Quizzes.
func (s *Store) CloseRound(_ context.Context, guildID, roundID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.roundAt(guildID, roundID).closed = true
	return nil
}

func sessionKey(guildID, channelID string) string { return guildID + "/" + channelID }

// StartSession implements store.Sessions.
func (s *Store) StartSession(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if _, ok := s.sessions[k]; ok {
		return false, nil
	}
	s.sessions[k] = qs
	return true, nil
}

// SaveSession implements store.Sessions.
func (s *Store) SaveSession(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if cur, ok := s.sessions[k]; !ok || cur.ID != qs.ID || cur.Lost {
		return false, nil
	}
	s.sessions[k] = qs
	return true, nil
}

// RestoreSession implements store.Sessions.
func (s *Store) RestoreSession(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if cur, ok := s.sessions[k]; ok && (cur.ID != qs.ID || cur.Progress() >= qs.Progress()) {
		return false, nil
	}
	s.sessions[k] = qs
	return true, nil
}

// Session implements store.Sessions.
func (s *Store) Session(_ context.Context, guildID, channelID string) (store.QuizSession, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	qs, ok := s.sessions[sessionKey(guildID, channelID)]
	return qs, ok, nil
}

// EndSession implements store.Sessions.
func (s *Store) EndSession(_ context.Context, qs store.QuizSession) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, until := range s.ended {
		if now.After(until) {
			delete(s.ended, id)
		}
	}
	s.ended[qs.ID] = now.Add(store.SessionTTL)
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if cur, ok := s.sessions[k]; ok && cur.ID == qs.ID {
		delete(s.sessions, k)
	}
	for c := range s.claims {
		if strings.HasPrefix(c, k+"/"+qs.ID+"/") {
			delete(s.claims, c)
		}
	}
	return nil
}

// SessionEnded implements store.Sessions.
func (s *Store) SessionEnded(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.ended[qs.ID]
	return ok && s.now().Before(until), nil
}

// Epoch implements store.Sessions: the process's, which loses nothing
// it does not lose too.
func (s *Store) Epoch(context.Context, string) (string, error) { return s.epoch, nil }

// DueSessions implements store.Sessions.
func (s *Store) DueSessions(_ context.Context, now time.Time, n int) ([]store.QuizSession, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.QuizSession
	for _, qs := range s.sessions {
		if !qs.Due.After(now) && len(out) < n {
			out = append(out, qs)
		}
	}
	return out, nil
}

// ClaimSession implements store.Sessions.
func (s *Store) ClaimSession(_ context.Context, qs store.QuizSession, n int, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID) + "/" + qs.ID + "/" + strconv.Itoa(n)
	if until, ok := s.claims[k]; ok && s.now().Before(until) {
		return false, nil
	}
	s.claims[k] = s.now().Add(ttl)
	return true, nil
}

// ResetScores implements store.Quizzes.
func (s *Store) ResetScores(_ context.Context, guildID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.scores, guildID)
	delete(s.lastQuiz, guildID)
	return nil
}
