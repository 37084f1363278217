package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/check"
	"github.com/interviewbot/interviewbot/retrieval"
)

var checkCommand = command{
	name:    "check",
	summary: "check what a message claims against the interview: quotations word for word (and whose they are), what a misquote changed, or whether a claim is the interview's",
	args:    "[--json] [--stdin] CLAIM…",
	new:     func() runner { return new(checkCmd) },
}

// checkCmd checks messages offline.
type checkCmd struct {
	corpusFlag
	questions
}

func (c *checkCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.questions.output.declare(fs)
	fs.BoolVar(&c.questions.stdin, "stdin", false, "read one message per line and write one JSON object per line")
}

type checkResult struct{ check.Result }

// text is the result for people: the verdict, then each quotation with
// the sentence it was matched to and, for a misquote, what changed.
func (r checkResult) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Verdict: %s\n", strings.ReplaceAll(string(r.Verdict), "_", " "))
	for _, s := range r.Spans {
		fmt.Fprintf(&b, "\n“%s”: %s\n", s.Quote, strings.ReplaceAll(string(s.Verdict), "_", " "))
		if s.Evidence != nil {
			writeEvidence(&b, *s.Evidence)
		}
		if len(s.Diff) > 0 {
			fmt.Fprintf(&b, "  changed: %s\n", check.String(s.Diff))
		}
		if s.NegationChanged {
			b.WriteString("  a negation was added or dropped: the meaning is turned around\n")
		}
	}
	if len(r.Spans) == 0 {
		for _, e := range r.Evidence {
			b.WriteString("The passage that bears on it, for you to judge:\n")
			e.Ours = false // a claim is not a quotation: nothing was matched word for word
			writeEvidence(&b, e)
		}
	}
	if len(r.Topics) > 0 {
		fmt.Fprintf(&b, "Nearest topics: exchanges %s\n", strings.Trim(strings.Join(strings.Fields(fmt.Sprint(r.Topics)), ", "), "[]"))
	}
	return strings.TrimRight(b.String(), "\n")
}

func writeEvidence(b *strings.Builder, e check.Evidence) {
	where := fmt.Sprintf("%s, Q&A %d (%s)", e.Speaker, e.Exchange, e.ID)
	if e.Exchange == 0 {
		where = fmt.Sprintf("%s, the introduction (%s)", e.Speaker, e.ID)
	}
	fmt.Fprintf(b, "  %s: « %s »\n", where, e.Quote)
	label := "Translation (ours)"
	if e.Ours {
		label = "Matched against our translation, not his words"
	}
	fmt.Fprintf(b, "  %s: %s\n", label, e.Translation)
}

func (c *checkCmd) run(ctx context.Context, e env, args []string) error {
	iv, err := c.interview()
	if err != nil {
		return err
	}
	checker := check.New(retrieval.New(iv, retrieval.DefaultOptions()))
	return c.each(e, args, "claim", func(q retrieval.Query) (any, error) {
		if strings.TrimSpace(q.Text) == "" {
			return nil, errors.New("an empty message: nothing to check")
		}
		return checkResult{checker.Check(q.Text)}, nil
	})
}
