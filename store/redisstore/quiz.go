package redisstore

import (
	"context"
	"strconv"

	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

// quizKey names a server's quiz keys: a round's answers ("round", then
// the round), its points and its answer counts. They share the server's
// hash tag, so that answerScript runs on one Cluster slot.
func (s *Store) quizKey(guildID string, parts ...string) string {
	return s.key(append([]string{"guild", "{" + guildID + "}", "quiz"}, parts...)...)
}

// answerScript records an answer once: the round's hash keeps each
// user's choice (HSETNX), and a first answer adds to the user's points
// and answer count, in one step. Scores expire store.QuizScoreTTL after
// the server's last answer.
var answerScript = redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], '` + closedField + `') == 1 then return -1 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('ZINCRBY', KEYS[2], ARGV[3], ARGV[1])
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return 1
`)

// Answer implements store.Quizzes.
func (s *Store) Answer(ctx context.Context, guildID, round string, a store.QuizAnswer) (bool, error) {
	point := 0
	if a.Correct {
		point = 1
	}
	var first int64
	err := s.do(ctx, func(ctx context.Context) (err error) {
		keys := []string{s.quizKey(guildID, "round", round), s.quizKey(guildID, "points"), s.quizKey(guildID, "answered")}
		first, err = answerScript.Run(ctx, s.rdb, keys, a.UserID, a.Choice, point, store.QuizRoundTTL.Milliseconds(), store.QuizScoreTTL.Milliseconds()).Int64()
		return err
	})
	if err == nil && first == -1 {
		return false, store.ErrRoundClosed
	}
	return first == 1, err
}

// closedField marks a closed round in its hash; user IDs are numbers.
const closedField = "_closed"

// Choices implements store.Quizzes.
func (s *Store) Choices(ctx context.Context, guildID, round string) (map[string]int, error) {
	var all map[string]string
	err := s.do(ctx, func(ctx context.Context) (err error) {
		all, err = s.rdb.HGetAll(ctx, s.quizKey(guildID, "round", round)).Result()
		return err
	})
	out := make(map[string]int, len(all))
	for u, c := range all {
		if n, err := strconv.Atoi(c); err == nil && u != closedField {
			out[u] = n
		}
	}
	return out, err
}

// CloseRound implements store.Quizzes.
func (s *Store) CloseRound(ctx context.Context, guildID, round string) error {
	k := s.quizKey(guildID, "round", round)
	return s.do(ctx, func(ctx context.Context) error {
		_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, k, closedField, 1)
			p.PExpire(ctx, k, store.QuizRoundTTL)
			return nil
		})
		return err
	})
}

// Tally implements store.Quizzes.
func (s *Store) Tally(ctx context.Context, guildID, round string, n int) ([]int64, error) {
	choices, err := s.Choices(ctx, guildID, round)
	out := make([]int64, max(n, 0))
	for _, c := range choices {
		if c >= 0 && c < len(out) {
			out[c]++
		}
	}
	return out, err
}

// maxTies bounds the users tied on the last place that Leaderboard
// weighs to order them.
const maxTies = 1000

// Leaderboard implements store.Quizzes: the n best by points, with the
// users tied with the last of them, ordered by store.SortScores.
func (s *Store) Leaderboard(ctx context.Context, guildID string, n int) ([]store.Score, error) {
	if n <= 0 {
		return nil, nil
	}
	var out []store.Score
	err := s.do(ctx, func(ctx context.Context) error {
		points := s.quizKey(guildID, "points")
		top, err := s.rdb.ZRevRangeWithScores(ctx, points, 0, int64(n-1)).Result()
		if err != nil || len(top) == 0 {
			return err
		}
		if len(top) == n {
			last := strconv.FormatFloat(top[n-1].Score, 'f', -1, 64)
			ties, err := s.rdb.ZRangeByScoreWithScores(ctx, points, &redis.ZRangeBy{Min: last, Max: last, Count: maxTies}).Result()
			if err != nil {
				return err
			}
			top = append(top, ties...)
		}
		seen := map[string]bool{}
		var users []string
		for _, z := range top {
			u, _ := z.Member.(string)
			if !seen[u] {
				seen[u] = true
				users = append(users, u)
				out = append(out, store.Score{UserID: u, Points: int64(z.Score)})
			}
		}
		answered, err := s.rdb.HMGet(ctx, s.quizKey(guildID, "answered"), users...).Result()
		if err != nil {
			return err
		}
		for i, v := range answered {
			if str, ok := v.(string); ok {
				out[i].Answered, _ = strconv.ParseInt(str, 10, 64)
			}
		}
		return nil
	})
	store.SortScores(out)
	return out[:min(n, len(out))], err
}

// ResetScores implements store.Quizzes: both keys share the server's
// slot.
func (s *Store) ResetScores(ctx context.Context, guildID string) error {
	return s.do(ctx, func(ctx context.Context) error {
		return s.rdb.Del(ctx, s.quizKey(guildID, "points"), s.quizKey(guildID, "answered")).Err()
	})
}
