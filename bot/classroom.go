package bot

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// The classroom commands adapt package classroom to Discord: a glossary,
// a timeline and discussion prompts (here), and quizzes (quiz.go).
// Their text is the classroom's data, marked as the bot's words; every
// quote in them is the corpus's sentences, marked with whose words they
// are.

// errNoClassroom answers a classroom command when the material does not
// fit the interview loaded (--corpus).
var errNoClassroom = &userError{
	fr: "Le matériel pour la classe a été écrit pour l’entretien d’origine ; il n’est pas disponible avec celui-ci.",
	en: "The classroom material was written for the original interview; it is not available with this one.",
}

// material returns the classroom material, or errNoClassroom.
func (h *Handler) material() (*classroom.Material, error) {
	if h.classroom == nil {
		return nil, errNoClassroom
	}
	return h.classroom, nil
}

// cited renders a verbatim quote with its translation (ours) and whose
// words it is: the interviewee's answer, the interviewer's question or
// the newspaper's introduction.
func cited(iv *corpus.Interview, q classroom.Quote, l lang.Language) string {
	return quoteLines(classroom.Text{FR: q.FR, EN: q.EN}, l) + "— " + attribution(iv, q.Role, q.Exchange, l)
}

// attribution says whose words a passage holds, and where it is.
func attribution(iv *corpus.Interview, role corpus.Role, exchange int, l lang.Language) string {
	ex, _ := iv.Exchange(exchange)
	switch role {
	case corpus.RoleAnswer:
		return fmt.Sprintf("%s, %s %d (%s)", iv.Interviewee, tr(l, "Q&R", "Q&A"), exchange, ex.Topic(l))
	case corpus.RoleQuestion:
		return fmt.Sprintf(tr(l, "le journaliste, question %d (%s) ; pas les mots de %s", "the interviewer, question %d (%s); not %s’s words"), exchange, ex.Topic(l), iv.Interviewee)
	}
	return fmt.Sprintf(tr(l, "le journal, introduction ; pas les mots de %s", "the newspaper, introduction; not %s’s words"), iv.Interviewee)
}

// exchangeOption is the optional option naming an exchange.
func exchangeOption(iv *corpus.Interview, desc, fr string) *discordgo.ApplicationCommandOption {
	lo := 1.0
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionInteger, Name: "exchange", Description: desc,
		NameLocalizations:        inFrench("échange"),
		DescriptionLocalizations: inFrench(fr),
		MinValue:                 &lo, MaxValue: float64(max(len(iv.Exchanges()), 1)),
	}
}

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

// focused returns the value of the option being typed.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) (string, bool) {
	for _, o := range opts {
		if o.Focused {
			s, ok := o.Value.(string)
			return s, ok
		}
	}
	return "", false
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

// timelineCommand lists the dated events the interview mentions.
var timelineCommand = &slashCommand{
	name: "timeline",
	fr:   "chronologie",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "The dated events the interview mentions, in order",
			DescriptionLocalizations: new(inFrench("Les événements datés que cite l’entretien, dans l’ordre")),
		}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, e := range m.Timeline() {
			ids = append(ids, e.Cite.Passage)
		}
		return message(timelineText(h.iv, m, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	showsInterview: true,
}

func timelineText(iv *corpus.Interview, m *classroom.Material, l lang.Language) string {
	var b strings.Builder
	b.WriteString(tr(l, "**Chronologie de l’entretien**\n*Les dates entre guillemets sont celles du texte ; « lecture » signale la date que nous en déduisons.*\n",
		"**The interview’s timeline**\n*Dates in quotes are the text’s own, in our translation; “our reading” marks the date we infer from them.*\n"))
	for _, e := range m.Timeline() {
		fmt.Fprintf(&b, "\n**%s** — %s", quoted(e.AsWritten.In(l), l), e.Event.In(l))
		if r := e.Implied.In(l); r != "" {
			fmt.Fprintf(&b, tr(l, " *(notre lecture : %s)*", " *(our reading: %s)*"), r)
		}
		fmt.Fprintf(&b, "\n  ↳ %s", attribution(iv, e.Quote.Role, e.Quote.Exchange, l))
	}
	return b.String()
}

// quoted puts s in the quotation marks of l.
func quoted(s string, l lang.Language) string {
	if l.IsEnglish() {
		return "“" + s + "”"
	}
	return "« " + s + " »"
}

// discussCommand gives discussion prompts anchored to the interviewee's
// words.
var discussCommand = &slashCommand{
	name: "discuss",
	fr:   "débat",
	define: func(iv *corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "Discussion prompts for a class, on what " + iv.Interviewee + " says",
			DescriptionLocalizations: new(inFrench(truncate("Des sujets de discussion pour la classe, sur ce que dit "+iv.Interviewee, 100))),
			Options: []*discordgo.ApplicationCommandOption{
				exchangeOption(iv, "The exchange (default: one at random)", "L’échange (par défaut : au hasard)"),
				{
					Type: discordgo.ApplicationCommandOptionString, Name: "level", Description: "Secondary school or university (default: both)",
					NameLocalizations:        inFrench("niveau"),
					DescriptionLocalizations: inFrench("Lycée ou université (par défaut : les deux)"),
					Choices: []*discordgo.ApplicationCommandOptionChoice{
						{Name: "secondary school", NameLocalizations: inFrench("lycée"), Value: classroom.Secondary},
						{Name: "university", NameLocalizations: inFrench("université"), Value: classroom.University},
					},
				},
			},
		}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		n, _ := intOption(c.data.Options, "exchange")
		level, _ := stringOption(c.data.Options, "level")
		if level != "" && level != classroom.Secondary && level != classroom.University {
			return nil, errUnknownInteraction
		}
		prompts := m.Prompts(n, level)
		if n == 0 && len(prompts) > 0 {
			prompts = prompts[rand.IntN(len(prompts)):][:1]
		}
		if len(prompts) == 0 {
			return nil, &userError{fr: "Aucun sujet de discussion pour cet échange.", en: "No discussion prompt for this exchange."}
		}
		var ids []string
		for _, p := range prompts {
			ids = append(ids, p.Cite.Passage)
		}
		return message(discussText(h.iv, prompts, c.lang), c.gs.Ephemeral, h.readerLinks(c.lang, ids...)...), nil
	},
	showsInterview: true,
}

func discussText(iv *corpus.Interview, prompts []*classroom.Prompt, l lang.Language) string {
	var b strings.Builder
	for i, p := range prompts {
		if i > 0 {
			b.WriteString("\n\n")
		}
		level := tr(l, "lycée", "secondary school")
		if p.Level == classroom.University {
			level = tr(l, "université", "university")
		}
		fmt.Fprintf(&b, "**%s** · %s\n%s\n**%s** %s", tr(l, "À discuter", "For discussion"), level, cited(iv, p.Quote, l),
			tr(l, "Question du bot (pas les mots de "+iv.Interviewee+") :", "The bot’s question (not "+iv.Interviewee+"’s words):"), p.Prompt.In(l))
	}
	return b.String()
}

// isNoQuestion reports a quiz that has no question to ask.
func isNoQuestion(err error) bool { return errors.Is(err, classroom.ErrNoQuestion) }
