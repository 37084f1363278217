package retrieval

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Query is one question to search for.
type Query struct {
	Text string
	// K bounds the passages returned; 0 means 3.
	K int
	// Lang forces the question's language; empty means detect it.
	Lang Language
	// Hint is the language to assume when detection is unsure, such as
	// the user's Discord locale.
	Hint Language
}

// Reply returns the language to answer q in, given the language the
// question is read in and whether that was sure: the forced one, else
// the question's when sure, else the hint.
func (q Query) Reply(read Language, sure bool) Language {
	switch {
	case q.Lang != "":
		return q.Lang
	case !sure && q.Hint != "":
		return q.Hint
	}
	return read
}

// ReplyLanguage returns the language Search answers q in.
func (ix *Index) ReplyLanguage(q Query) Language {
	return q.Reply(ix.QuestionLanguage(q.Text))
}

// Confidence grades how well the passages found answer a question.
type Confidence string

// The grades of Confidence.
const (
	// Answer: the passages answer the question.
	Answer Confidence = "answer"
	// Closest: the interview touches the topic but may not answer the
	// question exactly; the passages are the closest it has.
	Closest Confidence = "closest"
	// None: nothing relevant matches, or the question's focus is absent
	// from the interview.
	None Confidence = "none"
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

// maxConcepts bounds the distinct content words of a question that count:
// coverage is tracked in a 64-bit set, and no real question has more.
const maxConcepts = 64

// concept is one content word of a question with the terms that match it.
type concept struct {
	stem    string
	alts    []alt
	weight  float64 // its rarity, for coverage
	content bool    // false for the interview's subject names
	common  bool    // an everyday word ("really", "make")
	// name is true for a word written as a name ("Huawei", "RGPD",
	// "5G") that the interview does not have.
	name bool
	// offtopic is true for an everyday word far from the interview's
	// themes ("omelette") that it does not have.
	offtopic bool
}

type alt struct {
	id   int32
	w    float64
	kind matchKind
}

// matchKind says how a question's word matches a term of the text.
type matchKind uint8

const (
	matchExact   matchKind = iota // the word as written
	matchStem                     // another word with the same stem
	matchSynonym                  // a glossary synonym or a spelling correction
)

// Search finds the passages that answer q. A long message may give its
// context first and ask last ("Mon fils fait un exposé sur… Qu'est-ce
// que Microsoft fait pour la sécurité ?"): when the whole is declined,
// its context's words outweighing the question's, its last question
// alone may be answered; when the whole finds only the closest passage,
// and that passage answers the last question alone, it answers.
func (ix *Index) Search(q Query) Result {
	res := ix.search(q)
	if res.Confidence == Answer || res.Verbatim != VerbatimNone {
		return res
	}
	// Its last question alone, then with the sentence before it, which
	// may name what a pronoun stands for ("…the three components of
	// Microsoft's security role. What are they according to Smith?"):
	// each must name a topic of its own ("Qu'a répondu Smith ?" names
	// none).
	for i, tail := range analysis.LastQuestions(q.Text) {
		lq := q
		lq.Text = tail
		alone := ix.search(lq)
		switch {
		case alone.Confidence == None || alone.subjectOnly:
		case res.Confidence == None:
			alone.Query = q.Text
			return alone
		case i == 0 && alone.Confidence == Answer && len(alone.Hits) > 0 && len(res.Hits) > 0 &&
			alone.Hits[0].Paragraph == res.Hits[0].Paragraph:
			// The context lowered the coverage of a question its best
			// passage answers ("J'ai lu un article hier sur le covid…
			// Que dit Smith sur les hôpitaux ?"): the same passage
			// answers the last question alone.
			res.Confidence = Answer
			return res
		}
	}
	return res
}

// speechWords say that someone said or answered something, and himWords
// stand for the interviewee (data/speech.txt, data/him.txt).
var speechWords, himWords = loadWordList("data/speech.txt"), loadWordList("data/him.txt")

// quotingWords ask for words to use (data/quoting.txt).
var quotingWords = loadWordList("data/quoting.txt")

// translationWords ask for a translation in so many words
// (data/translation.txt).
var translationWords = loadWordList("data/translation.txt")

// isHim reports whether t names the interviewee or stands for him.
func (li *langIndex) isHim(t string) bool { return li.speaker[t] || himWords[t] }

// othersSpeech reports whether the question, as tokens toks, asks what
// someone other than the interviewee said: a name the text gives besides
// the subject's just before a word of speech ("what did Google say",
// "did Apple actually react", "Macron a dit") or, in French, just after
// it ("qu'a répondu Apple"; in English, "he says Google is…" is what he
// says of Google). A question about him is not one ("Sur Apple, que
// dit-il ?", "Is Apple in his answer?", "Que pense Smith de ce qu'a dit
// Macron ?"). The interview holds only his words and the newspaper's:
// it can be the closest, never the answer.
func (li *langIndex) othersSpeech(toks []string) bool {
	for i, t := range toks {
		if !speechWords[t] {
			continue
		}
		if slices.ContainsFunc(toks[:i], li.isHim) || i+1 < len(toks) && li.isHim(toks[i+1]) {
			return false
		}
		for j := i - 1; j >= max(0, i-3); j-- {
			if li.isEntity(toks[j]) {
				return true
			}
		}
		if li.lang == French && i+1 < len(toks) && li.isEntity(toks[i+1]) {
			return true
		}
	}
	return false
}

// isEntity reports whether the token is a name the text gives besides
// the subject's: a word of the text, so known without stemming.
func (li *langIndex) isEntity(t string) bool {
	id, ok := li.known[t]
	return ok && li.entities[id]
}

// search finds the passages that answer q, read as a whole.
func (ix *Index) search(q Query) Result {
	// The question is read in the language it is written in; Lang and
	// Hint only choose the language of the reply.
	fr, en := analysis.LanguageEvidence(q.Text)
	lang, sure := ix.languageOf(q.Text, fr, en)
	if fr >= mixedEvidence && en >= mixedEvidence {
		// Each side reads the words of its language, and leaves the
		// other's to the other side: whichever has more evidence for
		// its answer (words matched, by weight) answers. Coverage would
		// favour a side left with one weak word it matches.
		sc := ix.scoreMixed(ix.langs[langSlot(lang)], q.Text)
		if alt := ix.scoreMixed(ix.langs[langSlot(other(lang))], q.Text); alt.evidence() > sc.evidence() {
			sc = alt
		}
		return ix.result(q, sc, q.Reply(lang, sure))
	}
	sc := ix.score(ix.langs[langSlot(lang)], q.Text)
	switch {
	case !sure:
		// A name alone ("WannaCry") reads the same in both languages:
		// keep whichever side of the interview covers it better.
		if alt := ix.score(ix.langs[langSlot(other(lang))], q.Text); alt.bestCoverage() > sc.bestCoverage() {
			sc = alt
		}
	case sc.target == TargetTranslate && sc.confidence() == None:
		// The words to translate are in the other language ("how do
		// you say approche pluriacteurs in English"): that side reads
		// them, and leaves the request's words to this one.
		if alt := ix.scoreMixed(ix.langs[langSlot(other(lang))], q.Text); alt.confidence() != None {
			sc = alt
		}
	case sc.foreign > 0 && sc.confidence() == None:
		// Words of the other language that function words do not give
		// away ("il pense quoi du cyberwar", "plus important than
		// companies"): read as a mixed question, if that answers better.
		mixed := ix.scoreMixed(ix.langs[langSlot(lang)], q.Text)
		// A side left with the subject's names alone ("Brad Smith") has
		// no evidence for any answer.
		if alt := ix.scoreMixed(ix.langs[langSlot(other(lang))], q.Text); mixed.subjectOnly || !alt.subjectOnly && alt.evidence() > mixed.evidence() {
			mixed = alt
		}
		mixed.rescued = true
		if mixed.confidence() != None {
			sc = mixed
		}
	}
	return ix.result(q, sc, q.Reply(lang, sure))
}

// result is the outcome of a search scored as sc, answered in lang, with
// the passages that the question asks to see (sc.target).
func (ix *Index) result(q Query, sc *scored, lang Language) Result {
	k := q.K
	if k <= 0 {
		k = 3
	}
	if sc.english && q.Lang == "" {
		lang = English // "c'est quoi son point sur la WW1 et Verdun, in English please?"
	}
	res := Result{Query: q.Text, Language: lang, Target: sc.target, Translate: sc.translate, Listing: sc.listing, subjectOnly: sc.subjectOnly}
	phrases := analysis.QuotedPhrases(q.Text)
	if sc.target == TargetQuestion && len(phrases) > 0 {
		if hits := ix.questionsWith(phrases); len(hits) > 0 {
			res.Confidence, res.Hits = Answer, hits[:min(k, len(hits))]
			return res
		}
	}
	if len(phrases) > 0 {
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
			return res
		case missing && !translate:
			res.Verbatim = VerbatimMissing // and the search answers
		case missing && len(hits) == 0:
			// "traduis 'I'm looking forward to seeing you'": words to
			// translate that are not the interview's are not ours to
			// translate.
			res.Verbatim, res.Confidence, res.Abstained = VerbatimMissing, None, true
			return res
		}
	}
	if sc.number > 0 {
		// "What was the first question?": that question, whatever the
		// rest says; "what did he answer to question 3?", his answer.
		// "From answer 2 to answer 3": each, in order.
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
		return res
	}
	target := sc.target
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
	res.Hits = make([]Hit, 0, min(k, len(ranked)))
	for _, d := range ranked {
		if len(res.Hits) == k {
			break
		}
		h := Hit{Paragraph: ix.docs[d].p, Score: sc.scores[d], Coverage: sc.coverage[d], sc: sc, doc: d}
		if q := ix.docs[d].q; target == TargetQuestion && q != nil {
			// The question of the exchange that answers: quoted whole,
			// so with no sentence scores of its own.
			h = Hit{Paragraph: q, Score: h.Score, Coverage: h.Coverage}
		}
		if !slices.ContainsFunc(res.Hits, func(o Hit) bool { return o.Paragraph == h.Paragraph }) {
			res.Hits = append(res.Hits, h)
		}
	}
	return res
}

// QuestionLanguage returns the language a question is written in: told
// by its function words and accents or, failing those, by the words it
// shares with each side of the interview. sure is false when neither
// tells; the language is then French.
func (ix *Index) QuestionLanguage(text string) (lang Language, sure bool) {
	fr, en := analysis.LanguageEvidence(text)
	return ix.languageOf(text, fr, en)
}

// languageOf is QuestionLanguage given the signs of each language in
// text.
func (ix *Index) languageOf(text string, fr, en int) (lang Language, sure bool) {
	if lang, sure = analysis.LanguageFrom(fr, en); sure {
		return lang, true
	}
	return ix.vocabularyLanguage(text)
}

func other(l Language) Language {
	if l == French {
		return English
	}
	return French
}

// vocabularyLanguage guesses the language of a question that has no
// function words to tell ("submarine cables") from the words it shares
// with each side of the interview and with each language's word lists.
// sure is false on a tie.
func (ix *Index) vocabularyLanguage(text string) (lang Language, sure bool) {
	var n [2]int
	fr, en := ix.langs[langSlot(French)], ix.langs[langSlot(English)]
	for _, t := range fr.an.Tokens(text, make([]string, 0, 16)) {
		inFR, inEN := fr.knows(t), en.knows(t)
		switch {
		case inFR && !inEN:
			n[0]++
		case inEN && !inFR:
			n[1]++
		}
	}
	switch {
	case n[0] > n[1]:
		return French, true
	case n[1] > n[0]:
		return English, true
	}
	return French, false
}

// knowsWord reports whether a folded token is a word of this side of the
// interview, as written or by its stem.
func (li *langIndex) knowsWord(tok string) bool {
	if _, ok := li.known[tok]; ok {
		return true
	}
	_, ok := li.ids[li.an.Stem(tok)]
	return ok
}

// knows reports whether a folded token is a word of this side of the
// interview or of its language's word lists.
func (li *langIndex) knows(tok string) bool {
	if _, ok := li.known[tok]; ok {
		return true
	}
	w := li.an.Word(tok)
	return w.Stop || w.Common || w.Framing || w.Chat
}

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

// confidence grades the best passages. Answer: together they cover most
// of the question, and the best one a good part of it alone. Closest:
// they cover some of it, with enough evidence that the topic is the
// interview's. None: otherwise.
func (s *scored) confidence() Confidence {
	if s.conf == "" {
		s.conf = s.grade()
	}
	return s.conf
}

// grade is confidence, computed.
func (s *scored) grade() Confidence {
	cov := s.bestCoverage()
	top := 0.0
	if len(s.ranked) > 0 {
		top = s.coverage[s.ranked[0]]
	}
	switch {
	case s.listing:
		return Answer
	case s.missingPhrase():
		// A phrase names one thing ("quel temps", "cloud computing"):
		// when the interview does not have it, that thing is the
		// question's focus, whatever else the question shares with it.
		return None
	case s.absentFocus():
		return None
	case slices.ContainsFunc(s.concepts, concept.absentYear):
		// "Combien de victimes aux attentats du 13 novembre 2015 ?": a
		// year it never names is a time it does not cover, whatever
		// else the question shares with it.
		return None
	case cov >= s.opts.SureCoverage && top >= s.minTop() && !s.unknownName() && s.givesAsked():
		if s.rescued || s.others {
			// What someone else said, or a question read as mixed
			// only to be answered at all: the closest, at best.
			return Closest
		}
		return Answer
	case cov >= s.opts.ClosestCoverage && s.evidence() >= s.opts.MinEvidence*s.li.idfOOV && !s.elsewhere() && !s.own:
		return Closest
	}
	return None
}

// absentFocus reports whether the question names an everyday thing far
// from the interview's themes ("omelette", "football") that the interview
// does not have, and the interview's words cover less than MaxAbsentFocus
// of it: that thing is then its focus. "How do I make a French omelette"
// shares "French", and is still about cooking. A name the interview lacks
// ("Zuckerberg") does not decline a question by itself: it may be one
// part of two, and the other answerable.
func (s *scored) absentFocus() bool {
	return slices.ContainsFunc(s.concepts, func(c concept) bool {
		return c.offtopic && c.content && len(c.alts) == 0
	}) && s.bestCoverage() < s.opts.MaxAbsentFocus
}

// elsewhere reports whether the question is mostly about things the
// interview never names: two or more words it lacks that are not
// everyday words ("offside", "football"), against which the words it
// shares ("rule") weigh less than MaxElsewhere of the question; or names
// and years it lacks that outweigh twice the words it shares.
func (s *scored) elsewhere() bool {
	unknown := 0
	for _, c := range s.concepts {
		if c.content && len(c.alts) == 0 && c.weight >= s.li.idfOOV {
			unknown++
		}
	}
	if unknown >= 2 && s.bestCoverage() < s.opts.MaxElsewhere {
		return true
	}
	// A name or a year the interview lacks that outweighs twice every
	// word it matches is what the question is about: "Qui a écrit Les
	// Misérables ?" shares only "écrit" with it, and only with the words
	// people use to ask about intro.2. "Que pense Smith de Trump et des
	// élections ?" may be half answered.
	exact, stemmed, matched := s.topSets()
	var inText uint64
	for _, d := range s.ranked[:min(len(s.ranked), s.opts.CoverageTop)] {
		inText |= s.inText[d]
	}
	var named, shared float64
	for ci, c := range s.concepts {
		switch bit := uint64(1) << ci; {
		case c.absentName():
			named += c.weight
		case !c.content:
		case (exact|stemmed|matched)&bit != 0:
			// The interview's own frequent words weigh little in
			// scoring, yet say the question is about it ("Que pense
			// Smith de Huawei et de la sécurité des logiciels ?"); a
			// word only in the words people use to ask about a
			// passage, half as much ("écrit").
			w := s.evidenceWeight(c)
			if inText&bit == 0 {
				w /= 2
			}
			shared += w
		}
	}
	return named > 2*shared
}

// minTop is the coverage the best passage needs alone for an answer. The
// article's introduction needs more: it sets the scene in a few facts,
// and a question that shares its words but asks for more ("how long did
// the negotiations last") is answered only by what it does not say.
func (s *scored) minTop() float64 {
	if len(s.ranked) > 0 && s.docs[s.ranked[0]].p.Role == corpus.RoleIntro {
		return s.opts.MinIntroCoverage
	}
	return s.opts.MinCoverage
}

// givesAsked reports whether the best passage gives the kind of answer
// the question asks for, if it asks for a number, a date or a name: "how
// many countries signed the Paris Call" is not answered by a passage
// that names the Paris Call and no number.
func (s *scored) givesAsked() bool {
	if s.asked&analysis.AnswerGiven == 0 {
		return true
	}
	return len(s.ranked) > 0 && s.gives&(1<<min(s.ranked[0], 63)) != 0
}

// unknownName reports whether the question names something, as a name,
// an acronym, a version or a year ("Huawei", "RGPD", "5G", "1949"), that
// the interview does not: it may touch the topic, but cannot answer
// about that.
func (s *scored) unknownName() bool {
	return slices.ContainsFunc(s.concepts, concept.absentName)
}

// absentName reports whether c is a name or a year ("1949") that the
// interview does not have.
func (c concept) absentName() bool {
	return (c.name || isYear(c.stem)) && c.content && len(c.alts) == 0
}

// absentYear reports whether c is a year the interview does not have.
func (c concept) absentYear() bool {
	return isYear(c.stem) && c.content && len(c.alts) == 0
}

// isYear reports whether s is four digits ("1949").
func isYear(s string) bool { return len(s) == 4 && analysis.IsDigits(s) }

// missingPhrase reports whether the question names a phrase that no
// passage has, directly or through a synonym.
func (s *scored) missingPhrase() bool {
	for _, c := range s.concepts {
		if c.content && len(c.alts) == 0 && strings.Contains(c.stem, analysis.PhraseSep) {
			return true
		}
	}
	return false
}

// evidence is the weight of the question's words that the best passages
// match as written, numbers aside: a year or a count alone ("2018") says
// nothing about whether the topic is the interview's, nor does a word
// that only shares a stem with the text ("center" and "centres"), which
// counts for half.
func (s *scored) evidence() float64 {
	exact, stemmed, matched := s.topSets()
	got := 0.0
	for ci, c := range s.concepts {
		switch bit := uint64(1) << ci; {
		case !c.content || analysis.IsDigits(c.stem):
		case exact&bit != 0:
			got += s.evidenceWeight(c)
		case stemmed&bit != 0:
			got += s.evidenceWeight(c) / 2
		case matched&bit != 0 && strings.Contains(c.stem, analysis.PhraseSep):
			// A phrase matched through the glossary ("seconde guerre
			// mondiale" for "deuxième guerre mondiale") names the same
			// thing.
			got += c.weight / 2
		}
	}
	return got
}

// evidenceWeight is what a word matched as written weighs as evidence:
// its rarity, but at least EvidenceFloor unknown words unless it is an
// everyday word. The interview's own key words ("gouvernements",
// "entreprises") are common in it, so weigh little in scoring, and yet
// are the best sign that a question is about it.
func (s *scored) evidenceWeight(c concept) float64 {
	if c.common {
		return c.weight
	}
	return max(c.weight, s.opts.EvidenceFloor*s.li.idfOOV)
}

// bestCoverage is the coverage of the top passages taken together: an
// answer quotes up to two of them, and a question about two things
// ("Microsoft's responsibility for WannaCry") may find each in another.
func (s *scored) bestCoverage() float64 {
	if len(s.ranked) == 0 || s.total == 0 {
		return 0
	}
	return s.credit(s.topSets()) / s.total
}

// topSets returns the concepts the best passages match, together: word
// for word, by stem alone, and in any way.
func (s *scored) topSets() (exact, stemmed, matched uint64) {
	for _, d := range s.ranked[:min(len(s.ranked), s.opts.CoverageTop)] {
		exact |= s.exact[d]
		stemmed |= s.stemmed[d]
		matched |= s.covered[d]
	}
	return exact, stemmed, matched
}

// credit weighs the concepts matched: fully those matched by the word
// itself, partly those matched only by a synonym or a correction, which
// may be a sense the question did not mean ("intelligence").
func (s *scored) credit(exact, stemmed, matched uint64) float64 {
	got := 0.0
	for ci, c := range s.concepts {
		switch bit := uint64(1) << ci; {
		case !c.content:
		case exact&bit != 0:
			got += c.weight
		case stemmed&bit != 0:
			got += s.opts.StemCredit * c.weight
		case matched&bit != 0:
			got += s.opts.SynonymCredit * c.weight
		}
	}
	return got
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

func (ix *Index) score(li *langIndex, text string) *scored {
	return ix.scoreWith(li, text, false)
}

// scoreMixed scores a question written in both languages on li's side,
// without the words that belong to the other language only.
func (ix *Index) scoreMixed(li *langIndex, text string) *scored {
	return ix.scoreWith(li, text, true)
}

func (ix *Index) scoreWith(li *langIndex, text string, mixed bool) *scored {
	n := len(ix.docs)
	concepts, asked, counts, rd := li.analyze(text, ix.opts, mixed)
	floats, sets := make([]float64, 2*n), make([]uint64, 4*n) // one allocation each
	s := &scored{li: li, concepts: concepts, asked: asked, counts: counts, reading: rd, scores: floats[:n:n], coverage: floats[n:],
		covered: sets[:n:n], exact: sets[n : 2*n : 2*n], stemmed: sets[2*n : 3*n : 3*n], inText: sets[3*n:], docs: ix.docs, opts: &ix.opts}
	covered := s.covered
	// The interview's subject names ("Microsoft") are in many questions
	// and say little about which passage answers them.
	conceptWeight := func(c concept) float64 {
		if c.content {
			return 1
		}
		return ix.opts.SubjectWeight
	}
	// Each term scores once, at the weight of its first appearance: the
	// words of the question first, then synonyms and corrections. Every
	// concept it matches counts as covered.
	// sentMatch holds, by doc, the sentences matching some concept, when
	// the question asks for a kind of answer.
	var sentMatch []uint64
	if s.asked != 0 {
		sentMatch = make([]uint64, n)
	}
	// nounMatch holds, by doc, the sentences matching the noun a "which"
	// asks about ("which hospitals"): a name of its kind answers there.
	var nounMatch []uint64
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
				w := conceptWeight(c) * a.w
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
	for d := range n {
		if ix.docs[d].p.Role == corpus.RoleIntro {
			s.scores[d] *= ix.opts.IntroWeight
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
		if s.asked&li.asks[d]&(analysis.AnswerReason|analysis.AnswerManner) != 0 {
			s.scores[d] *= s.opts.AskedBoost
		}
		if s.scores[d] > 0 {
			s.ranked = append(s.ranked, d)
		}
	}
	s.total = total
	slices.SortStableFunc(s.ranked, func(a, b int) int { return cmp.Compare(s.scores[b], s.scores[a]) })
	s.givenFirst()
	s.listKind()
	return s
}

// listKind answers a question that names nothing but the kind of thing
// it asks for ("which countries does Smith mention?", "quelles
// entreprises cite-t-il ?") with every passage of his that names one,
// in the order of the interview: none may hold the noun ("pays"), and
// each is part of the answer.
func (s *scored) listKind() {
	if s.thing == 0 || s.target != TargetAnswer {
		return
	}
	for _, c := range s.concepts {
		if c.content && c.stem != s.noun && s.li.an.Word(c.stem).Asks&analysis.AnswerEntity == 0 {
			return // a topic besides the thing ("which countries signed the Paris Call"), not "name"
		}
	}
	var listed []int
	for d := range s.docs {
		if !s.docs[d].p.IsInterviewee() {
			continue
		}
		for i := range s.li.names[d] {
			if s.namedIn(d, i) {
				listed = append(listed, d)
				break
			}
		}
	}
	if len(listed) == 0 {
		return
	}
	s.ranked, s.listing, s.target = listed, true, TargetAll
	for _, d := range listed {
		s.scores[d], s.coverage[d] = max(s.scores[d], 1), 1
		s.gives |= 1 << min(d, 63)
	}
}

// namedIn reports whether sentence i of doc d names what the question
// asks to name, and does not name itself: a thing of its kind ("quels
// pays": Allemagne, or "britanniques" in lower case), or any name when
// it asks for one of no kind ("le nom de la faille").
func (s *scored) namedIn(d, i int) bool {
	if s.thing == 0 {
		return slices.ContainsFunc(s.li.names[d][i], func(stem string) bool { return !s.names(stem) })
	}
	ofKind := func(stem string) bool { return s.li.kindOfStem[stem]&s.thing != 0 && !s.names(stem) }
	return slices.ContainsFunc(s.li.names[d][i], ofKind) || slices.ContainsFunc(s.li.thingNames[d][i], ofKind)
}

// copulas between "which" and a noun make the noun what is described,
// not what is named: "Quel est l'état du cyberespace ?".
var copulas = map[string]bool{"est": true, "sont": true, "etait": true, "is": true, "are": true, "was": true, "were": true}

// givenFirst puts first, among the three best passages that cover the
// question as well as the best one, the first of his that names the kind
// of thing it asks for: "Quelles entreprises Smith cite-t-il ?" is answered
// by the passage naming Apple and Google, not by the one saying "toutes
// les grandes entreprises" more often.
func (s *scored) givenFirst() {
	if s.thing == 0 || len(s.ranked) < 2 || s.gives&(1<<min(s.ranked[0], 63)) != 0 {
		return // a date or a number: most passages give some
	}
	top := s.coverage[s.ranked[0]]
	for i, d := range s.ranked[1:min(len(s.ranked), 3)] {
		if s.coverage[d] >= top && s.gives&(1<<min(d, 63)) != 0 && s.docs[d].p.IsInterviewee() {
			copy(s.ranked[1:i+2], s.ranked[:i+1])
			s.ranked[0] = d
			return
		}
	}
}

// analyze turns a question into concepts: its content words, each with the
// vocabulary terms that match it (itself, its glossary synonyms, or the
// nearest spelling when it is a typo). It returns the kinds of answer the
// question asks for and, if it asks how many, the concepts it counts.
func (li *langIndex) analyze(text string, opts Options, mixed bool) ([]concept, analysis.AnswerType, uint64, reading) {
	toks := li.an.QuestionWords(text, li.knowsWord, li.intern)
	var rd reading
	var framing []string // the words of the cues the question holds
	var translated bool
	rd.target, rd.number, framing, translated = readTarget(toks, li.exchanges)
	if rd.number > 0 {
		rd.numbers = moreNumbers(toks, li.exchanges, rd.number)
	}
	if rd.target == TargetQuestion {
		if last := analysis.LastQuestion(text); last != "" {
			// "…apparently the journalist asked Smith about it too. How
			// does he link cyberattacks to the 1930s?": the journalist
			// is context; the question asks about him.
			lt := li.an.QuestionWords(last, li.knowsWord, li.intern)
			if t, _, _, _ := readTarget(lt, li.exchanges); t == TargetAnswer && slices.ContainsFunc(lt, li.isHim) {
				rd.target = TargetAnswer
			}
		}
	}
	rd.english = rd.target == TargetTranslate && (slices.Contains(toks, "english") || slices.Contains(toks, "anglais") && !slices.Contains(toks, "en"))
	rd.translate = translated && (rd.target == TargetTranslate || rd.target == TargetQuestion) && slices.ContainsFunc(toks, func(t string) bool { return translationWords[t] })
	rd.others = li.othersSpeech(toks)
	rd.own = rd.target == TargetAnswer && li.asksOwn(text, toks)
	// Names are looked for only when they can matter: a stop word in
	// capitals ("US"), or a word the interview does not have.
	var names analysis.NameSet
	namesDone := false
	nameKindOf := func(t string) analysis.NameKind {
		if !namesDone {
			names, namesDone = li.an.WrittenNames(text), true
		}
		return names.Kind(t)
	}
	caps := analysis.HasCapitalsRun(text)
	var asked analysis.AnswerType
	var common uint64 // by word: an everyday word
	var counted [2]string
	// purpose is the index in words from which they say what a quote is
	// for ("a punchy quote on democracy for my podcast intro"), or -1.
	purpose := -1
	quoting := slices.ContainsFunc(toks, func(t string) bool { return quotingWords[t] })
	words := toks[:0] // toks is filtered in place
	for i, t := range toks {
		w := li.an.Word(t)
		var pair analysis.AnswerType
		if w.Pair && i+1 < len(toks) {
			pair = li.an.PairAsks(t, toks[i+1])
			if i+2 < len(toks) && (toks[i+1] == "de" || toks[i+1] == "of") {
				pair |= li.an.PairAsks(t, toks[i+2]) // "part de marché"
			}
		}
		if pair != 0 {
			// "How long", "how far": the pair asks, not "how" alone.
			asked |= pair
		} else if w.Asks&analysis.AnswerLead == 0 || i == 0 || i >= len(toks)-2 {
			a := w.Asks &^ (analysis.AnswerLead | analysis.AnswerNamed)
			if a&analysis.AnswerWhich != 0 {
				a &^= analysis.AnswerWhich
				if j := slices.IndexFunc(toks[i+1:min(i+3, len(toks))], func(t string) bool { return li.an.Word(t).Asks&analysis.AnswerNamed != 0 }); j >= 0 && (j == 0 || !copulas[toks[i+1]]) {
					rd.thing |= li.an.NounThing(toks[i+1+j])
					rd.noun = li.an.Stem(toks[i+1+j])
				} else {
					a &^= analysis.AnswerEntity
				}
			}
			asked |= a
		}
		if w.Asks&analysis.AnswerQuantity != 0 && counted[0] == "" {
			counted = li.countedWords(toks[i+1:])
		}
		if quoting && purpose < 0 && (t == "for" || t == "pour") {
			purpose = len(words)
		}
		if mixed && li.otherLanguage(t) {
			continue // the other side reads it
		}
		if slices.Contains(framing, t) {
			continue // "the journalist" of "what did the journalist ask"
		}
		// A stop word in capitals is a name ("the US"). Long numbers
		// are Discord IDs from mentions (<@&1180…>), not anything a
		// question asks about.
		if (!w.Stop || caps && nameKindOf(t) == analysis.NameCapitals) && !w.Framing && !(len(t) > 6 && analysis.IsDigits(t)) {
			if w.IsCommon(t) {
				common |= 1 << min(len(words), 63)
			}
			words = append(words, t)
		}
	}
	cs := make([]concept, 0, min(len(words), maxConcepts))
	// Each concept's matches start in a slot of slab, with room for the
	// synonyms expand adds, so that most questions allocate them once.
	slab := make([]alt, altSlot*min(len(words), maxConcepts))
	for i := 0; i < len(words) && len(cs) < maxConcepts; i++ {
		// Join a compound that the question split: "cyber attaques".
		if i+1 < len(words) {
			if id, ok := li.known[words[i]+words[i+1]]; ok {
				cs = li.appendConcept(cs, slab, id, 1, matchExact, 1)
				i++
				continue
			}
		}
		scale := 1.0
		if common&(1<<min(i, 63)) != 0 {
			scale = opts.CommonWeight
		}
		if id, ok := li.known[words[i]]; ok {
			cs = li.appendConcept(cs, slab, id, scale, matchExact, 1)
			continue
		}
		stem := li.an.Stem(words[i])
		if id, ok := li.ids[stem]; ok {
			cs = li.appendConcept(cs, slab, id, scale, matchStem, opts.StemWeight)
			continue
		}
		if id, ok := li.stemPrefix(stem); ok {
			cs = li.appendConcept(cs, slab, id, scale, matchStem, opts.StemWeight)
			continue
		}
		name, offtopic := nameKindOf(words[i]) != 0, li.an.Word(words[i]).Offtopic
		if purpose >= 0 && i >= purpose && !name && !offtopic {
			scale = opts.CommonWeight // what the quote is for: "my podcast"
		}
		c := concept{stem: stem, weight: scale * li.idfOOV, content: !li.subject[stem], common: scale < 1, name: name,
			offtopic: offtopic, alts: slot(slab, len(cs))[:0]}
		// A word of the glossary or of the off-topic lists is a word,
		// not a typo of another.
		if _, inGlossary := li.gloss[stem]; !inGlossary && !c.offtopic {
			id, dist := li.fuzzy(stem)
			if id < 0 {
				id, dist = li.fuzzyWord(words[i])
			}
			if id >= 0 {
				c.alts = append(c.alts, alt{id, opts.FuzzyWeight / float64(dist), matchSynonym})
				c.weight = li.idf[id]
			}
		}
		if !mixed && li.other != nil && !slices.ContainsFunc(c.alts, func(a alt) bool { return a.kind != matchSynonym }) && li.other.knows(words[i]) {
			// Unknown here, or only a typo of a word here
			// ("companies", "compagnies"), and a word there.
			rd.foreign++
		}
		if !slices.ContainsFunc(cs, func(o concept) bool { return o.stem == stem }) {
			cs = append(cs, c)
		}
	}
	li.expand(cs, opts.GlossaryWeight)
	var counts uint64
	for _, t := range counted {
		if t == "" {
			continue
		}
		stem := li.an.Stem(t)
		if id, ok := li.known[t]; ok {
			stem = li.stems[id]
		}
		if ci := slices.IndexFunc(cs, func(c concept) bool { return c.stem == stem }); ci >= 0 {
			counts |= 1 << ci
		}
	}
	if counts != 0 {
		// "How many attacks each year", "combien de jours": it asks for
		// a number; the year or the day is what it counts by.
		asked &^= analysis.AnswerTime | analysis.AnswerEntity
	}
	return cs, asked, counts, rd
}

// reading is what a question asks to see, besides its topic.
type reading struct {
	target Target
	number int // the journalist's question it names by its number, or 0
	// numbers are the other exchanges it names by number ("answers 2
	// and 3").
	numbers []int
	// english is true for a request for a translation that names
	// English ("in English please"): the reply is in English.
	english bool
	// translate is true for a request for our translation in so many
	// words (Result.Translate).
	translate bool
	// foreign counts the words that only the other language's side of
	// the interview has ("cyberwar" in "il pense quoi du cyberwar").
	foreign int
	// others is true for a question about what someone else said ("what
	// did Google say…", "qu'a répondu Apple…").
	others bool
	// own is true for a message about the asker's own matter (asksOwn).
	own bool
	// thing is the kind of thing a "which" asks to name ("quels pays":
	// a place), or 0 for any, and noun the stem of the noun that says so.
	thing analysis.Thing
	noun  string
}

// otherLanguage reports whether a question's token belongs to the other
// language only: this side of the interview does not have it, and the
// other side has it, or lists it as a stop, framing or chat word.
func (li *langIndex) otherLanguage(t string) bool {
	if w := li.an.Word(t); li.other == nil || w.Stop || w.Framing || li.knowsWord(t) {
		return false
	}
	return li.other.knows(t)
}

// countedWords returns the first two content words after a question's
// word asking how many: "how many British hospitals", "combien de jours".
// Either may be what it counts.
func (li *langIndex) countedWords(toks []string) [2]string {
	var out [2]string
	n := 0
	for _, t := range toks {
		if w := li.an.Word(t); w.Stop || w.Framing {
			continue
		}
		out[n] = t
		if n++; n == len(out) {
			break
		}
	}
	return out
}

// givenSentences returns the sentences of doc d that give the kind of
// answer the question asks for: a number of what it counts, a date, a
// name.
func (s *scored) givenSentences(d int) uint64 {
	asked := s.asked & analysis.AnswerGiven
	var m uint64
	if asked&analysis.AnswerEntity != 0 {
		// A name the question has already is not the one it asks for:
		// "the name of the Windows flaw WannaCry used" is not given by
		// a sentence naming Windows and WannaCry.
		for i := range s.li.names[d] {
			if s.namedIn(d, i) {
				m |= sentenceBit(i)
			}
		}
		asked &^= analysis.AnswerEntity
	}
	if s.counts == 0 || asked&analysis.AnswerQuantity == 0 {
		return m | s.li.typedSentences(d, asked)
	}
	m |= s.li.typedSentences(d, asked&^analysis.AnswerQuantity)
	for ci, c := range s.concepts {
		if s.counts&(1<<ci) == 0 {
			continue
		}
		for _, a := range c.alts {
			if a.id < s.li.groupBase {
				m |= s.li.counted[docTerm{int32(d), a.id}]
				continue
			}
			for _, id := range s.li.groups[a.id-s.li.groupBase] {
				m |= s.li.counted[docTerm{int32(d), id}]
			}
		}
	}
	return m
}

// names reports whether the question names stem, as written or by its
// stem.
func (s *scored) names(stem string) bool {
	id, known := s.li.ids[stem]
	return slices.ContainsFunc(s.concepts, func(c concept) bool {
		return c.stem == stem || known && slices.ContainsFunc(c.alts, func(a alt) bool { return a.id == id && a.kind != matchSynonym }) ||
			// A phrase names its words: "Quels pays ont signé l'appel de
			// Paris ?" names Paris.
			strings.Contains(c.stem, analysis.PhraseSep) && slices.ContainsFunc(strings.Split(c.stem, analysis.PhraseSep), func(w string) bool {
				return w == stem || s.li.an.Stem(w) == stem
			})
	})
}

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

// appendConcept adds the concept of a known term, once; scale weighs it
// in coverage (below 1 for everyday words).
func (li *langIndex) appendConcept(cs []concept, slab []alt, id int32, scale float64, kind matchKind, w float64) []concept {
	stem := li.stems[id]
	for _, c := range cs {
		if c.stem == stem {
			return cs
		}
	}
	alts := slot(slab, len(cs))[:1]
	alts[0] = alt{id, w, kind}
	common := scale < 1
	if strings.Contains(stem, analysis.PhraseSep) {
		// A phrase is one precise thing, rarer than its document
		// frequency says: "l'appel de Paris" outweighs "signé".
		scale *= li.phraseBoost
	}
	return append(cs, concept{stem: stem, alts: alts, weight: scale * li.idf[id], content: !li.subject[stem], common: common})
}

// altSlot is the room for one concept's matches in a question's slab:
// the word itself and, most often, a glossary concept or two.
const altSlot = 4

// slot returns concept i's room in slab, empty but with altSlot capacity.
func slot(slab []alt, i int) []alt {
	return slab[i*altSlot : i*altSlot : (i+1)*altSlot]
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

// sentenceScores weighs each sentence of doc d by the rare question words
// it contains, and orders the sentences for quoting: greedily, each next
// one by what it adds to those before (see Hit.Sentences).
func (li *langIndex) sentenceScores(sc *scored, d int) (out []float64, picks []int, gains []float64) {
	cs := sc.concepts
	n := min(li.nsents[d], 64)
	floats := make([]float64, li.nsents[d]+n) // out, then gains
	out, gains = floats[:li.nsents[d]:li.nsents[d]], floats[li.nsents[d]:li.nsents[d]]
	// rows holds, for each content concept matched, its best weight in
	// each sentence: n values a concept.
	var buf [256]float64
	var rows []float64
	if len(cs)*n <= len(buf) {
		rows = buf[:len(cs)*n]
	} else {
		rows = make([]float64, len(cs)*n)
	}
	nrows := 0
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
	var boost [64]float64 // a sentence giving the kind of answer asked for
	for s := range n {
		boost[s] = 1
	}
	if sc.asked&analysis.AnswerGiven != 0 {
		given := sc.givenSentences(d)
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
			if sc.listing {
				out[i] = max(out[i], 1) // "which countries does he mention": where he names one
			}
			out[i] *= sc.opts.AnswerTypeBoost
			boost[i] = sc.opts.AnswerTypeBoost
		}
	}
	// Greedy: the sentence adding most to what is already quoted.
	picks = make([]int, 0, n)
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
	return out, picks, gains
}

// typedSentences returns the sentences of doc d that give an answer of
// a type in t, as a sentence bit set.
func (li *langIndex) typedSentences(d int, t analysis.AnswerType) uint64 {
	var m uint64
	for i, st := range li.types[d] {
		if st&t != 0 {
			m |= sentenceBit(i)
		}
	}
	return m
}
