package reader

import (
	"testing"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// BenchmarkNew: the reader renders its eight views at start, which
// serve and serve-http wait for.
func BenchmarkNew(b *testing.B) {
	iv := corpus.Default()
	m, err := classroom.Load(iv)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := New(iv, m, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
