package retrieval

import (
	"cmp"
	"math/bits"
	"slices"
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

// minFuzzyLen is the shortest stem that fuzzy matching corrects: one edit
// turns too many short words into others ("famill" into "faill").
const minFuzzyLen = 7

// fuzzy returns the vocabulary term closest to an unknown stem, within one
// edit (two for long words), or -1. A typo changes at most two letters'
// presence per edit, which the letter masks check before any distance is
// computed.
func (li *langIndex) fuzzy(stem string) (id int32, dist int) {
	if i, d := nearest(stem, li.stems, li.masks); i >= 0 {
		return int32(i), d
	}
	return -1, 0
}

// fuzzyWord is fuzzy for a word as written, against the text's words.
func (li *langIndex) fuzzyWord(tok string) (id int32, dist int) {
	// The words within two bytes of its length.
	from, _ := slices.BinarySearchFunc(li.words, len(tok)-2, func(w string, n int) int { return cmp.Compare(len(w), n) })
	to, _ := slices.BinarySearchFunc(li.words, len(tok)+3, func(w string, n int) int { return cmp.Compare(len(w), n) })
	if i, d := nearest(tok, li.words[from:to], li.wordMasks[from:to]); i >= 0 {
		return li.known[li.words[from+i]], d
	}
	return -1, 0
}

// nearest returns the index of the candidate closest to s that starts
// alike, within one edit (two from ten bytes), or -1. masks holds the
// candidates' letters.
func nearest(s string, cands []string, masks []uint32) (best, dist int) {
	n := len(s)
	if n < minFuzzyLen {
		return -1, 0
	}
	maxDist := 1
	if n >= 10 {
		maxDist = 2
	}
	mask := letterMask(s)
	best, bestDist := -1, maxDist+1
	for i, cand := range cands {
		if d := len(cand) - n; d > maxDist || d < -maxDist {
			continue
		}
		if bits.OnesCount32(mask^masks[i]) > 2*maxDist || !sameStart(s, cand) {
			continue
		}
		if d := editDistance(s, cand, bestDist-1); d < bestDist {
			best, bestDist = i, d
		}
	}
	return best, bestDist
}

// sameStart reports whether a and b start alike: typing seldom misses
// the first letter, and a word that differs there is usually another
// word ("révolution" is not a typo of "évolution"). Two first letters
// swapped are still a typo.
func sameStart(a, b string) bool {
	return a[0] == b[0] || len(a) > 1 && len(b) > 1 && a[0] == b[1] && a[1] == b[0]
}

// editDistance returns the optimal string alignment distance between a
// and b (insertions, deletions, substitutions and adjacent transpositions,
// by byte), or limit+1 once it must exceed limit.
func editDistance(a, b string, limit int) int {
	if limit < 0 {
		return limit + 1
	}
	var rows [3][32]int
	if len(b) >= len(rows[0]) || len(a) >= len(rows[0]) {
		return limit + 1
	}
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(b)] > limit {
		return limit + 1
	}
	return prev[len(b)]
}

// letterMask has bit i set when the string holds the i-th letter of the
// alphabet (digits and other runes share bit 26 and 27).
func letterMask(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= '0' && c <= '9':
			m |= 1 << 26
		default:
			m |= 1 << 27
		}
	}
	return m
}
