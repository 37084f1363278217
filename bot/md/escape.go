package md

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/answer"
)

// Escape neutralises Markdown, mentions, quotation marks (and their
// lookalikes), symbols and our quote labels' words in text a user wrote,
// so that echoing it back cannot format, ping or spoof anything, a
// verified quote least of all. The text is
// echoed within a line, never at its start, so the line-start marks
// (#, >, -) need no escaping.
func Escape(s string) string {
	s = answer.MaskLabels(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' '
	for i, r := range s {
		if r < utf8.RuneSelf && (r == ' ' || '0' <= r && r <= '9' || 'a' <= r|0x20 && r|0x20 <= 'z') {
			b.WriteByte(byte(r)) // the common case, with nothing to Escape
			prev = r
			continue
		}
		_, width := utf8.DecodeRuneInString(s[i:])
		next, _ := utf8.DecodeRuneInString(s[i+width:])
		inWord := unicode.IsLetter(prev) && unicode.IsLetter(next) // l’entretien
		prev = r
		switch r {
		case '\\', '*', '_', '~', '`', '|', '[', ']', '(', ')', '<', ':':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '@':
			b.WriteString("@\u200b") // a zero-width space keeps @everyone from being read as one
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		default:
			switch {
			case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.So, r):
				// Control and invisible format characters (NUL, ESC,
				// U+202E, zero-width spaces) could hide or reorder what
				// the line shows; symbols (✓, 🗹) could pass for ours.
			case r == '’' && inWord:
				b.WriteRune(r)
			case answer.IsQuoteMark(r):
				// Quotation marks become plain apostrophes: the user's
				// words must not look like a quote of Smith's.
				b.WriteByte('\'')
			default:
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
