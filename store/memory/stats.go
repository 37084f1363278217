package memory

import (
	"context"
	"maps"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

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
