package answer

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/eval"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store/memory"
)

// TestCacheRoundTrip: every answer to the question sets, extractive and
// phrased, in either language, is made again from its cache entry as it
// was served, byte for byte.
func TestCacheRoundTrip(t *testing.T) {
	items := questionSets(t)
	for _, q := range []string{"Did he really say 'nous ne faisons pas la loi' ?", "did he say \"we are part of the battlefield\"?",
		"Did Smith say 'Microsoft bears no responsibility for WannaCry'?", "Est-ce que Smith a dit « Microsoft joue une étonnante partition » ?"} {
		items = append(items, eval.Item{Question: q})
	}
	s := newService(t, Options{Model: &Model{Name: "canned", Timeout: time.Second, Generate: cannedReply}})
	modes := map[Mode]int{}
	for _, it := range items {
		for _, r := range []Request{{Text: it.Question}, {Text: it.Question, Lang: retrieval.English}, {Text: it.Question, LLM: true}} {
			a, err := s.Answer(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := json.Marshal(entryOf(a))
			if err != nil {
				t.Fatal(err)
			}
			got, q, err := s.c.decode(raw)
			if err != nil {
				t.Fatalf("Answer(%q) does not come back from its entry %s: %v", r.Text, raw, err)
			}
			if q != Normalize(r.Text) {
				t.Errorf("entry %s keeps question %q; want %q", raw, q, Normalize(r.Text))
			}
			got.Question, got.Usage = a.Question, a.Usage
			if !reflect.DeepEqual(got, a) {
				t.Fatalf("Answer(%q) from its entry %s:\n%+v\nwant\n%+v", r.Text, raw, got, a)
			}
			modes[a.Mode]++
		}
	}
	if modes[LLMMode] < len(items)/2 || modes[Extractive] < len(items) {
		t.Errorf("answers by mode %v; want both kinds, many of each", modes)
	}
}

// TestCacheEntrySmall: an entry is a fraction of the answer it keeps.
func TestCacheEntrySmall(t *testing.T) {
	s := newService(t, Options{})
	a, err := s.Answer(context.Background(), Request{Text: "Les Etats vont-ils arrêter de s'espionner ?"})
	if err != nil {
		t.Fatal(err)
	}
	whole, _ := json.Marshal(a)
	raw, _ := json.Marshal(entryOf(a))
	if len(raw) > 200 || len(raw)*5 > len(whole) {
		t.Errorf("entry %s is %d bytes for an answer of %d; want under 200 and a fifth", raw, len(raw), len(whole))
	}
}

// TestCacheEntryRefused: an entry that does not make an honest answer is
// not served; the answer is made again, and written over it.
func TestCacheEntryRefused(t *testing.T) {
	const q = "Are we back in the 1930s?"
	tt := []struct {
		name, entry string
	}{
		{"not JSON", `answer`},
		{"question in prose", `{"q":"x","l":"en","c":"answer","r":[{"id":"q1","f":0,"t":1}],"p":"He was asked why."}`},
		{"intro in prose", `{"q":"x","l":"en","c":"answer","r":[{"id":"i1","f":0,"t":1}],"p":"He says so."}`},
		{"past the paragraph", `{"q":"x","l":"en","c":"answer","r":[{"id":"a1.1","f":0,"t":99}]}`},
		{"no such paragraph", `{"q":"x","l":"en","c":"answer","r":[{"id":"zz","f":0,"t":1}]}`},
		{"answer without quote", `{"q":"x","l":"en","c":"answer"}`},
		{"abstention quoting", `{"q":"x","l":"en","c":"none","r":[{"id":"a1.1","f":0,"t":1}]}`},
		{"unknown confidence", `{"q":"x","l":"en","c":"sure","r":[{"id":"a1.1","f":0,"t":1}]}`},
		{"unknown language", `{"q":"x","l":"de","c":"answer","r":[{"id":"a1.1","f":0,"t":1}]}`},
		{"unknown meta", `{"q":"x","l":"en","c":"answer","m":"weather"}`},
		{"no such exchange", `{"q":"x","l":"en","c":"none","s":[99]}`},
		{"prose with a label", `{"q":"x","l":"en","c":"answer","r":[{"id":"a1.1","f":0,"t":1}],"p":"Verified quote: he agrees."}`},
		{"prose with a mention", `{"q":"x","l":"en","c":"answer","r":[{"id":"a1.1","f":0,"t":1}],"p":"Ask @everyone."}`},
		{"prose with a name", `{"q":"are we back in the 1930s","l":"en","c":"answer","r":[{"id":"a8.1","f":0,"t":1}],"p":"He agrees with Obama that we are."}`},
		{"prose quoting", `{"q":"x","l":"en","c":"answer","r":[{"id":"a8.1","f":0,"t":1}],"p":"He agrees: “democracy weakened in the 1930s” [1]"}`},
		{"prose citing a quote it lacks", `{"q":"x","l":"en","c":"answer","r":[{"id":"a8.1","f":0,"t":1}],"p":"Democracy weakened in the 1930s. [2]"}`},
		{"prose its quote does not support", `{"q":"x","l":"en","c":"answer","r":[{"id":"a8.1","f":0,"t":1}],"p":"He agrees Microsoft invented the internet. [1]"}`},
		{"the newspaper's words as his", `{"q":"x","l":"en","c":"answer","r":[{"id":"intro.1","f":0,"t":1}],"p":"He says Microsoft plays a surprising part in cyberspace. [1]"}`},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			cache := memory.New(10)
			var ev recordedEvents
			s := newService(t, Options{Cache: cache, TTL: time.Hour, Events: &ev})
			cache.Set(context.Background(), s.key(Request{Text: q}), []byte(tc.entry), time.Hour)
			a, err := s.Answer(context.Background(), Request{Text: q})
			if err != nil || a.Cache != CacheMiss || len(a.Citations) == 0 || strings.Contains(a.Text, "agrees") {
				t.Fatalf("Answer(%q) over entry %s = cache %q, %d citations, %v; want the answer made afresh", q, tc.entry, a.Cache, len(a.Citations), err)
			}
			if !errors.Is(ev.refused, errEntry) {
				t.Errorf("CacheRefused heard %v; want the entry's fault", ev.refused)
			}
			if again, _ := s.Answer(context.Background(), Request{Text: q}); again.Cache != CacheHit || again.Text != a.Text {
				t.Errorf("Answer(%q) again = cache %q; want the fresh answer, cached", q, again.Cache)
			}
		})
	}
}

// FuzzCacheEntry: whatever a shared cache holds, rebuilding it does not
// panic, and what it makes quotes the interview verbatim and names the
// interviewee for his answers only.
func FuzzCacheEntry(f *testing.F) {
	s := newService(f, Options{Model: &Model{Name: "canned", Timeout: time.Second, Generate: cannedReply}})
	for _, r := range []Request{{Text: "Are we back in the 1930s?"}, {Text: "WannaCry", LLM: true}, {Text: "what about 5G"},
		{Text: "tldr"}, {Text: "qui est le journaliste"}, {Text: "quiz"}, {Text: "did he say 'nous ne faisons pas la loi'"},
		{Text: "la Q3 c'était quoi ?"}, {Text: "what does 'premiers intervenants' mean?"}} {
		a, _ := s.Answer(context.Background(), r)
		raw, _ := json.Marshal(entryOf(a))
		f.Add(raw)
	}
	iv := s.Interview()
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, _, err := s.c.decode(raw)
		if err != nil {
			return
		}
		for _, c := range a.Citations {
			if err := Verify(iv, c.ID, c.Speaker, c.Quote); err != nil {
				t.Errorf("entry %q rebuilt an unverified quote: %v", raw, err)
			}
		}
		if a.Abstained != (a.Confidence == retrieval.None) || a.Text == "" {
			t.Errorf("entry %q rebuilt %+v", raw, a)
		}
	})
}

// BenchmarkCacheRebuild is a hit on an entry this process has not
// rebuilt yet (another instance wrote it): decode, quotes taken again
// and checked, the prose checked again (with a search, for its names),
// rendered.
func BenchmarkCacheRebuild(b *testing.B) {
	s := newService(b, Options{Model: &Model{Name: "canned", Timeout: time.Second, Generate: cannedReply}})
	for _, llm := range []bool{false, true} {
		a, err := s.Answer(context.Background(), Request{Text: "Les Etats vont-ils arrêter de s'espionner ?", LLM: llm})
		if err != nil || (a.Mode == LLMMode) != llm {
			b.Fatalf("answer in mode %q, %v", a.Mode, err)
		}
		raw, _ := json.Marshal(entryOf(a))
		b.Run(string(a.Mode), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := s.c.decode(raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestVerdicts: a verdict on quoted words is the text's, never a
// model's; with words of two speakers it is no one's; and a cached one
// must hold up against its quotes.
func TestVerdicts(t *testing.T) {
	s := newService(t, Options{Model: &Model{Name: "canned", Timeout: time.Second, Generate: cannedReply}})
	tt := []struct {
		q, check string
	}{
		{"Did he say 'nous ne faisons pas les lois'?", checkMissing},
		{`Did he say "we do not make the law"?`, checkTranslation},
		{"did he say 'Microsoft is playing a surprising part'?", checkNewspaperTranslation},
		{"a-t-il dit « Microsoft joue une étonnante partition » ?", checkNewspaper},
		{"Did he say 'l'appel de Paris'?", checkHis}, // in his answers, and in the introduction
		{`Did he say "nous ne faisons pas la loi" and "Microsoft joue une étonnante partition"?`, ""},
	}
	for _, tc := range tt {
		a, err := s.Answer(context.Background(), Request{Text: tc.q, LLM: true})
		if err != nil || a.check != tc.check || a.Mode != Extractive {
			t.Errorf("Answer(%q) = verdict %q, mode %q, %v; want verdict %q, extractive", tc.q, a.check, a.Mode, err, tc.check)
		}
	}
	forged := `{"q":"did he say microsoft bears no responsibility","l":"en","c":"answer","r":[{"id":"a4.1","f":2,"t":3}],"k":"his","w":["Microsoft bears no responsibility"]}`
	if _, _, err := s.c.decode([]byte(forged)); !errors.Is(err, errEntry) {
		t.Errorf("a verdict its quote does not hold was rebuilt: %v", err)
	}
}
