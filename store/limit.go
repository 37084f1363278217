package store

import (
	"context"
	"time"
)

// Limit is a rate: Rate events per Period, with bursts of up to Burst.
type Limit struct {
	Rate   int           `json:"rate"`
	Period time.Duration `json:"period"`
	Burst  int           `json:"burst"`
}

// IsZero reports whether the limit is unset, which means unlimited.
func (l Limit) IsZero() bool { return l.Rate <= 0 || l.Period <= 0 }

// Decision is a rate limiter's answer.
type Decision struct {
	Allowed bool
	// RetryAfter is how long until the next event would be allowed, when
	// this one was not.
	RetryAfter time.Duration
}

// Limiter decides whether an event may happen now, by GCRA: events are
// spaced Period/Rate apart on average, with Burst at once.
type Limiter interface {
	Allow(ctx context.Context, key string, l Limit) (Decision, error)
	// Peek reports what Allow would decide now, without counting an
	// event.
	Peek(ctx context.Context, key string, l Limit) (Decision, error)
}
