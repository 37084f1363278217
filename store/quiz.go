package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"
)

// QuizAnswer is one student's answer to one quiz question.
type QuizAnswer struct {
	UserID  string
	Choice  int
	Correct bool
}

// Score is a student's quiz record in one server.
type Score struct {
	UserID   string `json:"user_id"`
	Points   int64  `json:"points"`   // right answers
	Answered int64  `json:"answered"` // questions answered
}

// QuizRoundTTL is how long a posted question's answers are kept: past
// it, the question is closed (its message's age says so).
const QuizRoundTTL = 7 * 24 * time.Hour

// QuizScoreTTL is how long a server's quiz scores are kept after its
// last answer: a school year, and some.
const QuizScoreTTL = 400 * 24 * time.Hour

// Quizzes keeps quiz answers and scores.
type Quizzes interface {
	// Answer records a's answer to the posted question round (a message
	// ID) in the server, unless a.UserID has answered it already; it
	// reports whether this answer was the first. A first answer counts
	// in the user's score, and in the round's tally: together, so that
	// no click is counted twice, on any number of instances.
	Answer(ctx context.Context, guildID, round string, a QuizAnswer) (first bool, err error)
	// Tally returns how many chose each of the round's choices (n of
	// them).
	Tally(ctx context.Context, guildID, round string, n int) ([]int64, error)
	// Leaderboard returns up to n of the server's best scores: most
	// points first, then fewest answers, then user ID.
	Leaderboard(ctx context.Context, guildID string, n int) ([]Score, error)
	// Choices returns each user's choice in the round.
	Choices(ctx context.Context, guildID, round string) (map[string]int, error)
	// CloseRound ends a round: Answer no longer counts answers to it,
	// and says so with ErrRoundClosed.
	CloseRound(ctx context.Context, guildID, round string) error
	// ResetScores deletes the server's scores.
	ResetScores(ctx context.Context, guildID string) error
}

// ErrRoundClosed is Answer's error for a round that has ended.
var ErrRoundClosed = errors.New("store: the round is closed")

// SortScores orders scores as Leaderboard returns them.
func SortScores(scores []Score) {
	slices.SortFunc(scores, func(a, b Score) int {
		return cmp.Or(cmp.Compare(b.Points, a.Points), cmp.Compare(a.Answered, b.Answered), strings.Compare(a.UserID, b.UserID))
	})
}
