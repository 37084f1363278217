package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/check"
)

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// getWhenUp GETs url, waiting for a listener, and returns the body.
func getWhenUp(t *testing.T, url string) string {
	t.Helper()
	for range 200 {
		if resp, err := http.Get(url); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d %.200q", url, resp.StatusCode, b)
			}
			return string(b)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("GET %s: nothing listens", url)
	return ""
}

// silentDiscord returns the address of a Discord that accepts
// connections and never answers; closing it ends them all.
func silentDiscord(t *testing.T) (addr string, release func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // read nothing, answer nothing
			mu.Unlock()
		}
	}()
	return ln.Addr().String(), func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	}
}

// TestMetricsFromStart: serve-http's /metrics, scraped before any
// interaction, has every series a dashboard or an alert may ask for at
// zero: each command with each outcome, their latencies, the cache
// statuses, the LLM's and the check's reasons, the store's failures; and
// no gateway, which HTTP mode has not. In gateway mode, the shard is
// there, not connected.
func TestMetricsFromStart(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	errc := make(chan error, 2)
	go func() {
		errc <- run(ctx, []string{"serve-http", "--addr", addr}, env{stdout: io.Discard, stderr: io.Discard,
			getenv: envOf(map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "LOG_LEVEL": "error"})})
	}()
	got := getWhenUp(t, "http://"+addr+"/metrics")

	commands, outcomes := bot.MeterLabels()
	var want []string
	for _, c := range commands {
		for _, o := range outcomes {
			want = append(want, fmt.Sprintf(`interviewbot_interactions_total{command=%q,outcome=%q} 0`, c, o))
		}
		want = append(want, fmt.Sprintf(`interviewbot_first_response_seconds_count{command=%q} 0`, c),
			fmt.Sprintf(`interviewbot_interaction_seconds_count{command=%q} 0`, c))
	}
	for _, s := range []string{"hit", "miss", "unavailable", "disabled"} {
		want = append(want, fmt.Sprintf(`interviewbot_answer_cache_total{status=%q} 0`, s))
	}
	for _, r := range append(answer.Reasons(), check.Reasons()...) {
		want = append(want, fmt.Sprintf(`interviewbot_llm_fallbacks_total{cause=%q} 0`, strings.ReplaceAll(r, " ", "_")))
	}
	want = append(want, `interviewbot_llm_claims_dropped_total{cause="no_verified_quote"} 0`,
		`interviewbot_llm_calls_total{result="failed"} 0`, `interviewbot_llm_tokens_total{kind="prompt"} 0`,
		`interviewbot_store_errors_total{kind="unavailable"} 0`)
	for _, w := range want {
		if !strings.Contains(got, w+"\n") {
			t.Errorf("serve-http's /metrics before any interaction lacks %q", w)
		}
	}
	if strings.Contains(got, "interviewbot_gateway") {
		t.Error("serve-http's /metrics has gateway series; it runs no gateway")
	}

	// Gateway mode, against a Discord that never answers: the shard is
	// shown, not connected.
	discord, release := silentDiscord(t)
	defer release()
	metrics := freeAddr(t)
	go func() {
		errc <- run(ctx, []string{"serve"}, env{stdout: io.Discard, stderr: io.Discard, getenv: envOf(map[string]string{
			"DISCORD_TOKEN": "x", "DISCORD_API_URL": "http://" + discord + "/api/v10", "METRICS_ADDR": metrics,
			"SHARD_ID": "1", "SHARD_COUNT": "2", "LOG_LEVEL": "error"})})
	}()
	got = getWhenUp(t, "http://"+metrics+"/metrics")
	for _, w := range []string{`interviewbot_gateway_connected{shard="1"} 0`, `interviewbot_gateway_events_total{event="disconnected",shard="1"} 0`,
		`interviewbot_interactions_total{command="mention",outcome="error"} 0`} {
		if !strings.Contains(got, w+"\n") {
			t.Errorf("serve's /metrics before the gateway connects lacks %q", w)
		}
	}
	stop()
	release() // Discord's silence ends: the gateway gives up
	for range 2 {
		select {
		case <-errc:
		case <-time.After(15 * time.Second):
			t.Fatal("a server did not stop")
		}
	}
}
