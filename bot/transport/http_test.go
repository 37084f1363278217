package transport

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
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestRetryAfter(t *testing.T) {
	rest := func(code int, body string) error {
		return &discordgo.RESTError{Response: &http.Response{StatusCode: code}, ResponseBody: []byte(body)}
	}
	tt := []struct {
		err  error
		wait time.Duration
		ok   bool
	}{
		{rest(429, `{"retry_after":0.25}`), 250 * time.Millisecond, true},
		{rest(429, `{"retry_after":3600}`), maxRetryWait, true},
		{rest(429, `not json`), time.Second, true},
		{rest(502, ``), time.Second, true},
		{rest(404, `{"message":"Unknown Webhook","code":10015}`), 0, false},
		{context.DeadlineExceeded, 0, false},
	}
	for _, tc := range tt {
		if wait, ok := retryAfter(tc.err); wait != tc.wait || ok != tc.ok {
			t.Errorf("retryAfter(%v) = %v, %v; want %v, %v", tc.err, wait, ok, tc.wait, tc.ok)
		}
	}
}

// FuzzDecodeInteraction: what Decode reads, discordgo's
// Interaction.UnmarshalJSON reads the same. It may refuse more: a
// non-canonical JSON number ("00", "1e2") where discordgo's parse is
// lax. Discord signs canonical JSON, and every sample decodes.
func FuzzDecodeInteraction(f *testing.F) {
	files, _ := filepath.Glob("../testdata/interactions/*.json")
	sample := map[string]bool{}
	for _, file := range files {
		b, _ := os.ReadFile(file)
		var compact bytes.Buffer
		json.Compact(&compact, b)
		for _, b := range [][]byte{b, compact.Bytes()} {
			sample[string(b)] = true
			f.Add(b)
		}
	}
	f.Add([]byte(`{"type":2}`))
	f.Add([]byte(`{"type":3,"data":null,"TYPE":2,"type":3}`))
	f.Add([]byte(`{"type":2,"guild_id":"1","data":{"name":"ask"},"type":null,"guild_id":null,"app_permissions":"null"}`))
	f.Add([]byte(`{"type":2,"member":{"permissions":"8","user":{"id":"1"}},"member":{"permissions":null},"data":{"name":"ask","options":null}}`))
	f.Add([]byte("{\"type\":2,\"data\":{\"name\":\"a\xffb\"},\"app_permissions\":\"12\"}"))
	f.Fuzz(func(t *testing.T, body []byte) {
		var want, got discordgo.Interaction
		errWant := want.UnmarshalJSON(body)
		_, errGot := Decode(body, &got)
		if errGot != nil {
			if errWant == nil && sample[string(body)] {
				t.Fatalf("sample %q: Decode: %v; discordgo reads it", body, errGot)
			}
			return
		}
		if errWant != nil {
			t.Fatalf("%q: Decode reads it; discordgo: %v", body, errWant)
		}
		a, errA := json.Marshal(want)
		b, errB := json.Marshal(got)
		if string(a) != string(b) || (errA == nil) != (errB == nil) {
			t.Fatalf("%q:\ndiscordgo reads        %s (%v)\nDecode reads %s (%v)", body, a, errA, b, errB)
		}
	})
}

// TestBodyRead: the body is read whole after the timestamp, however the
// reader splits it, into a buffer that grows with what arrives, within
// the shared budget, which gets back all it gave.
func TestBodyRead(t *testing.T) {
	for _, size := range []int{0, 10, firstRead - 10, firstRead, firstRead + 1, 3 * firstRead, maxBody} {
		body := strings.Repeat("i", size)
		for _, announced := range []int64{-1, 0, int64(size), int64(size) + 1, maxBody + 1} {
			for _, r := range []io.Reader{strings.NewReader(body), iotest.OneByteReader(strings.NewReader(body)), iotest.HalfReader(strings.NewReader(body))} {
				bb := bodyBudget{limit: bodiesBudget}
				got, err := bb.read("1700000000", r, announced)
				if err != nil || string(got) != "1700000000"+body {
					t.Errorf("read(%d bytes, %d announced) = %d bytes, %v; want the timestamp and the body", size, announced, len(got), err)
				}
				if int(bb.used.Load()) != cap(got) || cap(got) > max(2*len(got), len(got)+firstRead+1) {
					t.Errorf("read(%d bytes, %d announced): budget used %d, buffer %d; want the buffer's size, at most twice the body", size, announced, bb.used.Load(), cap(got))
				}
				if announced == int64(size) && size < firstRead && cap(got) != len(got)+1 {
					t.Errorf("read(%d bytes, announced): buffer %d; want one allocation, the body and a byte", size, cap(got))
				}
				bb.release(got)
				if bb.used.Load() != 0 {
					t.Errorf("read(%d bytes): %d bytes of the budget not given back", size, bb.used.Load())
				}
			}
		}
	}
	bb := bodyBudget{limit: bodiesBudget}
	if _, err := bb.read("1", iotest.ErrReader(io.ErrUnexpectedEOF), -1); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("a failing read: %v; want its error", err)
	}
}

// TestBodyBudget: bodies that would take the budget past its limit are
// refused, as they start or as they grow, and what they had is given
// back.
func TestBodyBudget(t *testing.T) {
	bb := bodyBudget{limit: 3*firstRead + 10}
	held, err := bb.read("1", strings.NewReader(strings.Repeat("x", firstRead)), -1) // grows to 2 × firstRead
	if err != nil {
		t.Fatal(err)
	}
	b, err := bb.read("1", strings.NewReader(strings.Repeat("x", firstRead)), maxBody)
	if !errors.Is(err, errBusy) {
		t.Errorf("a body growing past the budget: %v; want errBusy", err)
	}
	bb.release(b)
	b, err = bb.read("1", strings.NewReader("{}"), 2)
	if err != nil {
		t.Errorf("a small body within the budget: %v", err)
	}
	bb.release(b)
	bb.release(held)
	if bb.used.Load() != 0 {
		t.Errorf("%d bytes of the budget not given back", bb.used.Load())
	}
	// Growth may not use the reserved bytes, which first buffers may.
	reserved := bodyBudget{limit: 4 * firstRead, reserved: 2 * firstRead}
	big, err := reserved.read("1", strings.NewReader(strings.Repeat("x", 3*firstRead)), -1)
	if !errors.Is(err, errBusy) {
		t.Errorf("a body growing into the reserve: %v; want errBusy", err)
	}
	small, err := reserved.read("1", strings.NewReader("{}"), 2)
	if err != nil {
		t.Errorf("a small body beside one held at the reserve: %v", err)
	}
	reserved.release(big)
	reserved.release(small)
	if reserved.used.Load() != 0 {
		t.Errorf("%d bytes of the budget not given back", reserved.used.Load())
	}
	full := bodyBudget{limit: firstRead}
	if b, err := full.read("1700000000", strings.NewReader(`{"type":1}`), -1); !errors.Is(err, errBusy) || b != nil {
		t.Errorf("a body that cannot start: %v; want errBusy and no buffer", err)
	}
}

// TestRefusedBeforeBody: a request whose signature headers cannot be
// right is refused at once, before its body is read or any memory taken
// for it, however large a body it announces.
func TestRefusedBeforeBody(t *testing.T) {
	srv, _ := newEndpoint(t, answerWith("ok"))
	ts := httptest.NewServer(srv.Routes())
	t.Cleanup(ts.Close)
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, headers := range []string{
		"X-Signature-Ed25519: 00\r\nX-Signature-Timestamp: 1700000000",
		"X-Signature-Ed25519: " + strings.Repeat("ab", 64) + "\r\nX-Signature-Timestamp: " + strings.Repeat("1", 5000),
		"X-Signature-Ed25519: " + strings.Repeat("ab", 64) + "\r\nX-Signature-Timestamp: 1000000000", // 2001: stale
	} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(5 * time.Second)) // a bound on failure only: the answer comes at once
		fmt.Fprintf(c, "POST /interactions HTTP/1.1\r\nHost: x\r\n%s\r\nContent-Length: 1048576\r\n\r\n", headers)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil || resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("headers %.60q and no body: %v, %v; want 401 before the body", headers, resp, err)
		}
		c.Close()
		if used := srv.bodies.used.Load(); used != 0 {
			t.Errorf("headers %.60q: %d bytes of the budget taken", headers, used)
		}
	}
}

// answerWith is a Handler that answers every interaction with text.
type answerWith string

func (a answerWith) Interaction(ctx context.Context, r Responder, i *discordgo.Interaction, _ Channel) {
	Send(ctx, r, i, &Reply{Type: discordgo.InteractionResponseChannelMessageWithSource, Messages: []string{string(a)}}, nil)
}

// newEndpoint is an HTTPServer for h with a fresh key pair; its REST
// calls go nowhere.
func newEndpoint(t *testing.T, h Handler) (*HTTPServer, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return NewHTTPServer(h, pub, nil, nil), priv
}

// signed is a request of body to /interactions, signed with key now.
func signed(t *testing.T, url string, body []byte, key ed25519.PrivateKey) *http.Request {
	t.Helper()
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest("POST", url+"/interactions", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(stamp), body...))))
	req.Header.Set("X-Signature-Timestamp", stamp)
	return req
}

// TestBudgetGivenBack: however a request ends (answered, a ping, a body
// that is not an interaction, a bad signature), over connections that
// close after each response, the bodies' budget gets back all it gave.
func TestBudgetGivenBack(t *testing.T) {
	srv, priv := newEndpoint(t, answerWith("ok"))
	ts := httptest.NewServer(srv.Routes())
	t.Cleanup(ts.Close)
	_, other, _ := ed25519.GenerateKey(nil)
	cases := []struct {
		body   string
		key    ed25519.PrivateKey
		status int
	}{
		{`{"type":2,"id":"1","token":"t","data":{"name":"ask"}}`, priv, 200},
		{`{"type":1}`, priv, 200},
		{`{"type":2`, priv, 400},
		{`{"type":2,"id":"1","token":"t","data":{"name":"ask"}}`, other, 401},
	}
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, c := range cases {
				resp, err := client.Do(signed(t, ts.URL, []byte(c.body), c.key))
				if err != nil {
					t.Error(err)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != c.status {
					t.Errorf("%s: status %d; want %d", c.body, resp.StatusCode, c.status)
				}
			}
		})
	}
	wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Wait(ctx); err != nil {
		t.Fatalf("replies still being sent: %v", err)
	}
	if used := srv.bodies.used.Load(); used != 0 {
		t.Errorf("%d bytes of the bodies' budget still taken after every reply", used)
	}
}
