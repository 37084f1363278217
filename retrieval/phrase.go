package retrieval

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
)

// A request for a translation ("what does 'premiers intervenants' mean in
// English?", "comment traduire « approche pluriacteurs » ?") quotes the
// French words it wants translated: they are looked for in the whole
// text, the journalist's questions and the introduction included, and
// the hit is the sentence that holds them (Hit.Span).

// minPhraseWords is the fewest words a quoted phrase is looked up by: a
// single word is found almost anywhere.
const minPhraseWords = 2

// quotedPhrases returns the spans of q between quotation marks: « »,
// “ ”, "…", and '…' when the marks stand apart from words (an apostrophe
// inside "l'oppression" is not one).
func quotedPhrases(q string) []string {
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
	if s, ok := singleQuoted(q); ok {
		out = append(out, s)
	}
	return out
}

// singleQuoted returns the span of q between a ' that opens (at the
// start, or after a space or bracket) and the last ' that closes (at the
// end, or before a space or punctuation).
func singleQuoted(q string) (string, bool) {
	open := -1
	for i, r := range q {
		if r == '\'' || r == '‘' {
			if prev, _ := utf8.DecodeLastRuneInString(q[:i]); i == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([", prev) {
				open = i + utf8.RuneLen(r)
				break
			}
		}
	}
	if open < 0 {
		return "", false
	}
	for i := len(q); i > open; {
		r, size := utf8.DecodeLastRuneInString(q[:i])
		i -= size
		if r != '\'' && r != '’' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(q[i+size:])
		if i+size == len(q) || unicode.IsSpace(next) || unicode.IsPunct(next) {
			return strings.TrimSpace(q[open:i]), i > open
		}
	}
	return "", false
}

// withoutQuoted returns q without the spans quotedPhrases finds.
func withoutQuoted(q string) string {
	for _, p := range quotedPhrases(q) {
		if p != "" {
			q = strings.Replace(q, p, " ", 1)
		}
	}
	return q
}

// phraseHits returns, for each phrase of minWords words or more quoted in
// q, the paragraph and the sentence (or run of two) that holds it, each
// once, in the order quoted; missing is true when a phrase is nowhere.
func (ix *Index) phraseHits(q string, minWords int) (out []Hit, missing bool) {
	for _, phrase := range quotedPhrases(q) {
		want := foldPhrase(phrase)
		if len(strings.Fields(want)) < minWords {
			continue
		}
		p, from, to, translated, ok := findPhrase(ix.iv, want)
		if !ok {
			missing = true
			continue
		}
		h := Hit{Paragraph: p, Score: 1, Coverage: 1, Span: [2]int{from, to}, Translated: translated}
		if !slices.ContainsFunc(out, func(o Hit) bool { return o.Paragraph == p && o.Span == h.Span }) {
			out = append(out, h)
		}
	}
	return out, missing
}

// findPhrase returns the first paragraph of iv, and its sentence or run
// of two sentences [from, to), whose words hold want (foldPhrase): in
// the French text, or else in our English translation ("traduis en
// français 'we are part of the battlefield'"), then translated is true.
func findPhrase(iv *corpus.Interview, want string) (p *corpus.Paragraph, from, to int, translated, ok bool) {
	for side, sentences := range []func(*corpus.Paragraph) []string{
		func(p *corpus.Paragraph) []string { return p.FR },
		func(p *corpus.Paragraph) []string { return p.EN },
	} {
		for span := 1; span <= 2; span++ { // a sentence that holds it, before a run of two
			for i := range iv.Paragraphs {
				p := &iv.Paragraphs[i]
				ss := sentences(p)
				for s := 0; s+span <= len(ss); s++ {
					if strings.Contains(foldPhrase(strings.Join(ss[s:s+span], " ")), want) {
						return p, s, s + span, side == 1, true
					}
				}
			}
		}
	}
	return nil, 0, 0, false, false
}

// foldPhrase folds text for finding a phrase in it: lower case, one kind
// of apostrophe, no quotation marks, single spaces.
func foldPhrase(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case strings.ContainsRune("’‘ʼ′`´", r):
			r = '\''
		case strings.ContainsRune("«»“”„\"", r):
			continue
		case unicode.IsSpace(r):
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
