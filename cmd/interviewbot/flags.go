package main

import (
	"encoding/json"
	"flag"
	"fmt"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// The flags several commands share. A command declares the ones it takes
// by calling their declare when it declares its own flags.

// corpusFlag is --corpus, which every command takes: the interview to
// load instead of the embedded one.
type corpusFlag struct{ path string }

func (c *corpusFlag) declare(fs *flag.FlagSet) {
	fs.StringVar(&c.path, "corpus", "", "load the interview from `FILE` instead of the embedded one")
}

// interview loads --corpus, or the embedded interview.
func (c *corpusFlag) interview() (*corpus.Interview, error) {
	if c.path == "" {
		return corpus.Default(), nil
	}
	return corpus.Open(c.path)
}

// output is --json: how a command writes its result.
type output struct{ json bool }

func (o *output) declare(fs *flag.FlagSet) {
	fs.BoolVar(&o.json, "json", false, "write JSON")
}

// write prints v as JSON with --json, or its text otherwise.
func (o *output) write(e env, v any) error {
	if o.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	if t, ok := v.(interface{ text() string }); ok {
		_, err := fmt.Fprintln(e.stdout, t.text())
		return err
	}
	_, err := fmt.Fprintln(e.stdout, v)
	return err
}

// langFlag is --lang. What the language is for differs by command, so
// each gives its own usage.
type langFlag struct{ value string }

func (l *langFlag) declare(fs *flag.FlagSet, usage string) {
	fs.StringVar(&l.value, "lang", "", usage)
}

// or returns the language --lang names, or def without --lang.
func (l *langFlag) or(def lang.Language) (lang.Language, error) {
	if l.value == "" {
		return def, nil
	}
	v, err := lang.Parse(l.value)
	if err != nil {
		return "", usagef("--lang: %v", err)
	}
	return v, nil
}

// cmdline is what the Discord commands' run functions (discord.go) read:
// the interview, and --addr or --guild for the commands that take them.
type cmdline struct {
	corpusFlag
	addr, guild string
}
