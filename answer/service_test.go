package answer

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
	"github.com/interviewbot/interviewbot/store/redisstore"
	"github.com/interviewbot/interviewbot/store/storetest"
)

// countingCache counts the calls to a real in-memory cache.
type countingCache struct {
	*memory.Store
	gets, sets atomic.Int64
}

func (c *countingCache) Get(ctx context.Context, k string) ([]byte, bool, error) {
	c.gets.Add(1)
	return c.Store.Get(ctx, k)
}

func (c *countingCache) Set(ctx context.Context, k string, v []byte, ttl time.Duration) error {
	c.sets.Add(1)
	return c.Store.Set(ctx, k, v, ttl)
}

func TestCachedHitMiss(t *testing.T) {
	cache := &countingCache{Store: memory.New(100)}
	c := newService(t, Options{Cache: cache, TTL: time.Hour})
	ctx := context.Background()
	first, err := c.Answer(ctx, Request{Text: "Les Etats vont-ils arrêter de s'espionner ?"})
	if err != nil || first.Cache != CacheMiss {
		t.Fatalf("first answer: cache %q, %v; want miss", first.Cache, err)
	}
	// The same question, shouted and without accents, is the same entry.
	again, err := c.Answer(ctx, Request{Text: "LES ETATS VONT ILS ARRETER DE S'ESPIONNER"})
	if err != nil || again.Cache != CacheHit || again.Text != first.Text || again.Question != "LES ETATS VONT ILS ARRETER DE S'ESPIONNER" {
		t.Fatalf("second answer: cache %q, %v; want a hit with the same text and the asker's question", again.Cache, err)
	}
	if again.Citations[0].From != first.Citations[0].From || again.Citations[0].To != first.Citations[0].To {
		t.Errorf("a cached citation lost its place: %+v; want %+v", again.Citations[0], first.Citations[0])
	}
	// Another language is another entry.
	en, _ := c.Answer(ctx, Request{Text: "Les Etats vont-ils arrêter de s'espionner ?", Lang: retrieval.English})
	if en.Cache != CacheMiss {
		t.Errorf("the English answer to the same words came from the French entry")
	}
}

func TestCachedKey(t *testing.T) {
	c := newService(t, Options{})
	same := []string{"Démocratie en danger ?", "democratie en danger", "  DÉMOCRATIE   EN DANGER!!! "}
	for _, q := range same[1:] {
		if c.key(Request{Text: q}) != c.key(Request{Text: same[0]}) {
			t.Errorf("Key(%q) differs from Key(%q)", q, same[0])
		}
	}
	if c.key(Request{Text: "WannaCry", Hint: retrieval.English}) == c.key(Request{Text: "WannaCry", Hint: retrieval.French}) {
		t.Error("the key ignores the reply language")
	}
}

// TestCachedSingleflight sends the same question 50 times at once: it is
// computed and stored once.
func TestCachedSingleflight(t *testing.T) {
	cache := &countingCache{Store: memory.New(100)}
	c := newService(t, Options{Cache: slowCache{cache}, TTL: time.Hour})
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Answer(context.Background(), Request{Text: "Are we back in the 1930s?"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := cache.sets.Load(); n != 1 {
		t.Errorf("50 identical questions at once were stored %d times; want 1", n)
	}
}

// slowCache makes misses slow enough that concurrent questions overlap.
type slowCache struct{ *countingCache }

func (s slowCache) Set(ctx context.Context, k string, v []byte, ttl time.Duration) error {
	time.Sleep(20 * time.Millisecond)
	return s.countingCache.Set(ctx, k, v, ttl)
}

// failingCache is a cache whose backend is down.
type failingCache struct{}

func (failingCache) Get(context.Context, string) ([]byte, bool, error) {
	return nil, false, store.ErrUnavailable
}
func (failingCache) Set(context.Context, string, []byte, time.Duration) error {
	return store.ErrUnavailable
}

func TestCachedUnavailable(t *testing.T) {
	var ev recordedEvents
	c := newService(t, Options{Cache: failingCache{}, TTL: time.Hour, Events: &ev})
	a, err := c.Answer(context.Background(), Request{Text: "Are we back in the 1930s?"})
	if err != nil || a.Cache != CacheUnavailable || len(a.Citations) == 0 || !errors.Is(ev.cacheErr, store.ErrUnavailable) {
		t.Errorf("with the cache down: %q, %d citations, %v, reported %v; want the answer, marked unavailable", a.Cache, len(a.Citations), err, ev.cacheErr)
	}
}

func BenchmarkAnswerCacheHit(b *testing.B) {
	c := newService(b, Options{Cache: memory.New(100), TTL: time.Hour})
	q := retrieval.Query{Text: "Les Etats vont-ils arrêter de s'espionner ?"}
	c.Answer(context.Background(), Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint})
	for b.Loop() {
		if a, _ := c.Answer(context.Background(), Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint}); a.Cache != CacheHit {
			b.Fatal("miss")
		}
	}
}

func BenchmarkAnswerFresh(b *testing.B) {
	c := newService(b, Options{Cache: nil, TTL: time.Hour})
	q := retrieval.Query{Text: "Les Etats vont-ils arrêter de s'espionner ?"}
	for b.Loop() {
		c.Answer(context.Background(), Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint})
	}
}

// BenchmarkAnswerCacheHitRedis is the cache-hit path through a real Redis
// on loopback: one GET and a JSON decode.
func BenchmarkAnswerCacheHitRedis(b *testing.B) {
	url := storetest.RedisURL(b)
	st, err := redisstore.New(redisstore.Options{URL: url, Prefix: storetest.KeyPrefix(b, url, "bench")})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := st.Ping(context.Background()); err != nil {
		storetest.Unavailable(b, err.Error())
	}
	c := newService(b, Options{Cache: st, TTL: time.Minute})
	q := retrieval.Query{Text: "Les Etats vont-ils arrêter de s'espionner ?"}
	c.Answer(context.Background(), Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint})
	for b.Loop() {
		if a, _ := c.Answer(context.Background(), Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint}); a.Cache != CacheHit {
			b.Fatal("miss")
		}
	}
}

// recordedEvents keeps the last cache failure and refused entry it heard
// of.
type recordedEvents struct {
	NoEvents
	cacheErr, refused error
}

func (e *recordedEvents) CacheFailed(err error)  { e.cacheErr = err }
func (e *recordedEvents) CacheRefused(err error) { e.refused = err }

// TestQuestionByRef: an answer's Ref finds its question again in the
// cache, for a reply built later; without a cache there is none.
func TestQuestionByRef(t *testing.T) {
	const q = "Les Etats vont-ils arrêter de s'espionner ?"
	c := newService(t, Options{Cache: memory.New(10), TTL: time.Hour})
	a, err := c.Answer(context.Background(), Request{Text: q})
	if err != nil || len(a.Ref) != 32 {
		t.Fatalf("Answer: Ref %q, %v; want a 32-character ref", a.Ref, err)
	}
	if got, ok := c.Question(context.Background(), a.Ref); !ok || got != Normalize(q) {
		t.Errorf("Question(%q) = %q, %v; want %q, folded", a.Ref, got, ok, q)
	}
	if _, ok := c.Question(context.Background(), "00000000000000000000000000000000"); ok {
		t.Error("Question of an unknown ref succeeded")
	}
	if a, _ := newService(t, Options{}).Answer(context.Background(), Request{Text: q}); a.Ref != "" {
		t.Errorf("without a cache, Ref = %q; want none", a.Ref)
	}
}
