package lang

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds a question for comparison: case, accents, punctuation
// and white space ("Démocratie ?!" and "democratie" are the same). It
// reads the question as the French analysis's first steps do (SplitWords,
// Fold, CutElision, DropApostrophes, KeepToken), so two questions that
// normalize alike are the same question to the search.
func Normalize(q string) string {
	var b strings.Builder
	SplitWords(q, func(w []byte, _ int) {
		tok := Fold(w)
		if bytes.IndexByte(tok, '\'') >= 0 {
			tok = DropApostrophes(CutElision(tok))
		}
		if !KeepToken(tok) {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(tok)
	})
	return b.String()
}

// SplitWords calls fn with each word of text, lowercased, its apostrophes
// written ', and the count of its letters with an accent French uses
// (language detection counts them). A word is a run of letters, digits
// and inner apostrophes. The slice is reused after fn returns.
func SplitWords(text string, fn func(word []byte, frenchAccents int)) {
	var arr [64]byte
	buf := arr[:0]
	accents := 0
	for _, r := range text {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			buf = append(buf, byte(r))
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
		case IsApostrophe(r) && len(buf) > 0: // before letters: ʼ is one too
			buf = append(buf, '\'')
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) && !IsApostrophe(r):
			r = unicode.ToLower(r)
			if strings.ContainsRune("éèêàâçùûîôœëï", r) {
				accents++
			}
			buf = utf8.AppendRune(buf, r)
		default:
			if len(buf) > 0 {
				fn(buf, accents)
			}
			buf, accents = buf[:0], 0
		}
	}
	if len(buf) > 0 {
		fn(buf, accents)
	}
}

// Fold strips the diacritics of a lowercased word, in place: no folded
// letter is longer than its accented form.
func Fold(w []byte) []byte {
	ascii := true
	for _, c := range w {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	out := w[:0]
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRune(w[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, w[i]) // not UTF-8: kept as is, never longer
		} else {
			out = foldRune(out, r)
		}
		i += size
	}
	return out
}

// KeepToken reports whether a cleaned token carries anything: a token of
// a single letter does not, unless it is a digit.
func KeepToken(tok []byte) bool {
	return len(tok) > 1 || (len(tok) == 1 && tok[0] >= '0' && tok[0] <= '9')
}

// IsApostrophe reports whether r is an apostrophe as people type one.
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '′', '`', '´':
		return true
	}
	return false
}

// frenchElisions are the articles and pronouns that French writes
// joined to the next word with an apostrophe.
var frenchElisions = []string{"l'", "d'", "qu'", "c'", "j'", "n'", "s'", "m'", "t'", "lorsqu'", "puisqu'", "jusqu'", "quoiqu'"}

// CutElision returns tok, a word as SplitWords gives it, without the
// French elision it starts with ("l'", "qu'"), if a word follows it.
func CutElision(tok []byte) []byte {
	for _, e := range frenchElisions {
		if len(tok) > len(e) && string(tok[:len(e)]) == e {
			return tok[len(e):]
		}
	}
	return tok
}

// IsElision reports whether e, with its apostrophe, is one of the
// elisions CutElision strips.
func IsElision(e []byte) bool {
	for _, f := range frenchElisions {
		if string(e) == f {
			return true
		}
	}
	return false
}

// DropApostrophes removes the apostrophes of tok, in place.
func DropApostrophes(tok []byte) []byte {
	out := tok[:0]
	for _, c := range tok {
		if c != '\'' {
			out = append(out, c)
		}
	}
	return out
}

// foldRune appends r without its diacritics. The table covers the Latin
// letters of French and the Western European languages that users type;
// other letters pass unchanged.
func foldRune(b []byte, r rune) []byte {
	if r < 0x80 {
		return append(b, byte(r))
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return append(b, 'a')
	case 'ç', 'ć', 'č':
		return append(b, 'c')
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return append(b, 'e')
	case 'ì', 'í', 'î', 'ï', 'ī', 'į':
		return append(b, 'i')
	case 'ñ', 'ń', 'ň':
		return append(b, 'n')
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return append(b, 'o')
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return append(b, 'u')
	case 'ý', 'ÿ':
		return append(b, 'y')
	case 'œ':
		return append(b, "oe"...)
	case 'æ':
		return append(b, "ae"...)
	case 'ß':
		return append(b, "ss"...)
	default:
		return utf8.AppendRune(b, r)
	}
}
