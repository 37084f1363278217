package reader

import (
	"fmt"
	"html/template"
	"strconv"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// pageData is what the page template shows.
type pageData struct {
	Lang, Other lang.Language
	// Translation is whether the translation stands beside the
	// original, Notes whether the critical notes follow their sentences.
	Translation, Notes bool
	// Keys is whether the worksheets' answer keys are linked.
	Keys        bool
	L           pageLabels
	Title       string
	Context     string
	Interviewee string
	Sections    []section
	Terms       []term
	// Worksheets is whether the classroom material is there: its
	// worksheets, and its notes to show or hide.
	Worksheets bool
}

// section is the introduction or one exchange: Label is "Introduction"
// or "Q&R 6", the number the bot and the worksheets give it.
type section struct {
	ID, Label, Topic string
	Exchange         int
	Passages         []passage
}

// Heading is the section's title: its label, and its topic if it has one.
func (s section) Heading() string {
	if s.Topic == "" {
		return s.Label
	}
	return s.Label + " — " + s.Topic
}

type passage struct {
	ID, Class, Who string
	Sentences      []sentence
}

// sentence is one sentence of a passage, anchored by its ID, with the
// notes on it (those that end with it).
type sentence struct {
	ID     string
	FR, EN template.HTML
	Notes  []note
}

// note is a critical note, in the page's language: the bot's words.
type note struct {
	By, SourcesLabel string // "Note (interviewbot)", "Sources:"
	Kind             string
	Excerpt          string // the published French the note is about
	Text             string
	Sources          []string
	// Fold, on a phone, leaves the note a line to open: those of
	// less weight (see folds), where they would push the text away.
	Fold bool
}

type term struct {
	ID, Name, Definition string
	Facts                []string
	Where                []link
}

// link is a link within the page.
type link struct{ Fragment, Text string }

type pageLabels struct {
	Title, Other, Skip, Contents, Legend, Interviewer, Newspaper, Introduction, QA, Original, Translation, Glossary, Beyond, Source, Seen, Note string
	Worksheets, WholeInterview, Student, Teacher, Markdown                                                                                      string
	View, HideTranslation, ShowTranslation, HideNotes, ShowNotes, NoteBy, Sources                                                               string
}

var labels = map[lang.Language]pageLabels{
	lang.French: {
		Other: "English", Skip: "Aller au texte", Contents: "Sommaire", Legend: "Qui parle",
		Interviewer: "Le journaliste", Newspaper: "Le journal", Introduction: "Introduction", QA: "Q&R",
		Original: "Texte publié", Translation: "Traduction anglaise (la nôtre)", Glossary: "Glossaire",
		Beyond: "Hors de l’entretien", Source: "source\u00a0:", Seen: "Dans le texte\u00a0:", Title: "Entretien avec %s, %s",
		Worksheets: "Fiches de travail à imprimer", WholeInterview: "Tout l’entretien", Student: "fiche", Teacher: "corrigé", Markdown: "Markdown",
		Note: "Seules les réponses sont de %s, telles que le journal les a publiées : il a sans doute répondu en anglais, et le français est la traduction et la mise en forme du journal ; l’anglais ici est notre traduction de ce français. Les définitions du glossaire et les encadrés « Note (interviewbot) » sont du bot, non de l’intervenant.",
		View: "Affichage", HideTranslation: "Masquer la traduction", ShowTranslation: "Afficher la traduction", HideNotes: "Masquer les notes", ShowNotes: "Afficher les notes",
		NoteBy: "Note (interviewbot)", Sources: "Sources\u00a0:",
	},
	lang.English: {
		Other: "Français", Skip: "Skip to the text", Contents: "Contents", Legend: "Who speaks",
		Interviewer: "The interviewer", Newspaper: "The newspaper", Introduction: "Introduction", QA: "Q&A",
		Original: "French, as published", Translation: "English translation (ours)", Glossary: "Glossary",
		Beyond: "Beyond the interview", Source: "source:", Seen: "In the text:", Title: "Interview with %s, %s",
		Worksheets: "Worksheets to print", WholeInterview: "The whole interview", Student: "worksheet", Teacher: "answer key", Markdown: "Markdown",
		Note: "Only the answers are %s’s, as the newspaper published them: he most likely answered in English, and the French is the newspaper’s translation and edit; the English here is our translation of that French. The glossary’s definitions and the boxes marked “Note (interviewbot)” are the bot’s, not the speaker’s.",
		View: "View", HideTranslation: "Hide the translation", ShowTranslation: "Show the translation", HideNotes: "Hide the notes", ShowNotes: "Show the notes",
		NoteBy: "Note (interviewbot)", Sources: "Sources:",
	},
}

// data is what the page shows in view v.
func (r *Reader) data(v view) pageData {
	l := v.lang
	d := pageData{Lang: l, Other: l.Other(), Translation: v.translation, Notes: v.notes, Keys: !r.o.HideKeys, L: labels[l], Context: r.iv.Context.In(l), Interviewee: r.iv.Interviewee, Worksheets: r.m != nil}
	d.Title = fmt.Sprintf(d.L.Title, r.iv.Interviewee, r.iv.IntervieweeRole.In(l))
	d.L.Note = fmt.Sprintf(d.L.Note, r.iv.Interviewee)
	add := func(n int, label, topic string, ps []*corpus.Paragraph) {
		s := section{ID: "x" + strconv.Itoa(n), Label: label, Topic: topic, Exchange: n}
		for _, p := range ps {
			class, name := r.who(p, d.L)
			pa := passage{ID: p.ID, Class: class, Who: name, Sentences: r.sentences(p, l)}
			if !v.notes {
				for i := range pa.Sentences {
					pa.Sentences[i].Notes = nil
				}
			}
			s.Passages = append(s.Passages, pa)
		}
		d.Sections = append(d.Sections, s)
	}
	add(0, d.L.Introduction, "", r.iv.Intro())
	for _, ex := range r.iv.Exchanges() {
		add(ex.Number, fmt.Sprintf("%s %d", d.L.QA, ex.Number), ex.Topic(l), append([]*corpus.Paragraph{ex.Question}, ex.Answers...))
	}
	if r.m != nil {
		d.Terms = glossary(r.m.Glossary(), l, d.L)
	}
	return d
}

// View is the page's address in language l, with or without the
// translation and the notes: the links between views keep the rest.
func (d pageData) View(l lang.Language, translation, notes bool) string {
	q := "?lang=" + string(l)
	if !translation {
		q += "&tr=0"
	}
	if !notes {
		q += "&notes=0"
	}
	return q
}

// who is the class and the label of p's speaker.
func (r *Reader) who(p *corpus.Paragraph, lb pageLabels) (class, name string) {
	switch p.Role {
	case corpus.RoleAnswer:
		return "interviewee", r.iv.Interviewee
	case corpus.RoleQuestion:
		return "interviewer", lb.Interviewer
	}
	return "newspaper", lb.Newspaper
}

// glossary is the glossary's entries in l, each linking to the passages
// that use its term, at the first sentence that does.
func glossary(terms []*classroom.Term, l lang.Language, lb pageLabels) []term {
	var out []term
	for _, t := range terms {
		dt := term{ID: "term-" + t.ID, Name: t.Term.In(l), Definition: t.Definition.In(l)}
		for _, f := range t.Facts {
			dt.Facts = append(dt.Facts, fmt.Sprintf("%s (%s %s)", f.Text.In(l), lb.Source, f.Source.In(l)))
		}
		for _, q := range t.Appears {
			if len(dt.Where) == 0 || dt.Where[len(dt.Where)-1].Text != q.Passage {
				dt.Where = append(dt.Where, link{q.Ref.Anchor(), q.Passage})
			}
		}
		out = append(out, dt)
	}
	return out
}
