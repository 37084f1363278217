package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// fakeDiscord records, per interaction token, the edits of the original
// response and the follow-ups.
type fakeDiscord struct {
	url string
	mu  sync.Mutex
	got map[string]int // token → REST calls on its webhook
}

func newFakeDiscord() *fakeDiscord {
	d := &fakeDiscord{got: map[string]int{}}
	d.url = serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v10/"), "/")
		if len(parts) >= 3 && parts[0] == "webhooks" {
			d.mu.Lock()
			d.got[parts[2]]++
			d.mu.Unlock()
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1180000000000000900","channel_id":"1180000000000000200","content":""}`)
	}))
	return d
}

// done reports whether the reply with token had its edit or follow-up.
func (d *fakeDiscord) done(token string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.got[token] > 0
}

// fakeLLM answers every chat completion after 50 ms, with a reply the
// bot's checks refuse: the extractive answer then edits the deferral.
func fakeLLM(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	time.Sleep(50 * time.Millisecond)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "x", "object": "chat.completion", "created": time.Now().Unix(), "model": "fake",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": `{"answer":"nothing","citations":[]}`}}},
		"usage": map[string]any{"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
	})
}

// withToken returns the interaction sample with its own ID and token.
func withToken(sample []byte, token string, k int) []byte {
	var i map[string]any
	if err := json.Unmarshal(sample, &i); err != nil {
		log.Fatal(err)
	}
	i["token"] = token
	i["id"] = strconv.FormatInt(1180000000000000000+int64(time.Now().UnixNano()%1e9)+int64(k), 10)
	b, _ := json.Marshal(i)
	return b
}

func serve(h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(ln, h)
	return "http://" + ln.Addr().String()
}

func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func mustRead(name string) []byte {
	b, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	return b
}

// logCount counts the bot's log lines that call an interaction an error.
type logCount struct {
	errors atomic.Int64
	buf    []byte
	mu     sync.Mutex
}

func (l *logCount) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	for {
		i := bytes.IndexByte(l.buf, '\n')
		if i < 0 {
			break
		}
		line := l.buf[:i]
		if bytes.Contains(line, []byte("outcome=error")) {
			l.errors.Add(1)
			if l.errors.Load() <= 3 {
				fmt.Fprintf(os.Stderr, "bot: %s\n", line)
			}
		}
		l.buf = l.buf[i+1:]
	}
	return len(p), nil
}
