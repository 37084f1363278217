package md

import (
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

func GlossaryList(m *classroom.Material, l lang.Language) string {
	var b strings.Builder
	b.WriteString(Tr(l, "**Glossaire de l’entretien** (définitions du bot)\n", "**The interview’s glossary** (the bot’s definitions)\n"))
	var names []string
	for _, t := range m.Glossary() {
		names = append(names, t.Term.In(l))
	}
	b.WriteString(strings.Join(names, " · "))
	b.WriteString(Tr(l, "\n\nTapez /glossary et un terme pour sa définition et les passages où il apparaît.",
		"\n\nType /glossary and a term for its definition and the passages it appears in."))
	return b.String()
}

// maxAppears bounds the passages a glossary reply quotes; the others
// are named.
const maxAppears = 3

func Glossary(iv *corpus.Interview, t *classroom.Term, l lang.Language) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — *%s*\n%s\n", t.Term.In(l), Tr(l, "définition du bot, pas les mots de "+iv.Interviewee, "the bot’s definition, not "+iv.Interviewee+"’s words"), t.Definition.In(l))
	for _, f := range t.Facts {
		fmt.Fprintf(&b, "%s %s (%s %s)\n", Tr(l, "• Hors de l’entretien :", "• Beyond the interview:"), f.Text.In(l), Tr(l, "source :", "source:"), f.Source.In(l))
	}
	fmt.Fprintf(&b, "\n**%s**\n", Tr(l, "Dans l’entretien", "In the interview"))
	for n, q := range t.Appears {
		if n == maxAppears {
			var rest []string
			for _, q := range t.Appears[n:] {
				rest = append(rest, attribution(iv, q.Role, q.Exchange, l))
			}
			fmt.Fprintf(&b, Tr(l, "Et aussi : %s\n", "Also: %s\n"), strings.Join(uniq(rest), " · "))
			break
		}
		b.WriteString(Cited(iv, q, l) + "\n")
	}
	return strings.TrimSpace(b.String())
}

// uniq drops repeats from ss, keeping the first of each.
func uniq(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func Timeline(iv *corpus.Interview, m *classroom.Material, l lang.Language) string {
	var b strings.Builder
	b.WriteString(Tr(l, "**Chronologie de l’entretien**\n*Les dates entre guillemets sont celles du texte ; « lecture » signale la date que nous en déduisons.*\n",
		"**The interview’s timeline**\n*Dates in quotes are the text’s own, in our translation; “our reading” marks the date we infer from them.*\n"))
	for _, e := range m.Timeline() {
		fmt.Fprintf(&b, "\n**%s** — %s", Quoted(e.AsWritten.In(l), l), e.Event.In(l))
		if r := e.Implied.In(l); r != "" {
			fmt.Fprintf(&b, Tr(l, " *(notre lecture : %s)*", " *(our reading: %s)*"), r)
		}
		fmt.Fprintf(&b, "\n  ↳ %s", attribution(iv, e.Quote.Role, e.Quote.Exchange, l))
	}
	return b.String()
}

// Discuss gives discussion prompts, each after the passage it starts
// from, with the critical notes on it.
func Discuss(m *classroom.Material, prompts []*classroom.Prompt, l lang.Language) string {
	var items []classItem
	for _, p := range prompts {
		items = append(items, classItem{kind: Tr(l, "À discuter", "For discussion"), level: p.Level, id: p.ID, quote: p.Quote, ask: p.Prompt})
	}
	return classItems(m, items, l)
}

// OpenQuestions are open questions, each after the passage it starts
// from; their model answers are behind a button (ModelAnswer).
func OpenQuestions(m *classroom.Material, open []*classroom.Open, l lang.Language) string {
	var items []classItem
	for _, o := range open {
		it := classItem{kind: Tr(l, "Question ouverte", "Open question"), level: o.Level, id: o.ID, quote: o.Quote, ask: o.Question}
		// A question that asks to check a claim would be answered by
		// the note on it: the note waits for the model answer.
		it.noNotes = o.Skill == "check"
		items = append(items, it)
	}
	return classItems(m, items, l)
}

// classItem is a question the bot puts to a class about a quote.
type classItem struct {
	kind, level, id string
	quote           classroom.Quote
	ask             classroom.Text
	noNotes         bool
}

// classItems gives each item under its kind, level and ID: the quote, its
// speaker named, the bot's question, marked as such, and the critical
// notes on the quote.
func classItems(m *classroom.Material, items []classItem, l lang.Language) string {
	iv := m.Interview()
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "**%s** · %s · %s\n%s\n**%s** %s", it.kind, classroom.LevelName(it.level, l), it.id, Cited(iv, it.quote, l),
			Tr(l, "Question du bot (pas les mots de "+iv.Interviewee+") :", "The bot’s question (not "+iv.Interviewee+"’s words):"), it.ask.In(l))
		if !it.noNotes {
			b.WriteString(Notes(iv, m.NotesOn(it.quote.Ref), l))
		}
	}
	return b.String()
}

// ModelAnswer is an open question's model answer and marking points.
func ModelAnswer(m *classroom.Material, o *classroom.Open, l lang.Language) string {
	var b strings.Builder
	fmt.Fprintf(&b, Tr(l, "**Corrigé** · %s\n%s\n\n**Réponse modèle** (du bot)\n%s\n\n**Points attendus**", "**Model answer** · %s\n%s\n\n**A model answer** (the bot’s)\n%s\n\n**Marking points**"),
		o.ID, o.Question.In(l), o.Model.In(l))
	for _, p := range o.Points {
		b.WriteString("\n• " + p.In(l))
	}
	if o.Skill == "check" {
		b.WriteString("\n" + Notes(m.Interview(), m.NotesOn(o.Cite), l))
	}
	return b.String()
}

// TeacherNotes are what a good answer to a prompt finds.
func TeacherNotes(p *classroom.Prompt, l lang.Language) string {
	return fmt.Sprintf(Tr(l, "**Pistes pour l’enseignant** · %s\n%s\n\n%s", "**Notes for the teacher** · %s\n%s\n\n%s"), p.ID, p.Prompt.In(l), p.Teacher.In(l))
}

// Notes are critical notes on a quote, each on a line of its own after
// it: the bot's words, named so, with where to check them.
func Notes(iv *corpus.Interview, notes []*classroom.Note, l lang.Language) string {
	var b strings.Builder
	for _, n := range notes {
		fmt.Fprintf(&b, Tr(l, "\n📝 **%s** (note du bot, pas les mots de %s) : %s", "\n📝 **%s** (the bot’s note, not %s’s words): %s"), n.Label(l), iv.Interviewee, n.Note.In(l))
		if len(n.Sources) > 0 {
			fmt.Fprintf(&b, Tr(l, "\n  ↳ *Sources : %s*", "\n  ↳ *Sources: %s*"), strings.Join(classroom.Sources(n.Sources, l), " ; "))
		}
	}
	return b.String()
}

// Reveal is a question's answer, its tally and its source. A nil
// tally is unknown: unavailable, or lost with the store's data.
func Reveal(iv *corpus.Interview, q classroom.Question, tally []int64, lost bool, n, rounds int, l lang.Language) string {
	var b strings.Builder
	fmt.Fprintf(&b, Tr(l, "⏱ **Temps écoulé** pour la question %d sur %d. Réponse : **%c. %s**\n", "⏱ **Time’s up** for question %d of %d. Answer: **%c. %s**\n"),
		n, rounds, Letters[q.Answer], q.Choices[q.Answer].In(l))
	var counts []string
	var total int64
	for i, c := range tally {
		counts = append(counts, fmt.Sprintf("%c %d", Letters[i], c))
		total += c
	}
	switch {
	case lost:
		b.WriteString(Tr(l, "Les réponses données ont été perdues.\n\n", "The answers given were lost.\n\n"))
	case tally == nil:
		b.WriteString(Tr(l, "Le décompte des réponses est indisponible.\n\n", "The tally of answers is unavailable.\n\n"))
	default:
		fmt.Fprintf(&b, Tr(l, "%d réponse(s) : %s\n\n", "%d answer(s): %s\n\n"), total, strings.Join(counts, " · "))
	}
	for i := range q.Why {
		b.WriteString(WhyNot(q, i, l))
	}
	if len(q.Why) > 0 {
		b.WriteString("\n")
	}
	// Not the critical notes: each student has them with their own
	// answer, and the reader beside the sentence; here, with the tally
	// and the source, the longest (WannaCry's, with its sources) would
	// split a class's one message in two.
	b.WriteString(Cited(iv, q.Source, l))
	return b.String()
}

// WhyNot says why choice i of q is wrong, on a line of its own; nothing
// for the right one, or where the item does not say.
func WhyNot(q classroom.Question, i int, l lang.Language) string {
	if i >= len(q.Why) || q.Why[i].In(l) == "" {
		return ""
	}
	return fmt.Sprintf(Tr(l, "*Pourquoi pas %c :* %s\n", "*Why not %c:* %s\n"), Letters[i], q.Why[i].In(l))
}

// KindName is a kind's name for users.
func KindName(k classroom.Kind) classroom.Text {
	switch k {
	case classroom.WhoSaid:
		return classroom.Text{FR: "Qui l’a dit ?", EN: "Who said it?"}
	case classroom.FillGap:
		return classroom.Text{FR: "Mot manquant", EN: "Fill the gap"}
	}
	return classroom.Text{FR: "Compréhension", EN: "Comprehension"}
}

// Letters name the choices.
const Letters = "ABCD"
