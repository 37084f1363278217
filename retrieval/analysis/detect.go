package analysis

import (
	"bytes"
	"sync"
	"unicode"

	"github.com/interviewbot/interviewbot/lang"
)

// functionWords are, by language, the function words frequent in
// questions and rare in the other language (data/function_*.txt).
var functionWords = sync.OnceValue(func() [2]map[string]bool {
	return [2]map[string]bool{loadWordList("data/function_fr.txt"), loadWordList("data/function_en.txt")}
})

// DetectLanguage guesses whether a question is French or English from its
// function words, accents and elisions, over the words of the analysis
// pipeline's first step (lang.SplitWords). sure is false when the
// evidence is tied, as for a single name ("WannaCry"); the guess is then French, the
// interview's language, and callers should prefer a hint such as the
// user's Discord locale.
func DetectLanguage(q string) (l lang.Language, sure bool) {
	return LanguageFrom(LanguageEvidence(q))
}

// LanguageFrom is the language that fr and en signs of each tell, as
// DetectLanguage reads them.
func LanguageFrom(fr, en int) (l lang.Language, sure bool) {
	switch {
	case en > fr:
		return lang.English, true
	case fr > en:
		return lang.French, true
	}
	return lang.French, false
}

// LanguageEvidence counts the signs of French and of English in q: its
// function words, accented letters and elisions.
func LanguageEvidence(q string) (fr, en int) {
	words := functionWords()
	lang.SplitWords(q, func(w []byte, accents int) {
		fr += accents
		w = bytes.TrimFunc(w, func(r rune) bool { return r == '\'' || unicode.IsDigit(r) }) // "is2", "2018's"
		if i := bytes.IndexByte(w, '\''); i > 0 && i <= 6 {
			// l'entreprise, qu'il: French elision; don't, it's: English.
			// A longer head is a word of its own (aujourd'hui).
			if lang.IsElision(w[:i+1]) {
				fr++
			} else {
				en++
			}
			return
		}
		if words[0][string(w)] {
			fr++
		}
		if words[1][string(w)] {
			en++
		}
	})
	return fr, en
}
