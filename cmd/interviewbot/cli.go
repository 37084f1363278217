package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// usageError is a mistake in the command line; main exits 2 on it.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

const usage = `interviewbot answers questions about an interview with the interviewee's
exact words, quoted verbatim with citations. It works offline.

Usage:
  interviewbot ask [--json] [--stdin] [--lang fr|en] [--extractive] QUESTION…
  interviewbot search [--json] [-k N] [--stdin] [--lang fr|en] QUERY…
  interviewbot check [--json] [--stdin] [--offline] CLAIM…
  interviewbot source [--json] N
  interviewbot topics [--json] [--lang fr|en]
  interviewbot eval [--json] [-v] FILE
  interviewbot worksheet [--lang fr|en] [--exchange N[,N…]|intro] [--level comprehension|critical] [--exercises E] [--lines N] [--study] [--key K] [--format md|html] [--paper a4|letter]
  interviewbot classroom export [--force] DIR

Discord (configured from the environment; see .env.example):
  interviewbot serve                      gateway mode
  interviewbot serve-http [--addr H:P]    HTTP interactions endpoint
  interviewbot register [--guild ID]      register the slash commands
  interviewbot stats [--guild ID] [--window 24h|7d|all]
                                          usage statistics (needs REDIS_URL)
  interviewbot health [--addr H:P]        ask a running bot's /readyz (exit 0 if ready)

  interviewbot version                    the version, commit and Go release

Every command takes --corpus FILE to load another interview in the same
format instead of the embedded one. Words after the command are joined
into one question, so quoting it is optional. Run
'interviewbot COMMAND --help' for a command's flags.
`

// env is what a command gets from outside: its streams and environment.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	client         *http.Client // nil: discordgo's own; tests point it at a fake Discord
}

// A command is one verb of the command line, each in a file of its own.
// Its summary and args are what its --help and the README's table say;
// details, if any, is more that its --help says.
type command struct {
	name    string
	summary string
	args    string
	details string
	new     func() runner
}

// A runner is one run of a command: flags declares the command's flags
// on a FlagSet of its own, into the runner's fields, and run does the
// work with them and the words left after the flags.
type runner interface {
	flags(fs *flag.FlagSet)
	run(ctx context.Context, e env, args []string) error
}

// commands is every command, in the order the README lists them.
var commands = []command{
	askCommand,
	searchCommand,
	checkCommand,
	sourceCommand,
	topicsCommand,
	evalCommand,
	serveCommand,
	serveHTTPCommand,
	registerCommand,
	statsCommand,
	worksheetCommand,
	classroomCommand,
	healthCommand,
	versionCommand,
}

func run(ctx context.Context, args []string, e env) error {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usagef("no command given")
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "--version", "-version":
		return new(versionCmd).run(ctx, e, nil)
	}
	for _, c := range commands {
		if c.name == args[0] {
			r, words, err := parse(c, args[1:], stdout)
			if err != nil || r == nil {
				return err
			}
			return r.run(ctx, e, words)
		}
	}
	if strings.HasPrefix(args[0], "-") {
		return usagef("flags go after the command: interviewbot COMMAND %s …; run 'interviewbot help'", args[0])
	}
	return usagef("unknown command %q; run 'interviewbot help'", args[0])
}

// parse reads c's flags anywhere among the words, so that
// `ask Pourquoi ? --json` works; "--" ends the flags. It returns the
// runner holding the flags and the words. A nil runner with a nil error
// means --help was printed.
func parse(c command, args []string, stdout io.Writer) (runner, []string, error) {
	r := c.new()
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	r.flags(fs)
	var words []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: interviewbot %s %s\n\n%s.\n\n", c.name, c.args, capitalize(c.summary))
			if c.details != "" {
				fmt.Fprintf(stdout, "%s\n", c.details)
			}
			fmt.Fprint(stdout, "Flags:\n")
			printFlags(stdout, fs)
			return nil, nil, nil
		}
		if err != nil {
			return nil, nil, usagef("%s: %v (see 'interviewbot %s --help')", c.name, err, c.name)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			words = append(words, rest...)
			break
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
	return r, words, nil
}

// printFlags lists fs's flags as the usage lines write them: --name for
// words, -k for letters (the flag package takes either).
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		dash := "--"
		if len(f.Name) == 1 {
			dash = "-"
		}
		line := "  " + dash + f.Name
		if arg != "" {
			line += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, usage)
	})
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
