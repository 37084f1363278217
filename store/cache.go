package store

import (
	"context"
	"time"
)

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
