package classroom

import (
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
)

func BenchmarkLoad(b *testing.B) {
	iv := corpus.Default()
	for b.Loop() {
		if _, err := Load(iv); err != nil {
			b.Fatal(err)
		}
	}
}
