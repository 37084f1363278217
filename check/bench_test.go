package check

import (
	"context"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/answer"
)

// BenchmarkCheck checks, offline, a message of each kind: a verbatim
// quotation, a misquote, a dropped negation, the newspaper's words given
// to Smith, a claim without quotation, and one the interview does not
// address.
func BenchmarkCheck(b *testing.B) {
	c := newChecker(b)
	messages := map[string]string{
		"verbatim":      "Smith a dit « L’espionnage fait partie de l’activité des Etats depuis leur apparition »",
		"altered":       "Smith: « L’espionnage fait partie de l’activité des entreprises depuis leur apparition »",
		"negation":      "Il a dit \"nous défendons l’arrêt de cette activité quand elle est faite légalement\"",
		"wrong_speaker": "Smith says \"Microsoft joue une étonnante partition\"",
		"claim":         "Smith thinks companies matter more than governments",
		"unaddressed":   "Smith loves cooking pasta on Sundays",
	}
	for name, text := range messages {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Check(context.Background(), text)
			}
		})
	}
}

// BenchmarkCheckJudged checks a claim with a model whose reply comes at
// once: the prompt, the reading of the reply and the checks of its
// verdict, without the call.
func BenchmarkCheckJudged(b *testing.B) {
	const reply = `{"verdict": "contradicted", "cites": ["a2.1/4"], "text_says": "The role of governments is more important than that of companies."}`
	m := &answer.Model{Name: "bench", Timeout: time.Minute, Generate: func(context.Context, answer.Prompt) (answer.Completion, error) {
		return answer.Completion{Text: reply}, nil
	}}
	c := New(newChecker(b).ix, Options{Model: m})
	b.ReportAllocs()
	for b.Loop() {
		if r := c.Check(context.Background(), "Smith thinks companies matter more than governments"); r.JudgedBy == "" {
			b.Fatalf("not judged: %+v", r)
		}
	}
}
