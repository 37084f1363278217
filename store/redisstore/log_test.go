package redisstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a buffer that go-redis's goroutines and the test may
// use at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *lockedBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *lockedBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// jsonLines parses each line of log as a JSON object.
func jsonLines(t *testing.T, log string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(log) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %q is not JSON", line)
		}
		out = append(out, m)
	}
	return out
}

// TestClientLog: go-redis's own lines, here a pool that cannot dial a
// dead Redis, go to the logger SetLogger gave it: JSON, with a JSON
// handler.
func TestClientLog(t *testing.T) {
	var w lockedBuffer
	SetLogger(slog.New(slog.NewJSONHandler(&w, nil)), time.Minute)
	t.Cleanup(func() { SetLogger(slog.New(slog.DiscardHandler), time.Minute) })
	s, err := New(Options{URL: "redis://127.0.0.1:1/0"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(context.Background()); err == nil {
		t.Fatal("Ping of a dead Redis = nil")
	}
	lines := jsonLines(t, w.String())
	if len(lines) == 0 || lines[0]["msg"] != "redis client" || lines[0]["level"] != "WARN" ||
		!strings.HasPrefix(lines[0]["detail"].(string), "connection pool: failed to dial") {
		t.Errorf("go-redis logged %q; want a warning that its pool failed to dial", w.String())
	}
}

// TestClientLogEvery: each kind of go-redis line is logged at most once
// per interval, the next one counting those left out.
func TestClientLogEvery(t *testing.T) {
	var w lockedBuffer
	c := &clientLog{log: slog.New(slog.NewJSONHandler(&w, nil)), every: 100 * time.Millisecond, kinds: map[string]logged{}}
	ctx := context.Background()
	dial := "redis: connection pool: failed to dial after %d attempts: %v"
	for range 3 {
		c.Printf(ctx, dial, 1, "connection refused")
	}
	c.Printf(ctx, "sentinel: new master=%q addr=%q", "m", "127.0.0.1:1") // another kind
	time.Sleep(120 * time.Millisecond)
	c.Printf(ctx, dial, 1, "connection refused")
	var got []string
	for _, l := range jsonLines(t, w.String()) {
		got = append(got, fmt.Sprintf("%v (%v)", l["detail"], l["suppressed"]))
	}
	want := []string{
		"connection pool: failed to dial after 1 attempts: connection refused (0)",
		`sentinel: new master="m" addr="127.0.0.1:1" (0)`,
		"connection pool: failed to dial after 1 attempts: connection refused (2)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("logged %q; want %q", got, want)
	}
}
