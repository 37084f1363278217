package bot

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/ops"
)

// TestClosingClients drives the endpoint, served as serve-http serves
// it, with clients that close their connection as soon as they have
// read the response (HTTP/1.0 and Connection: close, as nginx talks to
// its upstream by default) and with a keep-alive client: every
// deferred reply is edited, every second message is sent, and no
// delivered reply is logged as an error. The server cancels a request's
// context when its client closes the connection, which may come right
// after the response is flushed: it must not be taken for a response
// never written. The handler pauses after each flush, as a busy
// scheduler may make it do, so that the client's close often comes
// first.
func TestClosingClients(t *testing.T) {
	const n = 150 // of each kind, per client
	h := slowHandler(t, time.Millisecond, 5*time.Millisecond)
	var logged lockedBuffer
	h.log = slog.New(slog.NewTextHandler(&logged, nil))
	e := newSignedEndpoint(t, h)
	routes := refereed(e.srv.Routes(), e.fake)
	srv := ops.NewServer(context.Background(), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		routes.ServeHTTP(pausingFlusher{w}, r)
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	calls := e.fake.byToken()

	for _, client := range []struct {
		name string
		post func(addr string, body []byte, sign func([]byte) (string, string)) ([]byte, error)
	}{
		{"closing", postClosing},
		{"keep-alive", postKeepAlive(&http.Client{Timeout: 5 * time.Second})},
	} {
		t.Run(client.name, func(t *testing.T) {
			type sent struct {
				token string
				want  int // REST calls on its webhook: an edit, a follow-up
			}
			errsBefore := bytes.Count(logged.Bytes(), []byte("outcome=error"))
			var (
				mu   sync.Mutex
				all  []sent
				wg   sync.WaitGroup
				jobs = make(chan string)
			)
			for range 8 {
				wg.Go(func() {
					for file := range jobs {
						token := fmt.Sprintf("%s-%s-%d", client.name, file, time.Now().UnixNano())
						body, _ := json.Marshal(interaction(t, file, func(i *discordgo.Interaction) { i.Token = token }))
						out, err := client.post(ln.Addr().String(), body, e.sign)
						if err != nil {
							t.Errorf("%s: %v", file, err)
							continue
						}
						var cb callback
						json.Unmarshal(out, &cb)
						want := 0
						if cb.Type == int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
							want++ // the edit
						}
						if file == "source.json" {
							want++ // the exchange's second message
						}
						mu.Lock()
						all = append(all, sent{token, want})
						mu.Unlock()
					}
				})
			}
			for range n {
				jobs <- "ask_fr.json"
				jobs <- "source.json"
			}
			close(jobs)
			wg.Wait()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := e.srv.Wait(ctx); err != nil {
				t.Fatalf("replies still being sent: %v", err)
			}
			lost, deferred := 0, 0
			for _, s := range all {
				if s.want > 0 && strings.HasPrefix(s.token, client.name+"-ask") {
					deferred++
				}
				if got := calls(s.token); got < s.want {
					lost++
					if lost <= 3 {
						t.Errorf("%s: %d of its %d REST calls were sent", s.token, got, s.want)
					}
				}
			}
			if lost > 0 || deferred == 0 {
				t.Errorf("%d of %d replies lost their edit or follow-up (%d /ask deferred)", lost, len(all), deferred)
			}
			if errs := bytes.Count(logged.Bytes(), []byte("outcome=error")) - errsBefore; errs > 0 {
				t.Errorf("%d delivered replies logged as errors", errs)
			}
		})
	}
}

// sign signs body as Discord does, now.
func (e *signedEndpoint) sign(body []byte) (sig, stamp string) {
	stamp = strconv.FormatInt(time.Now().Unix(), 10)
	return hex.EncodeToString(ed25519.Sign(e.priv, append([]byte(stamp), body...))), stamp
}

// postClosing posts as nginx does to its upstream: HTTP/1.0 with
// Connection: close; it reads the response, then closes at once.
func postClosing(addr string, body []byte, sign func([]byte) (string, string)) ([]byte, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	sig, stamp := sign(body)
	fmt.Fprintf(c, "POST /interactions HTTP/1.0\r\nHost: %s\r\nConnection: close\r\nContent-Type: application/json\r\nX-Signature-Ed25519: %s\r\nX-Signature-Timestamp: %s\r\nContent-Length: %d\r\n\r\n%s", addr, sig, stamp, len(body), body)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, out)
	}
	return out, err
}

// postKeepAlive posts through client, whose connections stay open.
func postKeepAlive(client *http.Client) func(string, []byte, func([]byte) (string, string)) ([]byte, error) {
	return func(addr string, body []byte, sign func([]byte) (string, string)) ([]byte, error) {
		req, _ := http.NewRequest("POST", "http://"+addr+"/interactions", bytes.NewReader(body))
		sig, stamp := sign(body)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", stamp)
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		out, err := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("status %d: %s", resp.StatusCode, out)
		}
		return out, err
	}
}

// byToken counts the fake's REST requests on each interaction token's
// webhook from now on, as they arrive (before the fake answers them, so
// before the bot's call returns), and returns the count of a token. It
// takes the fake's queue of requests for the rest of the test.
func (f *fakeDiscord) byToken() func(token string) int {
	var mu sync.Mutex
	count := map[string]int{}
	f.mu.Lock()
	f.arrived = func(_, path string) {
		if m := interactionPath.FindStringSubmatch(path); m != nil {
			mu.Lock()
			count[m[2]]++
			mu.Unlock()
		}
	}
	f.mu.Unlock()
	go func() {
		for range f.requests { // counted already
		}
	}()
	return func(token string) int {
		mu.Lock()
		defer mu.Unlock()
		return count[token]
	}
}

// pausingFlusher pauses after each flush.
type pausingFlusher struct{ http.ResponseWriter }

func (p pausingFlusher) Flush() {
	p.ResponseWriter.(http.Flusher).Flush()
	time.Sleep(2 * time.Millisecond)
}

// lockedBuffer is a bytes.Buffer that goroutines may share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// failingWriter is a ResponseWriter whose writes fail, as they do on a
// connection that is gone.
type failingWriter struct{ header http.Header }

func (f *failingWriter) Header() http.Header       { return f.header }
func (f *failingWriter) Write([]byte) (int, error) { return 0, errors.New("connection reset by peer") }
func (f *failingWriter) WriteHeader(int)           {}

// TestWriteFailureAbandons: a first response that cannot be written is
// the one thing that stops what follows: no follow-up of an interaction
// Discord never saw answered, and the log says so.
func TestWriteFailureAbandons(t *testing.T) {
	h := newTestHandler(t)
	var logged lockedBuffer
	h.log = slog.New(slog.NewTextHandler(&logged, nil))
	e := newSignedEndpoint(t, h)
	var arrived atomic.Int64
	e.fake.mu.Lock()
	e.fake.arrived = func(string, string) { arrived.Add(1) }
	e.fake.mu.Unlock()
	body := readPayload(t, "interactions/source.json") // a response, then a follow-up
	sig, stamp := e.sign(body)
	req := httptest.NewRequest("POST", "/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", sig)
	req.Header.Set("X-Signature-Timestamp", stamp)
	e.srv.Routes().ServeHTTP(&failingWriter{header: http.Header{}}, req)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.srv.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if n := arrived.Load(); n != 0 {
		t.Errorf("%d REST calls after a response that was never written; want none", n)
	}
	if !bytes.Contains(logged.Bytes(), []byte("outcome=error")) || !bytes.Contains(logged.Bytes(), []byte("connection reset by peer")) {
		t.Errorf("log %s; want the interaction an error, with the write's failure", logged.Bytes())
	}
}
