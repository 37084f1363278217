package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

var searchCommand = command{
	name:    "search",
	summary: "list the passages that match a query, best first",
	args:    "[--json] [-k N] [--stdin] [--lang fr|en] QUERY…",
	new:     func() runner { return new(searchCmd) },
}

// searchCmd lists passages without composing an answer.
type searchCmd struct {
	corpusFlag
	questions
}

func (c *searchCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.questions.declare(fs, "report `LANG` (fr or en) as the language to answer in; the query is still read in its own")
	fs.IntVar(&c.k, "k", 3, "return at most `N` passages")
}

type searchResult struct {
	Query      string               `json:"query"`
	Language   retrieval.Language   `json:"language"`
	Confidence retrieval.Confidence `json:"confidence"`
	Abstained  bool                 `json:"abstained"`
	Passages   []passage            `json:"passages"`

	codec *passageCodec // for appendJSON
}

type passage struct {
	ID          string  `json:"id"`
	Exchange    int     `json:"exchange"`
	Speaker     string  `json:"speaker"`
	Score       float64 `json:"score"`
	Text        string  `json:"text"`
	Translation string  `json:"translation"`

	para *corpus.Paragraph
}

func (r searchResult) text() string {
	if r.Abstained {
		return "No passage of the interview answers this query."
	}
	var b strings.Builder
	if r.Confidence == retrieval.Closest {
		b.WriteString("No passage answers this exactly; the closest:\n")
	}
	for i, p := range r.Passages {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d. %s (exchange %d, %s, score %.2f)\n   %s\n   EN: %s\n", i+1, p.ID, p.Exchange, p.Speaker, p.Score, p.Text, p.Translation)
	}
	return strings.TrimRight(b.String(), "\n")
}

func (c *searchCmd) run(_ context.Context, e env, args []string) error {
	if c.k < 1 {
		return usagef("search: -k must be at least 1")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	ix := retrieval.New(iv, retrieval.DefaultOptions())
	codec := newPassageCodec(iv)
	return c.each(e, args, "query", func(q retrieval.Query) (any, error) {
		text, err := answer.CheckQuestion(q.Text)
		if err != nil {
			return nil, err
		}
		q.Text = text
		res := ix.Search(q)
		out := searchResult{Query: text, Language: res.Language, Confidence: res.Confidence, Abstained: res.Abstained,
			Passages: make([]passage, 0, len(res.Hits)), codec: codec}
		for _, h := range res.Hits {
			pj := codec.byPara[h.Paragraph]
			out.Passages = append(out.Passages, passage{
				ID:          h.Paragraph.ID,
				Exchange:    h.Paragraph.Exchange,
				Speaker:     h.Paragraph.Speaker,
				Score:       round(h.Score),
				Text:        pj.text,
				Translation: pj.translation,
				para:        h.Paragraph,
			})
		}
		return out, nil
	})
}

// round cuts f to three decimals, as scores and eval figures are reported.
func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
