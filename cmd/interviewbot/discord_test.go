package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/ops"
	"github.com/interviewbot/interviewbot/store/redisstore"
	"github.com/interviewbot/interviewbot/store/storetest"
)

func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestConfigErrors(t *testing.T) {
	tt := []struct {
		name string
		args []string
		vars map[string]string
		want string // in the error, which must exit 78
	}{
		{"serve without token", []string{"serve"}, nil, "DISCORD_TOKEN: not set"},
		{"serve-http without key", []string{"serve-http"}, nil, "DISCORD_PUBLIC_KEY: not set"},
		{"bad public key", []string{"serve-http"}, map[string]string{"DISCORD_PUBLIC_KEY": "zz"}, "DISCORD_PUBLIC_KEY: want"},
		{"shard id too big", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "SHARD_ID": "2", "SHARD_COUNT": "2"}, "SHARD_ID: must be below"},
		{"shard id alone", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "SHARD_ID": "1"}, "SHARD_ID: set SHARD_COUNT"},
		{"web path", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "WEB_PATH": "interview"}, "WEB_PATH: want a path"},
		{"public url", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "PUBLIC_URL": "bot.example.org"}, "PUBLIC_URL: want the reader's address"},
		{"bad bool", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "MENTION_REPLIES": "maybe"}, "MENTION_REPLIES"},
		{"bad log level", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "LOG_LEVEL": "loud"}, "LOG_LEVEL"},
		{"bad app id", []string{"register"}, map[string]string{"DISCORD_TOKEN": "x", "DISCORD_APPLICATION_ID": "abc"}, "DISCORD_APPLICATION_ID"},
		{"bad guild", []string{"register", "--guild", "abc"}, map[string]string{"DISCORD_TOKEN": "x"}, "--guild wants a numeric"},
		{"malformed REDIS_URL", []string{"ask", "hello"}, map[string]string{"REDIS_URL": "localhost:6379"}, "REDIS_URL: want redis://"},
		{"REDIS_URL password hidden", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "REDIS_URL": "redis://u:hunter2@h:1/notadb"}, "REDIS_URL"},
		{"bad CACHE_TTL", []string{"ask", "hello"}, map[string]string{"CACHE_TTL": "forever"}, "CACHE_TTL"},
		{"bad OPENAI_BASE_URL", []string{"ask", "hello"}, map[string]string{"OPENAI_BASE_URL": "localhost:11434"}, "OPENAI_BASE_URL"},
		{"bad DISCORD_API_URL", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "DISCORD_API_URL": "discord.com/api"}, "DISCORD_API_URL"},
		{"azure without endpoint", []string{"ask", "hello"}, map[string]string{"OPENAI_API_TYPE": "azure", "OPENAI_API_KEY": "k"}, "OPENAI_API_TYPE"},
		{"bad LLM_TIMEOUT", []string{"ask", "hello"}, map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "LLM_TIMEOUT": "soon"}, "LLM_TIMEOUT"},
		{"bad rate", []string{"serve"}, map[string]string{"DISCORD_TOKEN": "x", "RATE_USER_PER_MINUTE": "-3"}, "RATE_USER_PER_MINUTE"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			err := run(context.Background(), tc.args, env{stdout: &out, stderr: &errb, getenv: envOf(tc.vars)})
			var c configFault
			var u usageError // a flag's, not the environment's
			if !(errorsAs(err, &c) || strings.HasPrefix(tc.want, "--") && errorsAs(err, &u)) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("interviewbot %v = %v; want a configuration error (exit 78) containing %q", tc.args, err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q shows the Redis password", err)
			}
		})
	}
}

// TestRedisRefuses: a Redis that refuses the process's password, or that
// wants TLS where the URL has none, stops the start (exit 78) with a
// message that hides the password, unless REDIS_OPTIONAL is set.
func TestRedisRefuses(t *testing.T) {
	srv := storetest.StartRedis(t, "--requirepass", "right")
	vars := map[string]string{"DISCORD_TOKEN": "x", "DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32), "REDIS_URL": "redis://:hunter2@" + srv.Addr + "/0"}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"serve-http", "--addr", "127.0.0.1:0"}, env{stdout: &out, stderr: &errb, getenv: envOf(vars)})
	var c configFault
	if !errorsAs(err, &c) || !strings.Contains(err.Error(), "REDIS_URL: Redis refuses this process") || strings.Contains(err.Error()+errb.String(), "hunter2") {
		t.Errorf("serve-http with a wrong Redis password = %v; want a configuration error (exit 78) naming REDIS_URL, without the password", err)
	}
	tlsOnly := storetest.StartRedisTLS(t)
	vars["REDIS_URL"] = "redis://" + tlsOnly.Addr + "/0"
	err = run(context.Background(), []string{"serve-http", "--addr", "127.0.0.1:0"}, env{stdout: &out, stderr: &errb, getenv: envOf(vars)})
	if !errorsAs(err, &c) || !strings.Contains(err.Error(), "use rediss://") {
		t.Errorf("serve-http with redis:// to a TLS port = %v; want a configuration error (exit 78) saying to use rediss://", err)
	}
	vars["REDIS_OPTIONAL"] = "true"
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if err := run(ctx, []string{"serve-http", "--addr", "127.0.0.1:0"}, env{stdout: &out, stderr: &errb, getenv: envOf(vars)}); err != nil {
		t.Errorf("serve-http with REDIS_OPTIONAL=true = %v; want it to start, and stop when told", err)
	}
}

// fakeAPI is a loopback stand-in for the few REST routes register uses.
func fakeAPI(t *testing.T) *http.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bot secret-token" {
			http.Error(w, `{"message":"401: Unauthorized"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case strings.HasSuffix(r.URL.Path, "/applications/@me"):
			io.WriteString(w, `{"id":"1180000000000000777"}`)
		case r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/guilds/42/commands"):
			io.WriteString(w, `[{"id":"1","name":"about","description":"old"},{"id":"2","name":"legacy","description":"gone"}]`)
		case r.Method == "PUT" && strings.HasSuffix(r.URL.Path, "/applications/1180000000000000777/guilds/42/commands"):
			body, _ := io.ReadAll(r.Body) // all of it before answering
			w.Write(body)
		default:
			t.Logf("fake API: unexpected %s %s", r.Method, r.URL.Path)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = u.Scheme, u.Host
		return http.DefaultTransport.RoundTrip(r)
	})}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRegister(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"register", "--guild", "42"}, env{
		stdout: &out, stderr: io.Discard, client: fakeAPI(t),
		// Values register does not use do not stop it, even malformed.
		getenv: envOf(map[string]string{"DISCORD_TOKEN": "secret-token", "DISCORD_PUBLIC_KEY": "zz", "SHARD_ID": "7"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Registered 14 commands in guild 42", "+ /ask (new)", "+ Check with the interview (new)", "+ /check (new)", "~ /about (changed)", "- /legacy (removed)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("register printed:\n%s\nwant %q", out.String(), want)
		}
	}
	if strings.Contains(out.String(), "secret-token") {
		t.Error("register printed the token")
	}
}

// TestRegisterErrorNamesBase: a register that cannot reach the
// configured DISCORD_API_URL says so, naming it, not Discord's own
// address.
func TestRegisterErrorNamesBase(t *testing.T) {
	base := "http://" + freeAddr(t) + "/api/v10" // nothing listens there
	for _, appID := range []string{"", "1180000000000000777"} {
		err := run(context.Background(), []string{"register", "--guild", "42"}, env{stdout: io.Discard, stderr: io.Discard,
			getenv: envOf(map[string]string{"DISCORD_TOKEN": "secret-token", "DISCORD_API_URL": base, "DISCORD_APPLICATION_ID": appID})})
		if err == nil || !strings.Contains(err.Error(), `"`+base+"/") || strings.Contains(err.Error(), "discord.com") {
			t.Errorf("register with DISCORD_APPLICATION_ID=%q against a dead %s = %v; want an error naming it", appID, base, err)
		}
	}
}

func TestServeHTTP(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	ctx, stop := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve-http", "--addr", addr}, env{stdout: io.Discard, stderr: io.Discard,
			getenv: envOf(map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "LOG_LEVEL": "error"})})
	}()
	// Starting loads the index, the classroom material and the reader's
	// pages: a second or more under -race on a loaded machine. Wait for
	// it, but not for a server that has already failed.
	var resp *http.Response
	var err error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err = http.Get("http://" + addr + "/healthz"); err == nil {
			break
		}
		select {
		case err := <-errc:
			t.Fatalf("serve-http stopped before serving: %v", err)
		default:
		}
	}
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /healthz: %v %v", resp, err)
	}
	resp.Body.Close()

	body := []byte(`{"type":1,"id":"1","application_id":"2","token":"t","version":1}`)
	stamp := itoa(time.Now().Unix())
	req, _ := http.NewRequest("POST", "http://"+addr+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...))))
	req.Header.Set("X-Signature-Timestamp", stamp)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var pong struct{ Type int }
	json.NewDecoder(resp.Body).Decode(&pong)
	resp.Body.Close()
	if resp.StatusCode != 200 || pong.Type != 1 {
		t.Errorf("PING = %d, %+v; want 200 {type:1}", resp.StatusCode, pong)
	}

	// The same listener serves what an operator reads.
	for _, tc := range []struct{ path, want string }{
		{"/readyz", "ready\nstore (memory): ok\n"},
		{"/healthz", "ok\n"},
		{"/metrics", "go_goroutines "},
		{"/", `<article id="a1.1" class="passage interviewee"`},
		{"/worksheet?exchange=2&format=md", "## Corrigé"},
	} {
		resp, err := http.Get("http://" + addr + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), tc.want) {
			t.Errorf("GET %s = %d %.200q; want 200 with %q", tc.path, resp.StatusCode, b, tc.want)
		}
	}

	stop()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("serve-http after shutdown = %v; want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve-http did not stop")
	}
}

// TestAskCacheStatus runs ask twice against Redis: the second answer
// comes from the cache the first one filled.
func TestAskCacheStatus(t *testing.T) {
	status := func(vars map[string]string) string {
		var out bytes.Buffer
		q := fmt.Sprintf("Les Etats vont-ils arrêter de s'espionner ? %d", time.Now().UnixNano())
		if vars["REDIS_URL"] != "" {
			q = vars["question"]
		}
		if err := run(context.Background(), []string{"ask", "--json", q}, env{stdout: &out, stderr: io.Discard, getenv: envOf(vars)}); err != nil {
			t.Fatal(err)
		}
		var a struct{ Cache string }
		json.Unmarshal(out.Bytes(), &a)
		return a.Cache
	}
	if got := status(nil); got != "disabled" {
		t.Errorf("ask without REDIS_URL: cache %q; want disabled", got)
	}
	url := storetest.RedisURL(t)
	st, err := redisstore.New(redisstore.Options{URL: url})
	if err != nil || st.Ping(context.Background()) != nil {
		storetest.Unavailable(t, "no Redis at "+url)
	}
	st.Close()
	vars := map[string]string{"REDIS_URL": url, "REDIS_PREFIX": storetest.KeyPrefix(t, url, "cli"),
		"question": fmt.Sprintf("Will states stop spying? %d", time.Now().UnixNano())}
	if first, second := status(vars), status(vars); first != "miss" || second != "hit" {
		t.Errorf("ask twice with REDIS_URL: %q then %q; want miss then hit", first, second)
	}
}

// TestAskLLM answers through a scripted OpenAI-compatible server on
// loopback, then with --extractive.
func TestAskLLM(t *testing.T) {
	ai := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1","object":"chat.completion","model":"local","choices":[{"index":0,"message":{"role":"assistant","content":"{\"answer\":\"Spying is as old as states, he says.\",\"quotes\":[{\"id\":\"a7.1\",\"text\":\"L’espionnage fait partie de l’activité des Etats depuis leur apparition.\"}]}"}}],"usage":{"prompt_tokens":300,"completion_tokens":40}}`)
	}))
	defer ai.Close()
	vars := map[string]string{"OPENAI_BASE_URL": ai.URL + "/v1", "OPENAI_MODEL": "local"}
	for _, tc := range []struct {
		flags []string
		mode  string
	}{{nil, "llm"}, {[]string{"--extractive"}, "extractive"}} {
		var out bytes.Buffer
		args := append([]string{"ask", "--json"}, tc.flags...)
		args = append(args, "Will states ever stop spying on each other?")
		if err := run(context.Background(), args, env{stdout: &out, stderr: io.Discard, getenv: envOf(vars)}); err != nil {
			t.Fatal(err)
		}
		var a struct {
			Mode      string
			Answer    string
			Citations []struct{ Quote string }
			Usage     *struct {
				PromptTokens int `json:"prompt_tokens"`
			}
		}
		json.Unmarshal(out.Bytes(), &a)
		if a.Mode != tc.mode || len(a.Citations) == 0 || (tc.mode == "llm" && (a.Usage == nil || a.Usage.PromptTokens != 300 || !strings.Contains(a.Answer, "✓ Verified quote"))) {
			t.Errorf("ask %v: %s", tc.flags, out.String())
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		var out bytes.Buffer
		if err := run(context.Background(), args, env{stdout: &out, stderr: io.Discard, getenv: envOf(nil)}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "interviewbot ") || !strings.Contains(out.String(), "go1.") {
			t.Errorf("%v printed %q; want the version and the Go release", args, out.String())
		}
	}
}

// TestHealth: the health command is healthy when the bot is ready or
// degraded, and fails when it is not ready or not there.
func TestHealth(t *testing.T) {
	up := func(context.Context) error { return nil }
	down := func(context.Context) error { return errors.New("disconnected") }
	tt := []struct {
		name   string
		checks []ops.Check
		ok     bool
	}{
		{"ready", []ops.Check{{Name: "gateway", Probe: up}}, true},
		{"degraded", []ops.Check{{Name: "gateway", Probe: up}, {Name: "store", Degrades: true, Probe: down}}, true},
		{"not ready", []ops.Check{{Name: "gateway", Probe: down}}, false},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(ops.Routes(nil, tc.checks...))
			defer srv.Close()
			var out bytes.Buffer
			err := run(context.Background(), []string{"health", "--addr", strings.TrimPrefix(srv.URL, "http://")}, env{stdout: &out, stderr: io.Discard, getenv: envOf(nil)})
			if (err == nil) != tc.ok {
				t.Errorf("health = %v (printed %q); want ok %v", err, out.String(), tc.ok)
			}
		})
	}
	// Without --addr, health asks METRICS_ADDR (any host: loopback).
	srv := httptest.NewServer(ops.Routes(nil))
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	for _, m := range []string{":" + port, "0.0.0.0:" + port, "127.0.0.1:" + port} {
		if err := run(context.Background(), []string{"health"}, env{stdout: io.Discard, stderr: io.Discard, getenv: envOf(map[string]string{"METRICS_ADDR": m})}); err != nil {
			t.Errorf("health with METRICS_ADDR=%s: %v", m, err)
		}
	}
	srv.Close()
	if err := run(context.Background(), []string{"health", "--addr", strings.TrimPrefix(srv.URL, "http://")}, env{stdout: io.Discard, stderr: io.Discard, getenv: envOf(nil)}); err == nil {
		t.Error("health with no bot listening = nil; want an error")
	}
}

// TestServeMetricsAddr: in gateway mode, METRICS_ADDR serves the
// metrics and a readiness that fails until the gateway connects. Here
// Discord never answers, so the bot is alive and not ready.
func TestServeMetricsAddr(t *testing.T) {
	hang, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := hang.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // read nothing, answer nothing
			mu.Unlock()
		}
	}()
	release := func() {
		hang.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	}
	defer release()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve"}, env{stdout: io.Discard, stderr: io.Discard, getenv: envOf(map[string]string{
			"DISCORD_TOKEN": "x", "DISCORD_API_URL": "http://" + hang.Addr().String() + "/api/v10", "METRICS_ADDR": addr, "LOG_LEVEL": "error"})})
	}()
	var resp *http.Response
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err = http.Get("http://" + addr + "/readyz"); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("GET /readyz: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || !strings.Contains(string(b), "gateway: failing: the gateway has not connected yet") || !strings.Contains(string(b), "store (memory): ok") {
		t.Errorf("GET /readyz before the gateway connects = %d %q; want 503, the gateway failing, the store ok", resp.StatusCode, b)
	}
	for _, path := range []string{"/healthz", "/metrics"} {
		r, err := http.Get("http://" + addr + path)
		if err != nil || r.StatusCode != 200 {
			t.Errorf("GET %s = %v, %v; want 200", path, r, err)
		} else {
			r.Body.Close()
		}
	}
	stop()
	release() // Discord's silence ends: the gateway gives up
	select {
	case <-errc:
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return")
	}
}

// TestServeHTTPMetricsAddr: with METRICS_ADDR, serve-http serves what an
// operator reads there and not on the listener a public proxy forwards
// to; readiness with a dead Redis is degraded, without its address.
func TestServeHTTPMetricsAddr(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	free := func() string {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		defer ln.Close()
		return ln.Addr().String()
	}
	addr, metrics, dead := free(), free(), free()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go run(ctx, []string{"serve-http", "--addr", addr}, env{stdout: io.Discard, stderr: io.Discard,
		getenv: envOf(map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "LOG_LEVEL": "error",
			"METRICS_ADDR": metrics, "REDIS_URL": "redis://" + dead})})
	get := func(url string) (int, string) {
		for range 100 {
			if resp, err := http.Get(url); err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				return resp.StatusCode, string(b)
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("GET %s: nothing listens", url)
		return 0, ""
	}
	if code, body := get("http://" + metrics + "/metrics"); code != 200 || !strings.Contains(body, "go_goroutines ") {
		t.Errorf("GET METRICS_ADDR/metrics = %d %.100q", code, body)
	}
	code, body := get("http://" + metrics + "/readyz")
	if code != 200 || !strings.HasPrefix(body, "degraded\n") || strings.Contains(body, dead) {
		t.Errorf("GET /readyz with a dead Redis = %d %q; want 200 degraded, without Redis's address", code, body)
	}
	for _, path := range []string{"/metrics", "/readyz"} {
		if code, _ := get("http://" + addr + path); code != http.StatusNotFound && code != http.StatusMethodNotAllowed {
			t.Errorf("GET %s on the interactions listener = %d; want it served on METRICS_ADDR alone", path, code)
		}
	}
}

// TestReadyRefusingWrites: a Redis that answers but refuses writes (at
// its maxmemory, with noeviction) makes readiness degraded, saying so.
func TestReadyRefusingWrites(t *testing.T) {
	server := storetest.StartRedis(t, "--maxmemory", "1", "--maxmemory-policy", "noeviction")
	pub, _, _ := ed25519.GenerateKey(nil)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go run(ctx, []string{"serve-http", "--addr", addr}, env{stdout: io.Discard, stderr: io.Discard,
		getenv: envOf(map[string]string{"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "LOG_LEVEL": "error",
			"REDIS_URL": "redis://" + server.Addr + "/0", "REDIS_PREFIX": storetest.KeyPrefix(t, "redis://"+server.Addr+"/0", "ready")})})
	var code int
	var body string
	for range 100 {
		if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			code, body = resp.StatusCode, string(b)
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code != 200 || !strings.HasPrefix(body, "degraded\n") || !strings.Contains(body, "refuses writes") {
		t.Errorf("GET /readyz with a Redis refusing writes = %d %q; want 200 degraded, saying it refuses writes", code, body)
	}
}

// TestServeWebAddr: in gateway mode, WEB_ADDR serves the reader, under
// WEB_PATH.
func TestServeWebAddr(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	web := ln.Addr().String()
	ln.Close()
	hang, _ := net.Listen("tcp", "127.0.0.1:0") // a Discord that never answers
	defer hang.Close()
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	go run(ctx, []string{"serve"}, env{stdout: io.Discard, stderr: io.Discard,
		getenv: envOf(map[string]string{"DISCORD_TOKEN": "t", "LOG_LEVEL": "error", "DISCORD_API_URL": "http://" + hang.Addr().String() + "/api/v10",
			"WEB_ADDR": web, "WEB_PATH": "/interview/", "PUBLIC_URL": "https://bot.example.org/interview"})})
	for range 100 {
		resp, err := http.Get("http://" + web + "/interview/")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(b), `<article id="a6.1"`) {
				t.Errorf("GET WEB_ADDR/interview/ = %d %.100q", resp.StatusCode, b)
			}
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("nothing listens on WEB_ADDR")
}
