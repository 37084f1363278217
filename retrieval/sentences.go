package retrieval

import (
	"math/bits"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// sentenceScores weighs each sentence of doc d by the rare question words
// it contains, and orders the sentences for quoting: greedily, each next
// one by what it adds to those before (see Hit.Sentences).
func (li *langIndex) sentenceScores(sc *scored, d int) (out []float64, picks []int, gains []float64) {
	n := min(li.nsents[d], 64)
	floats := make([]float64, li.nsents[d]+n) // out, then gains
	out, gains = floats[:li.nsents[d]:li.nsents[d]], floats[li.nsents[d]:li.nsents[d]]
	var buf [256]float64
	rows, nrows := li.conceptRows(sc, d, n, out, buf[:])
	boost := sc.givenBoost(d, n, out, rows, nrows)
	picks, gains = pickSentences(sc, n, out, rows, nrows, &boost, gains)
	return out, picks, gains
}

// conceptRows returns rows, which holds, for each of the nrows content
// concepts that doc d matches, its best weight in each of the first n
// sentences: n values a concept, in buf when it has room. It adds each
// row to out.
func (li *langIndex) conceptRows(sc *scored, d, n int, out, buf []float64) (rows []float64, nrows int) {
	cs := sc.concepts
	if len(cs)*n <= len(buf) {
		rows = buf[:len(cs)*n]
	} else {
		rows = make([]float64, len(cs)*n)
	}
	for ci, c := range cs {
		if !c.content || sc.covered[d]&(1<<ci) == 0 {
			continue // "Microsoft" is in many sentences and picks none
		}
		row := rows[nrows*n : (nrows+1)*n]
		nrows++
		for _, a := range c.alts {
			for _, td := range li.docs[a.id] {
				if td.doc != int32(d) {
					continue
				}
				w := a.w * li.idf[a.id]
				for m := td.sents; m != 0; m &= m - 1 {
					if s := bits.TrailingZeros64(m); s < n {
						row[s] = max(row[s], w)
					}
				}
			}
		}
		for s, w := range row {
			out[s] += w
		}
	}
	return rows, nrows
}

// givenBoost raises, in out, the sentences of doc d that give the kind of
// answer the question asks for, and returns by sentence the factor they
// were raised by (1 for the others). Such a sentence right after one
// naming the topic takes on that topic's weights in rows.
func (s *scored) givenBoost(d, n int, out, rows []float64, nrows int) (boost [64]float64) {
	for i := range n {
		boost[i] = 1
	}
	if s.asked&analysis.AnswerGiven == 0 {
		return boost
	}
	given := s.givenSentences(d)
	for i := range n {
		if given&sentenceBit(i) == 0 {
			continue
		}
		if i > 0 {
			// The sentence after one naming the topic often gives
			// the answer about it ("Ce dernier avait déferlé sur des
			// centaines de milliers d'ordinateurs en mai 2017"
			// follows the one naming WannaCry): it takes on that
			// topic.
			out[i] = 0
			for r := range nrows {
				rows[r*n+i] = max(rows[r*n+i], rows[r*n+i-1])
				out[i] += rows[r*n+i]
			}
		}
		if s.listing {
			out[i] = max(out[i], 1) // "which countries does he mention": where he names one
		}
		out[i] *= s.opts.AnswerTypeBoost
		boost[i] = s.opts.AnswerTypeBoost
	}
	return boost
}

// pickSentences orders the first n sentences for quoting, greedily: each
// next one is the sentence adding most to what is already quoted, by its
// concepts' weights (rows) and boost. It appends each one's gain to gains.
func pickSentences(sc *scored, n int, out, rows []float64, nrows int, boost *[64]float64, gains []float64) ([]int, []float64) {
	picks := make([]int, 0, n)
	var have [maxConcepts]float64
	var used [64]bool
	for range n {
		bestS, bestGain := -1, 0.0
		for s := range n {
			if used[s] {
				continue
			}
			g := 0.0
			if sc.listing {
				g = out[s] // naming one is what is asked
			}
			for r := range nrows {
				// What is new counts in full, a repeat for half: a
				// second sentence on the same thing still says more.
				w := rows[r*n+s]
				g += max(0, w-have[r]) + min(w, have[r])/2
			}
			if g *= boost[s]; g > bestGain {
				bestS, bestGain = s, g
			}
		}
		if bestS < 0 {
			break
		}
		used[bestS] = true
		picks = append(picks, bestS)
		gains = append(gains, bestGain)
		for r := range nrows {
			have[r] = max(have[r], rows[r*n+bestS])
		}
	}
	return picks, gains
}
