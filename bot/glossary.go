package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// glossaryCommand defines a term the interview uses, and shows where.
var glossaryCommand = &slashCommand{
	name: "glossary",
	fr:   "glossaire",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "What a term of the interview means, and where it is used",
			DescriptionLocalizations: new(inFrench("Ce que veut dire un terme de l’entretien, et où il est employé")),
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "term", Description: "A term (leave empty for the list)",
				NameLocalizations:        inFrench("terme"),
				DescriptionLocalizations: inFrench("Un terme (vide : la liste)"),
				Autocomplete:             true, MaxLength: 100,
			}},
		}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		name, _ := stringOption(c.data.Options, "term")
		if strings.TrimSpace(name) == "" {
			return message(glossaryList(m, c.lang), c.gs.Ephemeral), nil
		}
		t, ok := m.Term(name)
		if !ok {
			return nil, &userError{
				fr: fmt.Sprintf("« %s » n’est pas dans le glossaire. Tapez /glossary sans terme pour la liste.", escape(truncate(name, 100))),
				en: fmt.Sprintf("“%s” is not in the glossary. Type /glossary with no term for the list.", escape(truncate(name, 100))),
			}
		}
		var ids []string
		for _, q := range t.Appears {
			ids = append(ids, q.Passage)
		}
		return message(glossaryText(h.iv, t, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	complete: func(h *Handler, c *call) *Reply {
		r := suggestions([]*discordgo.ApplicationCommandOptionChoice{})
		if h.classroom == nil {
			return r
		}
		typed, _ := focused(c.data.Options)
		for _, t := range h.classroom.Complete(typed, maxChoices) {
			name := truncate(t.Term.In(c.lang), maxChoiceLen)
			r.Choices = append(r.Choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: t.ID})
		}
		return r
	},
	showsInterview: true,
}

func glossaryList(m *classroom.Material, l lang.Language) string {
	var b strings.Builder
	b.WriteString(tr(l, "**Glossaire de l’entretien** (définitions du bot)\n", "**The interview’s glossary** (the bot’s definitions)\n"))
	var names []string
	for _, t := range m.Glossary() {
		names = append(names, t.Term.In(l))
	}
	b.WriteString(strings.Join(names, " · "))
	b.WriteString(tr(l, "\n\nTapez /glossary et un terme pour sa définition et les passages où il apparaît.",
		"\n\nType /glossary and a term for its definition and the passages it appears in."))
	return b.String()
}

// maxAppears bounds the passages a glossary reply quotes; the others
// are named.
const maxAppears = 3

func glossaryText(iv *corpus.Interview, t *classroom.Term, l lang.Language) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — *%s*\n%s\n", t.Term.In(l), tr(l, "définition du bot, pas les mots de "+iv.Interviewee, "the bot’s definition, not "+iv.Interviewee+"’s words"), t.Definition.In(l))
	for _, f := range t.Facts {
		fmt.Fprintf(&b, "%s %s (%s %s)\n", tr(l, "• Hors de l’entretien :", "• Beyond the interview:"), f.Text.In(l), tr(l, "source :", "source:"), f.Source)
	}
	fmt.Fprintf(&b, "\n**%s**\n", tr(l, "Dans l’entretien", "In the interview"))
	for n, q := range t.Appears {
		if n == maxAppears {
			var rest []string
			for _, q := range t.Appears[n:] {
				rest = append(rest, attribution(iv, q.Role, q.Exchange, l))
			}
			fmt.Fprintf(&b, tr(l, "Et aussi : %s\n", "Also: %s\n"), strings.Join(uniq(rest), " · "))
			break
		}
		b.WriteString(cited(iv, q, l) + "\n")
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
