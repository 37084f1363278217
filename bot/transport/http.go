package transport

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/logs"
)

// Limits on requests to the interactions endpoint.
const (
	// maxBody bounds a request body: interactions are a few kilobytes.
	maxBody = 1 << 20
	// maxClockSkew is how old (or how far ahead) a signed timestamp may
	// be; an older signed request is a replay.
	maxClockSkew = 5 * time.Minute
)

// firstResponseWait bounds the HTTP endpoint's wait for an interaction's
// first response. A Handler defers within its budget, and Discord waits
// 3 s: this is only a backstop for a reply stuck before it (a store that
// never answers, say), short enough that the handler can still write its
// 503 within the server's 10 s write timeout.
const firstResponseWait = 5 * time.Second

// HTTPServer is Discord's interactions endpoint: it verifies each
// request's Ed25519 signature and replies in the HTTP response, then
// edits and follows up through the REST API. It keeps no state between
// requests, so several instances can share a load balancer.
type HTTPServer struct {
	h    Handler
	log  *slog.Logger
	key  ed25519.PublicKey
	rest Responder
	now  func() time.Time
	// refused logs refused signatures at most once a minute: anyone can
	// send them, and each must not cost a log line.
	refused *logs.Warner
	// inflight tracks replies that go on after their HTTP response.
	inflight sync.WaitGroup
	// bodies bounds the memory of the request bodies being read.
	bodies bodyBudget
}

// NewHTTPServer returns the endpoint for the application with public key
// key, handing interactions to h. rest sends edits and follow-ups; it
// needs the bot token. log (nil discards) hears refused requests, at most
// once a minute, and panics.
func NewHTTPServer(h Handler, key ed25519.PublicKey, rest *discordgo.Session, log *slog.Logger) *HTTPServer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &HTTPServer{h: h, log: log, key: key, rest: restResponder{rest}, now: time.Now, refused: logs.NewWarner(log, time.Minute),
		bodies: bodyBudget{limit: bodiesBudget, reserved: bodiesReserved}}
}

// Routes returns the endpoint's routes: POST /interactions and GET /healthz.
func (s *HTTPServer) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /interactions", s.interactions)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	return mux
}

// Wait waits, up to ctx, for replies that outlived their HTTP response.
func (s *HTTPServer) Wait(ctx context.Context) error {
	return waitGroup(ctx, &s.inflight)
}

func (s *HTTPServer) interactions(w http.ResponseWriter, r *http.Request) {
	// The signed message is the timestamp then the body: the body is
	// read in after the timestamp, into a buffer that grows with what
	// arrives (never with what the client announces), within the budget
	// that all bodies being read share.
	ts := r.Header.Get("X-Signature-Timestamp")
	sig, ok := s.signedHeaders(r.Header.Get("X-Signature-Ed25519"), ts)
	if !ok { // refused before a byte of the body is read
		s.refused.Warn("interaction refused: bad or stale signature", fmt.Errorf("from %s", r.RemoteAddr))
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	msg, err := s.bodies.read(ts, http.MaxBytesReader(w, r.Body, maxBody), r.ContentLength)
	defer func() { s.bodies.release(msg) }() // unless released once decoded
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	case errors.Is(err, errBusy):
		s.refused.Warn("interaction refused: request bodies use their whole memory budget", fmt.Errorf("from %s", r.RemoteAddr))
		w.Header().Set("Retry-After", "1")
		http.Error(w, "server busy", http.StatusServiceUnavailable)
		return
	case err != nil:
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if !ed25519.Verify(s.key, msg, sig) {
		s.refused.Warn("interaction refused: bad or stale signature", fmt.Errorf("from %s", r.RemoteAddr))
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	channel, err := Decode(msg[len(ts):], &i)
	if err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	s.bodies.release(msg) // decoded: the reply may take seconds, the body is done
	msg = nil
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	if i.Data == nil {
		http.Error(w, "unsupported interaction", http.StatusBadRequest)
		return
	}
	// The reply is the Handler's, in a goroutine of its own: it goes on
	// after this handler returns, whatever the client does with its
	// connection. This handler writes the first response when the
	// Handler has one, and reports the write's result back: that result alone
	// says whether the response was delivered. The request's context
	// is no witness: the server cancels it when the client closes its
	// connection, which a client that closes after reading (nginx, by
	// default) does as soon as the response is out.
	t := &httpResponder{Responder: s.rest, first: make(chan firstResponse, 1), abandoned: make(chan struct{})}
	defer close(t.abandoned) // however this handler ends, Respond learns it
	done := make(chan struct{})
	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("interaction panicked", "interaction", i.ID, "panic", p, "stack", string(debug.Stack()))
			}
		}()
		s.h.Interaction(context.WithoutCancel(r.Context()), t, &i, channel)
	}()
	timer := time.NewTimer(firstResponseWait)
	defer timer.Stop()
	select {
	case fr := <-t.first:
		fr.written <- writeFlushed(w, wire(fr.resp))
	case <-done: // no response at all: a too-slow autocomplete
		w.WriteHeader(http.StatusNoContent)
	case <-timer.C:
		// The Handler answers within its budget; one that has not after
		// this long is stuck, and Discord gave up on it long ago.
		http.Error(w, "no response in time", http.StatusServiceUnavailable)
	}
}

// writeFlushed writes v as the JSON response and flushes it to the
// client: what follows it (edits, follow-ups) may only leave after. With
// its Content-Length, the response is complete once flushed; a chunked
// one would end only when the handler returns.
func writeFlushed(w http.ResponseWriter, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("writing the response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if _, err := w.Write(body); err != nil {
		return fmt.Errorf("writing the response: %w", err)
	}
	if err := http.NewResponseController(w).Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return fmt.Errorf("flushing the response: %w", err)
	}
	return nil
}

// signedHeaders checks what can be checked of a request's signature
// before its body is read: the signature, sig, is 64 bytes in hex, and
// the timestamp, ts, is a Unix time within maxClockSkew of now (an older
// signed request is a replay). It returns the signature's bytes.
func (s *HTTPServer) signedHeaders(sig, ts string) ([]byte, bool) {
	if len(sig) != 2*ed25519.SignatureSize || len(ts) == 0 || len(ts) > 12 {
		return nil, false
	}
	raw, err := hex.DecodeString(sig)
	if err != nil {
		return nil, false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, false
	}
	age := s.now().Sub(time.Unix(sec, 0))
	return raw, age <= maxClockSkew && age >= -maxClockSkew
}

// errBusy is the error of a body that would take request bodies past
// their shared memory budget.
var errBusy = errors.New("request bodies use their whole memory budget")

// bodyBudget bounds the memory held by the request bodies being read at
// once. A body's buffer is made when its first bytes arrive, and grows
// only with the bytes that arrive, each growth taken from the budget
// first, so that clients which announce large bodies and send nothing
// cost nothing of it, and clients which do send them cost at most the
// budget in all. Growth past a first buffer may not use the last
// reserved bytes, which keep room for small bodies, Discord's. Bodies
// past the budget are refused (503), not queued.
type bodyBudget struct {
	used            atomic.Int64
	limit, reserved int64
}

// The endpoint's budget: 64 bodies at the 1 MiB limit, 16 MiB of it for
// first buffers alone (4,000 at once). Interactions are a few kilobytes,
// so a server answering Discord alone uses a few hundred kilobytes.
const (
	bodiesBudget   = 64 << 20
	bodiesReserved = 16 << 20
)

// firstRead is a body buffer's first size at most: an interaction fits.
const firstRead = 4 << 10

// read reads r to its end into a buffer that starts with prefix. The
// body's announced size (a Content-Length; -1 if none) may make the
// first buffer smaller, never larger than firstRead: one that fits
// leaves a byte to read the end in. The caller releases the buffer's
// capacity with release, even on error.
func (bb *bodyBudget) read(prefix string, r io.Reader, announced int64) ([]byte, error) {
	// Wait for the first bytes before taking anything but this.
	var head [64]byte
	n, err := r.Read(head[:])
	for n == 0 && err == nil {
		n, err = r.Read(head[:])
	}
	size := len(prefix) + max(n+1, firstRead)
	if announced >= 0 && announced < firstRead {
		size = len(prefix) + max(n, int(announced)) + 1
	}
	if !bb.take(size, false) {
		return nil, errBusy
	}
	b := make([]byte, len(prefix)+n, size)
	copy(b, prefix)
	copy(b[len(prefix):], head[:n])
	for {
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			// Double, up to the limit (+1: room to read past it, which
			// http.MaxBytesReader reports).
			more := min(cap(b), len(prefix)+maxBody+1-cap(b))
			if more <= 0 {
				return b, errors.New("the body is larger than its limit")
			}
			if !bb.take(more, true) {
				return b, errBusy
			}
			b = append(make([]byte, 0, cap(b)+more), b...)
		}
		n, err = r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
	}
}

// release gives back the budget that b, from read, took.
func (bb *bodyBudget) release(b []byte) { bb.used.Add(-int64(cap(b))) }

// take takes n bytes of the budget, if it has them: to grow a buffer,
// if it has them besides the reserved bytes.
func (bb *bodyBudget) take(n int, growth bool) bool {
	limit := bb.limit
	if growth {
		limit -= bb.reserved
	}
	if bb.used.Add(int64(n)) > limit {
		bb.used.Add(-int64(n))
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// httpResponder sends the first response as the HTTP response and the
// rest through REST. Respond returns only once the response is written
// and flushed: Discord refuses an edit or a follow-up of an interaction
// it has not seen answered (10015 Unknown Webhook), so none may leave
// before. Its result is the write's, whatever became of the request
// since.
type httpResponder struct {
	Responder
	first     chan firstResponse
	abandoned chan struct{} // the handler stopped waiting: nothing will be written
	once      sync.Once
}

// firstResponse is the first response, and where its writing reports.
type firstResponse struct {
	resp    *discordgo.InteractionResponse
	written chan error
}

func (t *httpResponder) Respond(_ context.Context, _ *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	err := errors.New("interaction already answered")
	t.once.Do(func() {
		fr := firstResponse{r, make(chan error, 1)}
		t.first <- fr
		select {
		case err = <-fr.written:
		case <-t.abandoned:
			select { // the handler reports its write before it ends
			case err = <-fr.written:
			default:
				err = errors.New("the request ended before its response was written")
			}
		}
	})
	return err
}
