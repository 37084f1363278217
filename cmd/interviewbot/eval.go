package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/interviewbot/interviewbot/eval"
	"github.com/interviewbot/interviewbot/retrieval"
)

var evalCommand = command{
	name:    "eval",
	summary: "measure retrieval on a TSV question set: per line a question, the gold paragraph IDs (space-separated), \"meta\" or \"-\", and optionally a style and a language; see testdata/bank",
	args:    "[--json] [-v] FILE",
	new:     func() runner { return new(evalCmd) },
}

type evalCmd struct {
	corpusFlag
	output
	verbose bool
}

func (c *evalCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.output.declare(fs)
	fs.BoolVar(&c.verbose, "v", false, "list every question that missed")
}

type evalResult struct {
	File string `json:"file"`
	evalFigures
	ByStyle []evalStyle `json:"by_style,omitempty"`
	Misses  []string    `json:"misses,omitempty"`
}

type evalStyle struct {
	Style string `json:"style"`
	evalFigures
}

type evalFigures struct {
	Questions    int     `json:"questions"`
	InScope      int     `json:"in_scope"`
	Meta         int     `json:"meta"`
	OutOfScope   int     `json:"out_of_scope"`
	RecallAt1    float64 `json:"recall_at_1"`
	RecallAt3    float64 `json:"recall_at_3"`
	MRR          float64 `json:"mrr"`
	Declined     float64 `json:"declined"`
	Closest      float64 `json:"closest"`
	MetaAnswered float64 `json:"meta_answered"`
	MetaDeclined float64 `json:"meta_declined"`
	Abstention   float64 `json:"abstention"`
	Confident    float64 `json:"confident_out_of_scope"`
}

func newEvalFigures(f eval.Figures) evalFigures {
	return evalFigures{
		Questions: f.Questions, InScope: f.InScope, Meta: f.Meta, OutOfScope: f.OOS,
		RecallAt1: round(f.RecallAt1), RecallAt3: round(f.RecallAt3), MRR: round(f.MRR),
		Declined: round(f.Declined), Closest: round(f.Closest), MetaAnswered: round(f.MetaAnswered), MetaDeclined: round(f.MetaDeclined),
		Abstention: round(f.Abstention), Confident: round(f.Confident),
	}
}

func (r evalResult) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d questions (%d in scope, %d about the interview, %d out of scope)\n", r.File, r.Questions, r.InScope, r.Meta, r.OutOfScope)
	fmt.Fprintf(&b, "Recall@1          %.3f\n", r.RecallAt1)
	fmt.Fprintf(&b, "Recall@3          %.3f\n", r.RecallAt3)
	fmt.Fprintf(&b, "MRR               %.3f\n", r.MRR)
	fmt.Fprintf(&b, "Declined          %.3f  (in-scope questions given confidence none)\n", r.Declined)
	fmt.Fprintf(&b, "Closest           %.3f  (in-scope questions given confidence closest)\n", r.Closest)
	if r.Meta > 0 {
		fmt.Fprintf(&b, "Meta answered     %.3f  (questions about the interview answered as such; %.3f declined)\n", r.MetaAnswered, r.MetaDeclined)
	}
	fmt.Fprintf(&b, "Abstention        %.3f  (out-of-scope questions declined)\n", r.Abstention)
	fmt.Fprintf(&b, "Confident OOS     %.3f  (out-of-scope questions given confidence answer)", r.Confident)
	if len(r.ByStyle) > 0 {
		fmt.Fprintf(&b, "\n\n%-12s %5s %6s %6s %9s %8s %9s %9s", "style", "n", "R@1", "R@3", "declined", "closest", "declined", "confident")
		fmt.Fprintf(&b, "\n%-12s %5s %6s %6s %9s %8s %9s %9s", "", "", "", "", "(in)", "(in)", "(out)", "(out)")
		for _, s := range r.ByStyle {
			cell := func(v float64, ok bool) string {
				if !ok {
					return "-"
				}
				return fmt.Sprintf("%.3f", v)
			}
			in, out := s.InScope > 0, s.OutOfScope > 0
			r1, r3 := cell(s.RecallAt1, in), cell(s.RecallAt3, in)
			declined := cell(s.Declined, in)
			if s.Meta > 0 && !in {
				r1, r3, declined = "meta", cell(s.MetaAnswered, true), cell(s.MetaDeclined, true)
			}
			fmt.Fprintf(&b, "\n%-12s %5d %6s %6s %9s %8s %9s %9s", s.Style, s.Questions, r1, r3,
				declined, cell(s.Closest, in), cell(s.Abstention, out), cell(s.Confident, out))
		}
	}
	for _, m := range r.Misses {
		b.WriteString("\n  miss: " + m)
	}
	return b.String()
}

func (c *evalCmd) run(_ context.Context, e env, args []string) error {
	if len(args) != 1 {
		return usagef("eval takes one TSV file")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	items, err := eval.Parse(f)
	if err != nil {
		return err
	}
	rep, err := eval.Run(retrieval.New(iv, retrieval.DefaultOptions()), items)
	if err != nil {
		return err
	}
	out := evalResult{File: args[0], evalFigures: newEvalFigures(rep.Figures)}
	for _, s := range rep.ByStyle {
		out.ByStyle = append(out.ByStyle, evalStyle{s.Style, newEvalFigures(s.Figures)})
	}
	if c.verbose {
		for _, m := range rep.Misses {
			got := "declined"
			if len(m.Got) > 0 {
				got = strings.Join(m.Got, ", ")
			}
			out.Misses = append(out.Misses, fmt.Sprintf("line %d: %q want %s, got %s (%s)", m.Line, m.Question, strings.Join(m.Gold, " "), got, m.Confidence))
		}
	}
	return c.write(e, out)
}
