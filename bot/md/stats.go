package md

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// Stats renders statistics for people, within window w: counts,
// cache hit rate, the exchanges most Quoted and the questions most often
// declined, which are kept for retention.
func Stats(iv *corpus.Interview, st store.Stats, w store.Window, retention time.Duration, l lang.Language) string {
	exchanges := iv.Exchanges()
	var b strings.Builder
	switch w {
	case store.Last24h:
		b.WriteString(Tr(l, "**Statistiques des dernières 24 heures**\n", "**Statistics for the last 24 hours**\n"))
	case store.Last7d:
		b.WriteString(Tr(l, "**Statistiques des 7 derniers jours**\n", "**Statistics for the last 7 days**\n"))
	default:
		b.WriteString(Tr(l, "**Statistiques depuis le début**\n", "**Statistics since the start**\n"))
	}
	fmt.Fprintf(&b, Tr(l, "Questions : %d (%d répondues, %d déclinées)\nCache : %.0f %% de réussite (%d sur %d)\nRetours : %d 👍, %d 👎\nJetons LLM : %d en entrée, %d en sortie",
		"Questions: %d (%d answered, %d declined)\nCache: %.0f%% hit rate (%d of %d)\nFeedback: %d 👍, %d 👎\nLLM tokens: %d prompt, %d completion"),
		st.Asked, st.Answered, st.Declined, 100*st.CacheHitRate(), st.CacheHits, st.CacheHits+st.CacheMisses, st.FeedbackUp, st.FeedbackDown,
		st.PromptTokens, st.CompletionTokens)
	fmt.Fprintf(&b, Tr(l, "\nQuiz : %d réponse(s), dont %d bonne(s) ; %d quiz en classe", "\nQuizzes: %d answer(s), %d right; %d class quiz(zes)"),
		st.QuizAnswers, st.QuizRight, st.QuizSessions)
	if len(st.Exchanges) > 0 {
		b.WriteString(Tr(l, "\n\n**Échanges cités**", "\n\n**Exchanges Quoted**"))
		keys := slices.Sorted(maps.Keys(st.Exchanges))
		slices.SortStableFunc(keys, func(a, c int) int { return int(st.Exchanges[c] - st.Exchanges[a]) })
		for _, n := range keys {
			topic := ""
			if n >= 1 && n <= len(exchanges) {
				topic = " — " + exchanges[n-1].Topic(l)
			}
			fmt.Fprintf(&b, "\n%s %d%s : %d", Tr(l, "Q&R", "Q&A"), n, topic, st.Exchanges[n])
		}
	}
	if len(st.Gaps) > 0 {
		days := int(retention / (24 * time.Hour))
		b.WriteString(fmt.Sprintf(Tr(l, "\n\n**Questions sans réponse les plus fréquentes** (ce que l’entretien ne couvre pas ; gardées %d jours, sans qui les a posées)",
			"\n\n**Most frequent unanswered questions** (what the interview does not cover; kept %d days, without who asked)"), days))
		for _, g := range st.Gaps {
			fmt.Fprintf(&b, "\n%d × %s", g.Count, Escape(g.Question))
		}
	}
	return b.String()
}

func Limit(lim store.Limit, l lang.Language) string {
	if lim.IsZero() {
		return Tr(l, "aucune", "none")
	}
	perMinute := float64(lim.Rate) * float64(time.Minute) / float64(lim.Period)
	return fmt.Sprintf(Tr(l, "%g par minute (rafale %d)", "%g a minute (burst %d)"), perMinute, lim.Burst)
}

func Channels(ids []string) string {
	out := ""
	for i, id := range ids[:min(len(ids), 5)] {
		if i > 0 {
			out += ", "
		}
		out += "<#" + id + ">"
	}
	return out
}

// Settings shows what the server chose and, where the operator did not
// make it available (mentions, when this bot reads none; the LLM, when
// it has no model), that the choice has no effect.
func Settings(gs store.GuildSettings, mentions, llm bool, l lang.Language) string {
	onOff := func(v bool) string {
		if v {
			return Tr(l, "oui", "on")
		}
		return Tr(l, "non", "off")
	}
	// chosen is a choice the operator may not have made available.
	chosen := func(v, available bool, fr, en string) string {
		if v && !available {
			return Tr(l, "oui, mais sans effet : "+fr, "on, but without effect: "+en)
		}
		return onOff(v)
	}
	channels := Tr(l, "tous", "all")
	if len(gs.Channels) > 0 {
		channels = Channels(gs.Channels)
	}
	vis := Tr(l, "publiques", "public")
	if gs.Ephemeral {
		vis = Tr(l, "visibles du seul demandeur", "visible to the asker only")
	}
	quizRole := Tr(l, "Gérer les messages seulement", "Manage Messages only")
	if gs.QuizRole != "" {
		quizRole = fmt.Sprintf(Tr(l, "<@&%s>, et Gérer les messages", "<@&%s>, and Manage Messages"), gs.QuizRole)
	}
	return fmt.Sprintf("**%s**\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s\n%s: %s",
		Tr(l, "Réglages du bot", "Bot settings"),
		Tr(l, "Réponses", "Answers"), vis,
		Tr(l, "Salons", "Channels"), channels,
		Tr(l, "Réponses aux mentions", "Mention replies"), chosen(gs.MentionReplies, mentions,
			"ce bot ne lit pas les mentions (MENTION_REPLIES n’est pas activé, ou il tourne en point de terminaison HTTP)",
			"this bot does not read mentions (MENTION_REPLIES is off, or it runs as an HTTP endpoint)"),
		"LLM", chosen(gs.LLM, llm,
			"aucun modèle n’est configuré sur ce bot ; les réponses citent l’entretien seul",
			"no model is configured on this bot; answers quote the interview alone"),
		Tr(l, "Limite par personne", "Per-user limit"), Limit(gs.UserLimit, l),
		Tr(l, "Limite du serveur", "Server limit"), Limit(gs.GuildLimit, l),
		"Quiz", onOff(!gs.NoQuizzes),
		Tr(l, "Quiz en classe lancés par", "Class quizzes run by"), quizRole)
}
