package memory

import (
	"context"
	"maps"

	"github.com/interviewbot/interviewbot/store"
)

// round is the answers to one posted quiz question: each user's choice.
type round struct {
	choices map[string]int
	closed  bool
}

// roundAt returns the round, made if new; the caller holds s.mu.
func (s *Store) roundAt(guildID, roundID string) *round {
	key := guildID + "/" + roundID
	r, ok := s.rounds.Get(key)
	if !ok {
		r = &round{choices: make(map[string]int)}
		s.rounds.Add(key, r)
	}
	return r
}

// Answer implements store.Quizzes.
func (s *Store) Answer(_ context.Context, guildID, roundID string, a store.QuizAnswer) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.roundAt(guildID, roundID)
	if r.closed {
		return false, store.ErrRoundClosed
	}
	if _, ok := r.choices[a.UserID]; ok {
		return false, nil
	}
	r.choices[a.UserID] = a.Choice
	s.expireScores(guildID)
	s.lastQuiz[guildID] = s.now()
	users := s.scores[guildID]
	if users == nil {
		users = make(map[string]*store.Score)
		s.scores[guildID] = users
	}
	sc := users[a.UserID]
	if sc == nil {
		sc = &store.Score{UserID: a.UserID}
		users[a.UserID] = sc
	}
	sc.Answered++
	if a.Correct {
		sc.Points++
	}
	return true, nil
}

// Tally implements store.Quizzes.
func (s *Store) Tally(_ context.Context, guildID, roundID string, n int) ([]int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int64, max(n, 0))
	if r, ok := s.rounds.Peek(guildID + "/" + roundID); ok {
		for _, c := range r.choices {
			if c >= 0 && c < len(out) {
				out[c]++
			}
		}
	}
	return out, nil
}

// Leaderboard implements store.Quizzes.
func (s *Store) Leaderboard(_ context.Context, guildID string, n int) ([]store.Score, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireScores(guildID)
	var out []store.Score
	for _, sc := range s.scores[guildID] {
		out = append(out, *sc)
	}
	store.SortScores(out)
	return out[:min(max(n, 0), len(out))], nil
}

// expireScores drops a server's scores store.QuizScoreTTL after its last
// answer, as Redis expires them.
func (s *Store) expireScores(guildID string) {
	if last, ok := s.lastQuiz[guildID]; ok && s.now().Sub(last) > store.QuizScoreTTL {
		delete(s.scores, guildID)
		delete(s.lastQuiz, guildID)
	}
}

// Choices implements store.Quizzes.
func (s *Store) Choices(_ context.Context, guildID, roundID string) (map[string]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rounds.Peek(guildID + "/" + roundID)
	if !ok {
		return map[string]int{}, nil
	}
	return maps.Clone(r.choices), nil
}

// CloseRound implements store.Quizzes.
func (s *Store) CloseRound(_ context.Context, guildID, roundID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.roundAt(guildID, roundID).closed = true
	return nil
}

// ResetScores implements store.Quizzes.
func (s *Store) ResetScores(_ context.Context, guildID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.scores, guildID)
	delete(s.lastQuiz, guildID)
	return nil
}
