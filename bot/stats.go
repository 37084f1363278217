package bot

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// statsCommand shows a server's questions, answers, cache and coverage
// gaps, to its moderators.
var statsCommand = &slashCommand{
	name: "stats",
	fr:   "statistiques",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "Questions, answers, cache and coverage gaps on this server (moderators)",
			DescriptionLocalizations: new(inFrench("Questions, réponses, cache et lacunes de couverture sur ce serveur (modération)")),
			DefaultMemberPermissions: &manageGuild,
			Contexts:                 guildOnly,
			Options: []*discordgo.ApplicationCommandOption{{
				Type:                     discordgo.ApplicationCommandOptionString,
				Name:                     "window",
				Description:              "The last 24 hours, the last 7 days, or all time (the default)",
				DescriptionLocalizations: inFrench("Les dernières 24 heures, les 7 derniers jours, ou depuis le début (par défaut)"),
				Choices: []*discordgo.ApplicationCommandOptionChoice{
					{Name: "24 hours", NameLocalizations: inFrench("24 heures"), Value: string(store.Last24h)},
					{Name: "7 days", NameLocalizations: inFrench("7 jours"), Value: string(store.Last7d)},
					{Name: "all time", NameLocalizations: inFrench("depuis le début"), Value: string(store.AllTime)},
				},
			}},
		}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		raw, _ := stringOption(c.data.Options, "window")
		w, err := store.ParseWindow(raw)
		if err != nil {
			return nil, errUnknownInteraction
		}
		return h.showStats(c.ctx, c.i, w, c.lang)
	},
	private: true,
}

func (h *Handler) showStats(ctx context.Context, i *discordgo.Interaction, w store.Window, l lang.Language) (*Reply, error) {
	if !canModerate(i) {
		return nil, errNotModerator
	}
	st, err := h.store.Stats(ctx, i.GuildID, w, 5)
	if err != nil {
		return nil, &userError{fr: "Statistiques indisponibles pour l’instant.", en: "Statistics are unavailable right now.", kind: "unavailable", cause: err}
	}
	return message(StatsText(h.iv, st, w, h.retention, l), true), nil
}

// StatsText renders statistics for people, within window w: counts,
// cache hit rate, the exchanges most quoted and the questions most often
// declined, which are kept for retention.
func StatsText(iv *corpus.Interview, st store.Stats, w store.Window, retention time.Duration, l lang.Language) string {
	exchanges := iv.Exchanges()
	var b strings.Builder
	switch w {
	case store.Last24h:
		b.WriteString(tr(l, "**Statistiques des dernières 24 heures**\n", "**Statistics for the last 24 hours**\n"))
	case store.Last7d:
		b.WriteString(tr(l, "**Statistiques des 7 derniers jours**\n", "**Statistics for the last 7 days**\n"))
	default:
		b.WriteString(tr(l, "**Statistiques depuis le début**\n", "**Statistics since the start**\n"))
	}
	fmt.Fprintf(&b, tr(l, "Questions : %d (%d répondues, %d déclinées)\nCache : %.0f %% de réussite (%d sur %d)\nRetours : %d 👍, %d 👎\nJetons LLM : %d en entrée, %d en sortie",
		"Questions: %d (%d answered, %d declined)\nCache: %.0f%% hit rate (%d of %d)\nFeedback: %d 👍, %d 👎\nLLM tokens: %d prompt, %d completion"),
		st.Asked, st.Answered, st.Declined, 100*st.CacheHitRate(), st.CacheHits, st.CacheHits+st.CacheMisses, st.FeedbackUp, st.FeedbackDown,
		st.PromptTokens, st.CompletionTokens)
	fmt.Fprintf(&b, tr(l, "\nQuiz : %d réponse(s), dont %d bonne(s) ; %d quiz en classe", "\nQuizzes: %d answer(s), %d right; %d class quiz(zes)"),
		st.QuizAnswers, st.QuizRight, st.QuizSessions)
	if len(st.Exchanges) > 0 {
		b.WriteString(tr(l, "\n\n**Échanges cités**", "\n\n**Exchanges quoted**"))
		keys := slices.Sorted(maps.Keys(st.Exchanges))
		slices.SortStableFunc(keys, func(a, c int) int { return int(st.Exchanges[c] - st.Exchanges[a]) })
		for _, n := range keys {
			topic := ""
			if n >= 1 && n <= len(exchanges) {
				topic = " — " + exchanges[n-1].Topic(l)
			}
			fmt.Fprintf(&b, "\n%s %d%s : %d", tr(l, "Q&R", "Q&A"), n, topic, st.Exchanges[n])
		}
	}
	if len(st.Gaps) > 0 {
		days := int(retention / (24 * time.Hour))
		b.WriteString(fmt.Sprintf(tr(l, "\n\n**Questions sans réponse les plus fréquentes** (ce que l’entretien ne couvre pas ; gardées %d jours, sans qui les a posées)",
			"\n\n**Most frequent unanswered questions** (what the interview does not cover; kept %d days, without who asked)"), days))
		for _, g := range st.Gaps {
			fmt.Fprintf(&b, "\n%d × %s", g.Count, escape(g.Question))
		}
	}
	return b.String()
}
