package md

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commandRef is a command as a reply names it: a slash, a name, and
// perhaps a subcommand ("/quiz reset"), after the start of a line, a
// space or an opening mark.
var commandRef = regexp.MustCompile(`(^|[\s(*_>"«“'\x60])(/[\p{L}\p{N}_-]+)( [\p{L}\p{N}_-]+)?`)

// Commands rewrites the commands text names ("/ask", "/quiz reset") with
// names, which maps each to its name in the reader's locale ("/question",
// "/quiz effacer"); the names it does not hold are left as they are.
func Commands(text string, names map[string]string) string {
	if len(names) == 0 || !strings.Contains(text, "/") {
		return text
	}
	var b strings.Builder
	last := 0
	for _, m := range commandRef.FindAllStringSubmatchIndex(text, -1) {
		cmd, end := text[m[4]:m[5]], m[5]
		if m[6] >= 0 && names[cmd+text[m[6]:m[7]]] != "" && wordEnds(text, m[7]) {
			cmd, end = cmd+text[m[6]:m[7]], m[7]
		}
		name, ok := names[cmd]
		if !ok || !wordEnds(text, end) {
			continue
		}
		b.WriteString(text[last:m[4]])
		b.WriteString(name)
		last = end
	}
	b.WriteString(text[last:])
	return b.String()
}

// wordEnds reports whether a word of text ends at i.
func wordEnds(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return i == len(text) || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '/')
}
