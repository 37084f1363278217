package redisstore

import (
	"context"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/interviewbot/interviewbot/store"
)

// Allow implements store.Limiter with redis_rate's GCRA.
func (s *Store) Allow(ctx context.Context, key string, l store.Limit) (store.Decision, error) {
	if l.IsZero() {
		return store.Decision{Allowed: true}, nil
	}
	var res *redis_rate.Result
	err := s.do(ctx, func(ctx context.Context) (err error) {
		res, err = s.limiter.Allow(ctx, s.key("rate", key), redis_rate.Limit{Rate: l.Rate, Period: l.Period, Burst: max(l.Burst, 1)})
		return err
	})
	if err != nil {
		return store.Decision{}, err
	}
	return store.Decision{Allowed: res.Allowed > 0, RetryAfter: max(res.RetryAfter, 0)}, nil
}

// Peek implements store.Limiter: redis_rate at a cost of nothing, which
// counts nothing and allows while a whole event remains.
func (s *Store) Peek(ctx context.Context, key string, l store.Limit) (store.Decision, error) {
	if l.IsZero() {
		return store.Decision{Allowed: true}, nil
	}
	rl := redis_rate.Limit{Rate: l.Rate, Period: l.Period, Burst: max(l.Burst, 1)}
	var res *redis_rate.Result
	err := s.do(ctx, func(ctx context.Context) (err error) {
		res, err = s.limiter.AllowN(ctx, s.key("rate", key), rl, 0)
		return err
	})
	if err != nil {
		return store.Decision{}, err
	}
	if res.Remaining >= 1 {
		return store.Decision{Allowed: true}, nil
	}
	// The next event is allowed once the state has drained to a burst
	// less one interval.
	interval := l.Period / time.Duration(l.Rate)
	return store.Decision{RetryAfter: max(res.ResetAfter-interval*time.Duration(rl.Burst-1), time.Millisecond)}, nil
}
