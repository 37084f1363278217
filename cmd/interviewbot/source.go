package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
)

var sourceCommand = command{
	name:    "source",
	summary: "print exchange N (0 for the introduction) in French and English",
	args:    "[--json] N",
	new:     func() runner { return new(sourceCmd) },
}

type sourceCmd struct {
	corpusFlag
	output
}

func (c *sourceCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.output.declare(fs)
}

type sourceResult struct {
	Exchange   int               `json:"exchange"`
	Topic      corpus.Text       `json:"topic"`
	Paragraphs []sourceParagraph `json:"paragraphs"`
}

type sourceParagraph struct {
	ID          string      `json:"id"`
	Role        corpus.Role `json:"role"`
	Speaker     string      `json:"speaker"`
	Text        string      `json:"text"`
	Translation string      `json:"translation"`
}

func (r sourceResult) text() string {
	var b strings.Builder
	if r.Exchange == 0 {
		b.WriteString("Introduction (the article's words)\n")
	} else {
		fmt.Fprintf(&b, "Q&A %d — %s / %s\n", r.Exchange, r.Topic.FR, r.Topic.EN)
	}
	for _, p := range r.Paragraphs {
		fmt.Fprintf(&b, "\n[%s] %s:\n%s\n\n[%s, translation] %s\n", p.ID, p.Speaker, p.Text, p.ID, p.Translation)
	}
	return strings.TrimRight(b.String(), "\n")
}

func (c *sourceCmd) run(_ context.Context, e env, args []string) error {
	if len(args) != 1 {
		return usagef("source takes one exchange number")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(args[0])
	last := len(iv.Exchanges())
	if err != nil || n < 0 || n > last {
		return usagef("source: exchange must be a number from 1 to %d (0 for the introduction), got %q", last, args[0])
	}
	out := sourceResult{Exchange: n}
	var paras []*corpus.Paragraph
	if n == 0 {
		paras = iv.Intro()
	} else {
		ex, _ := iv.Exchange(n)
		out.Topic = corpus.Text{FR: ex.Topic("fr"), EN: ex.Topic("en")}
		paras = append([]*corpus.Paragraph{ex.Question}, ex.Answers...)
	}
	for _, p := range paras {
		out.Paragraphs = append(out.Paragraphs, sourceParagraph{p.ID, p.Role, p.Speaker, p.Text(), p.Translation()})
	}
	return c.write(e, out)
}
