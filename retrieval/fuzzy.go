package retrieval

import (
	"cmp"
	"slices"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// minPrefixStem is the shortest vocabulary stem that a longer unknown
// stem may match by prefix.
const minPrefixStem = 6

// stemPrefix matches an unknown stem to the longest vocabulary stem it
// starts with, if that covers most of it: Snowball, run on folded
// accents, leaves some French verb forms unstemmed ("interessent" for
// "intéressent"), while the text's "intéressés" gives "interess".
func (li *langIndex) stemPrefix(stem string) (int32, bool) {
	for k := len(stem) - 1; k >= minPrefixStem && 10*k >= 7*len(stem); k-- {
		if id, ok := li.ids[stem[:k]]; ok {
			return id, true
		}
	}
	return -1, false
}

// fuzzy returns the vocabulary term closest to an unknown stem, within one
// edit (two for long words), or -1. A typo changes at most two letters'
// presence per edit, which the letter masks check before any distance is
// computed.
func (li *langIndex) fuzzy(stem string) (id int32, dist int) {
	if i, d := analysis.Nearest(stem, li.stems, li.masks); i >= 0 {
		return int32(i), d
	}
	return -1, 0
}

// fuzzyWord is fuzzy for a word as written, against the text's words.
func (li *langIndex) fuzzyWord(tok string) (id int32, dist int) {
	// The words within two bytes of its length.
	from, _ := slices.BinarySearchFunc(li.words, len(tok)-2, func(w string, n int) int { return cmp.Compare(len(w), n) })
	to, _ := slices.BinarySearchFunc(li.words, len(tok)+3, func(w string, n int) int { return cmp.Compare(len(w), n) })
	if i, d := analysis.Nearest(tok, li.words[from:to], li.wordMasks[from:to]); i >= 0 {
		return li.known[li.words[from+i]], d
	}
	return -1, 0
}
