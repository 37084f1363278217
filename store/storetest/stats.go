package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// testStatsCounts: events count for their server and for the total,
// with the most frequent declined questions.
func testStatsCounts(t *testing.T, s store.Store) {
	ctx := context.Background()
	events := []struct {
		guild string
		e     store.Event
	}{
		{"g1", store.Event{Asked: true, Answered: true, CacheMiss: true, Exchanges: []int{7, 8}}},
		{"g1", store.Event{Asked: true, Answered: true, CacheHit: true, Exchanges: []int{7}}},
		{"g1", store.Event{Asked: true, Declined: true, CacheMiss: true, Unanswered: "que pense t il de la 5g"}},
		{"g2", store.Event{Asked: true, Declined: true, Unanswered: "que pense t il de la 5g"}},
		{"g2", store.Event{Asked: true, Declined: true, Unanswered: "salaire"}},
		{"g1", store.Event{FeedbackUp: true}},
		{"g1", store.Event{FeedbackDown: true}},
		{"g1", store.Event{PromptTokens: 400, CompletionTokens: 90}},
		{"g2", store.Event{PromptTokens: 100, CompletionTokens: 10}},
	}
	for _, ev := range events {
		if err := s.Record(ctx, ev.guild, ev.e); err != nil {
			t.Fatal(err)
		}
	}
	g1, err := s.Stats(ctx, "g1", store.AllTime, 10)
	if err != nil {
		t.Fatal(err)
	}
	if g1.Asked != 3 || g1.Answered != 2 || g1.Declined != 1 || g1.CacheHits != 1 || g1.CacheMisses != 2 ||
		g1.Exchanges[7] != 2 || g1.Exchanges[8] != 1 || g1.FeedbackUp != 1 || g1.FeedbackDown != 1 || len(g1.Gaps) != 1 ||
		g1.PromptTokens != 400 || g1.CompletionTokens != 90 {
		t.Errorf("Stats(g1) = %+v", g1)
	}
	all, _ := s.Stats(ctx, "", store.AllTime, 1)
	if all.Asked != 5 || all.Declined != 3 || len(all.Gaps) != 1 || all.Gaps[0] != (store.Gap{Question: "que pense t il de la 5g", Count: 2}) ||
		all.PromptTokens != 500 || all.CompletionTokens != 100 {
		t.Errorf("Stats(all, 1 gap) = %+v; want 5 asked, 3 declined, the 5G question twice", all)
	}
}

// testStatsWindows: each window counts the events within it, and
// declined questions are kept for the retention period alone.
func testStatsWindows(t *testing.T, s store.Store) {
	ctx := context.Background()
	now := time.Now()
	record := func(ago time.Duration, e store.Event) {
		t.Helper()
		e.At = now.Add(-ago)
		if err := s.Record(ctx, "w", e); err != nil {
			t.Fatal(err)
		}
	}
	day := 24 * time.Hour
	record(0, store.Event{Asked: true, Declined: true, Unanswered: "today", Exchanges: []int{3}})
	record(2*time.Hour, store.Event{Asked: true, Answered: true, Exchanges: []int{3}})
	record(30*time.Hour, store.Event{Asked: true, Declined: true, Unanswered: "yesterday"})
	record(5*day, store.Event{Asked: true, Answered: true})
	record(40*day, store.Event{Asked: true, Declined: true, Unanswered: "long ago"}) // past the retention
	tt := []struct {
		w         store.Window
		asked     int64
		exchange3 int64
		gaps      []string
	}{
		{store.Last24h, 2, 2, []string{"today"}},
		{store.Last7d, 4, 2, []string{"today", "yesterday"}},
		{store.AllTime, 5, 2, []string{"today", "yesterday"}},
	}
	for _, tc := range tt {
		st, err := s.Stats(ctx, "w", tc.w, 10)
		if err != nil {
			t.Fatal(err)
		}
		var gaps []string
		for _, g := range st.Gaps {
			gaps = append(gaps, g.Question)
		}
		if st.Asked != tc.asked || st.Exchanges[3] != tc.exchange3 || !slices.Equal(gaps, tc.gaps) {
			t.Errorf("Stats(%s) = %d asked, exchange 3 %d times, gaps %q; want %d, %d, %q", tc.w, st.Asked, st.Exchanges[3], gaps, tc.asked, tc.exchange3, tc.gaps)
		}
	}
}

// testStatsGapsBounded: a server keeps at most 1,000 declined
// questions, the most frequent.
func testStatsGapsBounded(t *testing.T, s store.Store) {
	ctx := context.Background()
	for range 3 {
		s.Record(ctx, "g", store.Event{Declined: true, Unanswered: "frequent"})
	}
	for i := range 1200 {
		if err := s.Record(ctx, "g", store.Event{Declined: true, Unanswered: fmt.Sprintf("rare %04d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Stats(ctx, "g", store.AllTime, 2000)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Gaps) > 1000 || len(st.Gaps) == 0 || st.Gaps[0] != (store.Gap{Question: "frequent", Count: 3}) {
		t.Errorf("after 1,201 distinct declined questions: %d kept, first %+v; want at most 1,000, the most frequent first", len(st.Gaps), st.Gaps[:min(1, len(st.Gaps))])
	}
}
