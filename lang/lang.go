// Package lang names the two languages of the bot: the interview's,
// French, and its translation's, English. Every package that speaks of a
// reader's or a text's language uses these, so that none needs another's
// internals to do so.
//
// It also says how their words are written (words.go): split, folded and
// stripped of French elisions, the first steps of the analysis, which
// Normalize applies to compare questions. It needs nothing but the
// standard library: word lists and stemming live in retrieval's analysis.
package lang

import (
	"fmt"
	"strings"
)

// Language is French or English.
type Language string

// The two languages.
const (
	French  Language = "fr"
	English Language = "en"
)

// Parse reads "fr" or "en", or the languages' names, in any case.
func Parse(s string) (Language, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fr", "french", "français", "francais":
		return French, nil
	case "en", "english", "anglais":
		return English, nil
	}
	return "", fmt.Errorf("unknown language %q: want fr or en", s)
}

// IsEnglish reports whether l is English.
func (l Language) IsEnglish() bool { return l == English }

// IsFrench reports whether l is French.
func (l Language) IsFrench() bool { return l == French }

// Other returns the other language: French for English, English for French.
func (l Language) Other() Language {
	if l == English {
		return French
	}
	return English
}

// Name is the language's name in English, as prompts spell it out:
// "French" or "English".
func (l Language) Name() string {
	if l == English {
		return "English"
	}
	return "French"
}

// others are the words that name the newspaper or the interviewer, not
// the interviewee, in French and English, folded.
var others = map[string]bool{
	"newspaper": true, "article": true, "journal": true, "journalist": true, "journaliste": true,
	"interviewer": true, "intervieweur": true, "introduction": true, "intro": true, "chapeau": true,
	"redaction": true, "presse": true, "press": true,
}

// NamesOthers reports whether w, a folded word, names the newspaper or
// the interviewer ("journal", "interviewer").
func NamesOthers(w string) bool { return others[w] }

// negations are the words that turn a sentence around, in French and
// English, folded as Fold folds them ("n" is French's n’, "t" English's
// n't, once the apostrophe splits them off).
var negations = map[string]bool{
	"ne": true, "n": true, "pas": true, "jamais": true, "aucun": true, "aucune": true, "rien": true, "nul": true,
	"not": true, "no": true, "never": true, "nobody": true, "none": true, "nothing": true, "cannot": true, "t": true, "neither": true, "nor": true,
}

// IsNegation reports whether w, a folded word, is a negation.
func IsNegation(w string) bool { return negations[w] }
