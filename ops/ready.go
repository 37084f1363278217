package ops

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A Check is one part of readiness.
type Check struct {
	Name string
	// Degrades is true for a part the bot answers without, worse: its
	// failure makes the bot "degraded", still ready. The shared store is
	// one: without Redis, answers go uncached.
	Degrades bool
	Probe    func(ctx context.Context) error
}

// checkTimeout bounds each probe: a hung store must not hang /readyz.
// A variable, for tests.
var checkTimeout = time.Second

// Readiness answers /readyz: 200 "ready" when every check passes, 200
// "degraded" when only checks that degrade fail, 503 "not ready"
// otherwise, with a line per check.
func Readiness(checks ...Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, body := readiness(r.Context(), checks)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		io.WriteString(w, body)
	})
}

func readiness(ctx context.Context, checks []Check) (int, string) {
	var lines []string
	failed, degraded := false, false
	for _, c := range checks {
		cctx, cancel := context.WithTimeout(ctx, checkTimeout)
		err := c.Probe(cctx)
		cancel()
		switch {
		case err == nil:
			lines = append(lines, c.Name+": ok")
		case c.Degrades:
			degraded = true
			lines = append(lines, fmt.Sprintf("%s: degraded: %v", c.Name, err))
		default:
			failed = true
			lines = append(lines, fmt.Sprintf("%s: failing: %v", c.Name, err))
		}
	}
	head, status := "ready", http.StatusOK
	switch {
	case failed:
		head, status = "not ready", http.StatusServiceUnavailable
	case degraded:
		head = "degraded"
	}
	return status, head + "\n" + strings.Join(lines, "\n") + "\n"
}

// Routes serves /metrics (if m is not nil), /healthz (the process is
// alive) and /readyz.
func Routes(m *Metrics, checks ...Check) *http.ServeMux {
	mux := http.NewServeMux()
	if m != nil {
		mux.Handle("GET /metrics", m.Handler())
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.Handle("GET /readyz", Readiness(checks...))
	return mux
}

// GatewayUp is a readiness probe: it fails until every shard that
// reported has connected, and while any is disconnected.
func (m *Metrics) GatewayUp(context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.shards) == 0 {
		return fmt.Errorf("the gateway has not connected yet")
	}
	var down []string
	for shard, up := range m.shards {
		if !up {
			down = append(down, strconv.Itoa(shard))
		}
	}
	if len(down) > 0 {
		slices.Sort(down)
		return fmt.Errorf("shard %s disconnected; reconnecting", strings.Join(down, ", "))
	}
	return nil
}
