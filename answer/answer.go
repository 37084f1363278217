// Package answer composes grounded replies: it takes the passages that
// retrieval found and quotes the interviewee's exact words, with their
// citations and, for English askers, a labelled translation.
//
// It is shared by the command line and the Discord bot and knows nothing
// about either. Its one rule: only sentences of the interviewee's answers
// are ever presented as the interviewee's words; the article's
// introduction is quoted, when it is, as the article's.
package answer

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/meta"
	"github.com/interviewbot/interviewbot/retrieval"
)

// MaxQuestionLen bounds a question, in characters. Discord questions are a
// sentence or two; anything far longer is a paste, not a question.
const MaxQuestionLen = 1000

// Errors for questions that cannot be answered as asked.
var (
	ErrEmptyQuestion   = errors.New("the question is empty")
	ErrQuestionTooLong = fmt.Errorf("the question is longer than %d characters", MaxQuestionLen)
)

// Mode says how an answer was made.
type Mode string

// Extractive answers quote the interview and add nothing of their own.
const Extractive Mode = "extractive"

// CacheDisabled is the cache status of an answer computed without a cache.
const CacheDisabled = "disabled"

// The grades of Answer.Confidence.
const (
	ConfidenceAnswer  = retrieval.Answer
	ConfidenceClosest = retrieval.Closest
	ConfidenceNone    = retrieval.None
)

// Answer is a reply to one question.
type Answer struct {
	Question string             `json:"question"`
	Language retrieval.Language `json:"language"`
	// Confidence grades the answer: answer, closest or none.
	Confidence retrieval.Confidence `json:"confidence"`
	// Abstained is true exactly when Confidence is none.
	Abstained bool `json:"abstained"`
	// Meta names what a question about the interview itself asked (who,
	// when, summary…); empty for questions about its content.
	Meta string `json:"meta,omitempty"`
	// Text is what the user sees.
	Text      string     `json:"answer"`
	Citations []Citation `json:"citations"`
	// Suggestions are topics the interview does cover, offered when it
	// does not cover the question.
	Suggestions []Suggestion `json:"suggestions,omitempty"`
	Mode        Mode         `json:"mode"`
	Cache       string       `json:"cache"`
	// Usage is the LLM call's token count, for LLM answers.
	Usage *Usage `json:"usage,omitempty"`
	// Ref names the answer in the service's cache, short enough for a
	// Discord custom ID (see Service.Question); "" without a cache.
	Ref string `json:"-"`
	// prose is an LLM's answer as Text shows it, for the cache.
	prose string
	// translated puts our translation first: the question asked for it.
	translated bool
	// check says whose the words the question quoted are, when it
	// quoted some to check (check*); "" otherwise. quoted are those
	// words, as the question quoted them, for the cache to check the
	// verdict by.
	check  string
	quoted []string
}

// What the interview makes of the words a question quotes ("did he say
// 'nous ne faisons pas la loi'?"): a verdict on the wording, which the
// text settles, never on a paraphrase's meaning.
const (
	checkHis         = "his"         // in his answers, in French
	checkTranslation = "translation" // in our translation of his answers
	checkNewspaper   = "newspaper"   // in the introduction or a question
	// checkNewspaperTranslation: in our translation of the introduction
	// or a question ("did he say 'Microsoft is playing a surprising
	// part'?"): neither his words nor, as worded, the newspaper's.
	checkNewspaperTranslation = "newspaper-translation"
	checkMissing              = "missing" // nowhere
)

// checkOf is the verdict on quoted words that h holds.
func checkOf(h retrieval.Hit) string {
	switch his := h.Paragraph.IsInterviewee(); {
	case !his && h.Translated:
		return checkNewspaperTranslation
	case !his:
		return checkNewspaper
	case h.Translated:
		return checkTranslation
	}
	return checkHis
}

// verdict is the verdict on words quoted that hits hold: the same for
// every hit, or none (the quotes below say whose each is).
func verdict(hits []retrieval.Hit) string {
	v := checkOf(hits[0])
	for _, h := range hits[1:] {
		if checkOf(h) != v {
			return ""
		}
	}
	return v
}

// Citation is one verbatim quote and where it comes from.
type Citation struct {
	ID       string `json:"id"`
	Exchange int    `json:"exchange"`
	// Speaker is the interviewee's name for answers, "article" for the
	// introduction and "interviewer" for the journalist's questions.
	Speaker string `json:"speaker"`
	// Quote is the French original, verbatim.
	Quote string `json:"quote"`
	// Translation is the English translation of Quote.
	Translation string `json:"translation"`
	// From and To locate Quote in its paragraph: sentences [From, To).
	From int `json:"-"`
	To   int `json:"-"`
}

// Suggestion is an exchange to offer instead.
type Suggestion struct {
	Exchange int    `json:"exchange"`
	Topic    string `json:"topic"`
}

// composer answers questions from an index with the interview's own
// words, and questions about the interview itself from its description.
type composer struct {
	ix   *retrieval.Index
	meta *meta.Detector
}

func newComposer(ix *retrieval.Index) *composer {
	return &composer{ix: ix, meta: meta.New(ix.Interview())}
}

// CheckQuestion trims a question and reports ErrEmptyQuestion or
// ErrQuestionTooLong.
func CheckQuestion(q string) (string, error) {
	q = strings.TrimSpace(q)
	switch {
	case q == "" || !strings.ContainsFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		return "", ErrEmptyQuestion
	case utf8.RuneCountInString(q) > MaxQuestionLen:
		return "", ErrQuestionTooLong
	}
	return q, nil
}

// answer answers q, a question Request.Check has passed, with the
// interview's own words, or says that the interview does not address it.
func (c *composer) answer(q retrieval.Query) (Answer, error) {
	text := q.Text
	q.K = 3
	if m, ok := c.meta.Detect(text); ok {
		a := c.metaAnswer(text, m.Kind, c.metaLanguage(q, m))
		if err := verifyAll(c.ix.Interview(), a.Citations); err != nil {
			return Answer{}, err
		}
		return a, nil
	}
	res := c.ix.Search(q)
	if res.Confidence == retrieval.None && res.Verbatim == retrieval.VerbatimNone && c.meta.Plain(text) {
		// "Un petit résumé de l'article ? merci d'avance": nothing in
		// the interview for the rest, so the request is for the summary.
		m := meta.Match{Kind: meta.Summary}
		a := c.metaAnswer(text, m.Kind, c.metaLanguage(q, m))
		if err := verifyAll(c.ix.Interview(), a.Citations); err != nil {
			return Answer{}, err
		}
		return a, nil
	}
	if res.Target == retrieval.TargetAll {
		q.K = maxAll + 2 // every passage on it: a few more to choose from
		res = c.ix.Search(q)
	}
	a := Answer{
		Question:   text,
		Language:   res.Language,
		Confidence: res.Confidence,
		Abstained:  res.Abstained,
		Citations:  []Citation{},
		Mode:       Extractive,
		Cache:      CacheDisabled,
	}
	iv := c.ix.Interview()
	if len(res.Hits) > 0 && res.Hits[0].Span != [2]int{} {
		// The words the question quoted, to translate or to check: the
		// sentences that hold them.
		for _, h := range res.Hits {
			a.Citations = append(a.Citations, sentencesOf(iv, h.Paragraph, h.Span[0], h.Span[1]))
		}
		if err := verifyAll(iv, a.Citations); err != nil {
			return Answer{}, err
		}
		a.translated, a.quoted = res.Target == retrieval.TargetTranslate, res.Quoted
		if res.Verbatim == retrieval.VerbatimFound {
			a.check = verdict(res.Hits)
		}
		a.Text = render(iv, a)
		return a, nil
	}
	if res.Verbatim == retrieval.VerbatimMissing {
		a.check = checkMissing
	}
	if res.Abstained {
		a.Suggestions = suggest(iv, res.Nearest, res.Language)
	} else {
		a.Citations = c.cite(res)
		if err := verifyAll(iv, a.Citations); err != nil {
			return Answer{}, err
		}
		// "How do you say approche pluriacteurs in English", "traduis
		// la question du journaliste sur l'espionnage": our translation
		// first, as for quoted words.
		a.translated = res.Translate
	}
	a.Text = render(iv, a)
	return a, nil
}

// metaLanguage is the language to answer a question about the interview
// in, as Search would, except that when the question does not tell, the
// cue may ("tldr" is English).
func (c *composer) metaLanguage(q retrieval.Query, m meta.Match) retrieval.Language {
	l, sure := c.ix.QuestionLanguage(q.Text)
	if !sure && m.Lang != "" {
		l, sure = retrieval.Language(m.Lang), true
	}
	return q.Reply(l, sure)
}

// maxSentences bounds the quoted sentences of one answer: enough to answer,
// short enough to read in a chat.
const maxSentences = 3

// maxAll bounds the passages of an answer that asks for every one
// ("everything he says about democracy"), a sentence each.
const maxAll = 4

// cite picks the sentences to quote: from the interviewee's best passage,
// then from a second passage that scores nearly as well, and from the
// introduction only when it ranks first.
func (c *composer) cite(res retrieval.Result) []Citation {
	iv := c.ix.Interview()
	covered := 0.0
	for _, h := range res.Hits {
		covered = max(covered, h.Coverage)
	}
	// A passage is quoted only if it covers nearly as much of the
	// question as the best one: a passage that shares one common word
	// ("attack") with a question about something else ("WannaCry") is
	// not an answer to it, however well it scores.
	var relevant, answers, intro []retrieval.Hit
	for _, h := range res.Hits {
		if h.Coverage < 0.75*covered {
			continue
		}
		relevant = append(relevant, h)
		if h.Paragraph.IsInterviewee() {
			answers = append(answers, h)
		} else {
			intro = append(intro, h)
		}
	}
	var out []Citation
	if asked := relevant[0].Paragraph; asked.Role == corpus.RoleQuestion {
		// What the journalist asked: the question that answers best,
		// whole (they are a sentence or three); each, when the question
		// names them by number ("compare questions 2 and 3").
		for _, h := range relevant {
			if p := h.Paragraph; p.Role == corpus.RoleQuestion && (len(out) == 0 || res.Numbered) {
				out = append(out, sentencesOf(iv, p, 0, min(len(p.FR), maxSentences)))
			}
		}
		return out
	}
	if res.Target == retrieval.TargetAll {
		// Every passage of his that covers the question as well as the
		// best, by exchange, the sentence that matches it best from each;
		// every one the question names by number.
		named := res.Numbered || res.Listing // each is asked for
		var all []retrieval.Hit
		for _, h := range relevant {
			if h.Paragraph.IsInterviewee() && (named || hasMatch(h) && len(all) < maxAll) {
				all = append(all, h)
			}
		}
		if len(all) > 1 {
			slices.SortStableFunc(all, func(a, b retrieval.Hit) int {
				return cmp.Compare(a.Paragraph.Exchange, b.Paragraph.Exchange)
			})
			for _, h := range all {
				out = appendQuotes(out, iv, h.Paragraph, pick(h, 1))
			}
			return out
		}
	}
	if res.Target == retrieval.TargetIntro {
		// What the introduction says: its words alone, when it has the
		// topic.
		for _, h := range relevant {
			if h.Paragraph.Role == corpus.RoleIntro {
				return appendQuotes(out, iv, h.Paragraph, pick(h, 2))
			}
		}
	}
	budget := maxSentences
	// The introduction often restates what the interviewee says; his own
	// words win unless they rank far below it.
	if len(answers) > 0 && answers[0].Score >= 0.4*relevant[0].Score {
		picked := pick(answers[0], budget)
		out = appendQuotes(out, iv, answers[0].Paragraph, picked)
		budget -= len(picked)
		if len(answers) > 1 && budget > 0 && answers[1].Score >= 0.7*answers[0].Score && hasMatch(answers[1]) {
			out = appendQuotes(out, iv, answers[1].Paragraph, pick(answers[1], 1))
		}
	}
	if len(intro) > 0 && (len(out) == 0 || relevant[0].Paragraph.Role == corpus.RoleIntro) {
		out = appendQuotes(out, iv, intro[0].Paragraph, pick(intro[0], 1))
	}
	return out
}

// hasMatch reports whether a sentence of h matches the question.
func hasMatch(h retrieval.Hit) bool {
	scores, _, _ := h.Sentences()
	return len(scores) > 0 && slices.Max(scores) > 0
}

// shortSentence is the length under which a sentence is too terse to
// stand alone ("C’est fondamental.") and takes its neighbour along.
const shortSentence = 60

// pick returns up to n sentence indexes of h, in text order: the best
// sentence, then those adding at least a fifth as much again (see
// retrieval.Hit.Sentences), and the neighbour of a sentence too short to
// stand alone. A passage
// matched only through its question or its expansion opens with the
// answer to it, so its first sentences are taken.
func pick(h retrieval.Hit, n int) []int {
	_, picks, gains := h.Sentences()
	if len(picks) == 0 {
		return []int{0, 1}[:min(n, 2, len(h.Paragraph.FR))]
	}
	picked := []int{picks[0]}
	for k := 1; k < len(picks) && len(picked) < n; k++ {
		if gains[k] >= gains[0]/5 {
			picked = append(picked, picks[k])
		}
	}
	if len(picked) == 1 && n > 1 && len(h.Paragraph.FR) > 1 {
		i := picked[0]
		if len(h.Paragraph.FR[i]) < shortSentence {
			if i > 0 {
				picked = append(picked, i-1)
			} else {
				picked = append(picked, i+1)
			}
		}
	}
	// A sentence that goes on with "cette activité", "cela"… completes
	// the one before it: "L'espionnage fait partie de l'activité des
	// Etats" alone would leave out "nous ne défendons pas l'arrêt de
	// cette activité quand elle est faite légalement".
	for k := 0; k < len(picked) && len(picked) < n; k++ {
		if next := picked[k] + 1; next < len(h.Paragraph.FR) && !slices.Contains(picked, next) && refersBack(h.Paragraph.FR[next]) {
			picked = append(picked, next)
		}
	}
	slices.Sort(picked)
	return picked
}

// anaphors are the French words by which a sentence points back to the
// one before ("cette activité", "cela").
var anaphors = []string{"cette", "cet", "ces", "cela", "ceci"}

// refersBack reports whether sentence s points back to the one before it
// within its first words.
func refersBack(s string) bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	return slices.ContainsFunc(words[:min(len(words), 8)], func(w string) bool { return slices.Contains(anaphors, w) })
}

// appendQuotes adds one citation per run of consecutive sentences, so that
// every quote is a verbatim stretch of the published text.
func appendQuotes(out []Citation, iv *corpus.Interview, p *corpus.Paragraph, sentences []int) []Citation {
	for i := 0; i < len(sentences); {
		j := i + 1
		for j < len(sentences) && sentences[j] == sentences[j-1]+1 {
			j++
		}
		out = append(out, sentencesOf(iv, p, sentences[i], sentences[j-1]+1))
		i = j
	}
	return out
}

// sentencesOf returns the citation of p's sentences [from, to), with
// their translation.
func sentencesOf(iv *corpus.Interview, p *corpus.Paragraph, from, to int) Citation {
	speaker := corpus.SpeakerArticle
	switch {
	case p.IsInterviewee():
		speaker = iv.Interviewee
	case p.Role == corpus.RoleQuestion:
		speaker = corpus.SpeakerInterviewer
	}
	return Citation{
		ID:          p.ID,
		Exchange:    p.Exchange,
		Speaker:     speaker,
		Quote:       strings.Join(p.FR[from:to], " "),
		Translation: strings.Join(p.EN[from:to], " "),
		From:        from,
		To:          to,
	}
}

// requote rebuilds the answer made of the quotes that refs locate
// (paragraph ID and sentence run, as in Citation), rendered in l.
func (c *composer) requote(refs []Citation, l retrieval.Language) (Answer, error) {
	if len(refs) == 0 {
		return Answer{}, fmt.Errorf("answer: no quotes to render")
	}
	e := entry{Language: l, Confidence: retrieval.Answer}
	for _, r := range refs {
		e.Quotes = append(e.Quotes, quoteRef{ID: r.ID, From: r.From, To: r.To})
	}
	return c.rebuild(e)
}

// suggestions is how many nearby topics an abstention offers.
const suggestions = 3

// suggest offers the exchanges nearest to a declined question, by their
// relevance to it. A question sharing nothing with the interview gets
// none: a fixed list would look like an answer to it.
func suggest(iv *corpus.Interview, nearest []int, l retrieval.Language) []Suggestion {
	ex := iv.Exchanges()
	picked := nearest[:min(len(nearest), suggestions)]
	out := make([]Suggestion, len(picked))
	for i, n := range picked {
		out[i] = Suggestion{Exchange: n, Topic: ex[n-1].Topic(l)}
	}
	return out
}
