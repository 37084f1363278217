package storetest

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/interviewbot/interviewbot/store"
)

// testQuizAnswers: a user's first answer to a round counts, once,
// however many clicks come at once; tallies and leaderboards follow,
// per server, and ResetScores clears a server's.
func testQuizAnswers(t *testing.T, s store.Store) {
	ctx := context.Background()
	answers := []struct {
		guild, round, user string
		choice             int
		correct, first     bool
	}{
		{"g", "r1", "ann", 2, true, true},
		{"g", "r1", "ann", 0, false, false}, // a second click does not count
		{"g", "r1", "bob", 0, false, true},
		{"g", "r1", "cid", 2, true, true},
		{"g", "r2", "bob", 1, true, true},
		{"g", "r2", "cid", 1, true, true},
		{"g", "r2", "dan", 3, false, true},
		{"h", "r1", "ann", 1, true, true}, // another server: its own round and score
	}
	for _, a := range answers {
		first, err := s.Answer(ctx, a.guild, a.round, store.QuizAnswer{UserID: a.user, Choice: a.choice, Correct: a.correct})
		if err != nil || first != a.first {
			t.Fatalf("Answer(%s, %s, %s) = %v, %v; want first %v", a.guild, a.round, a.user, first, err, a.first)
		}
	}
	if tally, err := s.Tally(ctx, "g", "r1", 4); err != nil || !slices.Equal(tally, []int64{1, 0, 2, 0}) {
		t.Errorf("Tally(g, r1) = %v, %v; want [1 0 2 0]", tally, err)
	}
	if tally, _ := s.Tally(ctx, "g", "absent", 3); !slices.Equal(tally, []int64{0, 0, 0}) {
		t.Errorf("Tally(absent) = %v; want zeros", tally)
	}
	sc := func(user string, points, answered int64) store.Score {
		return store.Score{UserID: user, Points: points, Answered: answered}
	}
	want := []store.Score{sc("cid", 2, 2), sc("ann", 1, 1), sc("bob", 1, 2), sc("dan", 0, 1)}
	if board, err := s.Leaderboard(ctx, "g", 10); err != nil || !slices.Equal(board, want) {
		t.Errorf("Leaderboard(g) = %v, %v; want %v", board, err, want)
	}
	if board, _ := s.Leaderboard(ctx, "g", 2); !slices.Equal(board, want[:2]) {
		t.Errorf("Leaderboard(g, 2) = %v; want %v (ties broken by fewer answers)", board, want[:2])
	}
	if board, _ := s.Leaderboard(ctx, "h", 10); !slices.Equal(board, []store.Score{sc("ann", 1, 1)}) {
		t.Errorf("Leaderboard(h) = %v; want ann alone", board)
	}
	if err := s.ResetScores(ctx, "h"); err != nil {
		t.Fatal(err)
	}
	if board, _ := s.Leaderboard(ctx, "h", 10); len(board) != 0 {
		t.Errorf("Leaderboard(h) after ResetScores = %v; want none", board)
	}
	// Many clicks at once from one user count once.
	var wg sync.WaitGroup
	var firsts atomic.Int32
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if first, _ := s.Answer(ctx, "g", "r3", store.QuizAnswer{UserID: "eve", Choice: i % 4, Correct: true}); first {
				firsts.Add(1)
			}
		}()
	}
	wg.Wait()
	board, _ := s.Leaderboard(ctx, "g", 10)
	if firsts.Load() != 1 || !slices.Contains(board, sc("eve", 1, 1)) {
		t.Errorf("16 concurrent clicks: %d counted first, board %v; want 1, and eve at 1 point of 1", firsts.Load(), board)
	}
}

// testQuizClosedRounds: a closed round refuses answers and keeps those
// it had.
func testQuizClosedRounds(t *testing.T, s store.Store) {
	ctx := context.Background()
	s.Answer(ctx, "g", "r", store.QuizAnswer{UserID: "1", Choice: 2})
	if err := s.CloseRound(ctx, "g", "r"); err != nil {
		t.Fatal(err)
	}
	if first, err := s.Answer(ctx, "g", "r", store.QuizAnswer{UserID: "2", Choice: 1, Correct: true}); first || !errors.Is(err, store.ErrRoundClosed) {
		t.Errorf("Answer after CloseRound = %v, %v; want ErrRoundClosed", first, err)
	}
	if choices, err := s.Choices(ctx, "g", "r"); err != nil || len(choices) != 1 || choices["1"] != 2 {
		t.Errorf("Choices = %v, %v; want user 1's choice alone", choices, err)
	}
	if tally, _ := s.Tally(ctx, "g", "r", 3); !slices.Equal(tally, []int64{0, 0, 1}) {
		t.Errorf("Tally of a closed round = %v; want [0 0 1]", tally)
	}
	if board, _ := s.Leaderboard(ctx, "g", 5); len(board) != 1 {
		t.Errorf("Leaderboard = %v; want the answer before the close alone", board)
	}
}
