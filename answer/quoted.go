package answer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// checkQuoted allows quotation marks in prose only around words that the
// ground (the cited sentences, our translations of them, the question)
// holds as written, white space and letter case aside: a model may quote
// the asker or the interview, never make up words and put them in marks.
func checkQuoted(prose, ground string) (reason string, err error) {
	spans, ok := quotedSpans(prose)
	if !ok {
		return "quotation marks in prose", fmt.Errorf("prose opens a quotation it does not close: %.200q", prose)
	}
	g := " " + strings.Join(strings.Fields(strings.ToLower(foldLookalikes(ground))), " ") + " "
	for _, s := range spans {
		span := strings.Join(strings.Fields(strings.ToLower(foldLookalikes(s))), " ")
		if span != "" && !strings.Contains(g, span) {
			return "quotation marks in prose", fmt.Errorf("prose quotes %q, which its sentences do not say: %.200q", s, prose)
		}
	}
	return "", nil
}

// quotedSpans returns what stands between quotation marks in prose (an
// apostrophe inside a word is not one); ok is false for a mark left
// open.
func quotedSpans(prose string) (spans []string, ok bool) {
	open := -1
	for i, r := range prose {
		if !isProseQuote(prose, i, r, open >= 0) {
			continue
		}
		if open < 0 {
			open = i + utf8.RuneLen(r)
			continue
		}
		spans = append(spans, prose[open:i])
		open = -1
	}
	return spans, open < 0
}

// isProseQuote reports whether r, at i in prose, is a quotation mark:
// any quote mark, or an apostrophe that opens a quotation or, inside
// one, closes it (not one inside a word: l’espionnage, Smith's).
func isProseQuote(prose string, i int, r rune, inside bool) bool {
	if r != '\'' && r != '’' {
		return IsQuoteMark(r)
	}
	if !inside {
		return opensQuote(prose, i)
	}
	next, _ := utf8.DecodeRuneInString(prose[i+utf8.RuneLen(r):])
	return !unicode.IsLetter(next)
}

// withoutQuoteMarks is prose with its quotation marks taken out, once
// checkQuoted has found them around the sentences' own words.
func withoutQuoteMarks(prose string) string {
	var b strings.Builder
	inside := false
	for i, r := range prose {
		if isProseQuote(prose, i, r, inside) {
			inside = !inside
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
