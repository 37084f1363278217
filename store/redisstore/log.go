package redisstore

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// SetLogger sends go-redis's own log lines (a pool that cannot dial, a
// Sentinel that fails over) to log, as warnings, in place of the plain
// text go-redis writes to stderr: with a JSON log, every line of the
// process is then JSON. go-redis has one logger for the whole process;
// the last call sets it.
//
// While Redis is down, the pool fails to dial every few seconds, and
// the store says so already (Options.Failed, and its errors): each kind
// of line is logged at most once per every, with the count of those left
// out.
func SetLogger(log *slog.Logger, every time.Duration) {
	redis.SetLogger(&clientLog{log: log, every: every, kinds: map[string]logged{}})
}

// clientLog is go-redis's logger, through slog.
type clientLog struct {
	log   *slog.Logger
	every time.Duration
	mu    sync.Mutex
	kinds map[string]logged // by format: go-redis has a few dozen
}

// logged is when a kind of line was last logged, and how many of it
// were left out since.
type logged struct {
	last       time.Time
	suppressed int
}

// Printf logs a line of go-redis's.
func (c *clientLog) Printf(ctx context.Context, format string, v ...any) {
	c.mu.Lock()
	k, now := c.kinds[format], time.Now()
	if !k.last.IsZero() && now.Sub(k.last) < c.every {
		k.suppressed++
		c.kinds[format] = k
		c.mu.Unlock()
		return
	}
	c.kinds[format] = logged{last: now}
	c.mu.Unlock()
	detail := strings.TrimPrefix(fmt.Sprintf(format, v...), "redis: ")
	c.log.LogAttrs(context.WithoutCancel(ctx), slog.LevelWarn, "redis client", slog.String("detail", detail), slog.Int("suppressed", k.suppressed))
}
