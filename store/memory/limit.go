package memory

import (
	"context"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

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
