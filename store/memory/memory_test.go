package memory

import (
	"slices"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) store.Store { return New(1000) })
}

func TestCacheIsBounded(t *testing.T) {
	s := New(2)
	ctx := t.Context()
	for _, k := range []string{"a", "b", "c"} {
		s.Set(ctx, k, []byte(k), 1<<40)
	}
	if _, ok, _ := s.Get(ctx, "a"); ok {
		t.Error("the least recently used entry survived past the size bound")
	}
	if _, ok, _ := s.Get(ctx, "c"); !ok {
		t.Error("the newest entry was evicted")
	}
}

// TestGapsAge: counts halve every gapHalfLife, so that questions declined
// long ago make way for new ones.
func TestGapsAge(t *testing.T) {
	s := New(10)
	now := time.Unix(0, 0)
	s.now = func() time.Time { return now }
	ctx := t.Context()
	for range 4 {
		s.Record(ctx, "g", store.Event{Declined: true, Unanswered: "old"})
	}
	s.Record(ctx, "g", store.Event{Declined: true, Unanswered: "once"})
	now = now.Add(gapHalfLife)
	s.Record(ctx, "g", store.Event{Declined: true, Unanswered: "new"})
	st, _ := s.Stats(ctx, "g", 10)
	want := []store.Gap{{Question: "old", Count: 2}, {Question: "new", Count: 1}}
	if !slices.Equal(st.Gaps, want) {
		t.Errorf("after a half-life: %+v; want %+v", st.Gaps, want)
	}
}
