package bot

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// statsCommand shows a server's questions, answers, cache and coverage
// gaps, to its moderators.
var statsCommand = &slashCommand{
	name: "stats",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{
			Description:              "Questions, answers, cache and coverage gaps on this server (moderators)",
			DescriptionLocalizations: &map[discordgo.Locale]string{discordgo.French: "Questions, réponses, cache et lacunes de couverture sur ce serveur (modération)"},
			DefaultMemberPermissions: &manageGuild,
			Contexts:                 guildOnly,
		}
	},
	run:     func(h *Handler, c *call) (*Reply, error) { return h.showStats(c.ctx, c.i, c.lang) },
	private: true,
}

func (h *Handler) showStats(ctx context.Context, i *discordgo.Interaction, lang lang.Language) (*Reply, error) {
	if !canModerate(i) {
		return nil, errNotModerator
	}
	st, err := h.store.Stats(ctx, i.GuildID, 5)
	if err != nil {
		h.log.Error("reading stats failed", "guild", i.GuildID, "err", err)
		return nil, &userError{fr: "Statistiques indisponibles pour l’instant.", en: "Statistics are unavailable right now.", kind: "unavailable"}
	}
	return message(StatsText(h.iv, st, lang), true), nil
}

// StatsText renders statistics for people: counts, cache hit rate, the
// exchanges most quoted and the questions most often declined.
func StatsText(iv *corpus.Interview, st store.Stats, lang lang.Language) string {
	exchanges := iv.Exchanges()
	var b strings.Builder
	fmt.Fprintf(&b, tr(lang, "**Statistiques**\nQuestions : %d (%d répondues, %d déclinées)\nCache : %.0f %% de réussite (%d sur %d)\nRetours : %d 👍, %d 👎\nJetons LLM : %d en entrée, %d en sortie",
		"**Statistics**\nQuestions: %d (%d answered, %d declined)\nCache: %.0f%% hit rate (%d of %d)\nFeedback: %d 👍, %d 👎\nLLM tokens: %d prompt, %d completion"),
		st.Asked, st.Answered, st.Declined, 100*st.CacheHitRate(), st.CacheHits, st.CacheHits+st.CacheMisses, st.FeedbackUp, st.FeedbackDown,
		st.PromptTokens, st.CompletionTokens)
	if len(st.Exchanges) > 0 {
		b.WriteString(tr(lang, "\n\n**Échanges cités**", "\n\n**Exchanges quoted**"))
		keys := slices.Sorted(maps.Keys(st.Exchanges))
		slices.SortStableFunc(keys, func(a, c int) int { return int(st.Exchanges[c] - st.Exchanges[a]) })
		for _, n := range keys {
			topic := ""
			if n >= 1 && n <= len(exchanges) {
				topic = " — " + exchanges[n-1].Topic(lang)
			}
			fmt.Fprintf(&b, "\n%s %d%s : %d", tr(lang, "Q&R", "Q&A"), n, topic, st.Exchanges[n])
		}
	}
	if len(st.Gaps) > 0 {
		b.WriteString(tr(lang, "\n\n**Questions sans réponse les plus fréquentes** (ce que l’entretien ne couvre pas)",
			"\n\n**Most frequent unanswered questions** (what the interview does not cover)"))
		for _, g := range st.Gaps {
			fmt.Fprintf(&b, "\n%d × %s", g.Count, escape(g.Question))
		}
	}
	return b.String()
}
