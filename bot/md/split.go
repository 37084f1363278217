package md

import (
	"strings"
	"unicode/utf8"
)

// Split cuts text into messages of at most limit characters. It cuts
// between blocks (paragraphs) first, then between lines, so a quote and
// its translation stay whole; only a single line longer than the limit
// is cut, between sentences, and each piece is still a verbatim run.
func Split(text string, limit int) []string {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) <= limit {
		return []string{text}
	}
	var out []string
	var cur strings.Builder
	curLen := 0
	add := func(piece, sep string) {
		n := utf8.RuneCountInString(piece)
		if curLen > 0 && curLen+utf8.RuneCountInString(sep)+n > limit {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
			curLen = 0
		}
		if curLen > 0 {
			cur.WriteString(sep)
			curLen += utf8.RuneCountInString(sep)
		}
		cur.WriteString(piece)
		curLen += n
	}
	for _, block := range strings.Split(text, "\n\n") {
		if utf8.RuneCountInString(block) <= limit {
			add(block, "\n\n")
			continue
		}
		for i, entry := range entries(block) {
			sep := "\n"
			if i == 0 {
				sep = "\n\n"
			}
			if utf8.RuneCountInString(entry) <= limit {
				add(entry, sep) // an entry stays whole: its "  ↳" line with it
				continue
			}
			for _, line := range strings.Split(entry, "\n") {
				for _, piece := range splitLine(line, limit) {
					add(piece, sep)
					sep = "\n"
				}
			}
		}
	}
	if curLen > 0 {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

// splitLine cuts an overlong line after sentence ends (". ", "? ", "! ")
// into pieces of at most limit characters; a sentence longer than the
// limit, which no interview has, is cut at a space, or at the limit.
func splitLine(line string, limit int) []string {
	var out []string
	for utf8.RuneCountInString(line) > limit {
		cut := cutPoint(line, limit)
		out = append(out, strings.TrimRight(line[:cut], " "))
		line = strings.TrimLeft(line[cut:], " ")
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// cutPoint returns the byte offset at which to cut line so that the first
// piece holds at most limit characters and ends a sentence if it can.
func cutPoint(line string, limit int) int {
	maxByte, n := len(line), 0
	for i := range line {
		if n == limit {
			maxByte = i
			break
		}
		n++
	}
	head := line[:maxByte]
	for _, end := range []string{". ", "? ", "! ", "; ", ", ", " "} {
		if i := strings.LastIndex(head, end); i > 0 {
			return i + len(end) - 1
		}
	}
	return maxByte
}

// Truncate shortens s to at most n characters, at a word if it can.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// entries returns the lines of block, each with the indented lines that
// follow it ("  ↳ the newspaper, introduction"), which belong to it.
func entries(block string) []string {
	var out []string
	for _, line := range strings.Split(block, "\n") {
		if len(out) > 0 && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) {
			out[len(out)-1] += "\n" + line
			continue
		}
		out = append(out, line)
	}
	return out
}
