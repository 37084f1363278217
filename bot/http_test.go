package bot

import (
	"bytes"
	"cmp"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/ops"
)

// signedEndpoint is the HTTP endpoint with a fresh key pair, its REST
// calls going to a fake Discord.
type signedEndpoint struct {
	srv  *transport.HTTPServer
	url  string
	priv ed25519.PrivateKey
	fake *fakeDiscord
}

func newSignedEndpoint(t *testing.T, h *Handler) *signedEndpoint {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := newFakeDiscord(t)
	rest, _ := discordgo.New("Bot test-token")
	rest.Client = fake.client()
	s := transport.NewHTTPServer(h, pub, rest, h.log)
	ts := httptest.NewServer(refereed(s.Routes(), fake))
	t.Cleanup(ts.Close)
	return &signedEndpoint{srv: s, url: ts.URL, priv: priv, fake: fake}
}

// restSession is a discordgo session whose REST calls go to the fake.
func (e *signedEndpoint) restSession() *discordgo.Session {
	s, _ := discordgo.New("Bot test-token")
	s.Client = e.fake.client()
	return s
}

// refereed serves routes and shows the fake Discord each interaction's
// initial response: the fake judges it against the spec, and learns
// when it is flushed, after which edits and follow-ups may come.
func refereed(routes http.Handler, fake *fakeDiscord) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		var i struct{ ID, Token string }
		json.Unmarshal(body, &i)
		rec := &responseCopy{ResponseWriter: w}
		routes.ServeHTTP(flushRecorder{rec, func() {
			// Complete: all the bytes its Content-Length announces are out.
			if rec.Header().Get("Content-Length") == strconv.Itoa(rec.body.Len()) {
				fake.answered(i.Token)
			}
		}}, r)
		if rec.status == 0 && i.Token != "" && rec.body.Len() > 0 {
			fake.judge("POST", "/interactions/"+cmp.Or(i.ID, "0")+"/"+i.Token+"/callback", rec.body.Bytes())
		}
	})
}

// responseCopy keeps a copy of what is written to a ResponseWriter.
type responseCopy struct {
	http.ResponseWriter
	status int // if not 200
	body   bytes.Buffer
}

func (c *responseCopy) WriteHeader(status int) {
	if status != http.StatusOK {
		c.status = status
	}
	c.ResponseWriter.WriteHeader(status)
}

func (c *responseCopy) Write(p []byte) (int, error) {
	c.body.Write(p)
	return c.ResponseWriter.Write(p)
}

func (c *responseCopy) Flush() { c.ResponseWriter.(http.Flusher).Flush() }

// post sends body to /interactions signed at time ts with key (the
// endpoint's own key when nil).
func (e *signedEndpoint) post(t *testing.T, body []byte, ts time.Time, key ed25519.PrivateKey) (int, []byte) {
	t.Helper()
	if key == nil {
		key = e.priv
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(key, append([]byte(stamp), body...))
	req, _ := http.NewRequest("POST", e.url+"/interactions", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Close = true // as a proxy such as nginx does by default: one request a connection
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

func TestHTTPSecurity(t *testing.T) {
	e := newSignedEndpoint(t, newTestHandler(t))
	ping := readPayload(t, "interactions/ping.json")
	_, otherKey, _ := ed25519.GenerateKey(nil)
	now := time.Now()

	tt := []struct {
		name   string
		body   []byte
		at     time.Time
		key    ed25519.PrivateKey
		tamper func(*http.Request)
		status int
	}{
		{name: "signed ping", body: ping, at: now, status: 200},
		{name: "forged signature", body: ping, at: now, key: otherKey, status: 401},
		{name: "replayed (6 minutes old)", body: ping, at: now.Add(-6 * time.Minute), status: 401},
		{name: "from the future", body: ping, at: now.Add(6 * time.Minute), status: 401},
		{name: "malformed JSON", body: []byte(`{"type":1,`), at: now, status: 400},
		{name: "oversized", body: append([]byte(`{"type":1,"x":"`), bytes.Repeat([]byte("a"), 1<<20)...), at: now, status: 413},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			status, out := e.post(t, tc.body, tc.at, tc.key)
			if status != tc.status {
				t.Errorf("status = %d (%s); want %d", status, out, tc.status)
			}
			if tc.status == 200 && strings.TrimSpace(string(out)) != `{"type":1}` {
				t.Errorf("PING answered %s; want {\"type\":1}", out)
			}
		})
	}

	t.Run("missing headers", func(t *testing.T) {
		resp, err := http.Post(e.url+"/interactions", "application/json", bytes.NewReader(ping))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("unsigned request: status %d; want 401", resp.StatusCode)
		}
	})
	t.Run("tampered body", func(t *testing.T) {
		stamp := strconv.FormatInt(now.Unix(), 10)
		sig := ed25519.Sign(e.priv, append([]byte(stamp), ping...))
		req, _ := http.NewRequest("POST", e.url+"/interactions", bytes.NewReader(bytes.Replace(ping, []byte(`"type": 1`), []byte(`"type": 2`), 1)))
		req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
		req.Header.Set("X-Signature-Timestamp", stamp)
		resp, _ := http.DefaultClient.Do(req)
		resp.Body.Close()
		if resp.StatusCode != 401 {
			t.Errorf("tampered body: status %d; want 401", resp.StatusCode)
		}
	})
	t.Run("healthz", func(t *testing.T) {
		resp, err := http.Get(e.url + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET /healthz = %d; want 200", resp.StatusCode)
		}
	})
}

func TestHTTPCommands(t *testing.T) {
	e := newSignedEndpoint(t, newTestHandler(t))
	tt := []struct {
		file      string
		typ       discordgo.InteractionResponseType
		want      string // in the content
		ephemeral bool
		followups int
	}{
		{"ask_fr.json", discordgo.InteractionResponseChannelMessageWithSource, "« L’espionnage fait partie", false, 0},
		{"ask_en.json", discordgo.InteractionResponseChannelMessageWithSource, "@\u200beveryone", false, 0},
		{"ask_abstain.json", discordgo.InteractionResponseChannelMessageWithSource, "n’aborde pas", false, 0},
		{"ask_empty.json", discordgo.InteractionResponseChannelMessageWithSource, "le texte est vide", true, 0},
		{"source.json", discordgo.InteractionResponseChannelMessageWithSource, "**Q&A 5", false, 1},
		{"source_bad.json", discordgo.InteractionResponseChannelMessageWithSource, "de 1 à 8", true, 0},
		{"quote_topic.json", discordgo.InteractionResponseChannelMessageWithSource, "— Brad Smith, Q&R 7", false, 0},
		{"quote_random.json", discordgo.InteractionResponseChannelMessageWithSource, "> “", false, 0},
		{"topics.json", discordgo.InteractionResponseChannelMessageWithSource, "1. Pourquoi Microsoft", false, 0},
		{"about.json", discordgo.InteractionResponseChannelMessageWithSource, "What the bot does", false, 0},
		{"autocomplete_ask.json", discordgo.InteractionApplicationCommandAutocompleteResult, "", false, 0},
		{"button_exchange.json", discordgo.InteractionResponseChannelMessageWithSource, "**Q&R 7", true, 0},
		{"button_toggle.json", discordgo.InteractionResponseUpdateMessage, "Translation (ours", false, 0},
		{"button_toggle_forged.json", discordgo.InteractionResponseChannelMessageWithSource, "Je ne reconnais pas", true, 0},
		{"button_feedback.json", discordgo.InteractionResponseChannelMessageWithSource, "Merci", true, 0},
		{"select_topic.json", discordgo.InteractionResponseChannelMessageWithSource, "**Q&R 6", true, 0},
	}
	for _, tc := range tt {
		t.Run(tc.file, func(t *testing.T) {
			status, out := e.post(t, readPayload(t, "interactions/"+tc.file), time.Now(), nil)
			if status != 200 {
				t.Fatalf("status %d: %s", status, out)
			}
			var cb callback
			if err := json.Unmarshal(out, &cb); err != nil {
				t.Fatalf("response %s: %v", out, err)
			}
			if cb.Type != int(tc.typ) || !strings.Contains(cb.Data.Content, tc.want) {
				t.Errorf("response = type %d, %q; want type %d containing %q", cb.Type, cb.Data.Content, tc.typ, tc.want)
			}
			if eph := cb.Data.Flags&int(discordgo.MessageFlagsEphemeral) != 0; eph != tc.ephemeral {
				t.Errorf("ephemeral = %v; want %v", eph, tc.ephemeral)
			}
			if tc.typ == discordgo.InteractionApplicationCommandAutocompleteResult {
				if len(cb.Data.Choices) == 0 || len(cb.Data.Choices) > maxChoices {
					t.Errorf("autocomplete choices = %d; want 1 to %d", len(cb.Data.Choices), maxChoices)
				}
				for _, c := range cb.Data.Choices {
					if len([]rune(c.Name)) > maxChoiceLen || len([]rune(c.Value)) > maxChoiceLen {
						t.Errorf("choice %q is longer than %d characters", c.Name, maxChoiceLen)
					}
				}
				return
			}
			if p, ok := cb.Data.AllowedMentions["parse"].([]any); !ok || len(p) != 0 {
				t.Errorf("allowed_mentions = %v; want {\"parse\":[]}", cb.Data.AllowedMentions)
			}
			if n := len([]rune(cb.Data.Content)); n > maxContent {
				t.Errorf("content has %d characters; Discord allows %d", n, maxContent)
			}
			for range tc.followups {
				r := e.fake.next("/webhooks/1180000000000000777/" + tokenOf(t, tc.file))
				if r.method != "POST" || !bytes.Contains(r.body, []byte(`"allowed_mentions":{"parse":[]`)) {
					t.Errorf("follow-up %s %s; want a POST with no mentions allowed", r.method, r.body)
				}
			}
		})
	}
}

func tokenOf(t *testing.T, file string) string {
	var i struct{ Token string }
	json.Unmarshal(readPayload(t, "interactions/"+file), &i)
	return i.Token
}

// TestHTTPDeferral slows the answer past the reply budget: the endpoint
// must defer at once, then edit the original response through REST.
// slowHandler is a handler that defers after budget and takes delay to
// answer.
func slowHandler(t *testing.T, budget, delay time.Duration) *Handler {
	h := newTestHandler(t, withBudget(budget))
	slow := h.answers
	h.answers = answerWith{slow, func(ctx context.Context, r answer.Request) (answer.Answer, error) {
		time.Sleep(delay)
		return slow.Answer(ctx, r)
	}}
	return h
}

// answerWith is the Answers it wraps, but for Answer, which is fn.
type answerWith struct {
	Answers
	fn func(ctx context.Context, r answer.Request) (answer.Answer, error)
}

func (a answerWith) Answer(ctx context.Context, r answer.Request) (answer.Answer, error) {
	return a.fn(ctx, r)
}

func TestHTTPDeferral(t *testing.T) {
	// The answer waits until the first response is in: a response that
	// waited for it would never come. No clock is read.
	h := newTestHandler(t, withBudget(10*time.Millisecond))
	gate := make(chan struct{})
	release := sync.OnceFunc(func() { close(gate) })
	inner := h.answers
	h.answers = answerWith{inner, func(ctx context.Context, r answer.Request) (answer.Answer, error) {
		<-gate
		return inner.Answer(ctx, r)
	}}
	e := newSignedEndpoint(t, h)
	responded := make(chan struct{})
	go func() {
		select {
		case <-responded:
		case <-time.After(10 * time.Second):
			release() // let the test end, and fail
		}
	}()
	status, out := e.post(t, readPayload(t, "interactions/ask_fr.json"), time.Now(), nil)
	close(responded)
	var cb callback
	json.Unmarshal(out, &cb)
	if status != 200 || cb.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Fatalf("first response %d %s; want a deferral (5) while the answer is pending", status, out)
	}
	release()
	r := e.fake.next("/messages/@original")
	if r.method != "PATCH" || !bytes.Contains(r.body, []byte("L’espionnage fait partie")) || !bytes.Contains(r.body, []byte(`"allowed_mentions":{"parse":[]`)) {
		t.Errorf("edit = %s %s; want a PATCH of the answer with no mentions", r.method, r.body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := e.srv.Wait(ctx); err != nil {
		t.Errorf("Wait = %v; want the deferred reply finished", err)
	}
}

// TestEditRetried: Discord fails the edit of a deferred answer with a
// server error, then a rate limit: each is retried once, and the answer
// lands.
func TestEditRetried(t *testing.T) {
	for _, fail := range []struct {
		status int
		body   string
	}{
		{http.StatusInternalServerError, `{"message":"Internal Server Error","code":0}`},
		{http.StatusServiceUnavailable, `upstream connect error`},
		{http.StatusTooManyRequests, `{"message":"You are being rate limited.","retry_after":0.2,"global":false}`},
	} {
		e := newSignedEndpoint(t, slowHandler(t, 20*time.Millisecond, 100*time.Millisecond))
		e.fake.failNext("PATCH", "/messages/@original", fail.status, fail.body)
		if status, _ := e.post(t, readPayload(t, "interactions/ask_fr.json"), time.Now(), nil); status != 200 {
			t.Fatalf("status %d", status)
		}
		first, second := e.fake.next("/messages/@original"), e.fake.next("/messages/@original")
		if first.method != "PATCH" || second.method != "PATCH" || !bytes.Contains(second.body, []byte("L’espionnage fait partie")) {
			t.Errorf("after a %d: %s then %s %.80s; want the edit sent again", fail.status, first.method, second.method, second.body)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		if err := e.srv.Wait(ctx); err != nil {
			t.Errorf("after a %d: Wait = %v", fail.status, err)
		}
		cancel()
	}
}

// TestHTTPPanic makes the handler panic: the user gets a friendly
// ephemeral message and the server lives on.
func TestHTTPPanic(t *testing.T) {
	h := newTestHandler(t)
	h.answers = answerWith{h.answers, func(context.Context, answer.Request) (answer.Answer, error) { panic("boom") }}
	e := newSignedEndpoint(t, h)
	for range 2 {
		status, out := e.post(t, readPayload(t, "interactions/ask_fr.json"), time.Now(), nil)
		var cb callback
		json.Unmarshal(out, &cb)
		if status != 200 || !strings.Contains(cb.Data.Content, "Désolé") || cb.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
			t.Errorf("after a panic: status %d, %s; want a friendly ephemeral message", status, out)
		}
	}
}

func BenchmarkHTTPAsk(b *testing.B) { benchHTTP(b, "interactions/ask_fr.json") }

// BenchmarkHTTPPing is a server that only verifies signatures: a signed
// PING, answered PONG. BenchmarkHTTPAsk must keep at least half its rate.
func BenchmarkHTTPPing(b *testing.B) { benchHTTP(b, "interactions/ping.json") }

// benchHTTP posts the payload in file, signed, to the HTTP endpoint, one
// request at a time.
func benchHTTP(b *testing.B, file string) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	// Log and count as in production, the log to nowhere: formatting the
	// line and counting the metrics are part of the cost.
	h := newQuietHandler()
	h.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	h.meter = ops.NewMetrics(ops.Labels{})
	s := transport.NewHTTPServer(h, pub, nil, h.log)
	routes := s.Routes()
	// Compact, as Discord sends it: the samples are indented to be read.
	var compact bytes.Buffer
	if err := json.Compact(&compact, readPayload(b, file)); err != nil {
		b.Fatal(err)
	}
	body := compact.Bytes()
	stamp := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(priv, append([]byte(stamp), body...)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/interactions", bytes.NewReader(body))
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", stamp)
		w := httptest.NewRecorder()
		routes.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkEd25519Verify is the signature check alone, for comparison
// with BenchmarkHTTPAsk.
func BenchmarkEd25519Verify(b *testing.B) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	msg := append([]byte("1764410000"), readPayload(b, "interactions/ask_fr.json")...)
	sig := ed25519.Sign(priv, msg)
	for b.Loop() {
		if !ed25519.Verify(pub, msg, sig) {
			b.Fatal("verify failed")
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verify/s")
}

// flushRecorder is a ResponseWriter that tells when the response is
// written out.
type flushRecorder struct {
	http.ResponseWriter
	flushed func()
}

func (f flushRecorder) Flush() {
	f.ResponseWriter.(http.Flusher).Flush()
	f.flushed()
}

func (f flushRecorder) Unwrap() http.ResponseWriter { return f.ResponseWriter }

// TestResponseBeforeFollowups: in HTTP mode no follow-up or edit reaches
// Discord before the initial response is written and flushed, which
// Discord requires (10015 Unknown Webhook otherwise). /source 5 answers
// in two messages: a response and a follow-up. The fake Discord's
// referee fails the test on a follow-up that comes too early, as it
// does in every test.
func TestResponseBeforeFollowups(t *testing.T) {
	for run := range 20 {
		e := newSignedEndpoint(t, newTestHandler(t))
		if status, _ := e.post(t, readPayload(t, "interactions/source.json"), time.Now(), nil); status != 200 {
			t.Fatalf("run %d: status %d", run, status)
		}
		e.fake.next("/webhooks/1180000000000000777/" + tokenOf(t, "source.json"))
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		e.srv.Wait(ctx)
		cancel()
	}
}

// failingRequote is an answer service whose re-quoting is slow, then
// fails.
type failingRequote struct{ Answers }

func (failingRequote) Requote([]answer.Citation, lang.Language) (answer.Answer, error) {
	time.Sleep(100 * time.Millisecond)
	return answer.Answer{}, errors.New("scripted failure")
}

// TestSlowToggleFailsPrivately: a language toggle that is deferred and
// then fails leaves the answer it sits on alone, and tells the clicker
// alone.
func TestSlowToggleFailsPrivately(t *testing.T) {
	h := newTestHandler(t, withBudget(20*time.Millisecond))
	h.answers = failingRequote{h.answers}
	e := newSignedEndpoint(t, h)
	status, out := e.post(t, readPayload(t, "interactions/button_toggle.json"), time.Now(), nil)
	var cb callback
	json.Unmarshal(out, &cb)
	if status != 200 || cb.Type != int(discordgo.InteractionResponseDeferredMessageUpdate) {
		t.Fatalf("first response %d %s; want a deferred update", status, out)
	}
	r := e.fake.next("") // the first REST call, whatever it is
	var msg struct{ Flags int }
	json.Unmarshal(r.body, &msg)
	if r.method != "POST" || msg.Flags&64 == 0 {
		t.Errorf("after the failure: %s %s %s; want an ephemeral follow-up, the answer untouched", r.method, r.path, r.body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	e.srv.Wait(ctx)
}

// TestAutocompleteEdges: a typed question too long for a choice is not
// offered cut, and when nothing can be offered the response still holds
// the empty list of choices Discord requires.
func TestAutocompleteEdges(t *testing.T) {
	e := newSignedEndpoint(t, newTestHandler(t))
	long := strings.Repeat("zorglub ", 20) // 160 characters, matching nothing
	i := interaction(t, "autocomplete_ask.json", func(i *discordgo.Interaction) {
		d := i.Data.(discordgo.ApplicationCommandInteractionData)
		d.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: long, Focused: true}}
		i.Data = d
	})
	body, _ := json.Marshal(i)
	status, out := e.post(t, body, time.Now(), nil)
	if status != 200 || !bytes.Contains(out, []byte(`"choices":[]`)) {
		t.Errorf("autocomplete matching nothing: %d %s; want an empty choices list", status, out)
	}
	i = interaction(t, "autocomplete_ask.json", func(i *discordgo.Interaction) {
		d := i.Data.(discordgo.ApplicationCommandInteractionData)
		d.Options = []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "zorglub", Focused: true}}
		i.Data = d
	})
	body, _ = json.Marshal(i)
	if _, out := e.post(t, body, time.Now(), nil); !bytes.Contains(out, []byte(`"name":"zorglub"`)) {
		t.Errorf("autocomplete of a short text matching nothing: %s; want the text as typed", out)
	}
}
