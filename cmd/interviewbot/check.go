package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/interviewbot/interviewbot/check"
	"github.com/interviewbot/interviewbot/retrieval"
)

var checkCommand = command{
	name:    "check",
	summary: "check what a message claims against the interview: quotations word for word (and whose they are), what a misquote changed, or, with an LLM configured, whether a claim in other words is the interview's (its verdict checked against the sentences it cites)",
	args:    "[--json] [--stdin] [--offline] CLAIM…",
	new:     func() runner { return new(checkCmd) },
}

// checkCmd checks messages: offline, or with the model judging claims
// without quotation if one is configured.
type checkCmd struct {
	corpusFlag
	questions
	offline bool
}

func (c *checkCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.questions.output.declare(fs)
	fs.BoolVar(&c.questions.stdin, "stdin", false, "read one message per line and write one JSON object per line")
	fs.BoolVar(&c.offline, "offline", false, "check without the LLM, even if one is configured")
}

type checkResult struct{ check.Result }

// text is the result for people: the verdict, then each quotation with
// the sentence it was matched to and, for a misquote, what changed.
func (r checkResult) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Verdict: %s\n", strings.ReplaceAll(string(r.Verdict), "_", " "))
	if r.JudgedBy != "" {
		fmt.Fprintf(&b, "Judged by the model %s, checked against the sentences it rests on.\n", r.JudgedBy)
	}
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
		label := "The passage that bears on it, for you to judge:\n"
		if r.JudgedBy != "" && (r.Verdict == check.Supported || r.Verdict == check.Contradicted) {
			label = "What the verdict rests on:\n"
		}
		for _, e := range r.Evidence {
			b.WriteString(label)
			label = ""
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
	var o check.Options
	if !c.offline {
		// Offline, the configuration is not read: nothing of it is used.
		cfg, err := loadConfig(e.getenv)
		if err != nil {
			return err
		}
		log := newLogger(cfg, e.stderr)
		o = check.Options{Model: cfg.model(log), Events: newLogEvents(log, slog.LevelDebug)}
	}
	checker := check.New(retrieval.New(iv, retrieval.DefaultOptions()), o)
	return c.each(e, args, "claim", func(q retrieval.Query) (any, error) {
		if strings.TrimSpace(q.Text) == "" {
			return nil, errors.New("an empty message: nothing to check")
		}
		return checkResult{checker.Check(ctx, q.Text)}, nil
	})
}
