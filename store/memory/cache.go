package memory

import (
	"context"
	"encoding/binary"
	"slices"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// maxTTL bounds an entry's life in the in-memory cache: expirable.LRU has
// one TTL for all entries, so per-key TTLs shorter than it are kept by
// storing the expiry with the value.
const maxTTL = 7 * 24 * time.Hour

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
