package analysis

import "math/bits"

// Spelling correction: a word of a question that the text lacks may be a
// typo of one it has ("cyberataques", "gouvernemnts").

// MinFuzzyLen is the shortest word or stem that Nearest corrects: one
// edit turns too many short words into others ("famill" into "faill").
const MinFuzzyLen = 7

// Nearest returns the index of the candidate closest to s that starts
// alike, within one edit (two from ten bytes), or -1. masks holds the
// candidates' letters (LetterMask): a typo changes at most two letters'
// presence per edit, which they check before any distance is computed.
func Nearest(s string, cands []string, masks []uint32) (best, dist int) {
	n := len(s)
	if n < MinFuzzyLen {
		return -1, 0
	}
	maxDist := 1
	if n >= 10 {
		maxDist = 2
	}
	mask := LetterMask(s)
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

// LetterMask has bit i set when the string holds the i-th letter of the
// alphabet (digits and other runes share bit 26 and 27).
func LetterMask(s string) uint32 {
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
