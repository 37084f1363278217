package classroom

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"slices"
	"strings"
	"text/template"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

//go:embed templates/worksheet.md.tmpl templates/worksheet.html.tmpl
var templates embed.FS

// WorksheetCSS is an HTML worksheet's stylesheet, inline in the file so
// that it stands alone (a page that serves one allows it by its hash).
//
//go:embed templates/worksheet.css
var WorksheetCSS string

// Formats a worksheet can be written in.
const (
	Markdown = "md"
	HTML     = "html"
)

// Sheet chooses a worksheet: its language, one exchange or all (0),
// a level (Secondary, University, or "" for both), where the answer key
// goes, and its format (Markdown or HTML).
type Sheet struct {
	Lang     lang.Language
	Exchange int
	Level    string
	Key      string
	Format   string
}

// Where a worksheet's answer key goes.
const (
	KeyPage = "page" // on a page of its own at the end (the default)
	KeyNone = "none" // nowhere: the students' copy
	KeyOnly = "only" // alone: the teacher's copy
)

// sheetData is what the worksheet templates show.
type sheetData struct {
	CSS    htmltemplate.CSS // HTML only
	L      labels
	Lang   lang.Language
	Title  string
	Source string
	// Sheet and Key say what the file holds: the sheet, the key, or
	// both.
	Sheet, Key  bool
	Interviewee string
	Exchanges   []sheetExchange
	Questions   []sheetQuestion
	Prompts     []sheetPrompt
	Terms       []sheetTerm
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
}

type sheetPrompt struct {
	Level, Text, Cite string
	Quote             Text
}

type sheetTerm struct {
	Term, Definition string
	Facts            []string
}

// labels are the worksheet's words in one language.
type labels struct {
	Worksheet, Title, Unnamed, Note, Passages, Introduction, QA, Comprehension, Discussion, Glossary, Key, Translation, Beyond, Source, Name string
}

var sheetLabels = map[lang.Language]labels{
	lang.French: {
		Worksheet: "Fiche de travail", Name: "Nom\u00a0: ____________________      Date\u00a0: __________",
		Note:  "Seules les réponses sont de %s, telles que le journal les a publiées (il a sans doute répondu en anglais\u00a0; le français est celui du journal)\u00a0; l’introduction (le journal) et les questions (le journaliste) sont du journal. Les citations reprennent le texte publié au mot près. Les repères entre parenthèses situent chaque passage\u00a0: intro.2, le 2e paragraphe de l’introduction\u00a0; q6, la question 6\u00a0; a6.1, la réponse 6.",
		Title: "Entretien avec %s, %s", Unnamed: "Le texte dont nous disposons ne nomme ni le journal ni le journaliste.",
		Passages: "Le texte", Introduction: "Introduction (le journal)", QA: "Q&R", Comprehension: "Questions de compréhension",
		Discussion: "À discuter", Glossary: "Glossaire (définitions de la fiche, pas les mots de %s)", Key: "Corrigé",
		Translation: "Traduction (la nôtre)", Beyond: "Hors de l’entretien", Source: "source\u00a0:",
	},
	lang.English: {
		Worksheet: "Worksheet", Name: "Name: ____________________      Date: __________",
		Note:  "Only the answers are %s’s, as the newspaper published them (he most likely answered in English; the French is the newspaper’s); the introduction (the newspaper) and the questions (the journalist) are the newspaper’s. Quotes are the published French, word for word; translations are ours, of that French. The references in brackets place each passage: intro.2, the introduction’s 2nd paragraph; q6, question 6; a6.1, answer 6.",
		Title: "Interview with %s, %s", Unnamed: "The text we have names neither the newspaper nor the journalist.",
		Passages: "The text", Introduction: "Introduction (the newspaper)", QA: "Q&A", Comprehension: "Comprehension questions",
		Discussion: "For discussion", Glossary: "Glossary (the worksheet’s definitions, not %s’s words)", Key: "Answer key",
		Translation: "Translation (ours)", Beyond: "Beyond the interview", Source: "source:",
	},
}

// Worksheet writes a printable worksheet: the passages, comprehension
// questions, discussion prompts, a glossary, and an answer key on a page
// of its own.
func (m *Material) Worksheet(w io.Writer, s Sheet) error {
	l := s.Lang
	if l != lang.English {
		l = lang.French
	}
	if !m.exchangeOK(s.Exchange) {
		return fmt.Errorf("classroom: no exchange %d", s.Exchange)
	}
	if s.Level != "" && checkLevel(s.Level) != nil {
		return fmt.Errorf("classroom: unknown level %q: want %s or %s", s.Level, Secondary, University)
	}
	d := sheetData{CSS: htmltemplate.CSS(WorksheetCSS), L: sheetLabels[l], Lang: l, Source: m.iv.Source.In(l), Interviewee: m.iv.Interviewee}
	switch s.Key {
	case KeyPage, "":
		d.Sheet, d.Key = true, true
	case KeyNone:
		d.Sheet = true
	case KeyOnly:
		d.Key = true
	default:
		return fmt.Errorf("classroom: unknown answer key %q: want page, none or only", s.Key)
	}
	d.Title = fmt.Sprintf(d.L.Title, m.iv.Interviewee, m.iv.IntervieweeRole.In(l))
	d.L.Note = fmt.Sprintf(d.L.Note, m.iv.Interviewee)
	d.L.Glossary = fmt.Sprintf(d.L.Glossary, m.iv.Interviewee)
	shown := map[string]bool{}
	add := func(n int, topic string, ps []*corpus.Paragraph) {
		ex := sheetExchange{Number: n, Topic: topic}
		for _, p := range ps {
			shown[p.ID] = true
			ex.Paragraphs = append(ex.Paragraphs, sheetParagraph{ID: p.ID, Speaker: speaker(m.iv, p.Role, l), Interviewee: p.IsInterviewee(), FR: p.Text(), EN: p.Translation()})
		}
		d.Exchanges = append(d.Exchanges, ex)
	}
	var questions []*Comprehension
	for _, c := range m.ComprehensionQuestions(s.Exchange) {
		if s.Level == "" || c.Level == s.Level {
			questions = append(questions, c)
		}
	}
	prompts := m.Prompts(s.Exchange, s.Level)
	// Secondary school first, then university, each in the data's order.
	slices.SortStableFunc(prompts, func(a, b *Prompt) int { return strings.Compare(levelRank(a.Level), levelRank(b.Level)) })
	// The introduction's paragraphs that a question or a prompt cites
	// are printed too: a sheet asks only about text it shows.
	var intro []*corpus.Paragraph
	for _, p := range m.iv.Intro() {
		cited := slices.ContainsFunc(questions, func(c *Comprehension) bool { return c.Cite.Passage == p.ID }) ||
			slices.ContainsFunc(prompts, func(pr *Prompt) bool { return pr.Cite.Passage == p.ID })
		if s.Exchange == 0 || cited {
			intro = append(intro, p)
		}
	}
	if len(intro) > 0 {
		add(0, d.L.Introduction, intro)
	}
	for _, ex := range m.iv.Exchanges() {
		if s.Exchange == 0 || ex.Number == s.Exchange {
			add(ex.Number, fmt.Sprintf("%s %d — %s", d.L.QA, ex.Number, ex.Topic(l)), append([]*corpus.Paragraph{ex.Question}, ex.Answers...))
		}
	}
	for _, c := range questions {
		q := m.understand(c)
		sq := sheetQuestion{N: len(d.Questions) + 1, Ask: q.Ask.In(l), Cite: cite(m.iv, q.Source, l), Quote: Text{FR: q.Source.FR, EN: q.Source.EN}, Note: q.Note.In(l)}
		for i, ch := range q.Choices {
			sq.Choices = append(sq.Choices, fmt.Sprintf("%c. %s", 'A'+i, ch.In(l)))
		}
		sq.Answer = sq.Choices[q.Answer]
		d.Questions = append(d.Questions, sq)
	}
	for _, p := range prompts {
		d.Prompts = append(d.Prompts, sheetPrompt{Level: levelName(p.Level, l), Text: p.Prompt.In(l), Quote: Text{FR: p.Quote.FR, EN: p.Quote.EN}, Cite: cite(m.iv, p.Quote, l)})
	}
	for _, t := range m.Glossary() {
		if !appearsIn(t, shown) {
			continue
		}
		st := sheetTerm{Term: t.Term.In(l), Definition: t.Definition.In(l)}
		for _, f := range t.Facts {
			st.Facts = append(st.Facts, fmt.Sprintf("%s (%s %s)", f.Text.In(l), d.L.Source, f.Source))
		}
		d.Terms = append(d.Terms, st)
	}
	var buf bytes.Buffer
	var err error
	switch s.Format {
	case Markdown, "":
		err = mdSheet.Execute(&buf, d)
	case HTML:
		err = htmlSheet.Execute(&buf, d)
	default:
		return fmt.Errorf("classroom: unknown worksheet format %q: want md or html", s.Format)
	}
	if err != nil {
		return fmt.Errorf("classroom: worksheet: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// appearsIn reports whether t appears in one of the passages shown.
func appearsIn(t *Term, shown map[string]bool) bool {
	for _, q := range t.Appears {
		if shown[q.Passage] {
			return true
		}
	}
	return false
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

func levelName(level string, l lang.Language) string {
	if level == University {
		return pick(l, "université", "university")
	}
	return pick(l, "lycée", "secondary school")
}

func pick(l lang.Language, fr, en string) string {
	if l.IsEnglish() {
		return en
	}
	return fr
}

var (
	funcs   = template.FuncMap{"letter": func(i int) string { return string(rune('A' + i)) }, "join": strings.Join}
	mdSheet = template.Must(template.New("worksheet.md.tmpl").Option("missingkey=error").Funcs(funcs).
		ParseFS(templates, "templates/worksheet.md.tmpl"))
	htmlSheet = htmltemplate.Must(htmltemplate.New("worksheet.html.tmpl").Option("missingkey=error").Funcs(htmltemplate.FuncMap(funcs)).
			ParseFS(templates, "templates/worksheet.html.tmpl"))
)

// levelRank orders the levels: secondary school first.
func levelRank(level string) string {
	if level == Secondary {
		return "0"
	}
	return "1"
}
