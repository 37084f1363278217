package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minContextWords is the length from which a message may hold context
// before its question: a question alone is rarely longer than a dozen
// words, and two sentences of context and a question seldom shorter.
const minContextWords = 18

// LastQuestion returns the last sentence of a long message of several,
// the last one asking (with "?") if any, or "".
func LastQuestion(text string) string {
	if tails := LastQuestions(text); len(tails) > 0 {
		return tails[0]
	}
	return ""
}

// LastQuestions returns, for a long message of several sentences, its
// last question (as LastQuestion) and, if a sentence comes before it,
// the two together; or nothing.
func LastQuestions(text string) []string {
	if countWords(text) < minContextWords {
		return nil
	}
	var sents []string
	start := 0
	for i, r := range text {
		if !sentenceEnd(text, i, r) {
			continue
		}
		if s := strings.TrimSpace(text[start : i+1]); len(strings.Fields(s)) >= 2 {
			sents = append(sents, s)
		}
		start = i + 1
	}
	if s := strings.TrimSpace(text[start:]); len(strings.Fields(s)) >= 2 {
		sents = append(sents, s)
	}
	if len(sents) < 2 {
		return nil
	}
	last := len(sents) - 1
	for i := last; i >= 0; i-- {
		if strings.HasSuffix(sents[i], "?") {
			last = i
			break
		}
	}
	tails := []string{sents[last]}
	if last > 0 {
		tails = append(tails, sents[last-1]+" "+sents[last])
	}
	return tails
}

// sentenceEnd reports whether rune r at byte i of text ends a sentence:
// a line break, or ".", "?" or "!" before a space or the end, unless the
// word it ends is one letter ("M. Smith") or the dot is inside a word
// ("lemonde.fr", "2.0").
func sentenceEnd(text string, i int, r rune) bool {
	switch r {
	case '\n':
		return true
	case '.', '?', '!':
	default:
		return false
	}
	if i+1 < len(text) && !unicode.IsSpace(rune(text[i+1])) {
		return false
	}
	if r == '.' {
		word := text[strings.LastIndexFunc(text[:i], unicode.IsSpace)+1 : i]
		return utf8.RuneCountInString(word) > 1
	}
	return true
}

// countWords counts the runs of text between spaces.
func countWords(text string) int {
	n, in := 0, false
	for _, r := range text {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
