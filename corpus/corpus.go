// Package corpus holds an interview as data: who was interviewed, by whom,
// and every paragraph of the published text split into quotable sentences,
// each with an English translation.
//
// The default interview is embedded from interview.jsonl, with the
// document expansion of expansion.tsv. Another interview
// in the same format loads with Parse or Open. Nothing in this package knows
// about retrieval, Discord or the LLM; nothing outside the data file knows
// what the interview says.
package corpus

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/lang"
)

//go:embed interview.jsonl
var defaultData []byte

// Default returns the embedded interview. The embedded file is checked by
// the tests, so a failure here is a build defect and panics.
func Default() *Interview {
	iv, err := Parse(bytes.NewReader(defaultData), "interview.jsonl")
	if err == nil {
		err = ReadExpansion(iv, bytes.NewReader(defaultExpansion), "expansion.tsv")
	}
	if err != nil {
		panic(fmt.Sprintf("corpus: embedded interview is invalid: %v", err))
	}
	return iv
}

// Role says whose words a paragraph holds.
type Role string

// The roles a paragraph can have. Only answers are the interviewee's words.
const (
	RoleIntro    Role = "intro"    // the article's own introduction
	RoleQuestion Role = "question" // the interviewer's question
	RoleAnswer   Role = "answer"   // the interviewee's answer
)

// Speakers other than the interviewee, as written in the data file.
const (
	SpeakerArticle     = "article"
	SpeakerInterviewer = "interviewer"
)

// Text is a short text in both languages.
type Text struct {
	FR string `json:"fr"`
	EN string `json:"en"`
}

// In returns the text in lang ("fr" or "en"), falling back to French.
func (t Text) In(l lang.Language) string {
	if l == lang.English && t.EN != "" {
		return t.EN
	}
	return t.FR
}

// Interview is one interview: its description and its paragraphs in order.
type Interview struct {
	Title           string
	Interviewee     string // the only speaker whose words may be quoted as theirs
	IntervieweeRole Text
	Source          Text
	Date            string
	Context         Text
	// SubjectTerms are names that nearly every question about the interview
	// contains (the interviewee, the company). Sharing them with the text
	// says nothing about whether the interview covers a question.
	SubjectTerms []string
	Paragraphs   []Paragraph
	// Version identifies the data: it changes whenever the file does, so
	// caches keyed on it never serve answers from another text.
	Version string
}

// Paragraph is one published paragraph, split into sentences so that each
// sentence can be quoted on its own. FR[i] and EN[i] are a sentence and its
// translation.
type Paragraph struct {
	ID       string
	Exchange int // 0 for the introduction, then 1, 2, …
	Role     Role
	Speaker  string
	FR       []string
	EN       []string
	Topic    Text // questions only: a short title for the exchange
	// Expansion holds the words people use to ask about the paragraph;
	// retrieval only, never quoted.
	Expansion Expansion
}

// Text returns the paragraph's French text exactly as published.
func (p *Paragraph) Text() string { return strings.Join(p.FR, " ") }

// Translation returns the paragraph's English translation.
func (p *Paragraph) Translation() string { return strings.Join(p.EN, " ") }

// IsInterviewee reports whether the paragraph holds the interviewee's words.
func (p *Paragraph) IsInterviewee() bool { return p.Role == RoleAnswer }

// Exchange is one question with its answer paragraphs.
type Exchange struct {
	Number   int
	Question *Paragraph
	Answers  []*Paragraph
}

// Topic returns the exchange's short title, or its question when the data
// gives no title.
func (e Exchange) Topic(l lang.Language) string {
	if t := e.Question.Topic.In(l); t != "" {
		return t
	}
	if l == lang.English {
		return e.Question.Translation()
	}
	return e.Question.Text()
}

// Text returns the whole published text: paragraphs separated by a blank
// line, as in the source.
func (iv *Interview) Text() string {
	parts := make([]string, len(iv.Paragraphs))
	for i := range iv.Paragraphs {
		parts[i] = iv.Paragraphs[i].Text()
	}
	return strings.Join(parts, "\n\n")
}

// Paragraph returns the paragraph with the given ID, or nil.
func (iv *Interview) Paragraph(id string) *Paragraph {
	for i := range iv.Paragraphs {
		if iv.Paragraphs[i].ID == id {
			return &iv.Paragraphs[i]
		}
	}
	return nil
}

// Intro returns the article's introduction paragraphs.
func (iv *Interview) Intro() []*Paragraph {
	var out []*Paragraph
	for i := range iv.Paragraphs {
		if iv.Paragraphs[i].Role == RoleIntro {
			out = append(out, &iv.Paragraphs[i])
		}
	}
	return out
}

// Exchanges returns the question/answer exchanges in order. Parse
// guarantees that exchange n is at index n-1 and has a question and at
// least one answer.
func (iv *Interview) Exchanges() []Exchange {
	var out []Exchange
	for i := range iv.Paragraphs {
		p := &iv.Paragraphs[i]
		switch p.Role {
		case RoleQuestion:
			out = append(out, Exchange{Number: p.Exchange, Question: p})
		case RoleAnswer:
			out[len(out)-1].Answers = append(out[len(out)-1].Answers, p)
		}
	}
	return out
}

// Exchange returns exchange n (1-based) and whether it exists.
func (iv *Interview) Exchange(n int) (Exchange, bool) {
	ex := iv.Exchanges()
	if n < 1 || n > len(ex) {
		return Exchange{}, false
	}
	return ex[n-1], true
}

func version(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}
