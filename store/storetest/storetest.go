// Package storetest holds the contract that every store.Store backend
// must meet, as tests to run against a fresh store.
package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// CacheSize is the capacity of the caches of the stores that Run tests.
const CacheSize = 1000

// Run runs the contract against stores made by newStore, one per test,
// whose cache keeps CacheSize entries.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tt := []struct {
		name string
		test func(t *testing.T, s store.Store)
	}{
		{"cache", testCacheRoundTrip},
		{"cache ttl", testCacheTTL},
		{"cache bounded", testCacheBounded},
		{"limiter", testLimiterBurst},
		{"peek", testLimiterPeek},
		{"settings and audit", testSettingsAudit},
		{"settings changed at once", testSettingsChangedAtOnce},
		{"a change that refuses writes nothing", testSettingsRefused},
		{"stats", testStatsCounts},
		{"windows and retention", testStatsWindows},
		{"declined questions are bounded", testStatsGapsBounded},
		{"quiz", testQuizAnswers},
		{"closed rounds", testQuizClosedRounds},
		{"sessions", testSessions},
		{"epoch", testSessionEpoch},
		{"lost sessions", testSessionsLost},
		{"concurrent", testConcurrent},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) { tc.test(t, newStore(t)) })
	}
}

// testConcurrent: events, cache writes and limits from many goroutines
// at once all count.
func testConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				s.Record(ctx, "g", store.Event{Asked: true, Exchanges: []int{1}})
				s.Set(ctx, "k", []byte("v"), time.Minute)
				s.Get(ctx, "k")
				s.Allow(ctx, "u", store.Limit{Rate: 1000, Period: time.Second, Burst: 1000})
			}
		}()
	}
	wg.Wait()
	if st, _ := s.Stats(ctx, "g", store.AllTime, 0); st.Asked != 200 || st.Exchanges[1] != 200 {
		t.Errorf("after 200 concurrent events: asked %d, exchange 1 %d; want 200", st.Asked, st.Exchanges[1])
	}
}
