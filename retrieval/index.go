package retrieval

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Index scores an interview's answer and introduction paragraphs against
// questions with BM25, in French over the original and in English over
// the translation. It is read-only once built and safe for concurrent use.
type Index struct {
	iv    *corpus.Interview
	opts  Options
	docs  []doc
	langs [2]*langIndex // by langSlot
	// phrases are the runs quoted words are looked for in, made when
	// first needed (phraseRuns).
	phrases func() []phraseRun
}

type doc struct {
	p *corpus.Paragraph
	q *corpus.Paragraph // the exchange's question; nil for the introduction
}

// New builds the index of iv's introduction and answers.
func New(iv *corpus.Interview, opts Options) *Index {
	ix := &Index{iv: iv, opts: opts}
	var question *corpus.Paragraph
	for i := range iv.Paragraphs {
		p := &iv.Paragraphs[i]
		switch p.Role {
		case corpus.RoleQuestion:
			question = p
		case corpus.RoleIntro:
			ix.docs = append(ix.docs, doc{p: p})
		case corpus.RoleAnswer:
			ix.docs = append(ix.docs, doc{p: p, q: question})
		}
	}
	// The two sides share nothing they write: build them side by side,
	// which halves a cold start's wait on two cores.
	var wg sync.WaitGroup
	for _, l := range []Language{French, English} {
		wg.Go(func() { ix.langs[langSlot(l)] = newLangIndex(analysis.New(l), ix, opts) })
	}
	wg.Wait()
	ix.langs[0].other, ix.langs[1].other = ix.langs[1], ix.langs[0]
	ix.phrases = sync.OnceValue(func() []phraseRun { return phraseRuns(iv, ix.langs[0].an, ix.langs[1].an) })
	for _, li := range ix.langs {
		li.exchanges = len(iv.Exchanges())
	}
	return ix
}

// Interview returns the indexed interview.
func (ix *Index) Interview() *corpus.Interview { return ix.iv }

const (
	fieldBody      = 0 // the paragraph itself
	fieldQuestion  = 1 // its exchange's question
	fieldExpansion = 2 // how people ask about it (corpus.Expansion)
	numFields      = 3
)

type posting struct {
	doc   int32
	tf    int32
	sents uint64 // the sentences holding the term; the 64th stands for all later ones
}

func sentenceBit(s int) uint64 { return 1 << min(s, 63) }

// termDocOf returns tds with an entry for doc, and its index.
func termDocOf(tds []termDoc, doc int32) ([]termDoc, int) {
	if k := slices.IndexFunc(tds, func(td termDoc) bool { return td.doc == doc }); k >= 0 {
		return tds, k
	}
	return append(tds, termDoc{doc: doc}), len(tds)
}

// termDoc is what one term brings one document, over all its fields: its
// BM25 score with the fields' weights, computed once when the index is
// built, and the body sentences that hold it.
type termDoc struct {
	doc   int32
	score float64
	sents uint64 // in the body; 0 if the term is only in other fields
	// onlyAsked is true when the term is only in the exchange's question:
	// the interviewer said it, not the interviewee ("Macron"); asked,
	// when it is in the question, whether or not in the answer too.
	onlyAsked, asked bool
	// onlyExpansion is true when the term is only in the words people
	// use to ask about the passage, not in its text or question.
	onlyExpansion bool
}

type field struct {
	post   [][]posting // by term ID
	length []float64   // by doc
	avg    float64
	idf    []float64 // by term ID
}

// langIndex is the index of one language's text.
type langIndex struct {
	an    *analysis.Analyzer
	lang  Language
	other *langIndex // the other language's side, for mixed questions
	// exchanges is the interview's number of questions, which bounds a
	// question's number ("the third question").
	exchanges int
	ids       map[string]int32 // stem → term ID
	stems     []string         // term ID → stem
	known     map[string]int32 // folded token → term ID, so queries skip the stemmer
	masks     []uint32         // term ID → letters present, to prefilter fuzzy matches
	// words lists the text's words long enough to correct a typo to, as
	// written: "gouvernemnts" is one letter from "gouvernements", though
	// its stem is far from theirs. wordMasks are their letters.
	words     []string
	wordMasks []uint32
	fields    [numFields]field
	// docs holds, by term ID, what the term brings each document it is
	// in: searching adds these up instead of walking every field.
	docs   [][]termDoc
	idf    []float64 // over both fields: the weight of a term in coverage
	idfOOV float64   // the weight of a word found nowhere
	nsents []int     // doc → number of sentences
	// types holds, by doc and sentence, the kinds of answer the sentence
	// gives (a quantity, a time).
	types [][]analysis.AnswerType
	// names holds, by doc and sentence, the stems of the names it gives
	// (analysis.AnswerEntity).
	names [][][]string
	// entities holds, by term ID, the names the text gives besides the
	// subject's (Google, Macron, l'Allemagne).
	entities map[int32]bool
	// kindOfStem maps the stems of the interview's names to the kind of
	// thing each names (data/answertypes.tsv); thingNames holds, by
	// document and sentence, the stems of those it has in any case.
	kindOfStem map[string]analysis.Thing
	thingNames [][][]string
	// speaker holds the folded tokens of the interviewee's name.
	speaker map[string]bool
	// asks holds, by doc, the kinds of answer its exchange's question
	// asked for (why, how…).
	asks []analysis.AnswerType
	// counted holds, by doc and term, the sentences where a number
	// counts that term ("des centaines de milliers d'ordinateurs").
	counted map[docTerm]uint64
	// phraseBoost is Options.PhraseBoost.
	phraseBoost float64
	// intern holds the string of every token of the vocabulary and of
	// the word lists, so that analysing a question allocates only for
	// the words it has never seen.
	intern map[string]string
	// subject holds the stems of names that every question about the
	// interview shares with it; they score but do not count as coverage.
	subject map[string]bool
	gloss   map[string][]glossMember // first stem → members starting with it
	groups  [][]int32                // concept → the term IDs of its members fully in the vocabulary, each once
	// groupBase is the term ID of the first concept's own term: concept
	// c's is groupBase+c, in docs and idf only.
	groupBase int32
}

// newLangIndex builds the index of ix's documents on an's side.
func newLangIndex(an *analysis.Analyzer, ix *Index, opts Options) *langIndex {
	li := &langIndex{
		an:          an,
		lang:        an.Language(),
		ids:         make(map[string]int32, 1024),
		known:       make(map[string]int32, 1024),
		subject:     make(map[string]bool),
		gloss:       make(map[string][]glossMember),
		phraseBoost: cmp.Or(opts.PhraseBoost, 1),
		counted:     make(map[docTerm]uint64),
	}
	li.addDocs(ix.docs)
	li.finish(len(ix.docs), opts)
	li.addSubject(ix.iv)
	li.addNames(ix.docs)
	if opts.Glossary != nil {
		li.addGlossary(opts.Glossary)
	}
	li.addWords()
	return li
}

// addDocs indexes each document: its sentences, its exchange's question
// and its expansion, each in its field, with the kinds of answer each
// sentence gives and those its question asked for.
func (li *langIndex) addDocs(docs []doc) {
	n := len(docs)
	for f := range li.fields {
		li.fields[f].length = make([]float64, n)
	}
	li.nsents = make([]int, n)
	li.types = make([][]analysis.AnswerType, n)
	li.asks = make([]analysis.AnswerType, n)
	var ids []int32
	for d, dc := range docs {
		sents := li.side(dc.p)
		li.nsents[d] = len(sents)
		for s, text := range sents {
			var t analysis.AnswerType
			ids, t = li.addTerms(ids[:0], text)
			li.addPostings(fieldBody, d, s, ids)
			li.types[d] = append(li.types[d], t)
			if t&analysis.AnswerQuantity != 0 {
				li.addCounted(d, s, text)
			}
		}
		if dc.q != nil {
			for s, text := range li.side(dc.q) {
				ids, _ = li.addTerms(ids[:0], text)
				li.addPostings(fieldQuestion, d, s, ids)
				for _, tok := range li.an.Tokens(text, nil) {
					li.asks[d] |= li.an.Word(tok).Asks
				}
			}
		}
		for _, text := range dc.p.Expansion.In(string(li.lang)) {
			ids, _ = li.addTerms(ids[:0], text)
			li.addPostings(fieldExpansion, d, 0, ids)
		}
	}
}

// addSubject notes the stems of the interview's subject names and the
// tokens of the interviewee's name.
func (li *langIndex) addSubject(iv *corpus.Interview) {
	for _, name := range iv.SubjectTerms {
		for _, s := range li.an.Terms(name) {
			li.subject[s] = true
		}
	}
	li.speaker = make(map[string]bool)
	for _, t := range li.an.Tokens(iv.Interviewee, nil) {
		li.speaker[t] = true
	}
}

// addNames notes, by document and sentence, the names the text gives
// besides the subject's, and those of a kind of thing. A sentence naming
// something other than the subject (Apple, l'Allemagne, Verdun) gives
// the kind of answer "which…" asks for, if the question does not name it
// already (names holds them).
func (li *langIndex) addNames(docs []doc) {
	li.kindOfStem = make(map[string]analysis.Thing)
	for w, k := range li.an.ThingNames() {
		li.kindOfStem[li.an.Stem(w)] |= k
	}
	li.names = make([][][]string, len(docs))
	li.thingNames = make([][][]string, len(docs))
	li.entities = make(map[int32]bool)
	for d, dc := range docs {
		sents := li.side(dc.p)
		li.names[d] = make([][]string, len(sents))
		li.thingNames[d] = make([][]string, len(sents))
		for i, text := range sents {
			for _, t := range li.an.Tokens(text, nil) {
				// "hôpitaux britanniques": a listed word names a place
				// in lower case too, for "which country" alone.
				if li.an.NameThing(t) == 0 {
					continue
				}
				if stem := li.an.Stem(t); !li.subject[stem] && !slices.Contains(li.thingNames[d][i], stem) {
					li.thingNames[d][i] = append(li.thingNames[d][i], stem)
				}
			}
			for _, e := range li.an.WrittenNames(text) {
				if stem := li.an.Stem(e.Tok); !li.subject[stem] && !slices.Contains(li.names[d][i], stem) {
					li.types[d][i] |= analysis.AnswerEntity
					li.names[d][i] = append(li.names[d][i], stem)
					if id, ok := li.ids[stem]; ok {
						li.entities[id] = true
					}
				}
			}
		}
	}
}

// addWords lists the strings to intern, the vocabulary's and the word
// lists', and the words long enough to correct a typo to.
func (li *langIndex) addWords() {
	li.intern = make(map[string]string, len(li.known))
	for tok := range li.known {
		li.intern[tok] = tok
		if len(tok) >= analysis.MinFuzzyLen {
			li.words = append(li.words, tok)
		}
	}
	// By length, so that a typo is compared with words of about its
	// length only; then in order, for the same correction on every build.
	slices.SortFunc(li.words, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) })
	for _, w := range li.words {
		li.wordMasks = append(li.wordMasks, analysis.LetterMask(w))
	}
	for tok := range li.an.Listed() {
		li.intern[tok] = tok
	}
}

func (li *langIndex) side(p *corpus.Paragraph) []string {
	if li.lang == English {
		return p.EN
	}
	return p.FR
}

// addTerms appends the term IDs of text's content words to ids, adding
// new terms to the vocabulary, and returns the kinds of answer text gives.
func (li *langIndex) addTerms(ids []int32, text string) ([]int32, analysis.AnswerType) {
	words := li.an.Words(text, false)
	for _, tok := range words {
		if li.an.IsStop(tok) {
			continue
		}
		id, ok := li.known[tok]
		if !ok {
			stem := li.an.Stem(tok)
			if id, ok = li.ids[stem]; !ok {
				id = int32(len(li.stems))
				li.ids[stem] = id
				li.stems = append(li.stems, stem)
				li.masks = append(li.masks, analysis.LetterMask(stem))
			}
			li.known[tok] = id
		}
		ids = append(ids, id)
	}
	return ids, li.an.Marked(words)
}

// docTerm is a term in one document.
type docTerm struct{ doc, term int32 }

// addCounted notes the terms that sentence s of doc d counts: the first
// word after a number, past function words and other number words
// ("centaines de milliers d'ordinateurs" counts "ordinateurs").
func (li *langIndex) addCounted(d, s int, text string) {
	words := li.an.Words(text, false)
	for i, tok := range words {
		if !li.an.IsNumber(tok) {
			continue
		}
		for _, next := range words[i+1:] {
			if li.an.IsStop(next) || li.an.IsNumber(next) {
				continue
			}
			if id, ok := li.known[next]; ok {
				li.counted[docTerm{int32(d), id}] |= sentenceBit(s)
			}
			break
		}
	}
}

func (li *langIndex) addPostings(f, d, sent int, ids []int32) {
	fd := &li.fields[f]
	for len(fd.post) < len(li.stems) {
		fd.post = append(fd.post, nil)
	}
	for _, id := range ids {
		ps := fd.post[id]
		if n := len(ps); n > 0 && ps[n-1].doc == int32(d) {
			ps[n-1].tf++
			ps[n-1].sents |= sentenceBit(sent)
		} else {
			fd.post[id] = append(ps, posting{doc: int32(d), tf: 1, sents: sentenceBit(sent)})
		}
	}
	fd.length[d] += float64(len(ids))
}

// bm25IDF is BM25's inverse document frequency, kept positive.
func bm25IDF(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

func (li *langIndex) finish(n int, opts Options) {
	nt := len(li.stems)
	for f := range li.fields {
		fd := &li.fields[f]
		for len(fd.post) < nt {
			fd.post = append(fd.post, nil)
		}
		total := 0.0
		for _, l := range fd.length {
			total += l
		}
		fd.avg = max(total/float64(n), 1)
		fd.idf = make([]float64, nt)
		for id, ps := range fd.post {
			fd.idf[id] = bm25IDF(n, len(ps))
		}
	}
	li.idf = make([]float64, nt)
	seen := make([]bool, n)
	for id := range nt {
		clear(seen)
		df := 0
		for f := range li.fields {
			for _, p := range li.fields[f].post[id] {
				if !seen[p.doc] {
					seen[p.doc] = true
					df++
				}
			}
		}
		li.idf[id] = bm25IDF(n, df)
	}
	li.idfOOV = bm25IDF(n, 0)
	weights := [numFields]float64{1, opts.QuestionWeight, opts.ExpansionWeight}
	k1, b := opts.K1, opts.B
	li.docs = make([][]termDoc, nt)
	fields := make([]uint8, n) // by position in tds: the fields holding the term
	for id := range nt {
		var tds []termDoc
		for f := range li.fields {
			fd := &li.fields[f]
			for _, p := range fd.post[id] {
				tf := float64(p.tf)
				norm := k1 * (1 - b + b*fd.length[p.doc]/fd.avg)
				score := weights[f] * fd.idf[id] * tf * (k1 + 1) / (tf + norm)
				var k int
				tds, k = termDocOf(tds, p.doc)
				tds[k].score += score
				if f == fieldBody {
					tds[k].sents |= p.sents
				}
				fields[k] |= 1 << f
			}
		}
		for k := range tds {
			tds[k].onlyAsked = fields[k] == 1<<fieldQuestion
			tds[k].asked = fields[k]&(1<<fieldQuestion) != 0
			tds[k].onlyExpansion = fields[k] == 1<<fieldExpansion
		}
		clear(fields)
		li.docs[id] = tds
	}
}
