package eval

import (
	"os"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

// TestDevSetGate holds retrieval to the figures the project promises on
// its development set.
func TestDevSetGate(t *testing.T) {
	f, err := os.Open("../testdata/devset.tsv")
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
	if rep.InScope+rep.OutOfScope < 80 || rep.OutOfScope < 15 {
		t.Fatalf("dev set has %d in scope and %d out of scope; want at least 80 in all and 15 out of scope", rep.InScope, rep.OutOfScope)
	}
	for _, m := range rep.Misses {
		t.Logf("line %d: %q gold %s, got %v", m.Line, m.Question, m.Gold, m.Got)
	}
	t.Logf("R@1 %.3f  R@3 %.3f  MRR %.3f  abstention %.3f  false abstention %.3f",
		rep.RecallAt1, rep.RecallAt3, rep.MRR, rep.Abstention, rep.FalseAbstention)
	if rep.RecallAt3 < 0.95 {
		t.Errorf("Recall@3 = %.3f; want ≥ 0.95", rep.RecallAt3)
	}
	if rep.Abstention < 0.9 {
		t.Errorf("out-of-scope abstention = %.3f; want ≥ 0.9", rep.Abstention)
	}
}
