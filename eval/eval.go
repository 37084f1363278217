// Package eval measures retrieval on a question set: how often the right
// passage comes first or in the top three, how often questions the
// interview covers are declined, and how reliably it declines the ones it
// does not cover, overall and by style of question.
package eval

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/meta"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/tsv"
)

// Gold values that are not passages.
const (
	// OutOfScope is the gold of a question the interview does not answer.
	OutOfScope = "-"
	// Meta is the gold of a question about the interview itself (who,
	// when, a summary), answered from its description.
	Meta = "meta"
)

// Styles of question with figures of their own.
const (
	StyleNearMiss = "near-miss" // out of scope, sharing words with the text
	StyleFar      = "far-oos"   // out of scope, unrelated
)

// Item is one question with its gold answer.
type Item struct {
	Line     int
	Question string
	// Gold lists the passages that answer the question, any of which
	// counts: paragraph IDs, exchange numbers or "intro". Or it is
	// [Meta] or [OutOfScope].
	Gold []string
	// Style and Lang are the optional third and fourth columns.
	Style, Lang string
}

func (it Item) kind() string {
	switch {
	case slices.Equal(it.Gold, []string{OutOfScope}):
		return OutOfScope
	case slices.Equal(it.Gold, []string{Meta}):
		return Meta
	}
	return ""
}

// Parse reads a question set: per line, tab-separated, the question, the
// gold (space-separated when several passages answer), and optionally
// the style and the language. Blank lines and lines starting with # are
// skipped, and white space around a line, tabs included, is trimmed, as
// in every data file (package tsv): a style needs its language.
func Parse(r io.Reader) ([]Item, error) {
	var items []Item
	err := tsv.Read(r, "eval", func(l tsv.Line) error {
		cols := l.Fields
		if (len(cols) != 2 && len(cols) != 4) || strings.TrimSpace(cols[0]) == "" || strings.TrimSpace(cols[1]) == "" {
			return fmt.Errorf("eval: line %d: want a question, a tab, the gold (paragraph IDs, exchange numbers, %q or %q), and optionally a style and a language", l.N, Meta, OutOfScope)
		}
		it := Item{Line: l.N, Question: strings.TrimSpace(cols[0]), Gold: strings.Fields(cols[1])}
		if len(cols) == 4 {
			it.Style, it.Lang = strings.TrimSpace(cols[2]), strings.TrimSpace(cols[3])
		}
		if len(it.Gold) > 1 && it.kind() == "" && (slices.Contains(it.Gold, Meta) || slices.Contains(it.Gold, OutOfScope)) {
			return fmt.Errorf("eval: line %d: %q and %q stand alone as gold", l.N, Meta, OutOfScope)
		}
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("eval: no questions")
	}
	return items, nil
}

// Figures are the measures of one group of questions.
type Figures struct {
	Questions int
	InScope   int // questions with gold passages
	Meta      int // questions about the interview itself
	OOS       int // questions the interview does not answer
	// Of in-scope questions: the share whose gold passage ranks first,
	// the share with one in the top three, and the mean reciprocal rank.
	// A question declined counts as a miss.
	RecallAt1, RecallAt3, MRR float64
	// Declined is the share of in-scope questions given confidence none;
	// Closest the share answered with confidence closest.
	Declined, Closest float64
	// MetaAnswered is the share of meta questions answered as such, and
	// MetaDeclined the share declined.
	MetaAnswered, MetaDeclined float64
	// Abstention is the share of out-of-scope questions declined;
	// Confident the share given confidence answer.
	Abstention, Confident float64
}

// Report holds the figures of one evaluation, overall and by style.
type Report struct {
	Figures
	ByStyle []StyleFigures // in order of first appearance
	Misses  []Miss
}

// StyleFigures are the figures of the questions of one style.
type StyleFigures struct {
	Style string
	Figures
}

// Miss is an in-scope question whose gold passage did not rank first, a
// meta question not answered as one, or an out-of-scope question given
// a confident answer.
type Miss struct {
	Item
	Confidence retrieval.Confidence
	Got        []string // the IDs returned, best first; "meta" for a meta answer
}

// outcome is what the bot made of one question.
type outcome struct {
	conf retrieval.Confidence
	meta bool
	got  []*corpus.Paragraph
	// listed is true when the reply shows every passage of got at once
	// (a meta reply): any of them is found first.
	listed bool
}

// tally accumulates Figures; sums become shares in done.
type tally struct{ Figures }

func (t *tally) add(it Item, o outcome, match func(*corpus.Paragraph) bool) (miss bool) {
	t.Questions++
	switch it.kind() {
	case OutOfScope:
		t.OOS++
		switch {
		case o.conf == retrieval.None:
			t.Abstention++
		case o.conf == retrieval.Answer:
			t.Confident++
			return true
		}
		return false
	case Meta:
		t.Meta++
		if o.meta {
			t.MetaAnswered++
			return false
		}
		if o.conf == retrieval.None {
			t.MetaDeclined++
		}
		return true
	}
	t.InScope++
	switch o.conf {
	case retrieval.None:
		t.Declined++
	case retrieval.Closest:
		t.Closest++
	}
	rank := 0
	for i, p := range o.got {
		if match(p) {
			rank = i + 1
			break
		}
	}
	switch {
	case o.conf == retrieval.None:
		rank = 0
	case o.listed && rank > 0:
		rank = 1
	}
	if rank == 1 {
		t.RecallAt1++
	}
	if rank > 0 && rank <= 3 {
		t.RecallAt3++
	}
	if rank > 0 {
		t.MRR += 1 / float64(rank)
	}
	return rank != 1
}

func (t *tally) done() Figures {
	f := t.Figures
	share := func(x *float64, n int) {
		if n > 0 {
			*x /= float64(n)
		}
	}
	share(&f.RecallAt1, f.InScope)
	share(&f.RecallAt3, f.InScope)
	share(&f.MRR, f.InScope)
	share(&f.Closest, f.InScope)
	share(&f.Declined, f.InScope)
	share(&f.MetaAnswered, f.Meta)
	share(&f.MetaDeclined, f.Meta)
	share(&f.Abstention, f.OOS)
	share(&f.Confident, f.OOS)
	return f
}

// Run evaluates ix on items, as the bot answers: questions about the
// interview itself go to meta, the others to the index. It fails if a
// gold value names nothing in the interview.
func Run(ix *retrieval.Index, items []Item) (Report, error) {
	var rep Report
	var all tally
	styles := map[string]*tally{}
	var order []string
	iv := ix.Interview()
	metas := meta.New(iv)
	for _, it := range items {
		match, err := matcher(iv, it.Gold)
		if err != nil {
			return Report{}, fmt.Errorf("eval: line %d: %w", it.Line, err)
		}
		var o outcome
		if m, ok := metas.Detect(it.Question); ok {
			o = outcome{conf: retrieval.Answer, meta: true}
			if !m.Kind.Stated() {
				o.conf = retrieval.None
			}
			// The passages the reply quotes, all shown at once: a question
			// on his role read as who he is is answered by intro.3, a
			// request for the questions by each.
			o.got, o.listed = meta.Quoted(iv, m.Kind), true
		} else if res := ix.Search(retrieval.Query{Text: it.Question, K: 3}); res.Confidence == retrieval.None &&
			res.Verbatim == retrieval.VerbatimNone && metas.Plain(it.Question) {
			o = outcome{conf: retrieval.Answer, meta: true} // as answer.Service reads it
		} else {
			o.conf = res.Confidence
			for _, h := range res.Hits {
				o.got = append(o.got, h.Paragraph)
			}
		}
		if all.add(it, o, match) {
			m := Miss{Item: it, Confidence: o.conf}
			if o.meta {
				m.Got = []string{Meta}
			}
			for _, p := range o.got {
				m.Got = append(m.Got, p.ID)
			}
			rep.Misses = append(rep.Misses, m)
		}
		if it.Style != "" {
			st := styles[it.Style]
			if st == nil {
				st = &tally{}
				styles[it.Style] = st
				order = append(order, it.Style)
			}
			st.add(it, o, match)
		}
	}
	rep.Figures = all.done()
	for _, s := range order {
		rep.ByStyle = append(rep.ByStyle, StyleFigures{s, styles[s].done()})
	}
	return rep, nil
}

// Style returns the figures of one style, and whether the set has it.
func (r Report) Style(name string) (Figures, bool) {
	for _, s := range r.ByStyle {
		if s.Style == name {
			return s.Figures, true
		}
	}
	return Figures{}, false
}

// matcher returns the test for a passage that answers gold, or nil for
// an out-of-scope or meta question.
func matcher(iv *corpus.Interview, gold []string) (func(*corpus.Paragraph) bool, error) {
	var tests []func(*corpus.Paragraph) bool
	for _, g := range gold {
		switch {
		case g == OutOfScope || g == Meta:
			return nil, nil
		case g == "intro":
			tests = append(tests, func(p *corpus.Paragraph) bool { return p.Role == corpus.RoleIntro })
			continue
		}
		if n, err := strconv.Atoi(g); err == nil {
			if _, ok := iv.Exchange(n); !ok {
				return nil, fmt.Errorf("gold exchange %d is not in the interview", n)
			}
			tests = append(tests, func(p *corpus.Paragraph) bool { return p.Exchange == n && p.Role == corpus.RoleAnswer })
			continue
		}
		if iv.Paragraph(g) == nil {
			return nil, fmt.Errorf("gold %q is neither an exchange number, a paragraph ID, \"intro\", %q nor %q", g, Meta, OutOfScope)
		}
		tests = append(tests, func(p *corpus.Paragraph) bool { return p.ID == g })
	}
	return func(p *corpus.Paragraph) bool {
		return slices.ContainsFunc(tests, func(t func(*corpus.Paragraph) bool) bool { return t(p) })
	}, nil
}
