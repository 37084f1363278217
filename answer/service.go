package answer

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval"
	"golang.org/x/sync/singleflight"
)

// Cache status of an answer, as `ask --json` reports it.
const (
	CacheHit         = "hit"
	CacheMiss        = "miss"
	CacheUnavailable = "unavailable"
)

// DefaultTTL is how long an answer stays cached: the interview never
// changes, but the corpus version in the key retires old answers anyway.
const DefaultTTL = 24 * time.Hour

// Cache keeps answers between identical questions. store.Cache meets it.
type Cache interface {
	Get(ctx context.Context, key string) ([]byte, bool, error)
	Set(ctx context.Context, key string, val []byte, ttl time.Duration) error
}

// Events hears what happens while answering, to log or count it. Its
// methods may be called concurrently.
type Events interface {
	// LLMUsage reports the token count of a model call that returned.
	LLMUsage(Usage)
	// LLMFallback reports why an answer fell back to the extractive one.
	LLMFallback(reason string, err error)
	// LLMClaimDropped reports a claim of an LLM answer left out, and why;
	// the answer was shown with the others.
	LLMClaimDropped(reason string, err error)
	// CacheFailed reports a cache that could not be read or written; the
	// answer was computed and served anyway.
	CacheFailed(error)
	// CacheRefused reports a cached entry that made no honest answer;
	// the answer was computed afresh, and written over it.
	CacheRefused(error)
}

// Reasons are the reasons LLMFallback and LLMClaimDropped hear from the
// answer service: a fixed set, the details in the error, so that the
// metrics can show each from the start. A reason a claim is dropped for
// is also the answer's when every claim is.
func Reasons() []string {
	return []string{"prompt", "call failed", "reply too long", "malformed reply", "checking took too long",
		"no verified quote", "quote failed its check", "too many claims", "past the bounds on what is shown",
		"prose names what the passages do not", "others' words not said to be theirs",
		"claim says the opposite of its sentences", "claim not supported by its sentences",
		"quotation marks in prose", "prose imitates a verified quote", "unexpected character in prose", "link in prose"}
}

// NoEvents hears nothing.
type NoEvents struct{}

func (NoEvents) LLMUsage(Usage)                {}
func (NoEvents) LLMFallback(string, error)     {}
func (NoEvents) LLMClaimDropped(string, error) {}
func (NoEvents) CacheFailed(error)             {}
func (NoEvents) CacheRefused(error)            {}

// Options configure a Service.
type Options struct {
	// Cache keeps answers between identical questions; nil disables it.
	Cache Cache
	// TTL is how long an answer stays cached; 0 means DefaultTTL.
	TTL time.Duration
	// Model, if set, may phrase answers around verified quotes.
	Model *Model
	// Events hears what happens; nil hears nothing.
	Events Events
}

// Request is a question and what the caller allows for its answer.
type Request struct {
	Text string
	// Lang forces the reply's language; empty means the question's own.
	Lang lang.Language
	// Hint is the reply's language when the question's cannot be told
	// (a lone name), such as the user's Discord locale.
	Hint lang.Language
	// LLM lets the model phrase the answer, if the service has one (a
	// server may turn it off).
	LLM bool
	// checked is Text as Check passed it.
	checked string
}

// Check trims r's question and reports ErrEmptyQuestion or
// ErrQuestionTooLong, as CheckQuestion does; on an error, r is returned
// unchanged. Service.Answer checks every request, except one that Check
// has passed and whose Text has not changed since: a caller that must
// refuse a bad question early (the bot, before it defers its reply)
// checks it with Check, and the question is checked once.
func (r Request) Check() (Request, error) {
	if r.checked != "" && r.checked == r.Text {
		return r, nil
	}
	text, err := CheckQuestion(r.Text)
	if err != nil {
		return r, err
	}
	r.Text, r.checked = text, text
	return r, nil
}

// query is the search for r.
func (r Request) query() retrieval.Query {
	return retrieval.Query{Text: r.Text, Lang: r.Lang, Hint: r.Hint}
}

// Normalize folds a question for comparison, as the cache key does: case,
// accents, punctuation and white space ("Démocratie ?!" and "democratie"
// are the same).
func Normalize(q string) string { return lang.Normalize(q) }

// Service answers questions: the one way in. It answers with the
// interview's own words, phrased by a model where the request and the
// service allow, from the cache when it can. Identical questions
// arriving together are computed once (singleflight). A cache that fails
// is bypassed: the answer is computed and served, marked "unavailable".
// It is safe for concurrent use.
type Service struct {
	c      *composer
	llm    *phraser // nil: extractive only
	cache  Cache
	ttl    time.Duration
	events Events
	group  singleflight.Group
	// decoded keeps the answers this process last read from or wrote to
	// the cache, rebuilt: rebuilding a cached answer (checking its quotes
	// and prose, and rendering it) costs more than all the rest of
	// serving it. An answer's key names its content (the question,
	// language, mode, model, prompts and corpus version), so a copy here
	// is never stale; the shared cache stays the cache.
	decoded *expirable.LRU[string, Answer]
}

// decodedSize bounds the decoded answers kept in the process.
const decodedSize = 1024

// NewService returns the service answering from ix.
func NewService(ix *retrieval.Index, o Options) *Service {
	s := &Service{c: newComposer(ix), cache: o.Cache, ttl: cmp.Or(max(o.TTL, 0), DefaultTTL), events: o.Events}
	s.decoded = expirable.NewLRU[string, Answer](decodedSize, nil, s.ttl)
	if s.events == nil {
		s.events = NoEvents{}
	}
	if o.Model != nil {
		s.llm = &phraser{c: s.c, model: *o.Model, events: s.events}
	}
	return s
}

// Interview returns the interview the service answers from.
func (s *Service) Interview() *corpus.Interview { return s.c.ix.Interview() }

// index returns the service's index.
func (s *Service) index() *retrieval.Index { return s.c.ix }

// HasLLM reports whether answers may be phrased by a model.
func (s *Service) HasLLM() bool { return s.llm != nil }

// Requote rebuilds the answer made of the quotes that refs locate
// (paragraph ID and sentence run, as in Citation), rendered in l. It
// lets a stateless reply switch language without searching again.
func (s *Service) Requote(refs []Citation, l retrieval.Language) (Answer, error) {
	return s.c.requote(refs, l)
}

// useLLM reports whether r's answer is phrased by the model.
func (s *Service) useLLM(r Request) bool { return r.LLM && s.llm != nil }

// mode is the answer mode's part of the cache key: the model and prompt
// version for LLM answers, so that changing either retires old answers.
func (s *Service) mode(r Request) string {
	if s.useLLM(r) {
		return s.llm.keyPart()
	}
	return string(Extractive)
}

// key is the cache key of r: a hash of the normalised question, the
// reply language, the answer mode and the corpus version.
func (s *Service) key(r Request) string { return keyOf(s.ref(r)) }

// ref is the short name of r's answer in the cache: the hash in its key.
func (s *Service) ref(r Request) string {
	h := sha256.New()
	for _, part := range []string{s.Interview().Version, s.mode(r), string(s.c.ix.ReplyLanguage(r.query())), lang.Normalize(r.Text)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Question returns the question of the cached answer that ref names (see
// Answer.Ref), so that a reply built later (a language toggle) can show
// it again without keeping it. It is the question folded (Normalize), as
// the cache key holds it: another user, on another server, may have asked
// it first in their own words, which are theirs to show. ok is false when
// the answer is not, or no longer, in the cache.
func (s *Service) Question(ctx context.Context, ref string) (q string, ok bool) {
	if s.cache == nil || ref == "" {
		return "", false
	}
	raw, ok, err := s.cache.Get(ctx, keyOf(ref))
	if err != nil || !ok {
		return "", false
	}
	var e entry
	if json.Unmarshal(raw, &e) != nil {
		return "", false
	}
	q = Normalize(e.Question)
	return q, q != ""
}

// compute answers r afresh.
func (s *Service) compute(ctx context.Context, r Request) (Answer, error) {
	if s.useLLM(r) {
		return s.llm.answer(ctx, r.query())
	}
	return s.c.answer(r.query())
}

// Answer answers r, from the cache when it can. A question that fails
// Request.Check gets its error.
func (s *Service) Answer(ctx context.Context, r Request) (Answer, error) {
	r, err := r.Check()
	if err != nil {
		return Answer{}, err
	}
	text := r.Text
	if s.cache == nil {
		return s.compute(ctx, r)
	}
	ref := s.ref(r)
	key := keyOf(ref)
	if a, ok := s.decoded.Get(key); ok {
		a.Question, a.Cache, a.Ref = text, CacheHit, ref
		return a, nil
	}
	raw, ok, err := s.cache.Get(ctx, key)
	if err != nil {
		s.events.CacheFailed(err)
		a, err := s.compute(ctx, r)
		a.Cache = CacheUnavailable
		return a, err
	}
	if ok {
		a, _, err := s.c.decode(raw)
		if err == nil {
			s.decoded.Add(key, a)
			a.Question, a.Cache, a.Ref = text, CacheHit, ref
			return a, nil
		}
		s.events.CacheRefused(fmt.Errorf("entry %s: %w", ref, err)) // made again below, and written over
	}
	v, err, _ := s.group.Do(key, func() (any, error) {
		a, err := s.compute(ctx, r)
		if err != nil {
			return a, err
		}
		if s.useLLM(r) && a.Mode != LLMMode {
			return a, nil // a fallback: the model may do better next time
		}
		if raw, err := json.Marshal(entryOf(a)); err == nil {
			if err := s.cache.Set(context.WithoutCancel(ctx), key, raw, s.ttl); err != nil {
				s.events.CacheFailed(err)
			} else {
				s.decoded.Add(key, a)
			}
		}
		return a, nil
	})
	a := v.(Answer)
	a.Question, a.Cache = text, CacheMiss
	if err == nil && !(s.useLLM(r) && a.Mode != LLMMode) {
		a.Ref = ref // stored: a fallback from the model is not
	}
	return a, err
}
