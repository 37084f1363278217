package bot

import (
	"fmt"

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

// quoted puts s in the quotation marks of l.
func quoted(s string, l lang.Language) string {
	if l.IsEnglish() {
		return "“" + s + "”"
	}
	return "« " + s + " »"
}
