// Package tsv reads the project's data files: lines of tab-separated
// fields, where blank lines and lines starting with # are skipped, and a
// line's surrounding white space (tabs included) is not part of its
// fields. Every reader of such a file goes through Read, so that all read
// them alike, each can name the line in its errors (Line.N, Line.Errorf),
// and none misses a read error.
package tsv

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// MaxLine bounds a line: the files hold words and sentences.
const MaxLine = 1 << 20

// Line is one line of a data file that is neither blank nor a comment.
type Line struct {
	Name string // the file's, for errors
	N    int    // the line's number, from 1
	// Text is the line without its surrounding spaces; Fields is Text
	// split on tabs.
	Text   string
	Fields []string
}

// Errorf returns an error that names the file and the line.
func (l Line) Errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", l.Name, l.N, fmt.Sprintf(format, args...))
}

// Read calls fn with each line of r that is neither blank nor a
// comment, and stops at fn's first error, which it returns as it is. A
// read error, or a line over MaxLine, is returned naming the file (name)
// and the line.
func Read(r io.Reader, name string, fn func(Line) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if err := fn(Line{Name: name, N: n, Text: text, Fields: strings.Split(text, "\t")}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, n+1, err)
	}
	return nil
}

// ReadString is Read of a file held in a string (an embedded one).
func ReadString(s, name string, fn func(Line) error) error {
	return Read(strings.NewReader(s), name, fn)
}
