package main

import (
	"context"
	"flag"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
)

var worksheetCommand = command{
	name:    "worksheet",
	summary: "write a printable worksheet for a class: the passages, a glossary, comprehension and open questions by level (with both levels, who-said-it and timeline exercises too), and an answer key on a page of its own: why each wrong choice is wrong, model answers, the discussion prompts with notes for the teacher, the critical notes and the curriculum",
	args:    "[--lang fr|en] [--exchange N] [--level secondary|university] [--key page|none|only] [--format md|html] [--paper a4|letter]",
	new:     func() runner { return new(worksheetCmd) },
}

type worksheetCmd struct {
	corpusFlag
	lang               langFlag
	exchange           int
	format, level, key string
	paper              string
}

func (c *worksheetCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.lang.declare(fs, "write in `LANG` (fr or en; default fr)")
	fs.IntVar(&c.exchange, "exchange", 0, "exchange `N` alone (1–8) instead of the whole interview; its students' copy at one level (--level L --key none) prints on one A4 page")
	fs.StringVar(&c.format, "format", "md", "the `FORMAT`: md (Markdown), or html to print from a browser")
	fs.StringVar(&c.level, "level", "", "only the questions and prompts for `LEVEL`: secondary or university (default both)")
	fs.StringVar(&c.key, "key", "page", "the answer key (`WHERE`): page (on a page of its own), none (the students' copy) or only (the teacher's)")
	fs.StringVar(&c.paper, "paper", classroom.PaperA4, "the `PAPER` an HTML sheet prints on: a4 or letter (Markdown has no page size)")
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
	if c.paper != classroom.PaperA4 && c.paper != classroom.PaperLetter {
		return usagef("--paper: want a4 or letter, got %q", c.paper)
	}
	cfg := classroomConfig(e.getenv)
	m, err := cfg.classroom(iv) // CLASSROOM_DIR's copy, if set
	if err != nil {
		return err
	}
	return m.Worksheet(e.stdout, classroom.Sheet{Lang: l, Exchange: c.exchange, Level: c.level, Key: c.key, Format: c.format, Paper: c.paper})
}
