package retrieval

import (
	"cmp"
	"slices"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// scored is a question scored against one language's index.
type scored struct {
	li       *langIndex
	concepts []concept
	scores   []float64
	coverage []float64
	covered  []uint64            // by doc: the concepts it matches, as a bit set
	exact    []uint64            // by doc: the concepts it matches word for word
	stemmed  []uint64            // by doc: the concepts it matches by stem, not word for word
	inText   []uint64            // by doc: the concepts it matches in its text or question, not only in its expansion
	asked    analysis.AnswerType // the kind of answer the question asks for
	// reading is what the question asks to see besides its topic; its
	// target may become TargetAll when the question lists (listKind).
	reading
	// rescued is true for a question read as mixed because, read in its
	// own language, it was declined: it is at best the closest, since
	// the words left to the other side may be the detail it asks for.
	rescued bool
	conf    Confidence // confidence, once graded
	// subjectOnly is true when the question names nothing but the
	// interview's subject ("Brad Smith"), which is then its content.
	subjectOnly bool
	// counts holds the concepts a question asking how many counts ("how
	// many computers"): a number of something else does not answer it.
	counts uint64
	gives  uint64 // by doc: gives the number, date or name asked for, in a sentence matching the question
	// listing is true when the question names nothing but the kind of
	// thing it asks for: ranked lists every passage naming one.
	listing bool
	docs    []doc   // the index's documents
	ranked  []int   // docs with a positive score, best first
	total   float64 // the weight of the question's content
	opts    *Options
}

func (ix *Index) score(li *langIndex, text string) *scored {
	return ix.scoreWith(li, text, false)
}

// scoreMixed scores a question written in both languages on li's side,
// without the words that belong to the other language only.
func (ix *Index) scoreMixed(li *langIndex, text string) *scored {
	return ix.scoreWith(li, text, true)
}

// scoreWith scores a question on li's side, reading it as mixed when
// told to (scoreMixed): BM25 over the terms that match its concepts,
// weighed by how much of the question each passage covers, then ranked.
func (ix *Index) scoreWith(li *langIndex, text string, mixed bool) *scored {
	n := len(ix.docs)
	concepts, asked, counts, rd := li.analyze(text, ix.opts, mixed)
	floats, sets := make([]float64, 2*n), make([]uint64, 4*n) // one allocation each
	s := &scored{li: li, concepts: concepts, asked: asked, counts: counts, reading: rd, scores: floats[:n:n], coverage: floats[n:],
		covered: sets[:n:n], exact: sets[n : 2*n : 2*n], stemmed: sets[2*n : 3*n : 3*n], inText: sets[3*n:], docs: ix.docs, opts: &ix.opts}
	sentMatch, nounMatch := s.match()
	total := s.contentWeight()
	s.rank(total, sentMatch, nounMatch)
	s.total = total
	slices.SortStableFunc(s.ranked, func(a, b int) int { return cmp.Compare(s.scores[b], s.scores[a]) })
	s.givenFirst()
	s.listKind()
	return s
}

// conceptWeight scales the scores c brings: the interview's subject names
// ("Microsoft") are in many questions and say little about which passage
// answers them.
func (s *scored) conceptWeight(c concept) float64 {
	if c.content {
		return 1
	}
	return s.opts.SubjectWeight
}

// match adds up the passages' scores and notes the concepts each covers.
// Each term scores once, at the weight of its first appearance: the words
// of the question first, then synonyms and corrections. Every concept it
// matches counts as covered.
//
// It returns, by doc, the sentences matching some concept when the
// question asks for a kind of answer (sentMatch), and those matching the
// noun a "which" asks about ("which hospitals"), where a name of its
// kind answers (nounMatch); nil when not asked.
func (s *scored) match() (sentMatch, nounMatch []uint64) {
	n, li, covered := len(s.docs), s.li, s.covered
	if s.asked != 0 {
		sentMatch = make([]uint64, n)
	}
	if s.thing != 0 && s.noun != "" {
		nounMatch = make([]uint64, n)
	}
	seen := make([]uint64, (len(li.docs)+63)/64) // the terms scored so far
	askedFor := s.target == TargetQuestion
	for pass := range 2 {
		for ci, c := range s.concepts {
			alts := c.alts
			if pass == 0 {
				alts = alts[:min(1, len(alts))]
			} else if len(alts) > 0 {
				alts = alts[1:]
			}
			for _, a := range alts {
				bit := uint64(1) << (a.id % 64)
				scores := seen[a.id/64]&bit == 0
				seen[a.id/64] |= bit
				w := s.conceptWeight(c) * a.w
				for _, td := range li.docs[a.id] {
					covered[td.doc] |= 1 << ci
					if !td.onlyExpansion {
						s.inText[td.doc] |= 1 << ci
					}
					if sentMatch != nil && c.content {
						sentMatch[td.doc] |= td.sents
					}
					if nounMatch != nil && c.stem == s.noun {
						nounMatch[td.doc] |= td.sents
					}
					// A word only the interviewer used matches, but covers
					// the question no better than a synonym, unless what
					// is asked is the interviewer's question ("what's the
					// question about private diplomacies?"): then its
					// words count double.
					switch {
					case td.onlyAsked && !askedFor:
					case a.kind == matchExact:
						s.exact[td.doc] |= 1 << ci
					case a.kind == matchStem:
						s.stemmed[td.doc] |= 1 << ci
					}
					if scores {
						s.scores[td.doc] += w * td.score
						if askedFor && td.asked {
							s.scores[td.doc] += w * td.score
						}
					}
				}
			}
		}
	}
	return sentMatch, nounMatch
}

// contentWeight returns the weight of the question's content: its
// concepts but the subject's names, or those names when it has nothing
// else (subjectOnly).
func (s *scored) contentWeight() float64 {
	total := 0.0
	for _, c := range s.concepts {
		if c.content {
			total += c.weight
		}
	}
	if total == 0 {
		// Only names of the interview's subject ("Qui est Brad Smith ?"):
		// then they are the content.
		s.subjectOnly = true
		for i := range s.concepts {
			s.concepts[i].content = true
			total += s.concepts[i].weight
		}
	}
	return total
}

// rank weighs each passage's score by the share of the question's
// content (total) that it covers, and by whether it gives the kind of
// answer asked for (in a sentence matching the question, sentMatch, or
// beside the noun a "which" asks about, nounMatch) and was asked the same
// way. The passages left with a score go in s.ranked, in document order.
func (s *scored) rank(total float64, sentMatch, nounMatch []uint64) {
	covered := s.covered
	for d := range len(s.docs) {
		if s.docs[d].p.Role == corpus.RoleIntro {
			s.scores[d] *= s.opts.IntroWeight
		}
		if s.scores[d] <= 0 || total == 0 {
			continue
		}
		s.coverage[d] = s.credit(s.exact[d], s.stemmed[d], covered[d]) / total
		// BM25 adds up its terms, so a passage repeating one word of the
		// question ("États") outscores one that matches all of it:
		// weigh the score by how much of the question it covers. A
		// passage matching only the subject's names ("Microsoft") then
		// scores nothing, and is not even offered as a nearby topic.
		s.scores[d] *= s.opts.CoordFloor + (1-s.opts.CoordFloor)*s.coverage[d]
		if sentMatch != nil && nounMatch != nil && nounMatch[d] != 0 {
			// "Which hospitals…": a place named beside "hôpitaux", in its
			// sentence or the one before, not anywhere in the passage
			// ("Verdun").
			sentMatch[d] = nounMatch[d] | nounMatch[d]>>1
		}
		if sentMatch != nil && (sentMatch[d]|sentMatch[d]<<1)&s.givenSentences(d) != 0 {
			s.scores[d] *= s.opts.AnswerTypeBoost
			s.gives |= 1 << min(d, 63)
		}
		if s.asked&s.li.asks[d]&(analysis.AnswerReason|analysis.AnswerManner) != 0 {
			s.scores[d] *= s.opts.AskedBoost
		}
		if s.scores[d] > 0 {
			s.ranked = append(s.ranked, d)
		}
	}
}

func (s *scored) nearest(ix *Index) []int {
	var out []int
	for _, d := range s.ranked {
		if e := ix.docs[d].p.Exchange; e > 0 && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}
