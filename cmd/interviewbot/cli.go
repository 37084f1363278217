package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
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
  interviewbot source [--json] N
  interviewbot topics [--json] [--lang fr|en]
  interviewbot eval [--json] [-v] FILE
  interviewbot worksheet [--lang fr|en] [--exchange N] [--level L] [--key K] [--format md|html]

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

type command struct {
	name    string
	summary string
	args    string
	flags   flags // beyond --corpus
	run     func(ctx context.Context, e env, c *cmdline) error
}

// flags is a set of the optional flags a command takes.
type flags uint16

const (
	flagJSON flags = 1 << iota
	flagStdin
	flagLang
	flagK
	flagVerbose
	flagAddr
	flagGuild
	flagExtractive
	flagWindow
	flagSheet // --exchange and --format
)

var commands = []command{
	{"ask", "answer a question with quotes and citations", "[--json] [--stdin] [--lang fr|en] [--extractive] QUESTION…", flagJSON | flagStdin | flagLang | flagExtractive, runAsk},
	{"search", "list the passages that match a query, best first", "[--json] [-k N] [--stdin] [--lang fr|en] QUERY…", flagJSON | flagStdin | flagLang | flagK, runSearch},
	{"source", "print exchange N (0 for the introduction) in French and English", "[--json] N", flagJSON, runSource},
	{"topics", "list the interview's exchanges", "[--json] [--lang fr|en]", flagJSON | flagLang, runTopics},
	{"eval", "measure retrieval on a TSV question set: per line a question, the gold paragraph IDs (space-separated), \"meta\" or \"-\", and optionally a style and a language; see testdata/bank", "[--json] [-v] FILE", flagJSON | flagVerbose, runEval},
	{"serve", "run the Discord bot over the gateway (needs DISCORD_TOKEN)", "", 0, runServe},
	{"serve-http", "serve Discord's HTTP interactions endpoint (needs DISCORD_PUBLIC_KEY)", "[--addr HOST:PORT]", flagAddr, runServeHTTP},
	{"register", "register the slash commands, globally or in one server (needs DISCORD_TOKEN)", "[--guild ID]", flagGuild, runRegister},
	{"stats", "print the usage statistics kept in Redis (needs REDIS_URL)", "[--json] [--guild ID] [--window 24h|7d|all] [--lang fr|en]", flagJSON | flagGuild | flagLang | flagWindow, runStats},
	{"worksheet", "write a printable worksheet for a class: the passages, comprehension questions, discussion prompts, a glossary and an answer key on a page of its own", "[--lang fr|en] [--exchange N] [--level secondary|university] [--key page|none|only] [--format md|html]", flagLang | flagSheet, runWorksheet},
	{"health", "ask a running bot's /readyz: exit 0 when ready or degraded, 1 otherwise (for container health checks)", "[--addr HOST:PORT]", flagAddr, runHealth},
	{"version", "print the version, the commit and the Go release it was built with", "", 0, runVersion},
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
		return runVersion(ctx, e, nil)
	}
	for _, c := range commands {
		if c.name == args[0] {
			cl, err := parse(c, args[1:], stdout, stderr)
			if err != nil || cl == nil {
				return err
			}
			return c.run(ctx, e, cl)
		}
	}
	if strings.HasPrefix(args[0], "-") {
		return usagef("flags go after the command: interviewbot COMMAND %s …; run 'interviewbot help'", args[0])
	}
	return usagef("unknown command %q; run 'interviewbot help'", args[0])
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

// cmdline holds the flags every command understands; each command reads
// the ones it uses.
type cmdline struct {
	json, stdin, verbose bool
	extractive           bool
	k                    int
	lang                 string
	corpus               string
	addr, guild, window  string
	exchange             int
	format, level, key   string
	args                 []string
}

// parse reads flags anywhere among the words, so that
// `ask Pourquoi ? --json` works; "--" ends the flags. A nil cmdline with
// a nil error means --help was printed.
func parse(c command, args []string, stdout, stderr io.Writer) (*cmdline, error) {
	cl := &cmdline{}
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cl.corpus, "corpus", "", "load the interview from `FILE` instead of the embedded one")
	if c.flags&flagJSON != 0 {
		fs.BoolVar(&cl.json, "json", false, "write JSON")
	}
	if c.flags&flagStdin != 0 {
		fs.BoolVar(&cl.stdin, "stdin", false, "read one query per line and write one JSON object per line")
	}
	if c.flags&flagLang != 0 {
		usage := "answer in `LANG` (fr or en) instead of the question's language; the question is still read in its own"
		switch c.name {
		case "worksheet":
			usage = "write in `LANG` (fr or en; default fr)"
		case "topics", "stats":
			usage = "write in `LANG` (fr or en) only, instead of both"
			if c.name == "stats" {
				usage = "write in `LANG` (fr or en) instead of English"
			}
		case "search":
			usage = "report `LANG` (fr or en) as the language to answer in; the query is still read in its own"
		}
		fs.StringVar(&cl.lang, "lang", "", usage)
	}
	if c.flags&flagK != 0 {
		fs.IntVar(&cl.k, "k", 3, "return at most `N` passages")
	}
	if c.flags&flagExtractive != 0 {
		fs.BoolVar(&cl.extractive, "extractive", false, "quote the interview without the LLM, even if one is configured")
	}
	if c.flags&flagAddr != 0 {
		usage, def := "listen on `HOST:PORT`; use :8080 to accept connections from other hosts", "127.0.0.1:8080"
		if c.name == "health" {
			usage, def = "the bot's listener, `HOST:PORT` (default METRICS_ADDR if set, else 127.0.0.1:8080)", ""
		}
		fs.StringVar(&cl.addr, "addr", def, usage)
	}
	if c.flags&flagGuild != 0 {
		usage := "register in the server with this `ID` only (instant) instead of globally"
		if c.name == "stats" {
			usage = "the server with this `ID` instead of all servers"
		}
		fs.StringVar(&cl.guild, "guild", "", usage)
	}
	if c.flags&flagWindow != 0 {
		fs.StringVar(&cl.window, "window", "all", "count the last 24h, the last 7d, or all time (`WINDOW`); declined questions are kept STATS_RETENTION at most")
	}
	if c.flags&flagSheet != 0 {
		fs.IntVar(&cl.exchange, "exchange", 0, "exchange `N` alone (1–8) instead of the whole interview")
		fs.StringVar(&cl.format, "format", "md", "the `FORMAT`: md (Markdown), or html to print from a browser")
		fs.StringVar(&cl.level, "level", "", "only the questions and prompts for `LEVEL`: secondary or university (default both)")
		fs.StringVar(&cl.key, "key", "page", "the answer key (`WHERE`): page (on a page of its own), none (the students' copy) or only (the teacher's)")
	}
	if c.flags&flagVerbose != 0 {
		fs.BoolVar(&cl.verbose, "v", false, "list every question that missed")
	}
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: interviewbot %s %s\n\n%s.\n\nFlags:\n", c.name, c.args, capitalize(c.summary))
			printFlags(stdout, fs)
			return nil, nil
		}
		if err != nil {
			return nil, usagef("%s: %v (see 'interviewbot %s --help')", c.name, err, c.name)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			cl.args = append(cl.args, rest...)
			break
		}
		cl.args = append(cl.args, rest[0])
		args = rest[1:]
	}
	if cl.k < 1 && c.flags&flagK != 0 {
		return nil, usagef("%s: -k must be at least 1", c.name)
	}
	return cl, nil
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// interview loads --corpus, or the embedded interview.
func (c *cmdline) interview() (*corpus.Interview, error) {
	if c.corpus == "" {
		return corpus.Default(), nil
	}
	return corpus.Open(c.corpus)
}

func (c *cmdline) query(text string) (retrieval.Query, error) {
	q := retrieval.Query{Text: text, K: c.k}
	if c.lang != "" {
		lang, err := retrieval.ParseLanguage(c.lang)
		if err != nil {
			return q, usagef("--lang: %v", err)
		}
		q.Lang = lang
	}
	return q, nil
}

// each runs fn on the question from the command line or, with --stdin, on
// every input line, writing one JSON object per line. A line that cannot
// be answered gets an object with an "error" instead, so output lines
// stay aligned with input lines.
func (c *cmdline) each(e env, key string, fn func(q retrieval.Query) (any, error)) error {
	if !c.stdin {
		if len(c.args) == 0 {
			return usagef("no %s given", key)
		}
		q, err := c.query(strings.Join(c.args, " "))
		if err != nil {
			return err
		}
		out, err := fn(q)
		if errors.Is(err, answer.ErrEmptyQuestion) || errors.Is(err, answer.ErrQuestionTooLong) {
			return usageError{err.Error()}
		}
		if err != nil {
			return err
		}
		return c.write(e, out)
	}
	if len(c.args) > 0 {
		return usagef("--stdin reads questions from standard input; drop the words after the command")
	}
	// One write per line would cost a system call per question: buffer,
	// and flush when the input has nothing more ready, so that a caller
	// feeding one question at a time still gets each answer at once.
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	var buf []byte
	r := bufio.NewReaderSize(e.stdin, maxLine)
	for {
		line, err := readLine(r)
		if line != "" {
			text := strings.TrimRight(line, "\r\n")
			var out any
			if errors.Is(err, errLineTooLong) {
				// Not read whole, so not echoed whole either.
				out, err = map[string]string{key: truncateRunes(text, 100), "error": answer.ErrQuestionTooLong.Error()}, nil
			} else {
				q, qerr := c.query(text)
				if qerr != nil {
					return qerr
				}
				var ferr error
				if out, ferr = fn(q); ferr != nil {
					out = map[string]string{key: text, "error": ferr.Error()}
				}
			}
			var werr error
			if l, ok := out.(jsonLine); ok {
				buf = l.appendJSON(buf[:0])
				_, werr = w.Write(buf)
			} else {
				werr = enc.Encode(out)
			}
			if werr != nil {
				return fmt.Errorf("writing output: %w", werr)
			}
			if r.Buffered() == 0 {
				if werr := w.Flush(); werr != nil {
					return fmt.Errorf("writing output: %w", werr)
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading standard input: %w", err)
		}
	}
}

// maxLine bounds a line of --stdin. A question is at most
// answer.MaxQuestionLen characters; a longer line is answered with an
// error, and only its start is kept.
const maxLine = 64 << 10

var errLineTooLong = errors.New("line too long")

// readLine returns the next line of r with its newline. A line longer
// than r's buffer is returned cut, with errLineTooLong, and the rest of
// it is skipped.
func readLine(r *bufio.Reader) (string, error) {
	line, err := r.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return string(line), err
	}
	head := string(line)
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = r.ReadSlice('\n')
	}
	if err != nil && err != io.EOF {
		return head, err
	}
	return head, errLineTooLong
}

// truncateRunes cuts s to at most n runes, with "…" when it cut.
func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// write prints v as JSON with --json, or its text otherwise.
func (c *cmdline) write(e env, v any) error {
	if c.json {
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
