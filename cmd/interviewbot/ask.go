package main

import (
	"context"
	"flag"
	"log/slog"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/retrieval"
)

var askCommand = command{
	name:    "ask",
	summary: "answer a question with quotes and citations",
	args:    "[--json] [--stdin] [--lang fr|en] [--extractive] QUESTION…",
	new:     func() runner { return new(askCmd) },
}

// askCmd answers offline; with REDIS_URL set it shares the bot's answer
// cache, and reports "hit", "miss" or "unavailable".
type askCmd struct {
	corpusFlag
	questions
	extractive bool
}

func (c *askCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.questions.declare(fs, "answer in `LANG` (fr or en) instead of the question's language; the question is still read in its own")
	fs.BoolVar(&c.extractive, "extractive", false, "quote the interview without the LLM, even if one is configured")
}

type askResult struct{ answer.Answer }

func (r askResult) text() string { return r.Text }

func (c *askCmd) run(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	var cache answer.Cache
	if cfg.RedisURL != "" {
		st, err := cfg.openStore(ctx, log, nil)
		if err != nil {
			return err
		}
		defer st.Close()
		cache = st
	}
	o := answer.Options{Cache: cache, TTL: cfg.CacheTTL, Events: newLogEvents(log, slog.LevelDebug)}
	if !c.extractive {
		o.Model = cfg.model(log)
	}
	answers := answer.NewService(retrieval.New(iv, retrieval.DefaultOptions()), o)
	return c.each(e, args, "question", func(q retrieval.Query) (any, error) {
		a, err := answers.Answer(ctx, answer.Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint, LLM: true})
		return askResult{a}, err
	})
}
