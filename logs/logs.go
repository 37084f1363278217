// Package logs holds what the bot's packages share about logging with
// log/slog.
package logs

import (
	"log/slog"
	"sync"
	"time"
)

// Warner logs a warning at most once per interval, with the count of
// those it left out, so that a dead Redis or a flood of forged requests
// does not flood the log. It is safe for concurrent use.
type Warner struct {
	log        *slog.Logger
	every      time.Duration
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

// NewWarner returns a Warner logging to log at most once per every.
func NewWarner(log *slog.Logger, every time.Duration) *Warner {
	return &Warner{log: log, every: every}
}

// Warn logs msg with err, unless another warning went out less than an
// interval ago.
func (w *Warner) Warn(msg string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if now := time.Now(); now.Sub(w.last) >= w.every {
		w.log.Warn(msg, "err", err, "suppressed", w.suppressed)
		w.last, w.suppressed = now, 0
		return
	}
	w.suppressed++
}
