package check

import (
	"context"
	"slices"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

func newChecker(t testing.TB) *Checker {
	t.Helper()
	return New(retrieval.New(corpus.Default(), retrieval.DefaultOptions()), Options{})
}

func TestCheck(t *testing.T) {
	c := newChecker(t)
	tt := []struct {
		name, text string
		want       Verdict
		diff       string // the first span's diff, if any
		negation   bool
	}{
		{"his words", "Smith a dit « L’espionnage fait partie de l’activité des Etats » lol", Verbatim, "", false},
		{"his words, one changed", "Smith: « L’espionnage fait partie de l’activité des entreprises depuis leur apparition »", Altered, "espionnage fait partie de activité des [-etats] [+entreprises] depuis leur apparition", false},
		{"a negation dropped", "Il a dit \"nous défendons l’arrêt de cette activité\"", Altered, "nous [-ne] défendons [-pas] arrêt de cette activité [-quand elle est …]", true},
		{"the newspaper's words as his", "Smith says \"Microsoft joue une étonnante partition\"", WrongSpeaker, "", false},
		{"the newspaper's words as the newspaper's", "Le journal écrit « Microsoft joue une étonnante partition »", Verbatim, "", false},
		{"words he never said", "Smith: \"we will ban all encryption tomorrow\"", NotInInterview, "", false},
		{"a claim in his sentence's words: offline, the passage, no verdict", "Smith says espionage has been part of what states do since they first existed", NotInInterview, "", false},
		{"a fragment cut after his negation", "Smith veut « l’arrêt de cette activité quand elle est faite légalement »", Altered, "", true},
		{"his words given to the newspaper", "Le journal écrit « L’espionnage fait partie de l’activité des Etats »", WrongSpeaker, "", false},
		{"the newspaper's words in a message that mentions an article", "In this article Smith says « Microsoft joue une étonnante partition »", WrongSpeaker, "", false},
		{"a claim near his words, not near enough to say", "Smith thinks states have always spied on each other", NotInInterview, "", false},
		{"a claim about something else", "Smith loves cooking pasta on weekends", NotInInterview, "", false},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Check(context.Background(), tc.text)
			if r.Verdict != tc.want {
				t.Fatalf("Check(%q) = %s %+v; want %s", tc.text, r.Verdict, r, tc.want)
			}
			if tc.diff != "" && (len(r.Spans) == 0 || String(r.Spans[0].Diff) != tc.diff || r.Spans[0].NegationChanged != tc.negation) {
				t.Errorf("Check(%q): spans %+v; want the diff %q, negation changed %v", tc.text, r.Spans, tc.diff, tc.negation)
			}
		})
	}
}

// FuzzCheck: whatever a message holds, checking it ends, and a verdict
// never rests on words that are not the interview's.
func FuzzCheck(f *testing.F) {
	c := newChecker(f)
	for _, s := range []string{"Smith a dit « L’espionnage fait partie »", "\"a\" 'b' « c » “d”", "« « « »", "Smith says espionage is old"} {
		f.Add(s)
	}
	// The dev set's messages, written blind: every quotation style and
	// language its writer used.
	for _, it := range readItems(f, "../testdata/check/dev.jsonl") {
		f.Add(it.Text)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := c.Check(context.Background(), s)
		if _, ok := rank[r.Verdict]; !ok {
			t.Fatalf("Check(%q): verdict %q", s, r.Verdict)
		}
		for _, e := range r.Evidence {
			p := c.iv.Paragraph(e.ID)
			if p == nil || !slices.Contains(p.FR, e.Quote) {
				t.Fatalf("Check(%q): evidence %q is not a sentence of %s", s, e.Quote, e.ID)
			}
		}
	})
}

// TestVerdicts: Verdicts lists every verdict once, from the most
// favourable, as rank orders them.
func TestVerdicts(t *testing.T) {
	vs := Verdicts()
	if len(vs) != len(rank) {
		t.Fatalf("Verdicts() = %v; want the %d verdicts rank orders", vs, len(rank))
	}
	for i, v := range vs {
		if r, ok := rank[v]; !ok || r != i {
			t.Errorf("Verdicts()[%d] = %q, of rank %d (%v); want rank %d", i, v, r, ok, i)
		}
	}
}
