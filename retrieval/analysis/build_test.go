package analysis_test

import (
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// BenchmarkBuildCold measures a build whose analyzers have never stemmed a
// word: the first build of a process. It lives here, beside the memo it
// empties, since retrieval's tests cannot reach it.
func BenchmarkBuildCold(b *testing.B) {
	iv := corpus.Default()
	opts := retrieval.DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		analysis.ForgetStems()
		opts.Glossary = analysis.ParseDefaultGlossary()
		retrieval.New(iv, opts)
	}
}
