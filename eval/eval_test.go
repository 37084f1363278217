package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

func run(t *testing.T, path string) Report {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(retrieval.New(corpus.Default(), retrieval.DefaultOptions()), items)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range rep.Misses {
		t.Logf("line %d: %q gold %s, got %v (%s)", m.Line, m.Question, strings.Join(m.Gold, " "), m.Got, m.Confidence)
	}
	t.Logf("R@1 %.3f  R@3 %.3f  MRR %.3f  declined %.3f  closest %.3f  meta %.3f  abstention %.3f  confident OOS %.3f",
		rep.RecallAt1, rep.RecallAt3, rep.MRR, rep.Declined, rep.Closest, rep.MetaAnswered, rep.Abstention, rep.Confident)
	return rep
}

type gate struct {
	name     string
	got, min float64 // min < 0: got must be at most -min
}

func check(t *testing.T, gates []gate) {
	t.Helper()
	for _, g := range gates {
		if g.min >= 0 && g.got < g.min {
			t.Errorf("%s = %.3f; want ≥ %.2f", g.name, g.got, g.min)
		}
		if g.min < 0 && g.got > -g.min {
			t.Errorf("%s = %.3f; want ≤ %.2f", g.name, g.got, -g.min)
		}
	}
}

// TestDevBankGate holds retrieval to the figures the project promises on
// the dev part of the question bank, the only part it is tuned on. The
// held-out part is measured and reported, never gated or tuned on.
func TestDevBankGate(t *testing.T) {
	rep := run(t, "../testdata/bank/dev.tsv")
	near, _ := rep.Style(StyleNearMiss)
	far, _ := rep.Style(StyleFar)
	if rep.InScope < 100 || near.OOS < 15 || far.OOS < 8 || rep.Meta < 10 {
		t.Fatalf("dev bank has %d in scope, %d near misses, %d far, %d meta; want at least 100, 15, 8 and 10", rep.InScope, near.OOS, far.OOS, rep.Meta)
	}
	check(t, []gate{
		{"Recall@1", rep.RecallAt1, 0.80},
		{"Recall@3", rep.RecallAt3, 0.90},
		{"in-scope declined", rep.Declined, -0.06},
		{"meta answered", rep.MetaAnswered, 0.9},
		{"far out-of-scope declined", far.Abstention, 0.85},
		{"near misses answered confidently", near.Confident, -0.25},
	})
}

// TestRequestStylesGate holds the request styles handled so far (issue
// 20) to their figures on the fourth dev part, which is tuned on; the
// styles still read as plain questions are not gated yet.
func TestRequestStylesGate(t *testing.T) {
	rep := run(t, "../testdata/bank/dev4.tsv")
	style := func(name string) Figures {
		f, ok := rep.Style(name)
		if !ok {
			t.Fatalf("dev4 has no %s questions", name)
		}
		return f
	}
	check(t, []gate{
		{"quote requests Recall@3", style("quote-request").RecallAt3, 0.95},
		{"quote requests declined", style("quote-request").Declined, -0.03},
		{"mixed languages Recall@3", style("mixed-lang").RecallAt3, 0.85},
		{"summaries answered", style("summary").MetaAnswered, 0.9},
		{"what was asked Recall@3", style("what-asked").RecallAt3, 0.88},
		{"translations Recall@3", style("translate").RecallAt3, 0.95},
		{"far out-of-scope declined", style(StyleFar).Abstention, 0.95},
		{"near misses answered confidently", style(StyleNearMiss).Confident, -0.15},
	})
}

// TestSecondPassGate holds the request styles of issue 20's second pass
// to their figures on the dev parts written for it (dev6 to dev13),
// which are tuned on, a little below where they stand.
func TestSecondPassGate(t *testing.T) {
	for _, tc := range []struct {
		path  string
		gates func(style func(string) Figures) []gate
	}{
		{"../testdata/bank/dev6.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"summaries answered", style("summary").MetaAnswered, 0.95},
				{"translations Recall@3", style("translate").RecallAt3, 0.95},
				{"comparisons Recall@3", style("compare").RecallAt3, 0.95},
				{"far out-of-scope declined", style(StyleFar).Abstention, 0.95},
			}
		}},
		{"../testdata/bank/dev7.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"mixed languages Recall@3", style("mixed-lang").RecallAt3, 0.95},
				{"what was asked Recall@3", style("what-asked").RecallAt3, 0.95},
				{"comparisons Recall@3", style("compare").RecallAt3, 0.9},
			}
		}},
		{"../testdata/bank/dev8.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"summaries answered", style("summary").MetaAnswered, 0.85},
				{"far out-of-scope declined", style(StyleFar).Abstention, 0.9},
			}
		}},
		{"../testdata/bank/dev9.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"far out-of-scope declined", style(StyleFar).Abstention, 0.8},
				{"answerable Recall@3", style("in-scope").RecallAt3, 0.9},
				{"answerable declined", style("in-scope").Declined, -0.03},
			}
		}},
		{"../testdata/bank/dev11.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"quote requests Recall@3", style("quote-request").RecallAt3, 0.93},
				{"comparisons Recall@3", style("compare").RecallAt3, 0.9},
				{"far out-of-scope declined", style(StyleFar).Abstention, 0.85},
			}
		}},
		{"../testdata/bank/dev12.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"did he say Recall@3", style("did-he-say").RecallAt3, 0.93},
				{"comparisons Recall@3", style("compare").RecallAt3, 0.95},
				{"mixed languages Recall@3", style("mixed-lang").RecallAt3, 0.93},
			}
		}},
		{"../testdata/bank/dev13.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"summaries answered", style("summary").MetaAnswered, 0.9},
				{"comparisons Recall@3", style("compare").RecallAt3, 0.93},
			}
		}},
		{"../testdata/bank/dev14.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"far out-of-scope declined", style(StyleFar).Abstention, 0.88},
				{"near misses answered confidently", style("near-miss").Confident, -0.18},
				{"answerable Recall@3", style("in-scope").RecallAt3, 0.97},
			}
		}},
		{"../testdata/bank/dev15.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"casual Recall@3", style("casual").RecallAt3, 0.97},
				{"casual declined", style("casual").Declined, -0.03},
				{"summaries answered", style("summary").MetaAnswered, 0.95},
				{"comparisons Recall@3", style("compare").RecallAt3, 0.9},
			}
		}},
		{"../testdata/bank/dev10.tsv", func(style func(string) Figures) []gate {
			return []gate{
				{"quote requests Recall@3", style("quote-request").RecallAt3, 0.95},
				{"translations Recall@3", style("translate").RecallAt3, 0.95},
				{"did he say Recall@3", style("did-he-say").RecallAt3, 0.95},
			}
		}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			rep := run(t, tc.path)
			check(t, tc.gates(func(name string) Figures {
				f, ok := rep.Style(name)
				if !ok {
					t.Fatalf("%s has no %s questions", tc.path, name)
				}
				return f
			}))
		})
	}
}

// TestRegressionSets keeps the earlier question sets, written before the
// bank, from sliding back.
func TestRegressionSets(t *testing.T) {
	for _, path := range []string{"../testdata/devset.tsv", "../testdata/heldout.tsv"} {
		t.Run(path, func(t *testing.T) {
			rep := run(t, path)
			check(t, []gate{
				{"Recall@3", rep.RecallAt3, 0.95},
				{"in-scope declined", rep.Declined, -0.05},
				{"out-of-scope answered confidently", rep.Confident, -0.05},
			})
		})
	}
}

func TestParse(t *testing.T) {
	tt := []struct {
		name  string
		input string
		want  []Item // nil: an error
	}{
		{"two columns", "Pourquoi ?\t1\n", []Item{{Line: 1, Question: "Pourquoi ?", Gold: []string{"1"}}}},
		{"four columns, two golds", "# c\nWhy?\ta6.1 a7.1\ttwo-part\ten\n", []Item{{Line: 2, Question: "Why?", Gold: []string{"a6.1", "a7.1"}, Style: "two-part", Lang: "en"}}},
		{"three columns", "Why?\ta1.1\tclassroom\n", nil},
		{"no gold", "Why?\t\n", nil},
		{"out of scope mixed", "Why?\t- a1.1\n", nil},
		{"empty", "# only comments\n", nil},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tc.input))
			if tc.want == nil {
				if err == nil {
					t.Fatalf("Parse(%q) = %v; want an error", tc.input, got)
				}
				return
			}
			if err != nil || len(got) != len(tc.want) {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tc.input, got, err, tc.want)
			}
			for i := range got {
				g, w := got[i], tc.want[i]
				if g.Line != w.Line || g.Question != w.Question || strings.Join(g.Gold, " ") != strings.Join(w.Gold, " ") || g.Style != w.Style || g.Lang != w.Lang {
					t.Errorf("Parse(%q)[%d] = %+v; want %+v", tc.input, i, g, w)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("Pourquoi ?\t1\n")
	f.Add("Why?\ta6.1 a7.1\ttwo-part\ten\n")
	f.Add("# x\n\t\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		items, err := Parse(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, it := range items {
			if it.Question == "" || len(it.Gold) == 0 {
				t.Fatalf("Parse(%q) gave %+v", s, it)
			}
		}
	})
}
