package md

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/check"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// Check renders what the interview says of a message: the verdict, then
// each quotation with the sentence it was matched to, as published, and
// for a misquote what was changed. No words are shown as the
// interviewee's unless they are his, verbatim.
func Check(iv *corpus.Interview, r check.Result, l lang.Language) string {
	var b strings.Builder
	switch {
	case r.JudgedBy != "" && r.Verdict == check.NotInInterview:
		b.WriteString("**" + Tr(l, "L’entretien ne le dit pas", "The interview does not say this") + "**")
		fmt.Fprintf(&b, "\n*"+Tr(l, "Verdict du modèle %s, qui a lu les passages les plus proches.", "Verdict of the model %s, which read the nearest passages.")+"*", Escape(r.JudgedBy))
	case r.JudgedBy != "":
		title := verdictText(iv, r.Verdict, "", l)
		if r.Verdict == check.Supported {
			title = Tr(l, "✓ L’entretien le dit, en d’autres mots", "✓ The interview says this, in other words")
		}
		b.WriteString("**" + title + "**")
		fmt.Fprintf(&b, "\n*"+Tr(l, "Verdict du modèle %s ; le bot ne le montre qu’avec les phrases qui le fondent, vérifiées.", "Verdict of the model %s; the bot shows it only with the sentences it rests on, checked.")+"*", Escape(r.JudgedBy))
	default:
		b.WriteString("**" + verdictText(iv, r.Verdict, firstSpeaker(r), l) + "**")
	}
	for _, s := range r.Spans {
		speaker := ""
		if s.Evidence != nil {
			speaker = s.Evidence.Speaker
		}
		fmt.Fprintf(&b, "\n\n%s %s — %s", Tr(l, "Cité :", "Quoted:"), Quoted(Escape(Truncate(s.Quote, maxEcho)), l), verdictText(iv, s.Verdict, speaker, l))
		if s.Evidence != nil {
			b.WriteString("\n" + evidence(iv, *s.Evidence, l))
		}
		if len(s.Diff) > 0 && s.Verdict == check.Altered {
			fmt.Fprintf(&b, "\n%s %s", Tr(l, "Ce qui a changé :", "What changed:"), diffText(s.Diff))
		}
		if s.NegationChanged {
			b.WriteString("\n" + Tr(l, "⚠️ Une négation a été ajoutée ou retirée : le sens est inversé.", "⚠️ A negation was added or dropped: the meaning is turned around."))
		}
	}
	if len(r.Spans) == 0 {
		label := Tr(l, "Le passage qui s’y rapporte, à vous de juger :", "The passage that bears on it, for you to judge:")
		if r.JudgedBy != "" && (r.Verdict == check.Supported || r.Verdict == check.Contradicted) {
			label = Tr(l, "Ce sur quoi le verdict repose :", "What the verdict rests on:")
		}
		for i, e := range r.Evidence {
			sep := "\n\n"
			if i == 0 {
				sep = "\n\n" + label + "\n"
			}
			e.Ours = false // a claim is not a quotation: nothing was matched word for word
			b.WriteString(sep + evidence(iv, e, l))
		}
	}
	if len(r.Topics) > 0 {
		var ts []string
		for _, n := range r.Topics {
			if ex, ok := iv.Exchange(n); ok {
				ts = append(ts, fmt.Sprintf("%s %d (%s)", Tr(l, "Q&R", "Q&A"), n, ex.Topic(l)))
			}
		}
		fmt.Fprintf(&b, "\n\n%s %s", Tr(l, "Sujets les plus proches :", "Nearest topics:"), strings.Join(ts, " · "))
	}
	return b.String()
}

// CheckedLink links to the message a check is of, in guildID ("" in
// DMs), without an embed: a reply may come long after it, or to the user
// alone, away from it.
func CheckedLink(l lang.Language, guildID, channelID, messageID string) string {
	link := fmt.Sprintf("https://discord.com/channels/%s/%s/%s", cmp.Or(guildID, "@me"), channelID, messageID)
	return fmt.Sprintf("-# %s [%s](<%s>)", Tr(l, "↪ Vérifié :", "↪ Checked:"), Tr(l, "ce message", "this message"), link)
}

// maxEcho bounds what a reply echoes of a message, in characters: a
// reply must not be mostly the user's words, nor their words start a line.
const maxEcho = 200

// firstSpeaker is whose words the first quotation's evidence holds.
func firstSpeaker(r check.Result) string {
	for _, s := range r.Spans {
		if s.Verdict == r.Verdict && s.Evidence != nil {
			return s.Evidence.Speaker
		}
	}
	return ""
}

// verdictText says a verdict in words; speaker is whose words the
// evidence holds.
func verdictText(iv *corpus.Interview, v check.Verdict, speaker string, l lang.Language) string {
	switch v {
	case check.Verbatim:
		return Tr(l, "✓ Mot pour mot dans l’entretien", "✓ Word for word in the interview")
	case check.Supported:
		return Tr(l, "Ce sont les mots de notre traduction, pas les siens : voici ses mots", "These are our translation’s words, not his: here are his words")
	case check.Altered:
		return Tr(l, "✗ Citation modifiée : voici la vraie phrase", "✗ Altered quote: here is the real sentence")
	case check.WrongSpeaker:
		if speaker == iv.Interviewee {
			return fmt.Sprintf(Tr(l, "✗ Ces mots sont ceux de %s, pas du journal ni du journaliste", "✗ These words are %s’s, not the newspaper’s or the journalist’s"), iv.Interviewee)
		}
		return fmt.Sprintf(Tr(l, "✗ Ces mots sont dans l’entretien, mais ce ne sont pas ceux de %s", "✗ These words are in the interview, but they are not %s’s"), iv.Interviewee)
	case check.Contradicted:
		return Tr(l, "✗ L’entretien dit le contraire", "✗ The interview says the opposite")
	}
	return Tr(l, "L’entretien ne le dit pas en ces mots", "The interview does not say this in these words")
}

// evidence shows a sentence as published, whose it is, and our
// translation.
func evidence(iv *corpus.Interview, e check.Evidence, l lang.Language) string {
	role := corpus.RoleAnswer
	switch e.Speaker {
	case corpus.SpeakerArticle:
		role = corpus.RoleIntro
	case corpus.SpeakerInterviewer:
		role = corpus.RoleQuestion
	}
	s := QuoteLines(classroom.Text{FR: e.Quote, EN: e.Translation}, l) + "— " + attribution(iv, role, e.Exchange, l)
	if e.Ours {
		s += "\n" + Tr(l, "*(Rapproché de notre traduction, pas de ses mots.)*", "*(Matched against our translation, not his words.)*")
	}
	return s
}

// diffText shows a diff: removed words struck through, added ones bold.
func diffText(d []check.Edit) string {
	var parts []string
	for _, e := range d {
		e.Words = Truncate(e.Words, maxEcho/2)
		switch e.Op {
		case "added":
			parts = append(parts, "**+"+Escape(e.Words)+"**")
		case "removed":
			parts = append(parts, "~~"+Escape(e.Words)+"~~")
		default:
			parts = append(parts, Escape(e.Words))
		}
	}
	return strings.Join(parts, " ")
}
