package md

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// IsSnowflake reports whether s is a Discord ID: a decimal number that
// fits in 64 bits.
func IsSnowflake(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// MaxLeaders is how many scores a leaderboard or results show.
const MaxLeaders = 10

// Leaderboard shows a server's best scores. Users are named by mention,
// which the client shows as their name; a reply's allowed_mentions stays
// empty, so nobody is pinged. Only IDs are rendered, never text.
func Leaderboard(scores []store.Score, l lang.Language) string {
	var b strings.Builder
	b.WriteString(Tr(l, "**Classement du quiz**\n", "**Quiz leaderboard**\n"))
	if len(scores) == 0 {
		b.WriteString(Tr(l, "Personne n’a encore répondu. Lancez une question avec /quiz question.", "Nobody has answered yet. Ask a question with /quiz question."))
	}
	for n, s := range scores {
		if !IsSnowflake(s.UserID) {
			continue // only IDs the bot wrote; never text to render
		}
		fmt.Fprintf(&b, Tr(l, "%d. <@%s> — %d point(s) sur %d réponse(s)\n", "%d. <@%s> — %d point(s) of %d answer(s)\n"), n+1, s.UserID, s.Points, s.Answered)
	}
	return b.String()
}

// Results ranks a class session's students by right answers, of asked
// questions; err says the scores could not be read.
func Results(asked int, scores []store.Score, err error, l lang.Language) string {
	if err != nil {
		return Tr(l, "Les résultats sont indisponibles pour l’instant.", "The results are unavailable right now.")
	}
	var ranked []store.Score
	for _, sc := range scores {
		if IsSnowflake(sc.UserID) {
			ranked = append(ranked, sc)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, Tr(l, "**Résultats** (%d question(s))\n", "**Results** (%d question(s))\n"), asked)
	if len(ranked) == 0 {
		b.WriteString(Tr(l, "Personne n’a répondu.", "Nobody answered."))
	}
	for n, sc := range ranked[:min(len(ranked), MaxLeaders)] {
		fmt.Fprintf(&b, Tr(l, "%d. <@%s> — %d bonne(s) réponse(s) sur %d\n", "%d. <@%s> — %d right of %d\n"), n+1, sc.UserID, sc.Points, sc.Answered)
	}
	return strings.TrimSpace(b.String())
}
