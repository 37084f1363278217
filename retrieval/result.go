package retrieval

import (
	"cmp"
	"slices"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Result is the outcome of a search.
type Result struct {
	Query    string
	Language Language // the language to answer in
	// Confidence grades the hits.
	Confidence Confidence
	// Abstained is true exactly when Confidence is None; Hits is then
	// empty.
	Abstained bool
	Hits      []Hit
	// Nearest lists, when abstaining, exchange numbers by how close they
	// came, best first: the topics to suggest instead.
	Nearest []int
	// Target is what the question asks to see besides its topic: the
	// hits are already of that kind.
	Target Target
	// Translate is true when the question asks for our translation in
	// so many words ("translate", "in English", "traduis"), of his
	// answer or of the journalist's question: the reply puts it first.
	// "What does the Paris Call mean for companies?" asks no such thing.
	Translate bool
	// Numbered is true when the question names more than one exchange
	// by number ("from answer 2 to answer 3"): the hits are theirs, in
	// that order, and Target is TargetAll when it asks for his answers.
	Numbered bool
	// Listing is true when the question names nothing but the kind of
	// thing it asks for ("which countries does he mention?"): the hits
	// are every passage of his that names one, in the interview's order,
	// and Target is TargetAll.
	Listing bool
	// Verbatim says whether the question quoted words (three or more),
	// and whether the interview holds them: the hits are then the
	// sentences that do.
	Verbatim Verbatim
	// Quoted are the phrases the question quoted that the hits hold,
	// as quoted (translation requests and VerbatimFound).
	Quoted []string
	// subjectOnly is true when the question names nothing but the
	// interview's subject ("Qu'a répondu Smith ?").
	subjectOnly bool
}

// Verbatim is what the interview makes of the words a question quotes.
type Verbatim uint8

const (
	// VerbatimNone: the question quotes nothing to check.
	VerbatimNone Verbatim = iota
	// VerbatimFound: every phrase quoted is in the interview (Hit.Span).
	VerbatimFound
	// VerbatimMissing: a phrase quoted is nowhere in the interview, in
	// French or in our translation; the hits are the search's.
	VerbatimMissing
)

// minCheckWords is the fewest words a quote is checked by ("did he say
// 'nous ne faisons pas la loi'?"): fewer are found almost anywhere.
const minCheckWords = 3

// Hit is one passage that answers the question.
type Hit struct {
	Paragraph *corpus.Paragraph
	Score     float64
	// Coverage is the share of the question's content the passage
	// matches, from 0 to 1.
	Coverage float64

	// Span is, for a hit found by the words a request for a translation
	// quoted, the sentences [Span[0], Span[1]) that hold them; zero
	// otherwise.
	Span [2]int
	// Translated says the words quoted were found in our English
	// translation of the sentences, not in the French text.
	Translated bool

	sc  *scored // for Sentences, computed only when asked for
	doc int
}

// Sentences weighs the paragraph's sentences for quoting. scores has one
// value per sentence, in the order of Paragraph.FR (and EN). picks orders
// the sentences that match the question: first the best, then each by
// what it adds to those before it (gains), so that a question about
// three things gets the sentences about each rather than three about
// one. Searching does not compute them: only a reply quotes sentences.
func (h Hit) Sentences() (scores []float64, picks []int, gains []float64) {
	if h.sc == nil {
		return make([]float64, len(h.Paragraph.FR)), nil, nil
	}
	return h.sc.li.sentenceScores(h.sc, h.doc)
}

// result is the outcome of a search scored as sc, answered in l, with
// the passages that the question asks to see (sc.target).
func (ix *Index) result(q Query, sc *scored, l Language) Result {
	k := q.K
	if k <= 0 {
		k = 3
	}
	if sc.english && q.Lang == "" {
		l = English // "c'est quoi son point sur la WW1 et Verdun, in English please?"
	}
	res := Result{Query: q.Text, Language: l, Target: sc.target, Translate: sc.translate, Listing: sc.listing, subjectOnly: sc.subjectOnly}
	phrases := analysis.QuotedPhrases(q.Text)
	if ix.quoted(q, sc, phrases, k, &res) {
		return res
	}
	if sc.number > 0 {
		ix.numbered(sc, &res)
		return res
	}
	res.Confidence = sc.confidence()
	if (res.Confidence == None || sc.subjectOnly) && len(phrases) > 0 && sc.target != TargetTranslate {
		// Two words quoted, and nothing else to go by but his name
		// ("'ask them' lol did he rly say that", "did Smith say 'ask
		// them'?"): where they are, if anywhere. Two words found nowhere
		// do not make a quote missing.
		if hits, found, _ := ix.phraseHits(phrases, minPhraseWords); len(hits) > 0 {
			res.Verbatim, res.Confidence, res.Hits, res.Quoted = VerbatimFound, Answer, hits[:min(k, len(hits))], found
			return res
		}
	}
	if res.Confidence == None {
		res.Abstained = true
		if !sc.missingPhrase() {
			// A question about something the interview lacks ("quel
			// temps fait-il à Paris") is near nothing in it, whatever
			// it shares.
			res.Nearest = sc.nearest(ix)
		}
		return res
	}
	res.Hits = ix.rankedHits(sc, k)
	return res
}

// quoted fills res, for a question that quotes words (phrases), with
// where they are: the journalist's questions that hold them, when it
// asks for a question; else the sentences that hold them, when it asks
// to translate them (two words or more) or to check them (three or
// more). It reports whether res is the result; if not, res may say that
// a quote is missing, and the search answers.
func (ix *Index) quoted(q Query, sc *scored, phrases []string, k int, res *Result) bool {
	if len(phrases) == 0 {
		return false
	}
	if sc.target == TargetQuestion {
		if hits := ix.questionsWith(phrases); len(hits) > 0 {
			res.Confidence, res.Hits = Answer, hits[:min(k, len(hits))]
			return true
		}
	}
	// Words quoted: to translate (two or more), or to check (three
	// or more), wherever they are.
	translate := sc.target == TargetTranslate
	minWords := minCheckWords
	if translate {
		minWords = minPhraseWords
	}
	hits, found, missing := ix.phraseHits(phrases, minWords)
	if (len(hits) > 0 || missing) && !sc.english {
		// The reply is in the language of the request around them.
		res.Language = q.Reply(ix.QuestionLanguage(analysis.WithoutQuoted(q.Text, phrases)))
	}
	switch {
	case len(hits) > 0 && (translate || !missing):
		if !translate {
			// "Did he say 'nous ne faisons pas la loi'?": where the
			// words are, and so whose they are.
			res.Verbatim = VerbatimFound
		}
		res.Confidence, res.Hits, res.Quoted = Answer, hits[:min(k, len(hits))], found
		return true
	case missing && !translate:
		res.Verbatim = VerbatimMissing // and the search answers
	case missing && len(hits) == 0:
		// "traduis 'I'm looking forward to seeing you'": words to
		// translate that are not the interview's are not ours to
		// translate.
		res.Verbatim, res.Confidence, res.Abstained = VerbatimMissing, None, true
		return true
	}
	return false
}

// numbered fills res with the exchanges a question names by number
// (sc.number, then sc.numbers): "What was the first question?" gets that
// question, whatever the rest says; "what did he answer to question 3?",
// his answer; "from answer 2 to answer 3", each, in order.
func (ix *Index) numbered(sc *scored, res *Result) {
	res.Confidence = Answer
	if len(sc.numbers) > 0 {
		res.Numbered = true
		if sc.target == TargetAnswer {
			res.Target = TargetAll
		}
	}
	for _, n := range append([]int{sc.number}, sc.numbers...) {
		ex, _ := ix.iv.Exchange(n)
		if sc.target != TargetAnswer {
			res.Hits = append(res.Hits, Hit{Paragraph: ex.Question, Score: 1, Coverage: 1})
			continue
		}
		for d := range ix.docs {
			if ix.docs[d].q == ex.Question {
				res.Hits = append(res.Hits, Hit{Paragraph: ix.docs[d].p, Score: 1, Coverage: 1, sc: sc, doc: d})
			}
		}
	}
}

// rankedHits returns the k best passages of sc, each once, or their
// exchanges' questions when the question asks for the journalist's; the
// introduction first when it asks for the introduction.
func (ix *Index) rankedHits(sc *scored, k int) []Hit {
	target := sc.target
	ranked := sc.ranked
	if target == TargetIntro && slices.ContainsFunc(ranked, func(d int) bool { return ix.docs[d].p.Role == corpus.RoleIntro }) {
		// The introduction first, when it has the topic at all.
		ranked = slices.Clone(ranked)
		intro := func(d int) int {
			if ix.docs[d].p.Role == corpus.RoleIntro {
				return 0
			}
			return 1
		}
		slices.SortStableFunc(ranked, func(a, b int) int { return cmp.Compare(intro(a), intro(b)) })
	}
	hits := make([]Hit, 0, min(k, len(ranked)))
	for _, d := range ranked {
		if len(hits) == k {
			break
		}
		h := Hit{Paragraph: ix.docs[d].p, Score: sc.scores[d], Coverage: sc.coverage[d], sc: sc, doc: d}
		if q := ix.docs[d].q; target == TargetQuestion && q != nil {
			// The question of the exchange that answers: quoted whole,
			// so with no sentence scores of its own.
			h = Hit{Paragraph: q, Score: h.Score, Coverage: h.Coverage}
		}
		if !slices.ContainsFunc(hits, func(o Hit) bool { return o.Paragraph == h.Paragraph }) {
			hits = append(hits, h)
		}
	}
	return hits
}
