package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/retrieval"
)

// questions are what ask and search answer: the words after the command
// joined into one, or with --stdin every line of standard input.
type questions struct {
	output
	stdin bool
	lang  langFlag
	k     int // search's -k; ask leaves it 0
}

// declare declares --json, --stdin and --lang, the last with langUsage.
func (q *questions) declare(fs *flag.FlagSet, langUsage string) {
	q.output.declare(fs)
	fs.BoolVar(&q.stdin, "stdin", false, "read one query per line and write one JSON object per line")
	q.lang.declare(fs, langUsage)
}

func (q *questions) query(text string) (retrieval.Query, error) {
	l, err := q.lang.or("")
	return retrieval.Query{Text: text, K: q.k, Lang: l}, err
}

// each runs fn on the question from the command line or, with --stdin, on
// every input line, writing one JSON object per line. A line that cannot
// be answered gets an object with an "error" instead, so output lines
// stay aligned with input lines.
func (q *questions) each(e env, args []string, key string, fn func(q retrieval.Query) (any, error)) error {
	if !q.stdin {
		if len(args) == 0 {
			return usagef("no %s given", key)
		}
		qy, err := q.query(strings.Join(args, " "))
		if err != nil {
			return err
		}
		out, err := fn(qy)
		if errors.Is(err, answer.ErrEmptyQuestion) || errors.Is(err, answer.ErrQuestionTooLong) {
			return usageError{err.Error()}
		}
		if err != nil {
			return err
		}
		return q.write(e, out)
	}
	if len(args) > 0 {
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
				qy, qerr := q.query(text)
				if qerr != nil {
					return qerr
				}
				var ferr error
				if out, ferr = fn(qy); ferr != nil {
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
