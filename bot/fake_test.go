package bot

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeDiscord serves Discord's REST API and gateway on loopback, enough
// for a real discordgo Session to connect, receive events and reply. It
// records every REST request.
type fakeDiscord struct {
	t        *testing.T
	srv      *httptest.Server
	requests chan request
	events   chan event
	identify chan map[string]any
	resumes  chan struct{}
	drop     chan struct{} // closes the current gateway connection

	mu    sync.Mutex
	fails []scripted // failures to answer first, in order
	// arrived, if set, hears of each REST request as it arrives.
	arrived func(method, path string)
	// channels are the bodies of GET /channels/{id}, by ID.
	channels map[string]string
	// referee checks each request against Discord's spec and order.
	referee referee
	// posted are the IDs of the messages created in channels, in order.
	posted []string
	// nonces are the messages created with an enforced nonce, by nonce.
	nonces map[string]string
}

// referee checks what the bot sends to Discord: each request against
// the spec's operation (conform), and the order Discord requires: no
// edit, follow-up or delete of an interaction's messages before its
// initial response is complete. Its findings fail the test at its end.
type referee struct {
	answered map[string]bool // interaction tokens with their initial response
	seen     map[string]int  // requests by spec operation
	faults   []string
}

// answered records that the initial response of the interaction with
// token is complete: its callback arrived (gateway mode), or its HTTP
// response was flushed (HTTP mode).
func (f *fakeDiscord) answered(token string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.referee.answered[token] = true
}

// judge checks one request, as the fake receives it or, for an HTTP
// response, as the endpoint writes it.
func (f *fakeDiscord) judge(method, target string, body []byte) {
	op, err := conform(method, target, body)
	f.mu.Lock()
	defer f.mu.Unlock()
	r := &f.referee
	r.seen[op]++
	if op == opCallback {
		var cb struct{ Type int }
		json.Unmarshal(body, &cb)
		r.seen[callbackOf(cb.Type)]++
	}
	if err != nil {
		r.faults = append(r.faults, err.Error())
	}
	path, _, _ := strings.Cut(target, "?")
	if m := interactionPath.FindStringSubmatch(path); m != nil {
		if token := m[2]; strings.HasPrefix(m[1], "interactions") {
			r.answered[token] = true
		} else if !r.answered[token] {
			r.faults = append(r.faults, method+" "+path+" reached Discord before the interaction's initial response was complete")
		}
	}
}

// interactionPath matches the callback and the webhook paths of an
// interaction, capturing the token.
var interactionPath = regexp.MustCompile(`^/(interactions/[0-9]+|webhooks/[0-9]+)/([^/]+)(/callback|/messages/.+)?$`)

// operations returns how many requests of each spec operation arrived.
func (f *fakeDiscord) operations() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.referee.seen)
}

// scripted is a failure the fake answers to the next request whose path
// ends with suffix.
type scripted struct {
	method, suffix string
	status         int
	body           string
}

// failNext makes the fake answer the next method request ending with
// suffix with status and body, as Discord does when it fails.
func (f *fakeDiscord) failNext(method, suffix string, status int, body string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fails = append(f.fails, scripted{method, suffix, status, body})
}

// scriptedFailure returns and forgets the failure scripted for r, if any.
func (f *fakeDiscord) scriptedFailure(method, path string) (scripted, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, s := range f.fails {
		if s.method == method && strings.HasSuffix(path, s.suffix) {
			f.fails = append(f.fails[:i], f.fails[i+1:]...)
			return s, true
		}
	}
	return scripted{}, false
}

var apiPrefix = regexp.MustCompile(`^/api/v[0-9]+`)

// channelMessages matches the path that creates a message in a channel.
var channelMessages = regexp.MustCompile(`^/channels/([0-9]+)/messages$`)

type request struct {
	method, path string
	body         []byte
	created      string // the ID of the message it created, if any
}

type event struct {
	name string
	data json.RawMessage
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	f := &fakeDiscord{t: t, requests: make(chan request, 64), events: make(chan event, 16),
		identify: make(chan map[string]any, 4), resumes: make(chan struct{}, 4), drop: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /gateway/{$}", f.gateway)
	mux.HandleFunc("/", f.rest)
	f.referee = referee{answered: map[string]bool{}, seen: map[string]int{}}
	f.nonces = map[string]string{}
	// Registered before the server's Close, so it runs after: every
	// request has then been judged.
	t.Cleanup(func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		for _, fault := range f.referee.faults {
			t.Errorf("sent to Discord: %s", fault)
		}
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

// client sends discordgo's requests for discord.com to the fake.
func (f *fakeDiscord) client() *http.Client {
	u, _ := url.Parse(f.srv.URL)
	return &http.Client{Timeout: 5 * time.Second, Transport: rewrite{u}}
}

type rewrite struct{ to *url.URL }

func (r rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host = r.to.Scheme, r.to.Host
	return http.DefaultTransport.RoundTrip(req)
}

func (f *fakeDiscord) rest(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path := apiPrefix.ReplaceAllString(r.URL.Path, "")
	f.judge(r.Method, apiPrefix.ReplaceAllString(r.URL.RequestURI(), ""), body)
	f.mu.Lock()
	arrived := f.arrived
	f.mu.Unlock()
	if arrived != nil {
		arrived(r.Method, path)
	}
	var created string // a new message's ID, made now, as Discord's
	again := false     // a message posted before with the same enforced nonce
	if r.Method == "POST" && channelMessages.MatchString(path) {
		var m struct {
			Nonce        string `json:"nonce"`
			EnforceNonce bool   `json:"enforce_nonce"`
		}
		json.Unmarshal(body, &m)
		f.mu.Lock()
		if created, again = f.nonces[m.Nonce]; !again || !m.EnforceNonce {
			created, again = snowflakeAt(time.Now().Add(time.Duration(len(f.posted))*time.Millisecond)), false
			f.posted = append(f.posted, created)
			if m.EnforceNonce {
				f.nonces[m.Nonce] = created
			}
		}
		f.mu.Unlock()
	}
	if !again { // Discord gives the first message back, and posts none
		f.requests <- request{r.Method, path, body, created}
	}
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	channel, isChannel := f.channels[strings.TrimPrefix(path, "/channels/")]
	f.mu.Unlock()
	if r.Method == "GET" && isChannel {
		io.WriteString(w, channel)
		return
	}
	if r.Method == "GET" && strings.Count(path, "/") == 2 && strings.HasPrefix(path, "/channels/") {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message":"Unknown Channel","code":10003}`)
		return
	}
	if fail, ok := f.scriptedFailure(r.Method, path); ok {
		w.WriteHeader(fail.status)
		io.WriteString(w, fail.body)
		return
	}
	switch {
	case r.Method == "GET" && path == "/gateway":
		json.NewEncoder(w).Encode(map[string]string{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway"})
	case strings.HasSuffix(path, "/callback"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == "GET" && path == "/applications/@me":
		io.WriteString(w, `{"id":"1180000000000000777","name":"interviewbot"}`)
	case r.Method == "GET" && strings.HasSuffix(path, "/commands"):
		io.WriteString(w, `[{"id":"1","application_id":"1180000000000000777","name":"about","description":"old text","version":"1"},{"id":"2","application_id":"1180000000000000777","name":"legacy","description":"gone","version":"1"}]`)
	case r.Method == "PUT" && strings.HasSuffix(path, "/commands"):
		w.Write(body)
	case strings.HasSuffix(path, "/threads"):
		io.WriteString(w, `{"id":"1180000000000000800","type":11,"name":"thread"}`)
	case created != "":
		fmt.Fprintf(w, `{"id":%q,"channel_id":%q,"content":""}`, created, channelMessages.FindStringSubmatch(path)[1])
	case r.Method == "PATCH" && strings.HasPrefix(path, "/channels/"):
		parts := strings.Split(path, "/")
		fmt.Fprintf(w, `{"id":%q,"channel_id":%q,"content":""}`, parts[len(parts)-1], parts[2])
	default:
		io.WriteString(w, `{"id":"1180000000000000900","channel_id":"1180000000000000200","content":""}`)
	}
}

// gateway speaks just enough of the gateway protocol: HELLO, IDENTIFY,
// READY, then the queued events and heartbeat acks.
func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	var mu sync.Mutex
	write := func(v any) error { mu.Lock(); defer mu.Unlock(); return c.WriteJSON(v) }
	write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	var hello struct {
		Op int            `json:"op"`
		D  map[string]any `json:"d"`
	}
	if err := c.ReadJSON(&hello); err != nil {
		return
	}
	seq := 1
	wsURL := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/gateway/"
	switch hello.Op {
	case 2: // IDENTIFY
		f.identify <- hello.D
		write(map[string]any{"op": 0, "t": "READY", "s": seq, "d": map[string]any{
			"v": 10, "session_id": "fake-session", "resume_gateway_url": wsURL,
			"user":        map[string]any{"id": "1180000000000000777", "username": "interviewbot", "bot": true, "discriminator": "0"},
			"guilds":      []any{},
			"application": map[string]any{"id": "1180000000000000777", "flags": 0},
		}})
	case 6: // RESUME
		f.resumes <- struct{}{}
		write(map[string]any{"op": 0, "t": "RESUMED", "s": seq, "d": map[string]any{}})
	default:
		f.t.Errorf("gateway: want IDENTIFY or RESUME, got op %d", hello.Op)
		return
	}
	go func() {
		for {
			var m struct {
				Op int `json:"op"`
			}
			if err := c.ReadJSON(&m); err != nil {
				return
			}
			if m.Op == 1 {
				write(map[string]any{"op": 11})
			}
		}
	}()
	for {
		select {
		case e := <-f.events:
			seq++
			if err := write(map[string]any{"op": 0, "t": e.name, "s": seq, "d": e.data}); err != nil {
				return
			}
		case <-f.drop:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// next returns the next REST request whose path ends with suffix,
// skipping others, or fails the test after a few seconds.
func (f *fakeDiscord) next(suffix string) request {
	f.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case r := <-f.requests:
			if strings.HasSuffix(strings.SplitN(r.path, "?", 2)[0], suffix) {
				return r
			}
		case <-deadline:
			f.t.Fatalf("no request to …%s", suffix)
		}
	}
}

func readPayload(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
