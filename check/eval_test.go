package check

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
)

// item is one message of a check set (testdata/check), written blind:
// what the bot should find, labelled before it ran.
type item struct {
	ID      string  `json:"id"`
	Lang    string  `json:"lang"`
	Kind    string  `json:"kind"`
	Text    string  `json:"text"`
	Verdict Verdict `json:"verdict"`
	Quote   string  `json:"quote"`
	Source  string  `json:"source"`
	Change  string  `json:"change"`
}

// figures are a set's verdicts by kind: right of all, and, for the
// altered kinds, matched to the right sentence.
type figures struct {
	right, all, matched, altered map[string]int
	supportedWrongly             int // "supported" for a claim the text does not make
}

func (f figures) String() string {
	var b strings.Builder
	total, right := 0, 0
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range f.all {
			if !yield(k) {
				return
			}
		}
	}) {
		fmt.Fprintf(&b, "%s %d/%d; ", k, f.right[k], f.all[k])
		total += f.all[k]
		right += f.right[k]
	}
	fmt.Fprintf(&b, "altered matched to the right sentence %d/%d; supported for a claim the text does not make %d; all %d/%d",
		sum(f.matched), sum(f.altered), f.supportedWrongly, right, total)
	return b.String()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// measure checks every message of the set at path.
func measure(t *testing.T, path string, explain bool) figures {
	t.Helper()
	c := newChecker(t)
	iv := corpus.Default()
	f := figures{right: map[string]int{}, all: map[string]int{}, matched: map[string]int{}, altered: map[string]int{}}
	for _, it := range readItems(t, path) {
		r := c.Check(context.Background(), it.Text)
		f.all[it.Kind]++
		if r.Verdict == it.Verdict {
			f.right[it.Kind]++
		} else if explain {
			t.Logf("%s (%s): %q: got %s, want %s", it.ID, it.Kind, it.Text, r.Verdict, it.Verdict)
		}
		if r.Verdict == Supported && (it.Verdict == NotInInterview || it.Verdict == Contradicted) {
			f.supportedWrongly++
		}
		if it.Verdict == Altered && it.Source != "" {
			f.altered[it.Kind]++
			id := paragraphOf(iv, it.Source)
			if slices.ContainsFunc(r.Evidence, func(e Evidence) bool { return e.ID == id }) {
				f.matched[it.Kind]++
			} else if explain {
				t.Logf("%s (%s): matched %v; want %s", it.ID, it.Kind, r.Evidence, id)
			}
		}
	}
	return f
}

// paragraphOf returns the ID of the paragraph holding sentence, or "".
func paragraphOf(iv *corpus.Interview, sentence string) string {
	want := strings.Join(words(sentence), " ")
	for _, p := range iv.Paragraphs {
		if strings.Contains(strings.Join(words(p.Text()), " "), want) {
			return p.ID
		}
	}
	return ""
}

// TestCheckSet measures the dev set (run with -v for what it misses).
func TestCheckSet(t *testing.T) {
	if _, err := os.Stat("../testdata/check/dev.jsonl"); err != nil {
		t.Skip("no dev set yet")
	}
	t.Logf("dev: %v", measure(t, "../testdata/check/dev.jsonl", testing.Verbose()))
}

// TestCheckHeldOut measures the held-out set, written by another writer
// and never read: figures only (IB_HELDOUT=1).
func TestCheckHeldOut(t *testing.T) {
	if os.Getenv("IB_HELDOUT") == "" {
		t.Skip("set IB_HELDOUT=1 to measure the held-out check set")
	}
	t.Logf("held-out: %v", measure(t, "../testdata/check/heldout.jsonl", false))
}
