package classroom

import (
	"bytes"
	"testing"

	"github.com/interviewbot/interviewbot/lang"
)

// minStemLetters is the shortest word counted as content: shorter ones
// are mostly articles, pronouns and prepositions ("les", "with").
const minStemLetters = 5

// functionWords are words of five letters or more that carry no
// content, in either language: sharing one with the text tells a student
// nothing. Ours, listed from the choices and the interview's sentences.
var functionWords = map[string]bool{
	"entre": true, "notre": true, "votre": true, "leurs": true, "cette": true,
	"comme": true, "aussi": true, "avant": true, "depuis": true, "elles": true,
	"parce": true, "quand": true, "lorsque": true, "selon": true, "toute": true,
	"toutes": true, "their": true, "there": true, "which": true, "these": true,
	"those": true, "other": true, "about": true, "would": true, "could": true,
	"should": true, "where": true, "while": true, "being": true, "after": true,
	"before": true,
}

// stems returns the content words of s, each as the first five letters
// of its fold (case and accents, a French elision cut): "gouvernements"
// and "Gouvernement" are one stem, "l’artillerie" is "artil".
func stems(s string) map[string]bool {
	out := map[string]bool{}
	lang.SplitWords(s, func(w []byte, _ int) {
		tok := lang.Fold(bytes.Clone(w))
		tok = lang.DropApostrophes(lang.CutElision(tok))
		if len([]rune(string(tok))) < minStemLetters || functionWords[string(tok)] {
			return
		}
		out[string([]rune(string(tok))[:minStemLetters])] = true
	})
	return out
}

// shared counts the stems of choice that the cited text has.
func shared(choice string, text map[string]bool) int {
	n := 0
	for s := range stems(choice) {
		if text[s] {
			n++
		}
	}
	return n
}

func TestStems(t *testing.T) {
	tt := []struct {
		name, in string
		want     []string
	}{
		{"short words out", "les gouvernements et la loi", []string{"gouve"}},
		{"case and accents", "Sécurité SECURITE", []string{"secur"}},
		{"elision cut", "l’artillerie d'Europe", []string{"artil", "europ"}},
		{"function word out", "between their borders", []string{"betwe", "borde"}},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			got := stems(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("stems(%q) = %v; want %v", tc.in, got, tc.want)
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("stems(%q) = %v; want %v", tc.in, got, tc.want)
				}
			}
		})
	}
}

// TestRightChoiceParaphrases: the right choice of a comprehension item
// shares no more content words with the cited sentences than the best
// wrong choice does, give or take one, in each language: a student who
// matches words with the text instead of reading it guesses no better.
func TestRightChoiceParaphrases(t *testing.T) {
	m := load(t)
	var items, over int
	for _, c := range m.ComprehensionQuestions(0) {
		for _, l := range []lang.Language{lang.French, lang.English} {
			text := stems(c.Quote.In(l))
			right := shared(c.Choices[0].In(l), text)
			wrong := 0
			for _, ch := range c.Choices[1:] {
				wrong = max(wrong, shared(ch.In(l), text))
			}
			items++
			if right > wrong+1 {
				over++
				t.Errorf("%s (%s): the right choice %q shares %d words with the text, the best wrong one %d; want at most %d",
					c.ID, l, c.Choices[0].In(l), right, wrong, wrong+1)
			}
		}
	}
	t.Logf("%d of %d items×languages have a right choice that copies the text more than its distractors", over, items)
}

// maxRightLonger is how much longer than the longest wrong choice the
// right one may be: a student who picks the longest, most qualified
// choice should guess no better than chance.
const maxRightLonger = 1.25

// TestRightChoiceNotLongest: in each language, the right choice of a
// comprehension item is at most a quarter longer than its longest wrong
// one, and is the longest choice in no more than two items in five (with
// three choices, chance is one in three).
func TestRightChoiceNotLongest(t *testing.T) {
	m := load(t)
	items := m.ComprehensionQuestions(0)
	for _, l := range []lang.Language{lang.French, lang.English} {
		longest := 0
		for _, c := range items {
			right, wrong := len([]rune(c.Choices[0].In(l))), 0
			for _, ch := range c.Choices[1:] {
				wrong = max(wrong, len([]rune(ch.In(l))))
			}
			if right >= wrong {
				longest++
			}
			if float64(right) > maxRightLonger*float64(wrong) {
				t.Errorf("%s (%s): the right choice %q has %d characters, the longest wrong one %d; want at most %.0f",
					c.ID, l, c.Choices[0].In(l), right, wrong, maxRightLonger*float64(wrong))
			}
		}
		if 5*longest > 2*len(items) {
			t.Errorf("%s: the right choice is the longest in %d of %d items; want at most two in five", l, longest, len(items))
		}
		t.Logf("%s: the right choice is the longest in %d of %d items", l, longest, len(items))
	}
}
