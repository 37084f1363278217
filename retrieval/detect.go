package retrieval

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// frenchOnly and englishOnly are function words frequent in questions and
// rare in the other language, used as evidence by DetectLanguage.
var (
	frenchOnly = wordSet(`le la les des du un une est sont et ou que qui quoi
		pourquoi comment quel quelle quels quelles pour dans sur avec pas ne il elle
		ils nous vous je tu ce cette ces au aux son sa ses leur leurs selon pense
		pensez dit entre aussi mais donc ont fait peut faut avez`)
	englishOnly = wordSet(`the of and is are was were what why how who which does
		do did about with for from this that these those they he she it its
		his her their think thinks say says said would should could will can has
		have had not on at by an be been any there whether`)
)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// DetectLanguage guesses whether a question is French or English from its
// function words, accents and elisions. sure is false when the evidence
// is tied, as for a single name ("WannaCry"); the guess is then French,
// the interview's language, and callers should prefer a hint such as the
// user's Discord locale.
func DetectLanguage(q string) (lang Language, sure bool) {
	fr, en := 0, 0
	word := func(w []byte) {
		for len(w) > 0 && w[len(w)-1] == '\'' {
			w = w[:len(w)-1]
		}
		if i := bytes.IndexByte(w, '\''); i > 0 && i <= 6 {
			// l'entreprise, qu'il: French elision; don't, it's: English.
			switch string(w[:i+1]) {
			case "l'", "d'", "qu'", "c'", "j'", "n'", "s'", "m'", "t'", "lorsqu'", "jusqu'":
				fr++
				return
			}
			en++
			return
		}
		if frenchOnly[string(w)] {
			fr++
		}
		if englishOnly[string(w)] {
			en++
		}
	}
	var arr [64]byte
	buf := arr[:0]
	for _, r := range q {
		switch {
		case r >= 'a' && r <= 'z':
			buf = append(buf, byte(r))
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
		case isApostrophe(r):
			if len(buf) > 0 {
				buf = append(buf, '\'')
			}
		case r >= 0x80 && unicode.IsLetter(r):
			r = unicode.ToLower(r)
			if strings.ContainsRune("éèêàâçùûîôœëï", r) {
				fr++
			}
			buf = utf8.AppendRune(buf, r)
		default:
			word(buf)
			buf = buf[:0]
		}
	}
	word(buf)
	switch {
	case en > fr:
		return English, true
	case fr > en:
		return French, true
	}
	return French, false
}
