package meta

import (
	_ "embed"
	"strconv"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/tsv"
)

//go:embed data/keyquotes.tsv
var keyQuoteData string

// KeyQuote is one sentence of an exchange's answers that sums it up.
type KeyQuote struct {
	Paragraph *corpus.Paragraph
	Sentence  int // index into Paragraph.FR and EN
}

// KeyQuotes returns, for each exchange of iv in order, the sentence that
// sums up its answer: the one data/keyquotes.tsv names when it names an
// answer sentence of that exchange, else the answer's first sentence.
// Overviews quote them, verbatim.
func KeyQuotes(iv *corpus.Interview) []KeyQuote {
	chosen := map[int]KeyQuote{}
	err := tsv.ReadString(keyQuoteData, "keyquotes.tsv", func(l tsv.Line) error {
		f := l.Fields
		if len(f) != 3 {
			return nil
		}
		n, err1 := strconv.Atoi(f[0])
		s, err2 := strconv.Atoi(f[2])
		p := iv.Paragraph(f[1])
		if err1 != nil || err2 != nil || p == nil || !p.IsInterviewee() || p.Exchange != n || s < 0 || s >= len(p.FR) {
			return nil // another interview, or a stale line: fall back
		}
		chosen[n] = KeyQuote{p, s}
		return nil
	})
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	var out []KeyQuote
	for _, ex := range iv.Exchanges() {
		kq, ok := chosen[ex.Number]
		if !ok {
			kq = KeyQuote{ex.Answers[0], 0}
		}
		out = append(out, kq)
	}
	return out
}

// Quoted returns the passages that a reply of kind k quotes in full or
// by a sentence, besides a summary's key quotes: every question of the
// journalist's for Questions; the introduction's last paragraph, who he
// is and where, for Who and Where. Nil for the other kinds.
func Quoted(iv *corpus.Interview, k Kind) []*corpus.Paragraph {
	switch k {
	case Questions:
		var out []*corpus.Paragraph
		for _, ex := range iv.Exchanges() {
			out = append(out, ex.Question)
		}
		return out
	case Who, Where:
		if intro := iv.Intro(); len(intro) > 0 {
			return intro[len(intro)-1:]
		}
	}
	return nil
}
