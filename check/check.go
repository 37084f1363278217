// Package check checks what a message says about the interview against
// what was actually said: each quotation it holds is found word for word
// (and whose words they are), or matched to the closest real sentence
// with what was changed shown word by word; a claim without quotation is
// held to the passage that bears on it. It knows nothing of Discord.
package check

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Verdict is what the interview says of a quotation or a message.
type Verdict string

// The verdicts, from the most favourable.
const (
	// Verbatim: the words are in the interview, the interviewee's (or, if
	// the message says so, the newspaper's or the journalist's).
	Verbatim Verdict = "verbatim"
	// Supported: the interview says it, in other words (or our
	// translation has these words).
	Supported Verdict = "supported"
	// Altered: the closest real sentence differs (Span.Diff says how).
	Altered Verdict = "altered"
	// WrongSpeaker: the words are in the interview, but not the
	// interviewee's: the journalist's question or the newspaper's.
	WrongSpeaker Verdict = "wrong_speaker"
	// Contradicted: the interview says the opposite.
	Contradicted Verdict = "contradicted"
	// NotInInterview: the interview does not say it.
	NotInInterview Verdict = "not_in_interview"
)

// Verdicts are the verdicts, from the most favourable.
func Verdicts() []Verdict {
	return []Verdict{Verbatim, Supported, Altered, WrongSpeaker, Contradicted, NotInInterview}
}

// rank orders verdicts from the most favourable: a message's verdict is
// its least favourable quotation's.
var rank = map[Verdict]int{Verbatim: 0, Supported: 1, Altered: 2, WrongSpeaker: 3, Contradicted: 4, NotInInterview: 5}

// Evidence is a sentence a verdict rests on, as published.
type Evidence struct {
	ID       string `json:"id"`
	Exchange int    `json:"exchange"`
	Speaker  string `json:"speaker"`
	Quote    string `json:"quote"`
	// Translation is our translation of Quote; Ours says the quotation
	// was matched against it, not against the French.
	Translation string `json:"translation"`
	Ours        bool   `json:"ours,omitempty"`
	sentence    int
}

// Edit is a run of words of a word-by-word comparison: the same in both,
// or only in the message (Added), or only in the interview (Removed).
type Edit struct {
	Op    string `json:"op"` // "same", "added" or "removed"
	Words string `json:"words"`
}

// Span is one quotation of a message and what the interview says of it.
type Span struct {
	Quote    string    `json:"quote"`
	Verdict  Verdict   `json:"verdict"`
	Evidence *Evidence `json:"evidence,omitempty"`
	// Diff compares an altered quotation with its closest sentence; a
	// negation added or dropped is NegationChanged.
	Diff            []Edit `json:"diff,omitempty"`
	NegationChanged bool   `json:"negation_changed,omitempty"`
}

// Result is what the interview says of one message.
type Result struct {
	Text     string        `json:"text"`
	Language lang.Language `json:"language"`
	Verdict  Verdict       `json:"verdict"`
	Spans    []Span        `json:"spans"`
	Evidence []Evidence    `json:"evidence"`
	// Topics are the exchanges nearest a message the interview does not
	// address.
	Topics []int `json:"topics,omitempty"`
	// JudgedBy names the model whose verdict on a claim without
	// quotation this is, checked against the sentences it rests on; ""
	// for the bot's own.
	JudgedBy string `json:"judged_by,omitempty"`
}

// Checker checks messages against one interview, offline or, given a
// model, with the model judging claims without quotation. It is safe for
// concurrent use.
type Checker struct {
	*source
	judge *judge // nil: offline
}

// source is the interview as a checker reads it, shared by a checker and
// its offline self.
type source struct {
	iv        *corpus.Interview
	ix        *retrieval.Index
	sentences []sentence
	paras     [][]sentence // sentences, by paragraph
	// byTerm are the glossary's concepts by term, per language (French,
	// English), made once each.
	byTerm [2]map[string][]int
	once   [2]sync.Once
	// byID are the sentences by the ID prompts give them ("a7.1/2"),
	// and his the words of the interviewee's, folded, in French and in
	// our translation.
	byID   map[string]sentence
	his    map[string]bool
	fr, en *analysis.Analyzer
}

// sentence is one sentence of the interview, in French and in our
// translation, folded into words, and the words as written.
type sentence struct {
	p                *corpus.Paragraph
	i                int
	fr, en           []string
	frShown, enShown []string
}

// Options configure a checker.
type Options struct {
	// Model, if set, judges claims without quotation; its verdicts are
	// shown only with the sentences they rest on, checked.
	Model *answer.Model
	// Events hears the model's calls and why a judgement was not used.
	Events answer.Events
}

// New returns a checker of the interview ix indexes.
func New(ix *retrieval.Index, o Options) *Checker {
	src := &source{iv: ix.Interview(), ix: ix, byID: map[string]sentence{}, his: map[string]bool{},
		fr: analysis.New(lang.French), en: analysis.New(lang.English)}
	for k := range src.iv.Paragraphs {
		p := &src.iv.Paragraphs[k]
		for i, fr := range p.FR {
			s := sentence{p: p, i: i}
			s.fr, s.frShown = wordsShown(fr)
			if i < len(p.EN) {
				s.en, s.enShown = wordsShown(p.EN[i])
			}
			src.sentences = append(src.sentences, s)
			src.byID[answer.SentenceID(p, i)] = s
			if p.IsInterviewee() {
				for _, w := range append(slices.Clone(s.fr), s.en...) {
					src.his[w] = true
				}
			}
		}
	}
	src.paras = paragraphs(src.sentences)
	c := &Checker{source: src}
	if o.Model != nil {
		c.judge = &judge{model: *o.Model, events: o.Events}
		if o.Events == nil {
			c.judge.events = answer.NoEvents{}
		}
	}
	return c
}

// Offline returns the checker without its model: for servers that have
// turned the model off.
func (c *Checker) Offline() *Checker { return &Checker{source: c.source} }

// HasModel reports whether a model judges claims.
func (c *Checker) HasModel() bool { return c.judge != nil }

// minQuoteWords is the shortest quotation checked: two words are
// verbatim almost anywhere.
const minQuoteWords = 3

// Check checks a message: each of its quotations, or, with none, the
// message as a claim, judged by the model if there is one. ctx bounds the
// model's call.
func (c *Checker) Check(ctx context.Context, text string) Result {
	l, _ := analysis.DetectLanguage(text)
	r := Result{Text: text, Language: l, Spans: []Span{}, Evidence: []Evidence{}}
	for _, q := range analysis.QuotedPhrases(text) {
		if len(words(q)) < minQuoteWords {
			continue
		}
		r.Spans = append(r.Spans, c.quotation(q, givenToOthers(text, q)))
	}
	if len(r.Spans) == 0 {
		r.Verdict, r.Evidence = c.claim(text)
		if c.judge != nil && len(c.contentWords(text)) > 0 {
			// "Il a vraiment dit ça ?" claims nothing to judge.
			r = c.judged(ctx, r)
		}
	} else {
		r.Verdict = r.Spans[0].Verdict
		for _, s := range r.Spans {
			if rank[s.Verdict] > rank[r.Verdict] {
				r.Verdict = s.Verdict
			}
			if s.Evidence != nil {
				r.Evidence = append(r.Evidence, *s.Evidence)
			}
		}
	}
	if r.Verdict == NotInInterview && r.JudgedBy == "" {
		r.Topics = c.topics(text) // a model's verdict has them already
	}
	return r
}

// evidence is sentence s as evidence.
func (c *Checker) evidence(s sentence, ours bool) *Evidence {
	e := &Evidence{ID: s.p.ID, Exchange: s.p.Exchange, Speaker: c.speaker(s.p), Quote: s.p.FR[s.i], Ours: ours, sentence: s.i}
	if s.i < len(s.p.EN) {
		e.Translation = s.p.EN[s.i]
	}
	return e
}

// speaker names whose words p holds.
func (c *Checker) speaker(p *corpus.Paragraph) string {
	switch {
	case p.IsInterviewee():
		return c.iv.Interviewee
	case p.Role == corpus.RoleQuestion:
		return corpus.SpeakerInterviewer
	}
	return corpus.SpeakerArticle
}

// topics are the exchanges a search for text comes nearest.
func (c *Checker) topics(text string) []int {
	var out []int
	for _, h := range c.ix.Search(retrieval.Query{Text: text, K: 3}).Hits {
		if n := h.Paragraph.Exchange; n > 0 && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// givenToOthers reports whether the clause of a message just before a
// quotation gives it to the journalist or the newspaper ("le journal
// écrit « … »"), not the interviewee, whom a quotation is taken to be of
// otherwise.
func givenToOthers(text, quote string) bool {
	i := strings.Index(text, quote)
	if i < 0 {
		return false
	}
	before := text[:i]
	if j := strings.LastIndexAny(before, ".!?\n"); j >= 0 {
		before = before[j+1:]
	}
	// Whoever the clause names last: "in this article Smith says" gives
	// it to Smith, "Smith told the newspaper" to the newspaper.
	others := false
	for _, w := range words(before) {
		switch {
		case lang.NamesOthers(w):
			others = true
		case himWords[w]:
			others = false
		}
	}
	return others
}

// himWords name the interviewee, or stand for him, folded.
var himWords = map[string]bool{"smith": true, "brad": true, "he": true, "il": true, "lui": true, "microsoft": true}

// saysOthers reports whether a message says it quotes the journalist or
// the newspaper, not the interviewee.
func saysOthers(text string) bool {
	return slices.ContainsFunc(words(text), lang.NamesOthers)
}

// words returns the words of text, folded (case, accents), with
// elisions split off ("l’espionnage" is "l" and "espionnage").
func words(text string) []string {
	folded, _ := wordsShown(text)
	return folded
}

// wordsShown is words, and each word as written.
func wordsShown(text string) (folded, shown []string) {
	isApostrophe := func(r rune) bool { return lang.IsApostrophe(r) || r == '\'' }
	lang.SplitWords(text, func(w []byte, _ int) {
		written := strings.FieldsFunc(string(w), isApostrophe) // before Fold, which may fold w in place
		parts := strings.FieldsFunc(string(lang.Fold(w)), isApostrophe)
		for k, part := range parts {
			// n’ and n't are negations, the one letter kept.
			if !lang.KeepToken([]byte(part)) && part != "n" && part != "t" {
				continue
			}
			folded = append(folded, part)
			if len(written) == len(parts) {
				shown = append(shown, written[k])
			} else {
				shown = append(shown, part)
			}
		}
	})
	return folded, shown
}
