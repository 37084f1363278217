package answer

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// word is a word of a text, folded by foldLookalikes, with the bytes it
// spans in the text, whether it was written with a capital, or in
// capitals (an acronym: EU, NSA), and whether a sentence ends between it
// and the word before.
type word struct {
	text            string
	from, to        int
	capital, capped bool
	afterStop       bool
	at              int // where its folding starts, while foldWords works
}

// foldWords returns the words of s: runs of letters and digits, once
// folded (so "vérifiée", "verifiee" and "VERIFIÉE" are one word, and
// "word-for-word" three). What folds to nothing, an accent written
// apart or an invisible character, is part of the word it stands in.
func foldWords(s string) []word {
	var (
		out    = make([]word, 0, len(s)/6+1)
		folded = make([]byte, 0, len(s)) // every word's folding, one after the other
		w      word
		in     bool
		stop   bool // a sentence ended since the last word
		buf    [utf8.UTFMax * 4]byte
	)
	end := func(i int) {
		if in {
			w.to, in = i, false
			w.capped = w.capped && utf8.RuneCount(folded[w.at:]) > 1
			out = append(out, w)
		}
	}
	for i, r := range s {
		var f []byte
		if r < utf8.RuneSelf {
			if !('a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9') {
				end(i)
				stop = stop || r == '.' || r == '!' || r == '?' || r == '\n'
				continue
			}
			f = append(buf[:0], byte(unicode.ToLower(r)))
		} else if f = foldRune(buf[:0], r); len(f) == 0 {
			continue
		} else if !isWordByte(f) {
			end(i)
			stop = stop || r == '…' || r == '。'
			continue
		}
		if !in {
			in = true
			w = word{from: i, capital: unicode.IsUpper(r) || unicode.IsTitle(r), afterStop: stop, at: len(folded)}
			w.capped = w.capital
			stop = false
		} else if w.capped && unicode.IsLetter(r) && !unicode.IsUpper(r) {
			w.capped = false
		}
		folded = append(folded, f...)
	}
	end(len(s))
	all := string(folded)
	for k := range out {
		to := len(all)
		if k+1 < len(out) {
			to = out[k+1].at
		}
		out[k].text = all[out[k].at:to]
	}
	return out
}

// isWordByte reports whether the folding of a rune, f, is a letter or a
// digit.
func isWordByte(f []byte) bool {
	r, _ := utf8.DecodeRune(f)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldLookalikes folds s as foldWords folds its words, keeping what is
// between them.
func foldLookalikes(s string) string {
	var (
		out []byte
		buf [utf8.UTFMax * 4]byte
	)
	for _, r := range s {
		out = append(out, foldRune(buf[:0], r)...)
	}
	return string(out)
}

// foldRune appends r folded to dst: its compatibility decomposition
// (NFKD: a ligature, a fullwidth or styled letter becomes plain ones)
// without combining marks (accents), in lower case, with the Latin
// letters that pass for others (ı, ſ, ł, ø) as those others.
func foldRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(dst, byte(unicode.ToLower(r)))
	}
	if s, ok := latinFolds()[r]; ok {
		return append(dst, s...)
	}
	return slowFold(dst, r)
}

// slowFold is foldRune's work, which latinFolds keeps done for the
// letters prose and questions use most.
func slowFold(dst []byte, r rune) []byte {
	if s, ok := lookalikes[unicode.ToLower(r)]; ok {
		return append(dst, s...)
	}
	var in [utf8.UTFMax]byte
	for _, d := range norm.NFKD.String(string(in[:utf8.EncodeRune(in[:], r)])) {
		if unicode.In(d, unicode.Mn, unicode.Me, unicode.Cf) { // accents, and what is not seen
			continue
		}
		d = unicode.ToLower(d)
		if s, ok := lookalikes[d]; ok {
			dst = append(dst, s...)
		} else {
			dst = utf8.AppendRune(dst, d)
		}
	}
	return dst
}

// latinFolds are the foldings of the Latin-1 and Latin Extended letters
// and of Latin Extended Additional (ạ, ẞ), made once, when first needed.
var latinFolds = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{}
	for _, block := range [][2]rune{{0x80, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := block[0]; r <= block[1]; r++ {
			m[r] = string(slowFold(nil, r))
		}
	}
	return m
})

// lookalikes are letters that NFKD leaves alone but that pass for Latin
// ones, and what they pass for: Latin letters with strokes and such, and
// the Greek and Cyrillic letters that look Latin.
var lookalikes = map[rune]string{
	'ı': "i", 'ȷ': "j", 'ſ': "s", 'ł': "l", 'ƚ': "l", 'ŀ': "l", 'ø': "o", 'đ': "d", 'ħ': "h", 'ŧ': "t",
	'ƀ': "b", 'ɨ': "i", 'ɩ': "i", 'ǀ': "l", 'ĸ': "k", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ð': "d", 'þ': "th",
	'ƒ': "f", 'ƶ': "z", 'ɇ': "e", 'ȼ': "c", 'ɍ': "r", 'ɏ': "y", 'ʉ': "u", 'ƙ': "k", 'ƴ': "y", 'ɡ': "g",
	// Greek
	'α': "a", 'β': "b", 'ε': "e", 'η': "n", 'ι': "i", 'κ': "k", 'ν': "v", 'ο': "o", 'ρ': "p", 'τ': "t",
	'υ': "u", 'χ': "x", 'ζ': "z",
	// Cyrillic
	'а': "a", 'в': "b", 'е': "e", 'ё': "e", 'к': "k", 'м': "m", 'н': "h", 'о': "o", 'р': "p", 'с': "c",
	'т': "t", 'у': "y", 'х': "x", 'і': "i", 'ї': "i", 'ј': "j", 'ѕ': "s", 'ԁ': "d", 'ԛ': "q", 'ԝ': "w",
	'һ': "h", 'ӏ': "l", 'ѵ': "v", 'ɑ': "a",
}
