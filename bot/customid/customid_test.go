package customid

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzCustomIDs checks every codec against forged IDs: a parse that
// succeeds gives a value that formats to an ID parsing back to itself.
func FuzzCustomIDs(f *testing.F) {
	for _, s := range []string{"x:7:fr", "t:en:a7.1/0-1", "s:fr:a5.2/0-99,a1.1/1-2", "f:+", "x:-1:en", "t:en:a1.1/2-1,zz/0-1",
		"t:fr:a8.1/0-2:0123456789abcdef0123456789abcdef", "qz:w-a7.1-0:1a2b:0", "qz:c-c1.1:ffff:3", "qz:g-0a1b2c3d:0000:04",
		"qz:w-a7.1-0:1a2b:0:t1796640000000", "hn:d7.2:fr", "hn:o1.1:en", "hn::en", "hn:D7:fr", "hn:d7.2:de", "qz:w-a7.1-0:1a2b:0:t017", "qz:w-a7.1-0:1a2b:0:t", "qz:w-a7.1-0:1a2b:0:1", "t:fr:" + strings.Repeat("a1.1/0-1,", 8) + "a1.1/0-1:0123456789abcdef0123456789abcdef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if x, err := ParseExchange(id); err == nil {
			if y, err := ParseExchange(x.Format()); err != nil || y != x && x.Lang != "" {
				t.Fatalf("exchangeID %q: %+v formats to %q, which parses to %+v, %v", id, x, x.Format(), y, err)
			}
		}
		if q, err := ParseQuotes(id); err == nil && q.Format() != "" {
			if !strings.HasSuffix(q.Format(), ":"+q.Answer) {
				q.Answer = "" // dropped, to fit: the quotes come first
			}
			if r, err := ParseQuotes(q.Format()); err != nil || !reflect.DeepEqual(r, q) {
				t.Fatalf("quotesID %q: %+v formats to %q, which parses to %+v, %v", id, q, q.Format(), r, err)
			}
		}
		if n, err := ParseTopicValue(id); err == nil {
			if m, err := ParseTopicValue(TopicValue(n)); err != nil || m != n {
				t.Fatalf("topic value %q: %d formats to %q, which parses to %d, %v", id, n, TopicValue(n), m, err)
			}
		}
		if v, err := ParseFeedback(id); err == nil && v.Format() != id {
			t.Fatalf("feedbackID %q formats back to %q", id, v.Format())
		}
		if h, err := ParseHint(id); err == nil && (h.Format() != id || len(id) > MaxLen) {
			t.Fatalf("hintID %q: %+v formats back to %q", id, h, h.Format())
		}
		if q, err := ParseQuiz(id); err == nil && (q.Format() != id || len(id) > MaxLen) {
			t.Fatalf("quizID %q: %+v formats back to %q", id, q, q.Format())
		}
	})
}
