package classroom

import (
	"fmt"
	"slices"
	"strings"
)

// Event is a dated event the interview mentions.
type Event struct {
	ID string `json:"id"`
	// Sort orders the events: a year, year-month or year-month-day.
	Sort string `json:"sort"`
	// AsWritten is the date as the text gives it, verbatim.
	AsWritten Text `json:"as_written"`
	// Implied is the date a relative or vague AsWritten implies: our
	// reading, to be shown as such; empty when AsWritten is a date.
	Implied Text `json:"implied"`
	// Event is the bot's one-line description.
	Event Text  `json:"event"`
	Cite  Ref   `json:"cite"`
	Quote Quote `json:"-"`
}

func (e *Event) resolve(m *Material) error {
	var err error
	if e.Quote, err = m.quote(e.Cite); err != nil {
		return err
	}
	if !contains(e.Quote.FR, e.AsWritten.FR) || !contains(e.Quote.EN, e.AsWritten.EN) {
		return fmt.Errorf("the date as written (%q, %q) is not in the cited sentences%s", e.AsWritten.FR, e.AsWritten.EN, typographyHint(e.AsWritten))
	}
	return nil
}

// Timeline returns the events in order.
func (m *Material) Timeline() []*Event { return ptrs(m.timeline) }

// Comprehension is a multiple-choice question on what the text says,
// with the passage that answers it.
type Comprehension struct {
	ID       string `json:"id"`
	Exchange int    `json:"exchange"`
	Level    string `json:"level"`
	Question Text   `json:"question"`
	// Choices lists the right answer first; a quiz shuffles them.
	Choices []Text `json:"choices"`
	Cite    Ref    `json:"cite"`
	// Evidence is the excerpt of the cited sentences that shows the
	// answer right, in each language.
	Evidence Text `json:"evidence"`
	// Note, if any, tells what the text leaves out or gets wrong about
	// the answer: the bot's words, shown with the answer.
	Note Text `json:"note"`
	// Wrong explains each wrong choice, in the order of Choices[1:]: why
	// the text rules it out, and what it says instead.
	Wrong []Text `json:"wrong"`
	// Skill is what the question asks of a student: SkillLiteral or
	// SkillVocabulary at the secondary level, SkillInference,
	// SkillArgument or SkillSource at the university level.
	Skill string `json:"skill"`
	Quote Quote  `json:"-"`
}

// The skills a comprehension question exercises. The level follows from
// the skill, so that "university" is a harder question, not a label.
const (
	// SkillLiteral: the answer is stated in the cited sentences.
	SkillLiteral = "literal"
	// SkillVocabulary: what a word or phrase of the text means there.
	SkillVocabulary = "vocabulary"
	// SkillInference: the answer is implied, or needs two statements
	// put together.
	SkillInference = "inference"
	// SkillArgument: what a step of the reasoning does (a concession,
	// an analogy, an appeal to history).
	SkillArgument = "argument"
	// SkillSource: the text as a document: who speaks, how the
	// newspaper frames the interview, what a question implies.
	SkillSource = "source"
)

// skillLevel gives the level of each skill.
var skillLevel = map[string]string{
	SkillLiteral:    Secondary,
	SkillVocabulary: Secondary,
	SkillInference:  University,
	SkillArgument:   University,
	SkillSource:     University,
}

func (c *Comprehension) resolve(m *Material) error {
	texts := append([]*Text{&c.Question, &c.Note, &c.Evidence}, append(ptrs(c.Choices), ptrs(c.Wrong)...)...)
	if err := frenchAlone(texts...); err != nil {
		return err
	}
	var err error
	if c.Quote, err = m.quote(c.Cite); err != nil {
		return err
	}
	if len(c.Choices) < 3 || len(c.Choices) > 4 {
		return fmt.Errorf("%d choices; want 3 or 4", len(c.Choices))
	}
	if !m.exchangeOK(c.Exchange) || c.Exchange == 0 {
		return fmt.Errorf("no exchange %d", c.Exchange)
	}
	// An item written in French alone may leave the evidence's English
	// out: what it shows is in the published French.
	if !contains(c.Quote.FR, c.Evidence.FR) || (c.Evidence.EN != c.Evidence.FR && !contains(c.Quote.EN, c.Evidence.EN)) {
		return fmt.Errorf("the evidence (%q, %q) is not in the cited sentences%s", c.Evidence.FR, c.Evidence.EN, typographyHint(c.Evidence))
	}
	for i, a := range c.Choices {
		if missingLanguage(a) {
			return fmt.Errorf("choice %d: a choice in French is needed", i+1)
		}
		for _, b := range c.Choices[:i] {
			if same(a.FR, b.FR) || same(a.EN, b.EN) {
				return fmt.Errorf("choices %d and %d are the same (%q)", i+1, slices.Index(c.Choices, b)+1, a.FR)
			}
		}
	}
	if len(c.Wrong) != len(c.Choices)-1 {
		return fmt.Errorf("%d explanations of wrong choices; want one for each of the %d", len(c.Wrong), len(c.Choices)-1)
	}
	for i, w := range c.Wrong {
		if strings.TrimSpace(w.FR) == "" || strings.TrimSpace(w.EN) == "" {
			return fmt.Errorf("wrong choice %d: an explanation in French is needed", i+1)
		}
	}
	if err := checkLevel(c.Level); err != nil {
		return err
	}
	level, ok := skillLevel[c.Skill]
	if !ok {
		return fmt.Errorf("skill %q: want %s, %s, %s, %s or %s", c.Skill, SkillLiteral, SkillVocabulary, SkillInference, SkillArgument, SkillSource)
	}
	if level != c.Level {
		return fmt.Errorf("skill %s at the %s level; it is a %s skill", c.Skill, c.Level, level)
	}
	return nil
}

// Prompt is a discussion prompt, the bot's question to a class, anchored
// to one of the interviewee's answers, or, for the "source" angle, to
// any passage.
type Prompt struct {
	ID string `json:"id"`
	// Exchange is the cited passage's: 0 for the introduction.
	Exchange int    `json:"exchange"`
	Level    string `json:"level"`
	// Angle is "weigh" (for and against), "missing" (what the argument
	// leaves out), "since" (what has happened since) or "source" (the
	// interview as a document: its framing, its questions, its making).
	Angle  string `json:"angle"`
	Cite   Ref    `json:"cite"`
	Prompt Text   `json:"prompt"`
	// Teacher says what a good answer finds: facts, arguments, the
	// sentence to notice. For the teacher, never shown to students.
	Teacher Text  `json:"teacher"`
	Quote   Quote `json:"-"`
}

// AngleSource is the angle of prompts on the interview as a document.
const AngleSource = "source"

func (p *Prompt) resolve(m *Material) error {
	if err := frenchAlone(&p.Prompt, &p.Teacher); err != nil {
		return err
	}
	var err error
	if p.Quote, err = m.quote(p.Cite); err != nil {
		return err
	}
	switch p.Angle { // first: a misspelt angle is not a wrong passage
	case "weigh", "missing", "since", AngleSource:
	default:
		return fmt.Errorf("angle %q: want weigh, missing, since or source", p.Angle)
	}
	// The other angles weigh the interviewee's words; a source prompt may
	// be about the newspaper's own: its introduction, its questions.
	if p.Angle != AngleSource && !p.Quote.Interviewee() {
		return fmt.Errorf("%s is not the interviewee's answer", p.Cite.Passage)
	}
	if p.Quote.Exchange != p.Exchange {
		return fmt.Errorf("%s is in exchange %d, not %d", p.Cite.Passage, p.Quote.Exchange, p.Exchange)
	}
	if missingLanguage(p.Prompt) {
		return fmt.Errorf("a prompt in French is needed")
	}
	if missingLanguage(p.Teacher) {
		return fmt.Errorf("teacher notes in French are needed")
	}
	return checkLevel(p.Level)
}

// frenchAlone lets a teacher write an item in French alone: when none
// of its texts has English, each takes its French, which an English
// sheet or reply then shows rather than a blank. An item with English
// for some texts and not others is refused: one French choice among
// English ones would give the answer away.
func frenchAlone(ts ...*Text) error {
	written, missing := 0, 0
	for _, t := range ts {
		if strings.TrimSpace(t.FR) == "" {
			continue
		}
		written++
		if strings.TrimSpace(t.EN) == "" {
			missing++
		}
	}
	if missing > 0 && missing < written {
		return fmt.Errorf("English is missing from %d of its %d texts: give it for every text, or leave it out of all for an item in French alone", missing, written)
	}
	for _, t := range ts {
		if strings.TrimSpace(t.EN) == "" {
			t.EN = t.FR
		}
	}
	return nil
}

// missingLanguage reports whether t lacks one of its languages.
func missingLanguage(t Text) bool {
	return strings.TrimSpace(t.FR) == "" || strings.TrimSpace(t.EN) == ""
}

// same reports whether two texts of choices are one, spaces and case
// aside; two empty ones are missing, not the same (see missingLanguage).
func same(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}

// typographyHint says, for an excerpt typed with straight quotes, that
// the text uses typographic ones: an edited copy's most likely mistake.
func typographyHint(t Text) string {
	if strings.ContainsAny(t.FR+t.EN, "'\"") {
		return " (the text uses typographic apostrophes and quotes, ’ « » “ ”, not ' or \")"
	}
	return ""
}

// ParseLevel reads a level as a teacher may name it: by what it asks
// (comprehension, critical), by its number (1, 2), or by its value
// (secondary, university); "" is both.
func ParseLevel(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case Secondary, "comprehension", "compréhension", "1":
		return Secondary, nil
	case University, "critical", "critique", "2":
		return University, nil
	}
	return "", fmt.Errorf("level %q: want comprehension (1, secondary) or critical (2, university)", s)
}

func checkLevel(l string) error {
	if l != Secondary && l != University {
		return fmt.Errorf("level %q: want %s or %s", l, Secondary, University)
	}
	return nil
}

// Prompts returns the discussion prompts on exchange n (0: all), at
// level (empty: both).
func (m *Material) Prompts(n int, level string) []*Prompt {
	var out []*Prompt
	for _, p := range inExchange(m.prompts, n, func(p *Prompt) int { return p.Exchange }) {
		if level == "" || p.Level == level {
			out = append(out, p)
		}
	}
	return out
}

// ComprehensionQuestions returns the comprehension questions on exchange
// n (0: all).
func (m *Material) ComprehensionQuestions(n int) []*Comprehension {
	return inExchange(m.comprehension, n, func(c *Comprehension) int { return c.Exchange })
}
