package answer

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store/redisstore"
	"github.com/interviewbot/interviewbot/store/storetest"
	"github.com/redis/go-redis/v9"
)

// TestCacheBytes measures, with IB_MEASURE=1, what the shared cache
// holds per unique question: a redis-server of its own is asked for its
// used_memory before and after 10,000 unique questions (the question
// sets, each made unique by a number), extractive and phrased.
func TestCacheBytes(t *testing.T) {
	if os.Getenv("IB_MEASURE") == "" {
		t.Skip("set IB_MEASURE=1")
	}
	items := questionSets(t)
	const n = 10_000
	for _, mode := range []string{"extractive", "llm"} {
		server := storetest.StartRedis(t)
		st, err := redisstore.New(redisstore.Options{URL: "redis://" + server.Addr + "/0", CacheSize: 2 * n})
		if err != nil {
			t.Fatal(err)
		}
		o := Options{Cache: st, TTL: time.Hour}
		if mode == "llm" {
			o.Model = &Model{Name: "canned", Timeout: time.Second, Generate: cannedReply}
		}
		s := newService(t, o)
		rdb := redis.NewClient(&redis.Options{Addr: server.Addr})
		before := usedMemory(t, rdb)
		phrased := 0
		for i := range n {
			q := items[i%len(items)].Question + " " + strconv.Itoa(i)
			a, err := s.Answer(context.Background(), Request{Text: q, LLM: mode == "llm"})
			if err != nil {
				t.Fatal(err)
			}
			if a.Mode == LLMMode {
				phrased++
			}
		}
		after := usedMemory(t, rdb)
		keys, _ := rdb.DBSize(context.Background()).Result()
		u, err := st.CacheUsage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d unique questions (%d phrased), %d keys, %d entries, used_memory %d → %d: %d bytes per question, %d per entry",
			mode, n, phrased, keys, u.Entries, before, after, (after-before)/n, (after-before)/int64(max(u.Entries, 1)))
		rdb.Close()
		st.Close()
	}
}

func usedMemory(t *testing.T, rdb *redis.Client) int64 {
	info, err := rdb.Info(context.Background(), "memory").Result()
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no used_memory in INFO memory")
	return 0
}

// cannedReply answers every question with one claim, the first of the
// interviewee's sentences the prompt offers, retold as it is, citing it:
// a reply of the length a real model gives, that its checks keep.
func cannedReply(_ context.Context, p Prompt) (Completion, error) {
	id, text, ok := firstSentence(p.User)
	if !ok {
		return Completion{}, fmt.Errorf("no sentence of the interviewee's in the prompt")
	}
	claim := strings.Trim(strings.NewReplacer("«", "", "»", "", "“", "", "”", "", "\"", "").Replace(text), " ")
	return Completion{Text: fmt.Sprintf(`{"covered": true, "claims": [{"text": %q, "cites": [%q]}]}`, claim, id), PromptTokens: 900, CompletionTokens: 120}, nil
}

// firstSentence returns the ID and text of the first of the
// interviewee's sentences in a user prompt.
func firstSentence(user string) (id, sentence string, ok bool) {
	for line := range strings.Lines(user) {
		rest, found := strings.CutPrefix(line, "[")
		if !found {
			continue
		}
		id, text, found := strings.Cut(rest, "] (Brad Smith) ")
		if found {
			return id, strings.TrimSpace(text), true
		}
	}
	return "", "", false
}
