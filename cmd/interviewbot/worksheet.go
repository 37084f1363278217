package main

import (
	"context"
	"flag"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
)

var worksheetCommand = command{
	name:    "worksheet",
	summary: "write a printable worksheet for a class: the passages, comprehension questions, discussion prompts, a glossary and an answer key on a page of its own",
	args:    "[--lang fr|en] [--exchange N] [--level secondary|university] [--key page|none|only] [--format md|html]",
	new:     func() runner { return new(worksheetCmd) },
}

type worksheetCmd struct {
	corpusFlag
	lang               langFlag
	exchange           int
	format, level, key string
}

func (c *worksheetCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.lang.declare(fs, "write in `LANG` (fr or en; default fr)")
	fs.IntVar(&c.exchange, "exchange", 0, "exchange `N` alone (1–8) instead of the whole interview")
	fs.StringVar(&c.format, "format", "md", "the `FORMAT`: md (Markdown), or html to print from a browser")
	fs.StringVar(&c.level, "level", "", "only the questions and prompts for `LEVEL`: secondary or university (default both)")
	fs.StringVar(&c.key, "key", "page", "the answer key (`WHERE`): page (on a page of its own), none (the students' copy) or only (the teacher's)")
}

func (c *worksheetCmd) run(_ context.Context, e env, args []string) error {
	if len(args) > 0 {
		return usagef("worksheet takes no arguments; write it to a file with > worksheet.md")
	}
	l, err := c.lang.or(lang.French)
	if err != nil {
		return err
	}
	if c.format != classroom.Markdown && c.format != classroom.HTML {
		return usagef("--format: want md or html, got %q", c.format)
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	if _, ok := iv.Exchange(c.exchange); !ok && c.exchange != 0 {
		return usagef("--exchange: the interview has exchanges 1 to %d", len(iv.Exchanges()))
	}
	if c.level != "" && c.level != classroom.Secondary && c.level != classroom.University {
		return usagef("--level: want secondary or university, got %q", c.level)
	}
	if c.key != classroom.KeyPage && c.key != classroom.KeyNone && c.key != classroom.KeyOnly {
		return usagef("--key: want page, none or only, got %q", c.key)
	}
	m, err := classroom.Load(iv)
	if err != nil {
		return err
	}
	return m.Worksheet(e.stdout, classroom.Sheet{Lang: l, Exchange: c.exchange, Level: c.level, Key: c.key, Format: c.format})
}
