package bot

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// Discord's limits on what one message carries.
const (
	maxContent     = 2000 // characters of message content
	maxChoices     = 25   // autocomplete choices
	maxChoiceLen   = 100  // characters of a choice's name and value
	maxCustomID    = 100  // characters of a component's custom ID
	maxSelectLabel = 100  // characters of a select option's label
)

// Reply is what the handler answers to one interaction, as the
// transport sends it, and what it amounts to.
type Reply struct {
	transport.Reply
	// outcome is what the reply amounts to, for the log and the metrics.
	outcome outcome
}

// outcome is what a reply amounts to. Result is "answered", "closest",
// "declined" or "meta" for an answer, "shown" for anything else (a
// source, a menu, settings), or, for an error, its kind.
type outcome struct {
	result   string
	exchange int    // the first exchange an answer quotes; 0 if none
	cache    string // an answer's cache status
	lang     string // an answer's language
	// detail holds more attributes for the log line, as key-value pairs.
	detail []any
}

// answerOutcome is the outcome of a reply that is answer a.
func answerOutcome(a answer.Answer) outcome {
	o := outcome{result: "answered", cache: a.Cache, lang: string(a.Language)}
	switch {
	case a.Meta != "":
		o.result = "meta"
	case a.Abstained:
		o.result = "declined"
	case a.Confidence == answer.ConfidenceClosest:
		o.result = "closest"
	}
	if len(a.Citations) > 0 {
		o.exchange = a.Citations[0].Exchange
	}
	return o
}

// suggestions is an autocomplete reply.
func suggestions(choices []*discordgo.ApplicationCommandOptionChoice) *Reply {
	return &Reply{Reply: transport.Reply{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Choices: choices}}
}

// message builds a reply of text split to Discord's limit.
func message(text string, ephemeral bool, components ...discordgo.MessageComponent) *Reply {
	return &Reply{Reply: transport.Reply{
		Type:       discordgo.InteractionResponseChannelMessageWithSource,
		Messages:   split(text, maxContent),
		Components: components,
		Ephemeral:  ephemeral,
	}}
}

// split cuts text into messages of at most limit characters. It cuts
// between blocks (paragraphs) first, then between lines, so a quote and
// its translation stay whole; only a single line longer than the limit
// is cut, between sentences, and each piece is still a verbatim run.
func split(text string, limit int) []string {
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
		for i, line := range strings.Split(block, "\n") {
			sep := "\n"
			if i == 0 {
				sep = "\n\n"
			}
			for _, piece := range splitLine(line, limit) {
				add(piece, sep)
				sep = "\n"
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

// escape neutralises Markdown, mentions, quotation marks (and their
// lookalikes), symbols and our quote labels' words in text a user wrote,
// so that echoing it back cannot format, ping or spoof anything, a
// verified quote least of all. The text is
// echoed within a line, never at its start, so the line-start marks
// (#, >, -) need no escaping.
func escape(s string) string {
	s = answer.MaskLabels(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := ' '
	for i, r := range s {
		if r < utf8.RuneSelf && (r == ' ' || '0' <= r && r <= '9' || 'a' <= r|0x20 && r|0x20 <= 'z') {
			b.WriteByte(byte(r)) // the common case, with nothing to escape
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

// truncate shortens s to at most n characters, at a word if it can.
func truncate(s string, n int) string {
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

// exchangeText renders exchange n (0 for the introduction) in the French
// original and the English translation, each paragraph labelled with whose
// words it holds.
func exchangeText(iv *corpus.Interview, n int, l lang.Language) string {
	var b strings.Builder
	var paras []*corpus.Paragraph
	if n == 0 {
		fmt.Fprintf(&b, "**%s**\n", tr(l, "Introduction de l’article (les mots du journal)", "The article’s introduction (the newspaper’s words)"))
		paras = iv.Intro()
	} else {
		ex, _ := iv.Exchange(n)
		fmt.Fprintf(&b, "**%s %d — %s**\n", tr(l, "Q&R", "Q&A"), n, ex.Topic(l))
		paras = append([]*corpus.Paragraph{ex.Question}, ex.Answers...)
	}
	for _, side := range bothLanguages {
		if side.IsEnglish() {
			fmt.Fprintf(&b, "\n__%s__\n", tr(l, "Traduction anglaise (la nôtre)", "English translation (ours)"))
		} else {
			fmt.Fprintf(&b, "\n__%s__\n", tr(l, "Texte original", "French original"))
		}
		for _, p := range paras {
			text := p.Text()
			if side.IsEnglish() {
				text = p.Translation()
			}
			fmt.Fprintf(&b, "**%s%s** %s\n", speakerLabel(iv, p, l), tr(l, " :", ":"), text)
		}
	}
	return strings.TrimSpace(b.String())
}

func speakerLabel(iv *corpus.Interview, p *corpus.Paragraph, l lang.Language) string {
	switch p.Role {
	case corpus.RoleQuestion:
		return tr(l, "Le journaliste", "Interviewer")
	case corpus.RoleIntro:
		return tr(l, "L’article", "Article")
	}
	return iv.Interviewee
}
