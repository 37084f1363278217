// Package eval measures retrieval on a question set: how often the right
// passage comes first or in the top three, and how reliably the index
// declines questions the interview does not cover.
package eval

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

// OutOfScope is the gold value of a question the interview does not address.
const OutOfScope = "-"

// Item is one question with its gold answer: an exchange number, a
// paragraph ID, "intro" for any introduction paragraph, or OutOfScope.
type Item struct {
	Line     int
	Question string
	Gold     string
}

// Parse reads a question set: tab-separated question and gold per line;
// blank lines and lines starting with # are skipped.
func Parse(r io.Reader) ([]Item, error) {
	var items []Item
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, gold, ok := strings.Cut(line, "\t")
		q, gold = strings.TrimSpace(q), strings.TrimSpace(gold)
		if !ok || q == "" || gold == "" || strings.Contains(gold, "\t") {
			return nil, fmt.Errorf("eval: line %d: want a question, a tab, then the gold exchange, paragraph ID or %q", n, OutOfScope)
		}
		items = append(items, Item{Line: n, Question: q, Gold: gold})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("eval: no questions")
	}
	return items, nil
}

// Report holds the figures of one evaluation.
type Report struct {
	InScope    int // questions with a gold answer
	OutOfScope int // questions the interview does not address
	// Of in-scope questions: the share whose gold passage ranks first,
	// the share in the top three, and the mean reciprocal rank. A
	// question the index declined counts as a miss.
	RecallAt1, RecallAt3, MRR float64
	// Abstention is the share of out-of-scope questions declined;
	// FalseAbstention the share of in-scope questions declined.
	Abstention, FalseAbstention float64
	Misses                      []Miss
}

// Miss is a question that did not get its gold answer in the top three,
// or an out-of-scope question that got an answer.
type Miss struct {
	Item
	Got []string // the IDs returned, best first; empty when declined
}

// Run evaluates ix on items. It fails if a gold value names nothing in
// the interview.
func Run(ix *retrieval.Index, items []Item) (Report, error) {
	var rep Report
	iv := ix.Interview()
	for _, it := range items {
		match, err := matcher(iv, it.Gold)
		if err != nil {
			return Report{}, fmt.Errorf("eval: line %d: %w", it.Line, err)
		}
		res := ix.Search(retrieval.Query{Text: it.Question, K: 3})
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Paragraph.ID)
		}
		if match == nil {
			rep.OutOfScope++
			if res.Abstained {
				rep.Abstention++
			} else {
				rep.Misses = append(rep.Misses, Miss{it, got})
			}
			continue
		}
		rep.InScope++
		if res.Abstained {
			rep.FalseAbstention++
		}
		rank := 0
		for i, h := range res.Hits {
			if match(h.Paragraph) {
				rank = i + 1
				break
			}
		}
		switch {
		case rank == 1:
			rep.RecallAt1++
			fallthrough
		case rank > 0:
			rep.RecallAt3++
			rep.MRR += 1 / float64(rank)
		}
		if rank != 1 {
			rep.Misses = append(rep.Misses, Miss{it, got})
		}
	}
	if rep.InScope > 0 {
		n := float64(rep.InScope)
		rep.RecallAt1 /= n
		rep.RecallAt3 /= n
		rep.MRR /= n
		rep.FalseAbstention /= n
	}
	if rep.OutOfScope > 0 {
		rep.Abstention /= float64(rep.OutOfScope)
	}
	return rep, nil
}

// matcher returns the test for a passage that answers gold, or nil for
// an out-of-scope question.
func matcher(iv *corpus.Interview, gold string) (func(*corpus.Paragraph) bool, error) {
	switch {
	case gold == OutOfScope:
		return nil, nil
	case gold == "intro":
		return func(p *corpus.Paragraph) bool { return p.Role == corpus.RoleIntro }, nil
	}
	if n, err := strconv.Atoi(gold); err == nil {
		if _, ok := iv.Exchange(n); !ok {
			return nil, fmt.Errorf("gold exchange %d is not in the interview", n)
		}
		return func(p *corpus.Paragraph) bool { return p.Exchange == n && p.Role == corpus.RoleAnswer }, nil
	}
	if iv.Paragraph(gold) == nil {
		return nil, fmt.Errorf("gold %q is neither an exchange number, a paragraph ID, \"intro\" nor %q", gold, OutOfScope)
	}
	return func(p *corpus.Paragraph) bool { return p.ID == gold }, nil
}
