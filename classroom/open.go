package classroom

import (
	"fmt"
	"slices"
)

// Open is an open question: the student writes the answer, and the
// teacher marks it against a model answer and marking points. Levels
// differ in what they ask, not in their label: secondary school asks what
// the text says and what its words mean, university what it implies, how
// it argues and what kind of document it is.
type Open struct {
	ID string `json:"id"`
	// Exchange is the exchange asked about; 0 is the introduction or the
	// whole text.
	Exchange int    `json:"exchange"`
	Level    string `json:"level"`
	// Skill is what the question trains; see skills.
	Skill    string `json:"skill"`
	Question Text   `json:"question"`
	// Cite is the passage the answer starts from: in the exchange, when
	// there is one; any passage for exchange 0.
	Cite Ref `json:"cite"`
	// Model is a model answer, right per the text: whatever it quotes is
	// the text's, verbatim.
	Model Text `json:"model"`
	// Points are what an answer must contain to get full marks.
	Points []Text `json:"points"`
	Quote  Quote  `json:"-"`
}

// skills are the skills each level's open questions may train.
// "check" asks a student to check a claim of the text against what
// they can find out (a map, a date), at either level.
var skills = map[string][]string{
	Secondary:  {"literal", "vocabulary", SkillCheck},
	University: {"inference", "argument", "source", SkillCheck},
}

// Marking points an open question has: fewer than two is a model answer
// in other words; more than four no longer fits a teacher's margin.
const minPoints, maxPoints = 2, 4

func (o *Open) resolve(m *Material) error {
	if err := frenchAlone(append([]*Text{&o.Question, &o.Model}, ptrs(o.Points)...)...); err != nil {
		return err
	}
	var err error
	if o.Quote, err = m.quote(o.Cite); err != nil {
		return err
	}
	if err := checkLevel(o.Level); err != nil {
		return err
	}
	if !slices.Contains(skills[o.Level], o.Skill) {
		return fmt.Errorf("skill %q at level %s: want one of %v", o.Skill, o.Level, skills[o.Level])
	}
	if !m.exchangeOK(o.Exchange) {
		return fmt.Errorf("no exchange %d", o.Exchange)
	}
	if o.Exchange != 0 && o.Quote.Exchange != o.Exchange {
		return fmt.Errorf("%s is not in exchange %d", o.Cite.Passage, o.Exchange)
	}
	if missingLanguage(o.Question) || missingLanguage(o.Model) {
		return fmt.Errorf("a question and a model answer in French are needed")
	}
	if len(o.Points) < minPoints || len(o.Points) > maxPoints {
		return fmt.Errorf("%d marking points; want %d to %d", len(o.Points), minPoints, maxPoints)
	}
	for i, p := range o.Points {
		if missingLanguage(p) {
			return fmt.Errorf("marking point %d: a point in French is needed", i+1)
		}
	}
	return nil
}

// OpenQuestions returns the open questions on exchange n (0: all), at
// level (empty: both).
func (m *Material) OpenQuestions(n int, level string) []*Open {
	var out []*Open
	for _, o := range inExchange(m.open, n, func(o *Open) int { return o.Exchange }) {
		// Checking a claim against sources is for both levels, whatever
		// the level it is filed under: Terminale's HGGSP asks for it.
		if level == "" || o.Level == level || o.Skill == SkillCheck {
			out = append(out, o)
		}
	}
	return out
}

// SkillCheck is the skill of an open question that asks to check a
// claim of the text against outside sources: research for the library
// or for home, not for a lesson's minutes.
const SkillCheck = "check"

// course is the material's place in a syllabus, and what the teacher
// knows of the document.
type course struct {
	Curriculum Text `json:"curriculum"`
	// Document says what is known of where and when the interview was
	// published, for the key: the text names no newspaper.
	Document Text `json:"document"`
	// Source, once a teacher has found it, is the newspaper, date and
	// author that the students' sheets print; empty, they leave a line
	// to fill in.
	Source Text `json:"source"`
	// Study is a critical study of the document, as the baccalauréat
	// sets one: the students' instruction, and an outline in the key.
	Study *Study `json:"study"`
	// Readings are further reading for the critical-reading level, in
	// the key: each a reference and what it is for.
	Readings []Text `json:"readings"`
}

// Study is a critical study of the whole document (étude critique de
// document): its instruction and a suggested outline.
type Study struct {
	Instruction Text   `json:"instruction"`
	Outline     []Text `json:"outline"`
	// Criteria are what a good study does, for marking it.
	Criteria []Text `json:"criteria"`
}

func (c *course) check() error {
	if missingLanguage(c.Curriculum) {
		return fmt.Errorf("the curriculum link in each language is needed")
	}
	for _, f := range []struct {
		name string
		t    *Text
	}{{"document", &c.Document}, {"source", &c.Source}} {
		name, t := f.name, f.t
		if *t != (Text{}) {
			if err := frenchAlone(t); err != nil || missingLanguage(*t) {
				return fmt.Errorf("%s: a text in French is needed", name)
			}
		}
	}
	if err := frenchAlone(ptrs(c.Readings)...); err != nil || slices.ContainsFunc(c.Readings, missingLanguage) {
		return fmt.Errorf("readings: each in French, and in English for all or none")
	}
	if c.Study != nil {
		if err := frenchAlone(append(append([]*Text{&c.Study.Instruction}, ptrs(c.Study.Outline)...), ptrs(c.Study.Criteria)...)...); err != nil {
			return fmt.Errorf("study: %w", err)
		}
		if missingLanguage(c.Study.Instruction) || len(c.Study.Outline) == 0 || slices.ContainsFunc(c.Study.Outline, missingLanguage) || slices.ContainsFunc(c.Study.Criteria, missingLanguage) {
			return fmt.Errorf("study: an instruction and an outline of at least one part, in French, are needed")
		}
	}
	return nil
}

// Curriculum names the syllabus the material serves, for the teacher.
func (m *Material) Curriculum() Text { return m.course.Curriculum }

// Document says what is known of the document's publication; empty if
// nothing is written.
func (m *Material) Document() Text { return m.course.Document }

// Source is the newspaper, date and author a teacher has found for
// the interview; empty if none.
func (m *Material) Source() Text { return m.course.Source }

// Readings are further reading for the critical-reading level.
func (m *Material) Readings() []Text { return m.course.Readings }

// CriticalStudy is the critical study of the document, nil if none.
func (m *Material) CriticalStudy() *Study { return m.course.Study }
