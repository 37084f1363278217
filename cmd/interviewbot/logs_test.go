package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// jsonLines parses each line of log as a JSON object, failing the test
// on any other line.
func jsonLines(t *testing.T, log string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(log) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("with LOG_FORMAT=json, a line is not JSON: %q", line)
			continue
		}
		out = append(out, m)
	}
	return out
}

// TestLogDurations: with LOG_FORMAT=json, durations are written as text
// (CACHE_TTL as "1h30m0s"), as the text format writes them, not as
// nanoseconds.
func TestLogDurations(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	var stderr bytes.Buffer
	ctx, stop := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer stop()
	err := run(ctx, []string{"serve-http", "--addr", freeAddr(t)}, env{stdout: &bytes.Buffer{}, stderr: &stderr, getenv: envOf(map[string]string{
		"DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "LOG_FORMAT": "json", "CACHE_TTL": "90m",
		"OPENAI_BASE_URL": "http://" + freeAddr(t) + "/v1", "LLM_TIMEOUT": "5s"})})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{"shared state": {"cache_ttl", "1h30m0s"}, "LLM answers on": {"timeout", "5s"}}
	for _, line := range jsonLines(t, stderr.String()) {
		w, ok := want[line["msg"].(string)]
		if !ok {
			continue
		}
		delete(want, line["msg"].(string))
		if line[w[0]] != w[1] {
			t.Errorf("log line %q has %s %#v; want %q", line["msg"], w[0], line[w[0]], w[1])
		}
	}
	if len(want) > 0 {
		t.Errorf("no log line %v in:\n%s", want, stderr.String())
	}
}

// TestRedisLogJSON runs ask in a process of its own, with LOG_FORMAT=json
// and a Redis that refuses connections: go-redis's own complaint (its
// pool failed to dial) reaches the process's stderr as JSON, as every
// other line does, not as go-redis's plain text.
func TestRedisLogJSON(t *testing.T) {
	if os.Getenv("INTERVIEWBOT_MAIN") == "1" {
		os.Exit(runMain(strings.Split(os.Getenv("INTERVIEWBOT_ARGS"), "\t")))
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRedisLogJSON$")
	cmd.Env = append(os.Environ(), "INTERVIEWBOT_MAIN=1", "INTERVIEWBOT_ARGS=ask\tLes Etats vont-ils arrêter de s'espionner ?",
		"LOG_FORMAT=json", "REDIS_URL=redis://"+freeAddr(t)+"/0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("ask with a dead Redis: %v\n%s", err, stderr.String())
	}
	dial := false
	for _, line := range jsonLines(t, stderr.String()) {
		d, _ := line["detail"].(string)
		dial = dial || line["msg"] == "redis client" && strings.Contains(d, "failed to dial")
	}
	if !dial || !strings.Contains(stdout.String(), "L’espionnage") {
		t.Errorf("ask with a dead Redis printed %q, and logged:\n%s\nwant the answer, and go-redis's failure to dial in JSON", stdout.String(), stderr.String())
	}
}
