// Package customid writes and reads the custom IDs of the bot's buttons
// and menus. A component's custom ID is a prefix, then the fields of a
// typed value, written by its Format and read by its Parse. The ID comes
// back from Discord inside a request anyone can forge, so every Parse
// treats it as untrusted input (FuzzCustomIDs). Each value carries all
// its click needs, so that any instance can serve it.
package customid

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
)

// MaxLen is the most characters Discord takes in a custom ID.
const MaxLen = 100

// MaxChoices is the most choices a quiz question shows (A to D).
const MaxChoices = 4

// ErrInvalid is the error of every Parse: the ID is not one the bot
// wrote.
var ErrInvalid = errors.New("customid: not a custom ID of the bot's")

// The custom ID prefixes, one per kind.
const (
	PrefixExchange = "x"     // Exchange
	PrefixToggle   = "t"     // Quotes: the same quotes in the other language
	PrefixQuotes   = "s"     // Quotes: the exact sentences an LLM answer quotes
	PrefixFeedback = "f"     // Feedback
	PrefixTopic    = "topic" // the topic menu; its value is an exchange number
	PrefixQuiz     = "qz"    // Quiz
	PrefixHint     = "hn"    // Hint
)

// Exchange opens a whole exchange (0: the introduction), in Lang, or in
// the clicker's language when Lang is empty.
type Exchange struct {
	Exchange int
	Lang     lang.Language
}

// Format writes x.
func (x Exchange) Format() string {
	return fmt.Sprintf("%s:%d:%s", PrefixExchange, x.Exchange, x.Lang)
}

// ParseExchange reads an Exchange.
func ParseExchange(id string) (Exchange, error) {
	rest, ok := strings.CutPrefix(id, PrefixExchange+":")
	num, l, _ := strings.Cut(rest, ":")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 {
		return Exchange{}, ErrInvalid
	}
	lg, _ := lang.Parse(l) // none, or one unknown: the clicker's
	return Exchange{n, lg}, nil
}

// Quotes renders again the quotes at Refs (paragraph and sentence run)
// in Lang: the language toggle (PrefixToggle) or the exact quotes of an
// LLM answer (PrefixQuotes). Answer names the answer in the cache
// (answer.Answer.Ref), whose question a toggle shows again; it is left
// out when there is none or it would not fit.
type Quotes struct {
	Prefix string // PrefixToggle or PrefixQuotes
	Lang   lang.Language
	Refs   []answer.Citation // ID, From and To only
	Answer string            // hex, or ""
}

// Format writes q, or "" if its quotes do not fit in a custom ID.
func (q Quotes) Format() string {
	if len(q.Refs) == 0 {
		return ""
	}
	refs := make([]string, len(q.Refs))
	for i, c := range q.Refs {
		refs[i] = fmt.Sprintf("%s/%d-%d", c.ID, c.From, c.To)
	}
	id := fmt.Sprintf("%s:%s:%s", q.Prefix, q.Lang, strings.Join(refs, ","))
	if q.Answer != "" && len(id)+1+len(q.Answer) <= MaxLen {
		id += ":" + q.Answer
	}
	if len(id) > MaxLen {
		return ""
	}
	return id
}

// ParseQuotes reads a Quotes.
func ParseQuotes(id string) (Quotes, error) {
	parts := strings.SplitN(id, ":", 4)
	if len(parts) < 3 || (parts[0] != PrefixToggle && parts[0] != PrefixQuotes) {
		return Quotes{}, ErrInvalid
	}
	lg, err := lang.Parse(parts[1])
	if err != nil {
		return Quotes{}, ErrInvalid
	}
	q := Quotes{Prefix: parts[0], Lang: lg}
	if len(parts) == 4 {
		if !isHex(parts[3]) {
			return Quotes{}, ErrInvalid
		}
		q.Answer = parts[3]
	}
	for _, r := range strings.Split(parts[2], ",") {
		pid, span, ok := strings.Cut(r, "/")
		from, to, ok2 := strings.Cut(span, "-")
		f, err1 := strconv.Atoi(from)
		t, err2 := strconv.Atoi(to)
		if !ok || !ok2 || err1 != nil || err2 != nil {
			return Quotes{}, ErrInvalid
		}
		q.Refs = append(q.Refs, answer.Citation{ID: pid, From: f, To: t})
	}
	return q, nil
}

// isHex reports whether s is a non-empty run of lowercase hex digits.
func isHex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789abcdef") == ""
}

// Feedback is a vote on an answer.
type Feedback struct{ Up bool }

// Format writes f.
func (f Feedback) Format() string {
	if f.Up {
		return PrefixFeedback + ":+"
	}
	return PrefixFeedback + ":-"
}

// ParseFeedback reads a Feedback.
func ParseFeedback(id string) (Feedback, error) {
	switch id {
	case PrefixFeedback + ":+":
		return Feedback{Up: true}, nil
	case PrefixFeedback + ":-":
		return Feedback{Up: false}, nil
	}
	return Feedback{}, ErrInvalid
}

// TopicValue is the value of the topic menu's option for exchange n.
func TopicValue(n int) string { return strconv.Itoa(n) }

// ParseTopicValue reads a TopicValue.
func ParseTopicValue(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, ErrInvalid
	}
	return n, nil
}

// Quiz is a click on a choice of a posted question: the question (its ID
// and the version of its choices) and the choice.
type Quiz struct {
	Question string
	Version  string
	Choice   int
	// Until, for a class quiz's question, is when it stops taking
	// answers (Unix milliseconds; 0 for none): the click says so itself,
	// whatever became of the session's state.
	Until int64
}

// Format writes q.
func (q Quiz) Format() string {
	id := fmt.Sprintf("%s:%s:%s:%d", PrefixQuiz, q.Question, q.Version, q.Choice)
	if q.Until > 0 {
		id += ":t" + strconv.FormatInt(q.Until, 10)
	}
	return id
}

// itemID reports whether s can be the ID of a classroom item, or of a
// quiz question ("c-" and an item's).
func itemID(s string) bool { return classroom.ValidID(strings.TrimPrefix(s, "c-")) }

// ParseQuiz reads a Quiz.
func ParseQuiz(id string) (Quiz, error) {
	parts := strings.Split(id, ":")
	if len(parts) != 4 && len(parts) != 5 || parts[0] != PrefixQuiz || !itemID(parts[1]) ||
		len(parts[2]) != 4 || !isHex(parts[2]) {
		return Quiz{}, ErrInvalid
	}
	c, err := strconv.Atoi(parts[3])
	if err != nil || c < 0 || c >= MaxChoices || parts[3] != strconv.Itoa(c) {
		return Quiz{}, ErrInvalid
	}
	q := Quiz{Question: parts[1], Version: parts[2], Choice: c}
	if len(parts) == 5 {
		digits, ok := strings.CutPrefix(parts[4], "t")
		until, err := strconv.ParseInt(digits, 10, 64)
		if !ok || err != nil || until <= 0 || digits != strconv.FormatInt(until, 10) {
			return Quiz{}, ErrInvalid
		}
		q.Until = until
	}
	return q, nil
}

// UntilMillis is t in Unix milliseconds, or 0 for the zero time.
func UntilMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// Hint asks for what the class does not see at first about a classroom
// item, in Lang: a discussion prompt's notes for the teacher, an open
// question's model answer and marking points.
type Hint struct {
	Item string
	Lang lang.Language
}

// Format writes h.
func (h Hint) Format() string { return fmt.Sprintf("%s:%s:%s", PrefixHint, h.Item, h.Lang) }

// ParseHint reads a Hint.
func ParseHint(id string) (Hint, error) {
	parts := strings.Split(id, ":")
	if len(parts) != 3 || parts[0] != PrefixHint || !itemID(parts[1]) {
		return Hint{}, ErrInvalid
	}
	l, err := lang.Parse(parts[2])
	if err != nil || string(l) != parts[2] {
		return Hint{}, ErrInvalid
	}
	return Hint{parts[1], l}, nil
}
