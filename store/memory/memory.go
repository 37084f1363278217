// Package memory keeps the shared state in the process: for a single
// bot process without Redis. The cache is a bounded LRU with TTLs
// (hashicorp/golang-lru); limits, settings and stats are maps.
package memory

import (
	"context"
	"encoding/binary"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"github.com/interviewbot/interviewbot/store"
)

// Store is the in-memory store. It is safe for concurrent use.
type Store struct {
	cache *expirable.LRU[string, []byte]
	now   func() time.Time

	mu       sync.Mutex
	tat      *expirable.LRU[string, time.Time] // GCRA theoretical arrival times
	settings map[string]store.GuildSettings
	audit    map[string][]store.AuditEntry // newest last
	stats    map[string]*store.Stats
	gaps     map[string]*gaps
}

// gaps counts a scope's declined questions: at most maxGaps, the most
// frequent, as the Redis store keeps them, with counts halved every
// gapHalfLife so that old questions make way for new ones.
type gaps struct {
	count  map[string]int64
	halved time.Time
}

const (
	maxGaps     = 1000
	gapHalfLife = 7 * 24 * time.Hour
)

// add counts q once, and keeps the maxGaps most frequent questions: past
// the bound, the least frequent goes (the first in order among equals,
// as in a Redis sorted set), which may be q itself.
func (g *gaps) add(q string, now time.Time) {
	if now.Sub(g.halved) >= gapHalfLife {
		for k, c := range g.count {
			if c /= 2; c == 0 {
				delete(g.count, k)
			} else {
				g.count[k] = c
			}
		}
		g.halved = now
	}
	g.count[q]++
	if len(g.count) <= maxGaps {
		return
	}
	var least string
	first := true
	for k, c := range g.count {
		if first || c < g.count[least] || c == g.count[least] && k < least {
			least, first = k, false
		}
	}
	delete(g.count, least)
}

var _ store.Store = (*Store)(nil)

// maxTTL bounds an entry's life in the in-memory cache: expirable.LRU has
// one TTL for all entries, so per-key TTLs shorter than it are kept by
// storing the expiry with the value.
const maxTTL = 7 * 24 * time.Hour

// New returns a store whose cache holds at most size answers.
func New(size int) *Store {
	return &Store{
		cache: expirable.NewLRU[string, []byte](size, nil, maxTTL),
		// A year: the longest limit kept is one vote per user per
		// answer; the LRU's size bounds the rest.
		tat:      expirable.NewLRU[string, time.Time](100_000, nil, 366*24*time.Hour),
		now:      time.Now,
		settings: make(map[string]store.GuildSettings),
		audit:    make(map[string][]store.AuditEntry),
		stats:    make(map[string]*store.Stats),
		gaps:     make(map[string]*gaps),
	}
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
	s.cache.Add(key, append(v, val...))
	return nil
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

// SaveSettings implements store.Settings.
func (s *Store) SaveSettings(_ context.Context, guildID string, gs store.GuildSettings, change store.AuditEntry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	gs.Channels = slices.Clone(gs.Channels)
	s.settings[guildID] = gs
	a := append(s.audit[guildID], change)
	if len(a) > store.MaxAudit {
		a = a[len(a)-store.MaxAudit:]
	}
	s.audit[guildID] = a
	return nil
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
	for _, scope := range scopes(guildID) {
		st := s.stats[scope]
		if st == nil {
			st = &store.Stats{Exchanges: make(map[int]int64)}
			s.stats[scope] = st
		}
		for _, c := range store.Counters(st, e) {
			*c.Total += c.Add
		}
		for _, x := range e.Exchanges {
			st.Exchanges[x]++
		}
		if e.Unanswered != "" {
			g := s.gaps[scope]
			if g == nil {
				g = &gaps{count: make(map[string]int64), halved: s.now()}
				s.gaps[scope] = g
			}
			g.add(e.Unanswered, s.now())
		}
	}
	return nil
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
func (s *Store) Stats(_ context.Context, guildID string, n int) (store.Stats, error) {
	s.mu.Lock()
	out := store.Stats{Exchanges: make(map[int]int64)}
	if st := s.stats[guildID]; st != nil {
		out = *st
		out.Exchanges = make(map[int]int64, len(st.Exchanges))
		for k, v := range st.Exchanges {
			out.Exchanges[k] = v
		}
	}
	if g := s.gaps[guildID]; g != nil {
		out.Gaps = make([]store.Gap, 0, len(g.count))
		for q, c := range g.count {
			out.Gaps = append(out.Gaps, store.Gap{Question: q, Count: c})
		}
	}
	s.mu.Unlock()
	sort.Slice(out.Gaps, func(i, j int) bool {
		if out.Gaps[i].Count != out.Gaps[j].Count {
			return out.Gaps[i].Count > out.Gaps[j].Count
		}
		return out.Gaps[i].Question < out.Gaps[j].Question
	})
	out.Gaps = out.Gaps[:min(n, len(out.Gaps))]
	return out, nil
}
