package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The words a question quotes ("did he say 'nous ne faisons pas la loi'?",
// "que veut dire « diplomaties privées » ?") are what it asks to check or
// translate.

// maxPhrases bounds the phrases of one question that are looked for.
const maxPhrases = 5

// QuotedPhrases returns the spans of q between quotation marks: « »,
// “ ”, "…", and '…' when the marks stand apart from words (an apostrophe
// inside "l'oppression" or "states' roles" is not one), maxPhrases at
// most.
func QuotedPhrases(q string) []string {
	var out []string
	for _, pair := range [][2]string{{"«", "»"}, {"“", "”"}, {`"`, `"`}} {
		rest := q
		for {
			i := strings.Index(rest, pair[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(pair[0]):]
			j := strings.Index(rest, pair[1])
			if j < 0 {
				break
			}
			out = append(out, strings.TrimSpace(rest[:j]))
			rest = rest[j+len(pair[1]):]
		}
	}
	out = append(out, singleQuoted(q)...)
	return out[:min(len(out), maxPhrases)]
}

// singleQuoted returns the spans of q between a ' that opens (at the
// start, or after a space or bracket) and the nearest ' after it that
// closes (at the end, or before a space or punctuation).
func singleQuoted(q string) []string {
	var out []string
	open := -1
	for i, r := range q {
		if r != '\'' && r != '‘' && r != '’' {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(q[:i])
		next, _ := utf8.DecodeRuneInString(q[i+utf8.RuneLen(r):])
		end := i+utf8.RuneLen(r) == len(q)
		switch {
		case open >= 0 && i > open && (end || unicode.IsSpace(next) || unicode.IsPunct(next)):
			if s := strings.TrimSpace(q[open:i]); s != "" {
				out = append(out, s)
			}
			open = -1
		case open < 0 && r != '’' && (i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([", prev)):
			open = i + utf8.RuneLen(r)
		}
	}
	return out
}

// WithoutQuoted returns q with phrases, which QuotedPhrases found in it,
// blanked out.
func WithoutQuoted(q string, phrases []string) string {
	for _, p := range phrases {
		if p != "" {
			q = strings.Replace(q, p, " ", 1)
		}
	}
	return q
}
