package ops

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/store/memory"
	"github.com/interviewbot/interviewbot/store/redisstore"
)

// scrape returns what /metrics serves.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	srv := httptest.NewServer(Routes(m))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return string(b)
}

// TestMetrics: each metric, as Prometheus reads it.
func TestMetrics(t *testing.T) {
	m := NewMetrics(Labels{})
	m.Interaction("ask", "answered", 2*time.Millisecond, 3*time.Millisecond)
	m.Interaction("ask", "answered", time.Millisecond, 2500*time.Millisecond)
	m.Interaction("ask", "rate_limited", time.Millisecond, time.Millisecond)
	m.Interaction("ask", "error", 0, time.Millisecond) // no response went out: no first-response sample
	m.Cache(answer.CacheHit)
	m.Cache(answer.CacheMiss)
	m.Cache("")
	m.StoreError("unavailable")
	m.StoreError("cooling")
	m.Gateway(0, "connected")
	m.Gateway(1, "connected")
	m.Gateway(1, "disconnected")
	ev := m.Events(nil)
	ev.LLMUsage(answer.Usage{Model: "m", PromptTokens: 400, CompletionTokens: 80})
	ev.LLMFallback("call failed", errors.New("timeout"))
	ev.LLMFallback("no verified quote", nil)
	ev.CacheFailed(errors.New("down"))

	got := scrape(t, m)
	for _, want := range []string{
		`interviewbot_interactions_total{command="ask",outcome="answered"} 2`,
		`interviewbot_interactions_total{command="ask",outcome="rate_limited"} 1`,
		`interviewbot_first_response_seconds_bucket{command="ask",le="0.0025"} 3`,
		`interviewbot_first_response_seconds_count{command="ask"} 3`,
		`interviewbot_interaction_seconds_bucket{command="ask",le="2.5"} 4`,
		`interviewbot_interaction_seconds_bucket{command="ask",le="1"} 3`,
		`interviewbot_answer_cache_total{status="hit"} 1`,
		`interviewbot_answer_cache_total{status="miss"} 1`,
		`interviewbot_store_errors_total{kind="unavailable"} 1`,
		`interviewbot_store_errors_total{kind="cooling"} 1`,
		`interviewbot_gateway_events_total{event="connected",shard="1"} 1`,
		`interviewbot_gateway_events_total{event="disconnected",shard="1"} 1`,
		`interviewbot_gateway_connected{shard="0"} 1`,
		`interviewbot_gateway_connected{shard="1"} 0`,
		`interviewbot_llm_calls_total{result="returned"} 1`,
		`interviewbot_llm_calls_total{result="failed"} 1`,
		`interviewbot_llm_fallbacks_total{cause="call_failed"} 1`,
		`interviewbot_llm_fallbacks_total{cause="no_verified_quote"} 1`,
		`interviewbot_llm_tokens_total{kind="prompt"} 400`,
		`interviewbot_llm_tokens_total{kind="completion"} 80`,
		`go_goroutines `,
		`process_resident_memory_bytes `,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(got, `status=""`) {
		t.Error("an empty cache status was counted")
	}
}

// TestMetricsFromStart: before anything happens, every series of the
// labels given, and of those ops knows itself, is there at zero; without
// shards, no gateway series is.
func TestMetricsFromStart(t *testing.T) {
	got := scrape(t, NewMetrics(Labels{Commands: []string{"ask", "component:quiz"}, Outcomes: []string{"answered", "error"},
		Fallbacks: []string{"check: call failed"}, Shards: []int{0, 3}}))
	want := []string{
		`interviewbot_first_response_seconds_count{command="component:quiz"} 0`,
		`interviewbot_interaction_seconds_bucket{command="ask",le="+Inf"} 0`,
		`interviewbot_answer_cache_total{status="disabled"} 0`,
		`interviewbot_llm_calls_total{result="failed"} 0`,
		`interviewbot_llm_tokens_total{kind="completion"} 0`,
		`interviewbot_llm_fallbacks_total{cause="check:_call_failed"} 0`,
		`interviewbot_store_errors_total{kind="cooling"} 0`,
		`interviewbot_gateway_connected{shard="3"} 0`,
	}
	for _, c := range []string{"ask", "component:quiz"} {
		for _, o := range []string{"answered", "error"} {
			want = append(want, fmt.Sprintf(`interviewbot_interactions_total{command=%q,outcome=%q} 0`, c, o))
		}
	}
	for _, r := range answer.Reasons() {
		want = append(want, fmt.Sprintf(`interviewbot_llm_fallbacks_total{cause=%q} 0`, strings.ReplaceAll(r, " ", "_")),
			fmt.Sprintf(`interviewbot_llm_claims_dropped_total{cause=%q} 0`, strings.ReplaceAll(r, " ", "_")))
	}
	for _, shard := range []string{"0", "3"} {
		for _, e := range []string{"connected", "disconnected", "resumed"} {
			want = append(want, fmt.Sprintf(`interviewbot_gateway_events_total{event=%q,shard=%q} 0`, e, shard))
		}
	}
	for _, w := range want {
		if !strings.Contains(got, w+"\n") {
			t.Errorf("/metrics before any interaction lacks %q", w)
		}
	}

	got = scrape(t, NewMetrics(Labels{}))
	if strings.Contains(got, "interviewbot_gateway") {
		t.Errorf("/metrics without shards has gateway series:\n%s", grepLines(got, "interviewbot_gateway"))
	}
}

// TestCacheMetrics: the cache's entries, capacity and evictions are read
// at each scrape; a store that cannot tell its entries leaves them out.
func TestCacheMetrics(t *testing.T) {
	st := memory.New(3)
	m := NewMetrics(Labels{})
	m.WatchCache(st.CacheUsage)
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		st.Set(t.Context(), k, []byte(k), time.Hour)
	}
	got := scrape(t, m)
	for _, want := range []string{"interviewbot_answer_cache_entries 3", "interviewbot_answer_cache_capacity 3", "interviewbot_answer_cache_evictions_total 2"} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close() // nothing listens there now: a dead Redis
	dead, err := redisstore.New(redisstore.Options{URL: "redis://" + ln.Addr().String(), CacheSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	m = NewMetrics(Labels{})
	m.WatchCache(dead.CacheUsage)
	got = scrape(t, m)
	if strings.Contains(got, "interviewbot_answer_cache_entries") || !strings.Contains(got, "interviewbot_answer_cache_capacity 100\n") {
		t.Errorf("with Redis dead, /metrics says:\n%s\nwant the capacity, and no entries", grepLines(got, "answer_cache"))
	}
}

// grepLines returns the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for line := range strings.Lines(s) {
		if strings.Contains(line, sub) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "")
}

// TestNilMetrics: a nil *Metrics hears nothing, and fails nothing.
func TestNilMetrics(t *testing.T) {
	var m *Metrics
	m.Interaction("ask", "answered", 0, 0)
	m.Cache("hit")
	m.Gateway(0, "connected")
	m.StoreError("command")
	if ev := m.Events(nil); ev == nil {
		t.Error("Events(nil) = nil; want answer.NoEvents")
	}
}

func TestReadiness(t *testing.T) {
	ok := func(context.Context) error { return nil }
	down := func(context.Context) error { return errors.New("connection refused") }
	hung := func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
	defer func(d time.Duration) { checkTimeout = d }(checkTimeout)
	checkTimeout = 50 * time.Millisecond
	tt := []struct {
		name   string
		checks []Check
		status int
		want   []string
	}{
		{"all up", []Check{{Name: "gateway", Probe: ok}, {Name: "store", Degrades: true, Probe: ok}}, 200,
			[]string{"ready\n", "gateway: ok", "store: ok"}},
		{"store down", []Check{{Name: "gateway", Probe: ok}, {Name: "store", Degrades: true, Probe: down}}, 200,
			[]string{"degraded\n", "store: degraded: connection refused"}},
		{"store hung", []Check{{Name: "store", Degrades: true, Probe: hung}}, 200,
			[]string{"degraded\n", "store: degraded: context deadline exceeded"}},
		{"gateway down", []Check{{Name: "gateway", Probe: down}, {Name: "store", Degrades: true, Probe: down}}, 503,
			[]string{"not ready\n", "gateway: failing: connection refused", "store: degraded"}},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(Routes(nil, tc.checks...))
			defer srv.Close()
			resp, err := http.Get(srv.URL + "/readyz")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Errorf("status %d; want %d", resp.StatusCode, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(b), w) {
					t.Errorf("body %q lacks %q", b, w)
				}
			}
		})
	}
	t.Run("healthz", func(t *testing.T) {
		srv := httptest.NewServer(Routes(nil))
		defer srv.Close()
		resp, err := http.Get(srv.URL + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET /healthz: %v %v", resp, err)
		}
		resp.Body.Close()
		if r, _ := http.Get(srv.URL + "/metrics"); r.StatusCode != 404 {
			t.Errorf("GET /metrics without metrics: %d; want 404", r.StatusCode)
		}
	})
}

func TestGatewayUp(t *testing.T) {
	m := NewMetrics(Labels{Shards: []int{0, 1}}) // shown at zero, not connected
	ctx := context.Background()
	if err := m.GatewayUp(ctx); err == nil {
		t.Error("ready before any shard connected")
	}
	m.Gateway(0, "connected")
	m.Gateway(1, "connected")
	if err := m.GatewayUp(ctx); err != nil {
		t.Errorf("both shards connected: %v", err)
	}
	m.Gateway(1, "disconnected")
	if err := m.GatewayUp(ctx); err == nil || !strings.Contains(err.Error(), "shard 1") {
		t.Errorf("shard 1 disconnected: %v; want it named", err)
	}
	m.Gateway(1, "resumed")
	if err := m.GatewayUp(ctx); err != nil {
		t.Errorf("shard 1 resumed: %v", err)
	}
}

// BenchmarkInteraction is what the metrics cost an interaction: its
// count, its two latencies and its cache status.
func BenchmarkInteraction(b *testing.B) {
	m := NewMetrics(Labels{})
	b.ReportAllocs()
	for b.Loop() {
		m.Interaction("ask", "answered", time.Millisecond, 2*time.Millisecond)
		m.Cache(answer.CacheHit)
	}
}
