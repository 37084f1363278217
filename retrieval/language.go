package retrieval

import "github.com/interviewbot/interviewbot/lang"

// Language is the language of a question or a reply (see package lang).
type Language = lang.Language

// The two languages of the bot: the interview's and its translation's.
const (
	French  = lang.French
	English = lang.English
)

// ParseLanguage reads "fr" or "en" (see lang.Parse).
func ParseLanguage(s string) (Language, error) { return lang.Parse(s) }

// mixedEvidence is how many signs of each language make a question
// written in both ("So l'appel de Paris, what does he think of it?", "il
// dit quoi about spying?"). One of each is enough: reading a question as
// mixed only sets aside, on each side, the words the other language
// alone has.
const mixedEvidence = 1
