package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// testLimiterBurst: a burst is allowed, the next event waits its turn,
// each key has its own limit, and a zero limit limits nothing.
func testLimiterBurst(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := store.Limit{Rate: 3, Period: time.Minute, Burst: 3}
	for i := range 3 {
		if d, err := s.Allow(ctx, "user:1", l); err != nil || !d.Allowed {
			t.Fatalf("event %d: %+v, %v; want allowed within the burst", i+1, d, err)
		}
	}
	d, err := s.Allow(ctx, "user:1", l)
	if err != nil || d.Allowed || d.RetryAfter < 15*time.Second || d.RetryAfter > 21*time.Second {
		t.Errorf("event 4: %+v, %v; want refused, retry in about 20s", d, err)
	}
	if d, _ := s.Allow(ctx, "user:2", l); !d.Allowed {
		t.Error("another key was limited too")
	}
	if d, _ := s.Allow(ctx, "user:1", store.Limit{}); !d.Allowed {
		t.Error("a zero limit refused an event; want unlimited")
	}
}

// testLimiterPeek: peeking says what Allow would decide, and counts
// nothing.
func testLimiterPeek(t *testing.T, s store.Store) {
	ctx := context.Background()
	l := store.Limit{Rate: 2, Period: time.Minute, Burst: 2}
	for range 5 {
		if d, err := s.Peek(ctx, "p", l); err != nil || !d.Allowed {
			t.Fatalf("Peek on a fresh key = %+v, %v; want allowed", d, err)
		}
	}
	for n := range 2 {
		if d, _ := s.Allow(ctx, "p", l); !d.Allowed {
			t.Fatalf("Allow %d after peeks = %+v; want allowed: peeking counts nothing", n+1, d)
		}
	}
	if d, _ := s.Peek(ctx, "p", l); d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > 30*time.Second {
		t.Errorf("Peek with the burst spent = %+v; want refused, retry within 30 s", d)
	}
	if d, _ := s.Allow(ctx, "p", l); d.Allowed {
		t.Errorf("Allow with the burst spent = %+v; want refused", d)
	}
}
