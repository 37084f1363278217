package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
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

// HTTPServer is Discord's interactions endpoint: it verifies each
// request's Ed25519 signature and replies in the HTTP response, then
// edits and follows up through the REST API. It keeps no state between
// requests, so several instances can share a load balancer.
type HTTPServer struct {
	h    *Handler
	key  ed25519.PublicKey
	rest Transport
	now  func() time.Time
	// refused logs refused signatures at most once a minute: anyone can
	// send them, and each must not cost a log line.
	refused *logs.Warner
	// inflight tracks replies that go on after their HTTP response.
	inflight sync.WaitGroup
}

// NewHTTPServer returns the endpoint for the application with public key
// key. rest sends edits and follow-ups; it needs the bot token.
func NewHTTPServer(h *Handler, key ed25519.PublicKey, rest *discordgo.Session) *HTTPServer {
	return &HTTPServer{h: h, key: key, rest: restTransport{rest}, now: time.Now, refused: logs.NewWarner(h.log, time.Minute)}
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

// waitGroup waits for wg, or until ctx is done.
func waitGroup(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *HTTPServer) interactions(w http.ResponseWriter, r *http.Request) {
	// The signed message is the timestamp then the body: the body is
	// read in after the timestamp, into one buffer sized for it.
	ts := r.Header.Get("X-Signature-Timestamp")
	msg, err := readAfter(ts, http.MaxBytesReader(w, r.Body, maxBody), r.ContentLength)
	body := msg[len(ts):]
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return
	}
	if !s.verify(r.Header.Get("X-Signature-Ed25519"), ts, msg) {
		s.refused.Warn("interaction refused: bad or stale signature", fmt.Errorf("from %s", r.RemoteAddr))
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	channel, err := decodeInteraction(body, &i)
	if err != nil {
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	s.h.channels.learn(channel)
	if i.Type == discordgo.InteractionPing {
		writeJSON(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	if i.Data == nil {
		http.Error(w, "unsupported interaction", http.StatusBadRequest)
		return
	}
	t := &httpTransport{Transport: s.rest, first: make(chan firstResponse, 1), gone: r.Context().Done()}
	done := make(chan struct{})
	s.inflight.Add(1)
	go func() {
		defer s.inflight.Done()
		defer close(done)
		s.h.Dispatch(context.WithoutCancel(r.Context()), t, &i)
	}()
	select {
	case fr := <-t.first:
		fr.written <- writeFlushed(w, wire(fr.resp))
	case <-done: // no response at all: a too-slow autocomplete
		w.WriteHeader(http.StatusNoContent)
	case <-r.Context().Done():
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

// verify checks the Ed25519 signature sig (hex) over msg, the timestamp
// ts then the body, and that the timestamp is recent.
func (s *HTTPServer) verify(sig, ts string, msg []byte) bool {
	raw, err := hex.DecodeString(sig)
	if err != nil || len(raw) != ed25519.SignatureSize || ts == "" {
		return false
	}
	if !ed25519.Verify(s.key, msg, raw) {
		return false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := s.now().Sub(time.Unix(sec, 0))
	return age <= maxClockSkew && age >= -maxClockSkew
}

// readAfter reads r to its end into a buffer that starts with prefix,
// sized for size bytes more when size is known (a request's
// Content-Length, -1 if not) and plausible.
func readAfter(prefix string, r io.Reader, size int64) ([]byte, error) {
	if size < 0 || size > maxBody {
		size = 512
	}
	b := make([]byte, len(prefix), len(prefix)+int(size)+1) // +1: room to read the EOF
	copy(b, prefix)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// httpTransport sends the first response as the HTTP response and the
// rest through REST. Respond returns only once the response is written
// and flushed: Discord refuses an edit or a follow-up of an interaction
// it has not seen answered (10015 Unknown Webhook), so none may leave
// before.
type httpTransport struct {
	Transport
	first chan firstResponse
	gone  <-chan struct{} // the HTTP request's end: nothing can be written after
	once  sync.Once
}

// firstResponse is the first response, and where its writing reports.
type firstResponse struct {
	resp    *discordgo.InteractionResponse
	written chan error
}

func (t *httpTransport) Respond(ctx context.Context, _ *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	err := errors.New("interaction already answered")
	t.once.Do(func() {
		fr := firstResponse{r, make(chan error, 1)}
		t.first <- fr
		select {
		case err = <-fr.written:
		case <-t.gone:
			// The request ends once its handler returns, and the handler
			// reports its writing first: the report decides.
			select {
			case err = <-fr.written:
			default:
				err = errors.New("the request ended before the response was written")
			}
		case <-ctx.Done():
			err = ctx.Err()
		}
	})
	return err
}
