package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
)

var worksheetCommand = command{
	name:    "worksheet",
	summary: "write a printable worksheet for a class: the passages, a glossary, comprehension and open questions by level (with both levels, who-said-it and timeline exercises too), and an answer key on a page of its own: the critical notes on the text, why each wrong choice is wrong, model answers, the discussion prompts with notes for the teacher, and the curriculum",
	args:    "[--lang fr|en] [--exchange N[,N…]|intro] [--level comprehension|critical] [--exercises who-said,timeline|none] [--lines N] [--study] [--key page|none|only] [--format md|html] [--paper a4|letter]",
	new:     func() runner { return new(worksheetCmd) },
}

type worksheetCmd struct {
	corpusFlag
	lang               langFlag
	exchange           string
	format, level, key string
	paper, exercises   string
	lines              int
	study              bool
}

func (c *worksheetCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.lang.declare(fs, "write in `LANG` (fr or en; default fr)")
	fs.StringVar(&c.exchange, "exchange", "", "exchange `N` alone (1–8), several between commas (6,7: a lesson's worth), or intro (the newspaper's introduction, for a lesson on the interview as a document), instead of the whole interview; an exchange's students' copy at one level (--level L --key none) prints on one A4 page")
	fs.StringVar(&c.format, "format", "md", "the `FORMAT`: md (Markdown), or html to print from a browser")
	fs.StringVar(&c.level, "level", "", "only the questions and prompts for `LEVEL`: comprehension (or 1, secondary: what the text says, its words; collège, seconde) or critical (or 2, university: inference, argument, source criticism; première, Terminale, university); default both")
	fs.StringVar(&c.exercises, "exercises", "", "the `EXERCISES` beside the questions: who-said, timeline, both between commas, or none (default: both with both levels, none with one, which keeps an exchange's sheet to a page)")
	fs.BoolVar(&c.study, "study", false, "the critical study of the document alone, as the baccalauréat sets one: the whole text, its glossary and the instruction, no questions; the key gives a suggested outline and what a good study does")
	fs.IntVar(&c.lines, "lines", 0, fmt.Sprintf("`N` lines to write on under each open question, 1 to %d (default 3 at secondary, 4 at university; none under a research question, answered on a separate sheet)", classroom.MaxLines))
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
	level, err := classroom.ParseLevel(c.level)
	if err != nil {
		return usagef("--%v", err)
	}
	if c.key != classroom.KeyPage && c.key != classroom.KeyNone && c.key != classroom.KeyOnly {
		return usagef("--key: want page, none or only, got %q", c.key)
	}
	if c.paper != classroom.PaperA4 && c.paper != classroom.PaperLetter {
		return usagef("--paper: want a4 or letter, got %q", c.paper)
	}
	if c.lines < 0 || c.lines > classroom.MaxLines {
		return usagef("--lines: want 1 to %d, got %d", classroom.MaxLines, c.lines)
	}
	cfg := classroomConfig(e.getenv)
	m, err := cfg.classroom(iv) // CLASSROOM_DIR's copy, if set
	if err != nil {
		return err
	}
	sheet := classroom.Sheet{Lang: l, Level: level, Key: c.key, Format: c.format, Paper: c.paper, Exercises: c.exercises, Lines: c.lines, Study: c.study}
	err = sheet.SetExchange(c.exchange)
	if err == nil {
		err = m.Worksheet(e.stdout, sheet)
	}
	if err != nil {
		if errors.Is(err, classroom.ErrSheet) {
			return usagef("%s", strings.TrimPrefix(err.Error(), "classroom: "))
		}
		return err
	}
	return nil
}
