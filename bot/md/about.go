package md

import (
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// About says what the interview is, what the bot does and does not do,
// how it checks its quotes, and what it keeps (declined questions for
// retentionDays).
func About(iv *corpus.Interview, retentionDays int, l lang.Language) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n", iv.Title)
	fmt.Fprintf(&b, "%s, %s. %s\n", iv.Interviewee, iv.IntervieweeRole.In(l), iv.Source.In(l))
	if c := iv.Context.In(l); c != "" {
		fmt.Fprintf(&b, "%s\n", c)
	}
	b.WriteString(Tr(l, fmt.Sprintf(`
**Ce que fait le bot** : il répond aux questions (en français ou en anglais) en citant mot pour mot les réponses de %[1]s, avec le numéro de l’échange (/ask, /quote), et montre les échanges entiers (/source, /topics). Pour la classe : quiz (/quiz), sujets de discussion (/discuss), glossaire (/glossary), chronologie (/timeline).
**Ce qu’il ne fait pas** : il ne paraphrase pas, ne devine pas et ne prête jamais à %[1]s les mots du journaliste ou de l’article. Si l’entretien n’aborde pas une question, il le dit.
**Vérification** : chaque citation est un passage continu du texte publié, pris phrase entière dans une réponse de %[1]s, telle que le journal l’a publiée (il a sans doute répondu en anglais ; le français est la traduction et la mise en forme du journal) ; les traductions anglaises sont les nôtres, de ce français, et signalées comme telles.
**Vie privée** : le bot garde les questions (sans votre identifiant) le temps de mettre leurs réponses en cache, les questions sans réponse %[2]d jours pour les modérateurs (/stats), votre identifiant le temps d’une limite de débit ou d’un vote, et vos réponses aux quiz (7 jours) et votre score sur le serveur (jusqu’à 400 jours après la dernière réponse du serveur, ou jusqu’à ce que la modération l’efface avec /quiz reset).`, iv.Interviewee, retentionDays),
		fmt.Sprintf(`
**What the bot does**: it answers questions (in French or English) by quoting %[1]s's answers word for word, with the exchange number (/ask, /quote), and shows whole exchanges (/source, /topics). For a class: quizzes (/quiz), discussion prompts (/discuss), a glossary (/glossary), a timeline (/timeline).
**What it does not do**: it never paraphrases, guesses, or attributes the interviewer's or the article's words to %[1]s. When the interview does not address a question, it says so.
**How quotes are checked**: every quote is a continuous run of whole sentences from one of %[1]s's answers as the newspaper published them, in French (he most likely answered in English; the French is the newspaper's translation and edit); English translations are ours, of that French, and labelled as such.
**Privacy**: the bot keeps questions (without your ID) while their answers are cached, unanswered ones for %[2]d days for the moderators (/stats), your ID for the length of a rate limit or a vote, and your quiz answers (7 days) and score on the server (until 400 days after the server's last answer, or until a moderator deletes it with /quiz reset).`, iv.Interviewee, retentionDays)))
	return b.String()
}
