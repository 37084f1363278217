package answer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

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

// Cached answers through a cache. Identical questions arriving together
// are computed once (singleflight). A cache that fails is bypassed: the
// answer is computed and served, marked "unavailable".
type Cached struct {
	c     *Composer
	llm   *LLM // nil: extractive only
	cache Cache
	ttl   time.Duration
	group singleflight.Group
	// OnError, if set, hears of cache failures (to log them).
	OnError func(error)
}

// NewCached returns c answering through cache (nil disables caching).
func NewCached(c *Composer, cache Cache, ttl time.Duration) *Cached {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Cached{c: c, cache: cache, ttl: ttl}
}

// Composer returns the composer behind the cache.
func (c *Cached) Composer() *Composer { return c.c }

// SetLLM lets l phrase the answers that may use an LLM.
func (c *Cached) SetLLM(l *LLM) { c.llm = l }

// HasLLM reports whether answers may be phrased by an LLM.
func (c *Cached) HasLLM() bool { return c.llm != nil }

// mode is the answer mode's part of the cache key: the model and prompt
// version for LLM answers, so that changing either retires old answers.
func (c *Cached) mode(useLLM bool) string {
	if useLLM && c.llm != nil {
		return c.llm.keyPart()
	}
	return string(Extractive)
}

// Key is the cache key of q: a hash of the normalised question, the
// reply language, the answer mode and the corpus version.
func (c *Cached) Key(q retrieval.Query, useLLM bool) string {
	h := sha256.New()
	for _, part := range []string{c.c.ix.Interview().Version, c.mode(useLLM), string(c.c.ix.ReplyLanguage(q)), retrieval.Normalize(q.Text)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return "answer:v1:" + hex.EncodeToString(h.Sum(nil)[:16])
}

// Answer answers q, with the LLM if there is one, from the cache when it
// can.
func (c *Cached) Answer(ctx context.Context, q retrieval.Query) (Answer, error) {
	return c.AnswerWith(ctx, q, true)
}

// compute answers q afresh: with the LLM when asked and configured.
func (c *Cached) compute(ctx context.Context, q retrieval.Query, useLLM bool) (Answer, error) {
	if useLLM && c.llm != nil {
		return c.llm.Answer(ctx, q)
	}
	return c.c.Answer(q)
}

// AnswerWith answers q, with the LLM only if useLLM (a server may turn it
// off), from the cache when it can.
func (c *Cached) AnswerWith(ctx context.Context, q retrieval.Query, useLLM bool) (Answer, error) {
	text, err := CheckQuestion(q.Text)
	if err != nil {
		return Answer{}, err
	}
	q.Text = text
	if c.cache == nil {
		return c.compute(ctx, q, useLLM)
	}
	key := c.Key(q, useLLM)
	raw, ok, err := c.cache.Get(ctx, key)
	if err != nil {
		c.fail(err)
		a, err := c.compute(ctx, q, useLLM)
		a.Cache = CacheUnavailable
		return a, err
	}
	if ok {
		var e entry
		if json.Unmarshal(raw, &e) == nil && len(e.Spans) == len(e.Answer.Citations) {
			a := e.Answer
			for i, sp := range e.Spans {
				a.Citations[i].From, a.Citations[i].To = sp[0], sp[1]
			}
			a.Question, a.Cache = text, CacheHit
			return a, nil
		}
	}
	v, err, _ := c.group.Do(key, func() (any, error) {
		a, err := c.compute(ctx, q, useLLM)
		if err != nil {
			return a, err
		}
		if useLLM && c.llm != nil && a.Mode != LLMMode {
			return a, nil // a fallback: the LLM may do better next time
		}
		e := entry{Answer: a, Spans: make([][2]int, len(a.Citations))}
		for i, cit := range a.Citations {
			e.Spans[i] = [2]int{cit.From, cit.To}
		}
		if raw, err := json.Marshal(e); err == nil {
			if err := c.cache.Set(context.WithoutCancel(ctx), key, raw, c.ttl); err != nil {
				c.fail(err)
			}
		}
		return a, nil
	})
	a := v.(Answer)
	a.Question, a.Cache = text, CacheMiss
	return a, err
}

// entry is a cached answer: the answer and where each quote stands in its
// paragraph, which the JSON form of a citation leaves out.
type entry struct {
	Answer Answer   `json:"answer"`
	Spans  [][2]int `json:"spans"`
}

func (c *Cached) fail(err error) {
	if c.OnError != nil {
		c.OnError(err)
	}
}
