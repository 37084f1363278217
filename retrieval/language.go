package retrieval

import (
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Language is the language of a question or a reply (see package lang).
type Language = lang.Language

// The two languages of the bot: the interview's and its translation's.
const (
	French  = lang.French
	English = lang.English
)

// ParseLanguage reads "fr" or "en" (see lang.Parse).
func ParseLanguage(s string) (Language, error) { return lang.Parse(s) }

func langSlot(l Language) int {
	if l == English {
		return 1
	}
	return 0
}

func other(l Language) Language {
	if l == French {
		return English
	}
	return French
}

// mixedEvidence is how many signs of each language make a question
// written in both ("So l'appel de Paris, what does he think of it?", "il
// dit quoi about spying?"). One of each is enough: reading a question as
// mixed only sets aside, on each side, the words the other language
// alone has.
const mixedEvidence = 1

// QuestionLanguage returns the language a question is written in: told
// by its function words and accents or, failing those, by the words it
// shares with each side of the interview. sure is false when neither
// tells; the language is then French.
func (ix *Index) QuestionLanguage(text string) (l Language, sure bool) {
	fr, en := analysis.LanguageEvidence(text)
	return ix.languageOf(text, fr, en)
}

// languageOf is QuestionLanguage given the signs of each language in
// text.
func (ix *Index) languageOf(text string, fr, en int) (l Language, sure bool) {
	if l, sure = analysis.LanguageFrom(fr, en); sure {
		return l, true
	}
	return ix.vocabularyLanguage(text)
}

// vocabularyLanguage guesses the language of a question that has no
// function words to tell ("submarine cables") from the words it shares
// with each side of the interview and with each language's word lists.
// sure is false on a tie.
func (ix *Index) vocabularyLanguage(text string) (l Language, sure bool) {
	var n [2]int
	fr, en := ix.langs[langSlot(French)], ix.langs[langSlot(English)]
	for _, t := range fr.an.Tokens(text, make([]string, 0, 16)) {
		inFR, inEN := fr.knows(t), en.knows(t)
		switch {
		case inFR && !inEN:
			n[0]++
		case inEN && !inFR:
			n[1]++
		}
	}
	switch {
	case n[0] > n[1]:
		return French, true
	case n[1] > n[0]:
		return English, true
	}
	return French, false
}

// knowsWord reports whether a folded token is a word of this side of the
// interview, as written or by its stem.
func (li *langIndex) knowsWord(tok string) bool {
	if _, ok := li.known[tok]; ok {
		return true
	}
	_, ok := li.ids[li.an.Stem(tok)]
	return ok
}

// knows reports whether a folded token is a word of this side of the
// interview or of its language's word lists.
func (li *langIndex) knows(tok string) bool {
	if _, ok := li.known[tok]; ok {
		return true
	}
	w := li.an.Word(tok)
	return w.Stop || w.Common || w.Framing || w.Chat
}

// otherLanguage reports whether a question's token belongs to the other
// language only: this side of the interview does not have it, and the
// other side has it, or lists it as a stop, framing or chat word.
func (li *langIndex) otherLanguage(t string) bool {
	if w := li.an.Word(t); li.other == nil || w.Stop || w.Framing || li.knowsWord(t) {
		return false
	}
	return li.other.knows(t)
}
