package analysis

import (
	"strings"
	"unicode"

	"github.com/interviewbot/interviewbot/lang"
)

// NameKind says how a word was written as a name.
type NameKind uint8

// The ways of writing a name.
const (
	NameWord     NameKind = 1 + iota // "Huawei", "5G"
	NameCapitals                     // "RGPD", "US"
)

// WrittenNames returns the folded tokens of the words of text written as
// names, with how each was written:
// capitalised other than first in a sentence ("Huawei", "Tim Cook"), in
// capitals ("RGPD", "NSA"), or mixing letters and digits ("5G", "W11").
// A question typed in lower case has none, and loses nothing; nor does
// one shouted in capitals ("DEMOCRATIE EN DANGER ???"), whose capitals
// mark no name.
func (a *Analyzer) WrittenNames(text string) NameSet {
	shouted := !strings.ContainsFunc(text, unicode.IsLower) && len(strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })) >= 3
	var out NameSet
	first := true
	start := -1
	var upper, lower, digit int
	var leadUpper bool
	end := func(i int) {
		if start < 0 {
			return
		}
		var kind NameKind
		switch {
		case upper >= 2 && lower == 0 && !shouted:
			kind = NameCapitals
		case leadUpper && !first && lower > 0, digit > 0 && upper+lower > 0:
			kind = NameWord
		}
		first = false
		if kind != 0 {
			for _, t := range a.Tokens(text[start:i], nil) {
				out = append(out, Name{t, kind})
			}
		}
		start, upper, lower, digit, leadUpper = -1, 0, 0, 0, false
	}
	for i, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !lang.IsApostrophe(r) && r != '-' {
			end(i)
			if r == '.' || r == '?' || r == '!' {
				first = true // "Quick one. Thoughts on elections?"
			}
			continue
		}
		if start < 0 {
			start = i
			leadUpper = unicode.IsUpper(r)
		}
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case unicode.IsDigit(r):
			digit++
		}
	}
	end(len(text))
	return out
}

// Names returns the folded tokens of the words of text written as names,
// as a set: capitalised other than first in a sentence, in capitals
// (unless the whole text is shouted), or mixing letters and digits.
func (a *Analyzer) Names(text string) map[string]bool {
	out := make(map[string]bool)
	for _, e := range a.WrittenNames(text) {
		out[e.Tok] = true
	}
	return out
}

// NameSet is the few names of a question, with how each was written.
type NameSet []Name

// Name is a word written as a name: its folded token, and how.
type Name struct {
	Tok  string
	Kind NameKind
}

// Kind returns how tok was written as a name, or 0.
func (ns NameSet) Kind(tok string) NameKind {
	for _, e := range ns {
		if e.Tok == tok {
			return e.Kind
		}
	}
	return 0
}

// HasCapitalsRun reports whether text has two capital letters in a row,
// as an acronym does.
func HasCapitalsRun(text string) bool {
	prev := false
	for _, r := range text {
		up := unicode.IsUpper(r)
		if up && prev {
			return true
		}
		prev = up
	}
	return false
}
