package answer

import "strings"

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

// MaskLabels returns s, a user's text to echo, with what imitates our
// quote labels ("Citation vérifiée", "Verıfıed quote", "word-for-word")
// replaced by "…".
func MaskLabels(s string) string {
	for { // each pass masks one, and leaves fewer words: it ends
		from, to, ok := findLabel(foldWords(s))
		if !ok {
			return s
		}
		s = s[:from] + "…" + s[to:]
	}
}

// minEditable is the shortest word of a label that may differ by one
// edit and still be the label's.
const minEditable = 5

// findLabel returns the bytes of the original text that the first
// imitation of a label among words spans, within a sentence.
func findLabel(words []word) (from, to int, ok bool) {
	var space [64]byte
	buf := space[:0]
	for li, l := range labels {
		want := joined[li]
		// One word more or fewer: a space added ("veri fied") or
		// dropped ("verifiedquote") is one edit too.
		for n := max(len(l)-1, 1); n <= len(l)+1; n++ {
			for i := 0; i+n <= len(words); i++ {
				// One edit touches one word, or two side by side (a
				// space moved, a letter swapped across it): a window
				// of two words or more, but a two-word label's own
				// two, keeps its first or last word whole.
				if n >= 2 && (n > 2 || len(l) > 2) && words[i].text != l[0] && words[i+n-1].text != l[len(l)-1] {
					continue
				}
				size, split := n-1, false
				for k, w := range words[i : i+n] {
					size += len(w.text)
					split = split || k > 0 && w.afterStop
				}
				if split || size < len(want)-1 || size > len(want)+1 {
					continue
				}
				buf = buf[:0]
				for k, w := range words[i : i+n] {
					if k > 0 {
						buf = append(buf, ' ')
					}
					buf = append(buf, w.text...)
				}
				if ok, at := withinOneEdit(buf, want); ok && (at < 0 || editable(want, at)) {
					return words[i].from, words[i+n-1].to, true
				}
			}
		}
	}
	return 0, 0, false
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
