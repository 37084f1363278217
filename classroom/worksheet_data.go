package classroom

import (
	"fmt"
	htmltemplate "html/template"
	"maps"
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// sheetData is what the worksheet templates show.
type sheetData struct {
	CSS   htmltemplate.CSS // HTML only
	Paper string           // HTML only: the named page of the CSS
	L     labels
	Lang  lang.Language
	Title string
	// Source is the interview as the sheet's header names it.
	Source string
	// Sheet and Key say what the file holds: the sheet, the key, or
	// both.
	Sheet, Key  bool
	Interviewee string
	Exchanges   []sheetExchange
	Terms       []sheetTerm
	// Speakers are a "who said it?" item's three choices, in order.
	Speakers []string
	Who      []sheetWho
	Events   []sheetEvent
	Levels   []sheetLevel
	// Notes are the critical notes on the text printed, in the key.
	Notes []sheetNote
	// Facts are the glossary's facts beyond the interview, in the key.
	Facts []sheetTerm
	// Curriculum, in the key, is the programme the sheet serves, and
	// Document what is known of the document's publication.
	Curriculum, Document string
	// Minutes, in the key, is the time the sheet takes a class.
	Minutes string
	// Study is the critical study of the document: its instruction on
	// the students' copy, its outline in the key.
	Study    string
	Outline  []string
	Criteria []string
	// Found is the source a teacher found for the document, which the
	// header prints in place of a line to fill in.
	Found string
	// Readings, in the key of a sheet with the critical-reading level,
	// are further reading.
	Readings []string
}

type sheetExchange struct {
	Number     int // 0: the introduction
	Topic      string
	Paragraphs []sheetParagraph
}

type sheetParagraph struct {
	ID          string
	Speaker     string // who speaks, in the sheet's language
	Interviewee bool
	FR, EN      string
}

// sheetLevel is one level's questions and prompts. Heading is empty on a
// sheet of one level, whose title names it: the level is said once.
type sheetLevel struct {
	Heading   string
	Questions []sheetQuestion
	Open      []sheetOpen
	Prompts   []sheetPrompt
}

// sheetOpen is an open question: on the sheet, the question and lines to
// write on; in the key, a model answer and marking points.
type sheetOpen struct {
	N        int
	Ref, Ask string
	Lines    int // to write on
	// Research is a question to answer from outside sources: in the
	// library, or at home.
	Research bool
	minutes  int // in class: none for research
	Model    string
	Points   []string
	Notes    []sheetNote
}

type sheetQuestion struct {
	N       int
	Ask     string
	Choices []string
	Answer  string // "B. …"
	Cite    string // where the answer is
	// Quote is the passage that answers it: the original, and our
	// translation for an English sheet.
	Quote Text
	Note  string // the worksheet's remark on the answer, if any
	// Why, in the key, says why each wrong choice is wrong: "B. …".
	Why []string
	// Notes are the critical notes on the cited sentences, in the key.
	Notes []sheetNote
}

// sheetNote is a critical note as the key prints it: whole, numbered,
// in the key's section of notes; under an entry of the key, See names
// it by its number.
type sheetNote struct {
	ID, Label, Text, Sources string
	N                        int
	Ref                      string // the sentence's anchor: a7.1.5
	// Excerpt is the words the note is about, as published, and in an
	// English sheet our translation.
	Excerpt, ExcerptEN string
	See                string
}

// sheetPrompt is a discussion prompt. Ref is the passage it starts
// from, printed just above on the sheet: the prompt names it rather than
// quote it again.
type sheetPrompt struct {
	Ref, Text string
	// Teacher, in the key, is what a good answer finds.
	Teacher string
}

type sheetTerm struct {
	Term, Definition string
	Facts            []string
}

// sheetWho is a "who said it?" item: a sentence as published (and our
// translation), and in the key whose it is.
type sheetWho struct {
	N      int
	Text   Text
	Answer string
	Ref    string
	Notes  []sheetNote
}

// sheetEvent is a timeline item: an event, and in the key the words that
// date it in the text (as written, each language for an English sheet)
// and the date they imply.
type sheetEvent struct {
	N         int
	Event     string
	AsWritten Text
	Implied   string // empty: AsWritten is a date
	Ref       string
	Notes     []sheetNote
}

// sheetData gathers what the sheet s shows; s has been checked.
func (m *Material) sheetData(s Sheet) sheetData {
	l := s.Lang
	d := sheetData{CSS: htmltemplate.CSS(WorksheetCSS), Paper: s.Paper, L: sheetLabels[l], Lang: l, Source: m.iv.Source.In(l), Interviewee: m.iv.Interviewee,
		Sheet: s.Key != KeyOnly, Key: s.Key != KeyNone}
	d.Title = fmt.Sprintf(d.L.Title, m.iv.Interviewee, m.iv.IntervieweeRole.In(l))
	switch {
	case s.Study:
		d.Title += " — " + d.L.StudyTitle
	case s.Level != "":
		d.Title += " — " + LevelName(s.Level, l)
	}
	d.L.Note = fmt.Sprintf(d.L.Note, m.iv.Interviewee)
	d.L.NotesHow = fmt.Sprintf(d.L.NotesHow, m.iv.Interviewee)
	d.L.Levels = fmt.Sprintf(d.L.Levels, LevelClasses(Secondary, l), LevelClasses(University, l))
	// asks reports whether the sheet asks an item of exchange n that
	// cites q: the introduction's sheet asks what cites the
	// introduction, whatever exchange the item is filed under.
	asks := func(n int, q Quote) bool {
		switch {
		case s.whole():
			return true
		case s.Exchange == IntroSheet:
			return q.Exchange == 0
		}
		return s.prints(n)
	}
	var questions []*Comprehension
	for _, c := range m.ComprehensionQuestions(0) {
		if asks(c.Exchange, c.Quote) && (s.Level == "" || c.Level == s.Level) {
			questions = append(questions, c)
		}
	}
	prompts := slices.DeleteFunc(m.Prompts(0, s.Level), func(p *Prompt) bool { return !asks(p.Exchange, p.Quote) })
	open := slices.DeleteFunc(m.OpenQuestions(0, s.Level), func(o *Open) bool { return !asks(o.Exchange, o.Quote) })
	if s.Study { // the text and the instruction: the study does the analysis
		questions, prompts, open = nil, nil, nil
	}
	shown := m.sheetPassages(&d, s, questions, prompts, open)
	// An exchange's sheet defines the words of its exchange: the
	// introduction's paragraphs it prints for a question are not
	// glossed, to keep a sheet of one level to a page.
	glossed := maps.Clone(shown)
	if !s.whole() && s.Exchange != IntroSheet {
		maps.DeleteFunc(glossed, func(id string, _ bool) bool { return m.iv.Paragraph(id).Exchange == 0 })
	}
	m.sheetGlossary(&d, glossed)
	per := whoPerSpeaker
	if s.whole() {
		per = whoPerSpeakerWhole
	}
	// Who said it and the timeline are on the sheets of both levels
	// (and the whole interview's) unless s says otherwise: a sheet of
	// one level keeps to a page of type a class can read, its text,
	// questions and room to write. The introduction alone has one
	// speaker, so no one to tell apart.
	who, timeline, _ := s.exercises() // s is checked
	if s.Study {
		who, timeline = false, false
	}
	if who && s.Exchange != IntroSheet {
		m.sheetWho(&d, m.WhoSaidStatements(func(q Quote) bool { return shown[q.Passage] && len([]rune(q.FR)) <= whoMaxChars }, per))
	}
	if timeline {
		m.sheetTimeline(&d, shown, func(e *Event) bool { return asks(e.Quote.Exchange, e.Quote) })
	}
	m.sheetLevels(&d, s, questions, prompts, open)
	d.Curriculum, d.Document = m.Curriculum().In(l), m.Document().In(l)
	d.Found = strings.TrimRight(strings.TrimSpace(m.Source().In(l)), ".") // the sheet ends it
	// The critical study is of the whole document, at the level that
	// writes one.
	if st := m.CriticalStudy(); st != nil && s.whole() && (s.Level != Secondary || s.Study) {
		d.Study = st.Instruction.In(l)
		for _, o := range st.Outline {
			d.Outline = append(d.Outline, o.In(l))
		}
		for _, c := range st.Criteria {
			d.Criteria = append(d.Criteria, c.In(l))
		}
	}
	if s.Level != Secondary {
		for _, r := range m.Readings() {
			d.Readings = append(d.Readings, r.In(l))
		}
	}
	d.Minutes = d.minutes()
	if s.Study {
		d.Minutes = d.L.StudyMinutes
	}
	m.keyNotes(&d, shown)
	return d
}

// sheetPassages adds the passages the sheet prints, and returns their
// IDs: the exchange's (all, for 0; the introduction's for IntroSheet),
// and the introduction's paragraphs that a question or a prompt cites,
// since a sheet asks only about text it shows.
func (m *Material) sheetPassages(d *sheetData, s Sheet, questions []*Comprehension, prompts []*Prompt, open []*Open) map[string]bool {
	l := d.Lang
	shown := map[string]bool{}
	add := func(n int, topic string, ps []*corpus.Paragraph) {
		ex := sheetExchange{Number: n, Topic: topic}
		for _, p := range ps {
			shown[p.ID] = true
			ex.Paragraphs = append(ex.Paragraphs, sheetParagraph{ID: p.ID, Speaker: speaker(m.iv, p.Role, l), Interviewee: p.IsInterviewee(), FR: p.Text(), EN: p.Translation()})
		}
		d.Exchanges = append(d.Exchanges, ex)
	}
	var intro []*corpus.Paragraph
	for _, p := range m.iv.Intro() {
		cited := slices.ContainsFunc(questions, func(c *Comprehension) bool { return c.Cite.Passage == p.ID }) ||
			slices.ContainsFunc(prompts, func(pr *Prompt) bool { return pr.Cite.Passage == p.ID }) ||
			slices.ContainsFunc(open, func(o *Open) bool { return o.Cite.Passage == p.ID })
		if s.whole() || s.Exchange == IntroSheet || cited {
			intro = append(intro, p)
		}
	}
	if len(intro) > 0 {
		add(0, d.L.Introduction, intro)
	}
	for _, ex := range m.iv.Exchanges() {
		if s.whole() || s.prints(ex.Number) {
			add(ex.Number, fmt.Sprintf("%s %d — %s", d.L.QA, ex.Number, ex.Topic(l)), append([]*corpus.Paragraph{ex.Question}, ex.Answers...))
		}
	}
	return shown
}

// sheetGlossary adds the terms of the passages shown: their definitions
// on the sheet, and what they say beyond the interview in the key, where
// a teacher finds the sources.
func (m *Material) sheetGlossary(d *sheetData, shown map[string]bool) {
	l := d.Lang
	for _, t := range m.Glossary() {
		if !slices.ContainsFunc(t.Appears, func(q Quote) bool { return shown[q.Passage] }) {
			continue
		}
		d.Terms = append(d.Terms, sheetTerm{Term: t.Term.In(l), Definition: t.Definition.In(l)})
		if len(t.Facts) == 0 {
			continue
		}
		st := sheetTerm{Term: t.Term.In(l)}
		for _, f := range t.Facts {
			st.Facts = append(st.Facts, fmt.Sprintf("%s (%s %s)", f.Text.In(l), d.L.Source, f.Source.In(l)))
		}
		d.Facts = append(d.Facts, st)
	}
}

// sheetWho adds a "who said it?" item for each statement.
func (m *Material) sheetWho(d *sheetData, statements []Quote) {
	l := d.Lang
	// The choices say where the words are, as the quiz's do: the
	// interviewer's questions and the introduction are both the
	// newspaper's, and "the newspaper" alone would fit either.
	for _, c := range whoChoices {
		d.Speakers = append(d.Speakers, c.In(l))
	}
	for i, q := range statements {
		d.Who = append(d.Who, sheetWho{N: i + 1, Text: Text{FR: q.FR, EN: q.EN}, Answer: whoChoices[whoAnswer(q.Role)].In(l), Ref: q.Passage, Notes: m.sheetNotes(q.Ref, l)})
	}
}

// sheetTimeline adds the timeline's events that the passages shown
// date, in the text's order, not the dates': finding the order is no
// part of the exercise (a century and a decade have none), reading what
// a date as written means is.
func (m *Material) sheetTimeline(d *sheetData, shown map[string]bool, asked func(*Event) bool) {
	l := d.Lang
	var events []*Event
	for _, e := range m.Timeline() {
		// An exchange's sheet dates what its exchange says: an
		// introduction's paragraph printed for a question is not asked
		// about twice.
		if shown[e.Cite.Passage] && asked(e) {
			events = append(events, e)
		}
	}
	order := textOrder(m.iv)
	slices.SortStableFunc(events, func(a, b *Event) int { return order(a.Cite, b.Cite) })
	for i, e := range events {
		d.Events = append(d.Events, sheetEvent{N: i + 1, Event: e.Event.In(l), AsWritten: e.AsWritten, Implied: e.Implied.In(l), Ref: e.Cite.Passage, Notes: m.sheetNotes(e.Cite, l)})
	}
}

// linesAt is the lines to write on under an open question by level: a
// secondary school answer is a sentence or two, a university one a
// paragraph.
var linesAt = map[string]int{Secondary: 3, University: 4}

// sheetLevels adds the questions and prompts, secondary school first,
// each level under its heading when the sheet has both.
func (m *Material) sheetLevels(d *sheetData, s Sheet, questions []*Comprehension, prompts []*Prompt, open []*Open) {
	l, level := d.Lang, s.Level
	n := 0
	for _, lv := range []string{Secondary, University} {
		if level != "" && level != lv {
			continue
		}
		sl := sheetLevel{}
		if level == "" {
			sl.Heading = levelHeading(lv, l)
		}
		for _, c := range questions {
			if c.Level != lv {
				continue
			}
			n++
			sl.Questions = append(sl.Questions, m.sheetQuestion(n, c, l))
		}
		for _, o := range open {
			// A sheet of one level asks the other's checks of a claim
			// too (see OpenQuestions); a sheet of both, under its own.
			if o.Level != lv && (level == "" || o.Skill != SkillCheck) {
				continue
			}
			n++
			so := sheetOpen{N: n, Ref: o.Cite.Passage, Ask: o.Question.In(l), Lines: s.Lines, Research: o.Skill == SkillCheck, Model: o.Model.In(l), Notes: m.sheetNotes(o.Cite, l)}
			switch {
			case so.Research:
				// Answered from sources, in the library or at home,
				// on a sheet of its own: no lines, no class time.
				so.Lines = 0
			case so.Lines == 0:
				so.Lines = linesAt[lv]
			}
			if !so.Research {
				so.minutes = minutesOpen[lv]
			}
			for _, p := range o.Points {
				so.Points = append(so.Points, p.In(l))
			}
			sl.Open = append(sl.Open, so)
		}
		for _, p := range prompts {
			if p.Level == lv {
				sl.Prompts = append(sl.Prompts, sheetPrompt{Ref: p.Cite.Passage, Text: p.Prompt.In(l), Teacher: p.Teacher.In(l)})
			}
		}
		if len(sl.Questions)+len(sl.Open)+len(sl.Prompts) > 0 {
			d.Levels = append(d.Levels, sl)
		}
	}
}

func (m *Material) sheetQuestion(n int, c *Comprehension, l lang.Language) sheetQuestion {
	q := m.understand(c)
	sq := sheetQuestion{N: n, Ask: q.Ask.In(l), Cite: cite(m.iv, q.Source, l), Quote: Text{FR: q.Source.FR, EN: q.Source.EN}, Note: q.Note.In(l), Notes: m.sheetNotes(c.Cite, l)}
	for i, ch := range q.Choices {
		sq.Choices = append(sq.Choices, fmt.Sprintf("%c. %s", 'A'+i, ch.In(l)))
	}
	sq.Answer = sq.Choices[q.Answer]
	for i, w := range q.Why {
		if w.In(l) != "" {
			sq.Why = append(sq.Why, fmt.Sprintf("%c. %s", 'A'+i, w.In(l)))
		}
	}
	return sq
}

// speaker names whose words a passage holds.
func speaker(iv *corpus.Interview, r corpus.Role, l lang.Language) string {
	switch r {
	case corpus.RoleAnswer:
		return iv.Interviewee
	case corpus.RoleQuestion:
		return pick(l, "Le journaliste", "The interviewer")
	}
	return pick(l, "Le journal", "The newspaper")
}

// cite says where a quote is and whose words it holds.
func cite(iv *corpus.Interview, q Quote, l lang.Language) string {
	who := speaker(iv, q.Role, l)
	if q.Exchange == 0 {
		return fmt.Sprintf("%s, introduction, %s", who, q.Passage)
	}
	return fmt.Sprintf("%s, %s %d, %s", who, pick(l, "Q&R", "Q&A"), q.Exchange, q.Passage)
}

// Prompted reports whether the sheet has discussion prompts.
func (d sheetData) Prompted() bool {
	return slices.ContainsFunc(d.Levels, func(l sheetLevel) bool { return len(l.Prompts) > 0 })
}
