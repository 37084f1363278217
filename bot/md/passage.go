package md

import (
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// Exchange renders exchange n (0 for the introduction) in the French
// original and the English translation, each paragraph labelled with whose
// words it holds.
func Exchange(iv *corpus.Interview, n int, l lang.Language) string {
	var b strings.Builder
	var paras []*corpus.Paragraph
	if n == 0 {
		fmt.Fprintf(&b, "**%s**\n", Tr(l, "Introduction de l’article (les mots du journal)", "The article’s introduction (the newspaper’s words)"))
		paras = iv.Intro()
	} else {
		ex, _ := iv.Exchange(n)
		fmt.Fprintf(&b, "**%s %d — %s**\n", Tr(l, "Q&R", "Q&A"), n, ex.Topic(l))
		paras = append([]*corpus.Paragraph{ex.Question}, ex.Answers...)
	}
	for _, side := range bothLanguages {
		if side.IsEnglish() {
			fmt.Fprintf(&b, "\n__%s__\n", Tr(l, "Traduction anglaise (la nôtre)", "English translation (ours)"))
		} else {
			fmt.Fprintf(&b, "\n__%s__\n", Tr(l, "Texte original", "French original"))
		}
		for _, p := range paras {
			text := p.Text()
			if side.IsEnglish() {
				text = p.Translation()
			}
			fmt.Fprintf(&b, "**%s%s** %s\n", speakerLabel(iv, p, l), Tr(l, " :", ":"), text)
		}
	}
	return strings.TrimSpace(b.String())
}

func speakerLabel(iv *corpus.Interview, p *corpus.Paragraph, l lang.Language) string {
	switch p.Role {
	case corpus.RoleQuestion:
		return Tr(l, "Le journaliste", "Interviewer")
	case corpus.RoleIntro:
		return Tr(l, "L’article", "Article")
	}
	return iv.Interviewee
}

// Cited renders a verbatim quote with its translation (ours) and whose
// words it is: the interviewee's answer, the interviewer's question or
// the newspaper's introduction.
func Cited(iv *corpus.Interview, q classroom.Quote, l lang.Language) string {
	return QuoteLines(classroom.Text{FR: q.FR, EN: q.EN}, l) + "— " + attribution(iv, q.Role, q.Exchange, l)
}

// attribution says whose words a passage holds, and where it is.
func attribution(iv *corpus.Interview, role corpus.Role, exchange int, l lang.Language) string {
	ex, _ := iv.Exchange(exchange)
	switch role {
	case corpus.RoleAnswer:
		return fmt.Sprintf("%s, %s %d (%s)", iv.Interviewee, Tr(l, "Q&R", "Q&A"), exchange, ex.Topic(l))
	case corpus.RoleQuestion:
		return fmt.Sprintf(Tr(l, "le journaliste, question %d (%s) ; pas les mots de %s", "the interviewer, question %d (%s); not %s’s words"), exchange, ex.Topic(l), iv.Interviewee)
	}
	return fmt.Sprintf(Tr(l, "le journal, introduction ; pas les mots de %s", "the newspaper, introduction; not %s’s words"), iv.Interviewee)
}

// Quoted puts s in the quotation marks of l.
func Quoted(s string, l lang.Language) string {
	if l.IsEnglish() {
		return "“" + s + "”"
	}
	return "« " + s + " »"
}

// QuoteLines renders a sentence to show: the original, verbatim, and in
// English its translation (ours) too.
func QuoteLines(t classroom.Text, l lang.Language) string {
	if l.IsEnglish() {
		return fmt.Sprintf("> “%s”\n> Translation (ours): %s\n", t.FR, t.EN)
	}
	return fmt.Sprintf("> « %s »\n", t.FR)
}

// ShowBlank makes a gap visible in Discord, where underscores are
// formatting.
func ShowBlank(s string) string { return strings.Replace(s, classroom.Blank, "`_____`", 1) }

func Quote(iv *corpus.Interview, c answer.Citation, l lang.Language) string {
	ex, _ := iv.Exchange(c.Exchange)
	if l.IsEnglish() {
		return fmt.Sprintf("> “%s”\n> Translation (ours, not %s’s words): %s\n— %s, Q&A %d (%s)", c.Quote, iv.Interviewee, c.Translation, iv.Interviewee, c.Exchange, ex.Topic("en"))
	}
	return fmt.Sprintf("> « %s »\n— %s, Q&R %d (%s)", c.Quote, iv.Interviewee, c.Exchange, ex.Topic("fr"))
}

// LinkLabel names a passage on its link: where it is and whose words.
func LinkLabel(iv *corpus.Interview, p *corpus.Paragraph, l lang.Language) string {
	switch p.Role {
	case corpus.RoleAnswer:
		return fmt.Sprintf("%s %d · %s", Tr(l, "Q&R", "Q&A"), p.Exchange, iv.Interviewee)
	case corpus.RoleQuestion:
		return fmt.Sprintf("%s %d · %s", Tr(l, "Question", "Question"), p.Exchange, Tr(l, "le journaliste", "the interviewer"))
	}
	return Tr(l, "Introduction · le journal", "Introduction · the newspaper")
}

// bothLanguages are the languages in the order an exchange shows them.
var bothLanguages = [...]lang.Language{lang.French, lang.English}
