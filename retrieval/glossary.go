package retrieval

import (
	"slices"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

type glossMember struct {
	concept int
	stems   []string
}

func (li *langIndex) addGlossary(g *analysis.Glossary) {
	concepts := g.Stems(li.lang)
	li.groups = make([][]int32, len(concepts))
	for c, terms := range concepts {
		for _, stems := range terms {
			li.gloss[stems[0]] = append(li.gloss[stems[0]], glossMember{concept: c, stems: stems})
			ids := make([]int32, 0, len(stems))
			for _, s := range stems {
				if id, ok := li.ids[s]; ok {
					ids = append(ids, id)
				}
			}
			if len(ids) == len(stems) {
				li.groups[c] = append(li.groups[c], ids...)
			}
		}
		slices.Sort(li.groups[c])
		li.groups[c] = slices.Compact(li.groups[c])
	}
	// Each concept also gets a term of its own, after the vocabulary's,
	// whose documents merge its members': a question word that names a
	// concept then costs one lookup, not one per synonym.
	li.groupBase = int32(len(li.docs))
	n := len(li.nsents)
	for _, ids := range li.groups {
		var merged []termDoc
		for _, id := range ids {
			for _, td := range li.docs[id] {
				var k int
				fresh := len(merged)
				if merged, k = termDocOf(merged, td.doc); k == fresh {
					merged[k].onlyAsked = true // until a member says otherwise
				}
				merged[k].score += td.score
				merged[k].sents |= td.sents
				merged[k].onlyAsked = merged[k].onlyAsked && td.onlyAsked
				merged[k].asked = merged[k].asked || td.asked
				merged[k].onlyExpansion = (fresh == k || merged[k].onlyExpansion) && td.onlyExpansion
			}
		}
		li.docs = append(li.docs, merged)
		li.idf = append(li.idf, bm25IDF(n, len(merged)))
	}
}

// expand adds glossary synonyms to the concepts that name a glossary term.
// A term of several words must appear in the question in order. The
// interview's subject names ("Brad Smith") get none: they say nothing
// about which passage answers, and their synonyms ("président") would.
func (li *langIndex) expand(cs []concept, w float64) {
	var added [maxConcepts][]int // by concept: the glossary concepts added to it
	for i := range cs {
		if !cs[i].content {
			continue
		}
		for _, m := range li.gloss[cs[i].stem] {
			if i+len(m.stems) > len(cs) {
				continue
			}
			match := true
			for j, s := range m.stems[1:] {
				if cs[i+1+j].stem != s {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			// Every word of the matched term ("années 30") gets the
			// synonyms, so each counts as covered where they appear.
			// The concept's own term stands for all its members (see
			// langIndex.groupBase).
			for j := i; j < i+len(m.stems); j++ {
				if slices.Contains(added[j], m.concept) || len(li.groups[m.concept]) == 0 {
					continue
				}
				added[j] = append(added[j], m.concept)
				cs[j].alts = append(cs[j].alts, alt{li.groupBase + int32(m.concept), w, matchSynonym})
			}
		}
	}
}
