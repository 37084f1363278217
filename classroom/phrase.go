package classroom

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// phrases finds a set of phrases in a text, whole (not inside a word),
// in any case, with either apostrophe and any spacing: a glossary term's
// forms, or a fill-the-gap word. (A regexp with Unicode classes did the
// same at 200 µs a compile, and the material has a hundred of them.)
type phrases []string // folded, longest first

func newPhrases(ps []string) (phrases, error) {
	if len(ps) == 0 {
		return nil, fmt.Errorf("no phrases to match")
	}
	out := make(phrases, 0, len(ps))
	for _, p := range ps {
		f, _ := fold(p)
		if f = strings.TrimSpace(f); f == "" {
			return nil, fmt.Errorf("an empty phrase")
		}
		out = append(out, f)
	}
	// Longest first, so that "conventions de Genève" wins over "Genève".
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out, nil
}

// fold lowercases s, writes every apostrophe as ’ and every run of space
// as one space. at[i] is the byte of s that byte i of the result comes
// from, and at[len(result)] is len(s).
func fold(s string) (string, []int) {
	var b strings.Builder
	at := make([]int, 0, len(s)+1)
	space := false
	for i, r := range s {
		switch {
		case unicode.IsSpace(r):
			if space {
				continue
			}
			r, space = ' ', true
		case r == '\'':
			r, space = '’', false
		default:
			r, space = unicode.ToLower(r), false
		}
		n := b.Len()
		b.WriteRune(r)
		for range b.Len() - n {
			at = append(at, i)
		}
	}
	return b.String(), append(at, len(s))
}

// isWord reports whether r is part of a word.
func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// folded is a text and its fold, made once for many phrases.
type folded struct {
	s, f string
	at   []int
}

func newFolded(s string) folded {
	f, at := fold(s)
	return folded{s, f, at}
}

// find returns the byte ranges of s where the phrases occur whole, in
// order, none overlapping another (the earliest wins, then the longest).
func (ps phrases) find(s string) [][2]int { return ps.findIn(newFolded(s)) }

// findIn is find in a text folded already.
func (ps phrases) findIn(t folded) [][2]int {
	s, f, at := t.s, t.f, t.at
	var out [][2]int
	for _, p := range ps {
		for from := 0; ; {
			i := strings.Index(f[from:], p)
			if i < 0 {
				break
			}
			start, end := at[from+i], at[from+i+len(p)]
			before, _ := utf8.DecodeLastRuneInString(s[:start])
			after, _ := utf8.DecodeRuneInString(s[end:])
			if !isWord(before) && !isWord(after) {
				out = append(out, [2]int{start, end})
			}
			from += i + len(p)
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return b[1] - a[1]
	})
	kept := out[:0]
	for _, r := range out {
		if len(kept) == 0 || r[0] >= kept[len(kept)-1][1] {
			kept = append(kept, r)
		}
	}
	return kept
}

// in reports whether one of the phrases occurs whole in s.
func (ps phrases) in(s string) bool { return len(ps.find(s)) > 0 }
