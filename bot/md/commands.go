package md

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// commandRef is a command as a reply names it: a slash, a name, and
// perhaps a subcommand ("/quiz reset"), after the start of a line, a
// space, a parenthesis or a backquote.
var commandRef = regexp.MustCompile(`(^|[\s(\x60])(/[\p{L}\p{N}_-]+)( [\p{L}\p{N}_-]+)?`)

// Commands rewrites the commands the bot's own words in text name ("/ask",
// "/quiz reset") with names, which maps each to its name in the reader's
// locale ("/question", "/quiz effacer"); the names it does not hold are
// left as they are. Words that are not the bot's are left too: a quoted
// line (the interview's words), a question line (the asker's), and what
// stands between quotation marks.
func Commands(text string, names map[string]string) string {
	if len(names) == 0 || !strings.Contains(text, "/") {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, ">") && !strings.HasPrefix(line, "**Question") {
			lines[i] = commandsIn(line, names)
		}
	}
	return strings.Join(lines, "\n")
}

// commandsIn is Commands on one line, outside quotation marks.
func commandsIn(text string, names map[string]string) string {
	quoted := quotedSpans(text)
	var b strings.Builder
	last := 0
	for _, m := range commandRef.FindAllStringSubmatchIndex(text, -1) {
		if quoted(m[4]) {
			continue
		}
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

// quotedSpans reports, of a byte offset of text, whether it stands
// between « and », or “ and ”.
func quotedSpans(text string) func(int) bool {
	var spans [][2]int
	for _, q := range [][2]string{{"«", "»"}, {"“", "”"}} {
		for from := 0; ; {
			i := strings.Index(text[from:], q[0])
			if i < 0 {
				break
			}
			i += from
			j := strings.Index(text[i:], q[1])
			if j < 0 {
				spans = append(spans, [2]int{i, len(text)})
				break
			}
			spans = append(spans, [2]int{i, i + j})
			from = i + j
		}
	}
	return func(at int) bool {
		for _, s := range spans {
			if at > s[0] && at < s[1] {
				return true
			}
		}
		return false
	}
}
