package answer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// labels are the words of our own quote labels (see templates/llm_*.tmpl),
// as foldWords folds them: prose using them, or with one letter of a long
// word of them changed, added, dropped or swapped, imitates a verified
// quote. Short words ("mot", "for") must be exact: "un mot pour moi" and
// "word for work" are plain prose.
var labels = []label{
	{"citation", "verifiee"}, {"citations", "verifiees"}, {"verified", "quote"}, {"verified", "quotes"},
	{"mot", "pour", "mot"}, {"word", "for", "word"}, {"in", "the", "original", "french"}, {"dans", "le", "texte", "original"},
}

// label is a label's words.
type label []string

// joined are labels' words joined by spaces, as findLabel compares them.
var joined = func() []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = strings.Join(l, " ")
	}
	return out
}()

// MaskLabels returns s, a user's text to echo, with what poses as one of
// our quote labels replaced by "…": a label written as one ("Verified
// quote — Brad Smith", "Citation vérifiée :"), or spelt with lookalike
// or hidden characters ("Verıfıed quote"). The same words asked for in
// plain words ("a word for word quote about spying") stay.
func MaskLabels(s string) string {
	words := foldWords(s)
	var b strings.Builder
	last := 0
	for start := 0; ; {
		i, j, ok := labelSpan(words[start:])
		if !ok {
			break
		}
		i, j = start+i, start+j
		from, to := words[i].from, words[j-1].to
		if !posing(s, from, to) {
			start = i + 1
			continue
		}
		b.WriteString(s[last:from])
		b.WriteString("…")
		last, start = to, j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// posing reports whether the label in s[from:to] poses as ours: written
// with a capital inside a sentence, or followed by what follows ours (a
// dash, a colon, a bracket), or spelt with characters that only imitate
// letters, or hide. "Word for word, what did he say?" asks plainly.
func posing(s string, from, to int) bool {
	first, _ := utf8.DecodeRuneInString(s[from:])
	next, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[to:], " \t\u00a0"))
	if unicode.IsUpper(first) && !opensSentence(s, from) || strings.ContainsRune("—–-:(", next) {
		return true
	}
	for _, r := range s[from:to] {
		if _, lookalike := lookalikes[unicode.ToLower(r)]; lookalike || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) ||
			r >= 0x80 && (!unicode.Is(unicode.Latin, r) || r >= 0xFF00) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// minEditable is the shortest word of a label that may differ by one
// edit and still be the label's.
const minEditable = 5

// findLabel returns the bytes of the original text that the first
// imitation of a label among words spans, within a sentence.
func findLabel(words []word) (from, to int, ok bool) {
	i, j, ok := labelSpan(words)
	if !ok {
		return 0, 0, false
	}
	return words[i].from, words[j-1].to, true
}

// labelSpan returns the words [i, j) that imitate a label, the first of
// them in the text.
func labelSpan(words []word) (i, j int, ok bool) {
	i = len(words)
	var space [64]byte
	buf := space[:0]
	for li, l := range labels {
		want := joined[li]
		// One word more or fewer: a space added ("veri fied") or
		// dropped ("verifiedquote") is one edit too.
		for n := max(len(l)-1, 1); n <= len(l)+1; n++ {
			for p := 0; p+n <= len(words) && p < i; p++ { // the first in the text wins
				// One edit touches one word, or two side by side (a
				// space moved, a letter swapped across it): a window
				// of two words or more, but a two-word label's own
				// two, keeps its first or last word whole.
				if n >= 2 && (n > 2 || len(l) > 2) && words[p].text != l[0] && words[p+n-1].text != l[len(l)-1] {
					continue
				}
				size, split := n-1, false
				for k, w := range words[p : p+n] {
					size += len(w.text)
					split = split || k > 0 && w.afterStop
				}
				if split || size < len(want)-1 || size > len(want)+1 {
					continue
				}
				buf = buf[:0]
				for k, w := range words[p : p+n] {
					if k > 0 {
						buf = append(buf, ' ')
					}
					buf = append(buf, w.text...)
				}
				if ok, at := withinOneEdit(buf, want); ok && (at < 0 || editable(want, at)) {
					i, j = p, p+n
				}
			}
		}
	}
	return i, j, i < len(words)
}

// withinOneEdit reports whether a becomes b with at most one byte
// inserted, deleted or replaced, or two neighbours swapped ("qoute"),
// and where in b the edit is (-1 for none). The words compared are
// folded to ASCII.
func withinOneEdit(a []byte, b string) (ok bool, at int) {
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false, 0
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb && i == la:
		return true, -1
	case la == lb:
		return string(a[i+1:]) == b[i+1:] ||
			i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == b[i+2:], i
	case la < lb:
		return string(a[i:]) == b[i+1:], i
	}
	return string(a[i+1:]) == b[i:], i
}

// editable reports whether an edit at byte at of want, a label's words
// joined by spaces, falls in a word of minEditable letters or more, or
// joins or splits two such words.
func editable(want string, at int) bool {
	long := func(from int) bool { // the word of want around from
		start := strings.LastIndexByte(want[:from], ' ') + 1
		end := strings.IndexByte(want[from:], ' ')
		if end < 0 {
			end = len(want) - from
		}
		return from+end-start >= minEditable
	}
	switch {
	case at >= len(want):
		return long(len(want) - 1)
	case want[at] == ' ':
		return long(at-1) && long(at+1)
	}
	return long(at)
}
