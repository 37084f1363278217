package memory

import (
	"context"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) store.Store { return New(storetest.CacheSize) })
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

// TestQuizScoresExpire: a server's scores go store.QuizScoreTTL after
// its last answer, as in Redis.
func TestQuizScoresExpire(t *testing.T) {
	ctx := context.Background()
	s := New(10)
	now := time.Now()
	s.now = func() time.Time { return now }
	s.Answer(ctx, "g", "r", store.QuizAnswer{UserID: "1", Correct: true})
	now = now.Add(store.QuizScoreTTL - time.Hour)
	if board, _ := s.Leaderboard(ctx, "g", 10); len(board) != 1 {
		t.Fatalf("Leaderboard before the TTL = %v; want the score", board)
	}
	now = now.Add(2 * time.Hour)
	if board, _ := s.Leaderboard(ctx, "g", 10); len(board) != 0 {
		t.Errorf("Leaderboard after the TTL = %v; want none", board)
	}
}
