// Package check checks what a message says about the interview against
// what was actually said: each quotation it holds is found word for word
// (and whose words they are), or matched to the closest real sentence
// with what was changed shown word by word; a claim without quotation is
// held to the passage that bears on it. It knows nothing of Discord.
package check

import (
	"slices"
	"strings"
	"sync"

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
}

// Checker checks messages against one interview. It is safe for
// concurrent use.
type Checker struct {
	iv        *corpus.Interview
	ix        *retrieval.Index
	sentences []sentence
	paras     [][]sentence // sentences, by paragraph
	// byTerm are the glossary's concepts by term, per language (French,
	// English), made once each.
	byTerm [2]map[string][]int
	once   [2]sync.Once
}

// sentence is one sentence of the interview, in French and in our
// translation, folded into words, and the words as written.
type sentence struct {
	p                *corpus.Paragraph
	i                int
	fr, en           []string
	frShown, enShown []string
}

// New returns a checker of the interview ix indexes.
func New(ix *retrieval.Index) *Checker {
	c := &Checker{iv: ix.Interview(), ix: ix}
	for k := range c.iv.Paragraphs {
		p := &c.iv.Paragraphs[k]
		for i, fr := range p.FR {
			s := sentence{p: p, i: i}
			s.fr, s.frShown = wordsShown(fr)
			if i < len(p.EN) {
				s.en, s.enShown = wordsShown(p.EN[i])
			}
			c.sentences = append(c.sentences, s)
		}
	}
	c.paras = paragraphs(c.sentences)
	return c
}

// minQuoteWords is the shortest quotation checked: two words are
// verbatim almost anywhere.
const minQuoteWords = 3

// Check checks a message: each of its quotations, or, with none, the
// message as a claim.
func (c *Checker) Check(text string) Result {
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
	if r.Verdict == NotInInterview {
		r.Topics = c.topics(text)
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
		case othersWords[w]:
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
	return slices.ContainsFunc(words(text), func(w string) bool { return othersWords[w] })
}

var othersWords = map[string]bool{
	"journaliste": true, "journalist": true, "interviewer": true, "journal": true, "newspaper": true,
	"article": true, "introduction": true, "intro": true, "chapeau": true, "redaction": true,
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
