package answer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The checks of a model's prose: what it may contain, which of our
// labels it must not imitate, and which names it must not bring in. A
// model's reply is hostile input: the prose is shown only when it passes
// every one, and only our code renders a quote.

// maxProse bounds the model's text shown to users, in runes.
const maxProse = 1200

// quoteMarks are quotation devices, named in the log when prose uses
// one; checkProse refuses them and anything else it does not allow.
const quoteMarks = "«»“”„‟\"＂‹›‘‚「」『』〝〞〟❝❞❛❜⹂〃″ˮ《》≪≫＇‛״❮❯🙶🙷🙸"

// IsQuoteMark reports whether r is a quotation mark, or passes for one:
// an echo of a user's text turns them into plain apostrophes.
func IsQuoteMark(r rune) bool {
	return strings.ContainsRune(quoteMarks, r) || unicode.In(r, unicode.Pi, unicode.Pf)
}

// checkMarks are the marks we put on verified quotes, and lookalikes.
const checkMarks = "✓✔☑✅🗸🗹🮱√"

// translationLabels open our translations' lines: "Translation (ours".
var translationLabels = []string{"traduction (", "translation ("}

// links are what starts a link.
var links = []string{"://", "www.", "discord.gg"}

// proseMarks is the punctuation prose may use, besides apostrophes
// inside words.
const proseMarks = " .,;:!?()%-–—/&+=€$£°…"

// checkProse returns why prose, cleaned (see cleanProse), cannot be shown,
// or nil. It allows Latin letters, digits and plain punctuation only, so
// that no quotation mark, check mark or lookalike of either, of any
// script, can make it look like a quote; nor our labels' words, however
// spelt, nor a link. Only our code renders a quote, and only from a
// verified citation.
func checkProse(prose string) (reason string, err error) {
	for i, r := range prose {
		switch {
		case proseRune(r):
		case (r == '\'' || r == '’') && !opensQuote(prose, i):
		case IsQuoteMark(r), r == '\'' || r == '’':
			return "quotation marks in prose", fmt.Errorf("prose quotes with %q: %.200q", r, prose)
		case strings.ContainsRune(checkMarks, r):
			return "prose imitates a verified quote", fmt.Errorf("prose has the mark %q: %.200q", r, prose)
		default:
			return "unexpected character in prose", fmt.Errorf("prose has %U %q: %.200q", r, r, prose)
		}
	}
	if from, to, ok := findLabel(foldWords(prose)); ok {
		return "prose imitates a verified quote", fmt.Errorf("prose has the label %q: %.200q", prose[from:to], prose)
	}
	folded := foldLookalikes(prose)
	for _, l := range translationLabels {
		if strings.Contains(folded, l) {
			return "prose imitates a verified quote", fmt.Errorf("prose has the label %q: %.200q", l, prose)
		}
	}
	for _, l := range links {
		if strings.Contains(folded, l) {
			return "link in prose", fmt.Errorf("prose links (%q): %.200q", l, prose)
		}
	}
	return "", nil
}

// proseRune reports whether r may stand anywhere in prose: an ASCII
// letter or digit, a letter of the Latin-1 and Latin Extended blocks
// (é, ç, œ), or plain punctuation. Fullwidth, mathematical and
// other-script lookalikes of letters are not.
func proseRune(r rune) bool {
	switch {
	case r < 0x80:
		return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(proseMarks, r)
	case r >= 0xC0 && r <= 0x24F, r >= 0x1E00 && r <= 0x1EFF:
		return unicode.IsLetter(r)
	}
	return strings.ContainsRune(proseMarks, r)
}

// opensQuote reports whether the apostrophe at byte i of s opens a quote:
// nothing precedes it but a non-letter (a space, a colon, a bracket) and
// something follows. An apostrophe inside a word (l’espionnage,
// Microsoft's) or after one (states') does not.
func opensQuote(s string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	_, size := utf8.DecodeRuneInString(s[i:])
	return (i == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev)) && i+size < len(s)
}

// cleanProse makes the model's text plain before it is checked: one
// paragraph, with no Markdown, no control or invisible characters. The
// templates put it after a label on its line, so nothing it starts with
// is a line's start (a list, a heading, a quote block).
func cleanProse(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r): // bidi overrides, zero-width characters
			return -1
		case strings.ContainsRune("*_~|`[]<>#\\", r): // Markdown: emphasis, spoilers, code, links, headings, escapes
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// shownProse is the checked prose as shown, cut to maxProse. It has no
// mention to break: checkProse allows no "@" nor "<".
func shownProse(s string) string {
	if r := []rune(s); len(r) > maxProse {
		s = string(r[:maxProse-1]) + "…"
	}
	return s
}
