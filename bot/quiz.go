package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// quizCommand asks quiz questions built from the interview's text, and
// shows the server's leaderboard. Students answer with buttons; each
// counts once, wherever it is clicked.
var quizCommand = &slashCommand{
	name:   "quiz",
	define: define.Quiz,
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		if len(c.data.Options) != 1 {
			return nil, errUnknownInteraction
		}
		sub := c.data.Options[0]
		switch {
		case c.i.GuildID == "":
			return nil, &userError{fr: "Les quiz se jouent sur un serveur, pas en message privé.", en: "Quizzes are played on a server, not in direct messages."}
		case c.gs.NoQuizzes && sub.Name != "stop" && sub.Name != "reset":
			return nil, errQuizzesOff // a quiz running when they were turned off may still be stopped
		}
		switch sub.Name {
		case "start":
			return h.startSession(c, sub.Options)
		case "stop":
			return h.stopSession(c)
		case "reset":
			return h.resetScores(c)
		case "question":
			kind, n, level, err := quizFilter(sub.Options)
			if err != nil {
				return nil, err
			}
			q, err := m.PickAt(rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())), kind, n, level)
			if isNoQuestion(err) {
				return nil, errNoSuchQuestion
			} else if err != nil {
				return nil, err
			}
			return quizQuestion(h.iv, q, c.lang, c.gs.Ephemeral, time.Time{}), nil
		case "leaderboard":
			return h.leaderboard(c.ctx, c.i.GuildID, c.lang, c.gs.Ephemeral)
		}
		return nil, errUnknownInteraction
	},
	components:     []*componentKind{quizButton},
	showsInterview: true,
}

// quizQuestion renders q with a button per choice; until, if set, is
// when its buttons stop counting (a class quiz's question).
func quizQuestion(iv *corpus.Interview, q classroom.Question, l lang.Language, ephemeral bool, until time.Time) *Reply {
	var b strings.Builder
	switch {
	case q.Kind == classroom.WhoSaid:
		// Where the sentence is would tell whose it is.
		fmt.Fprintf(&b, "**Quiz — %s**\n", md.KindName(q.Kind).In(l))
	default:
		fmt.Fprintf(&b, "**Quiz — %s** (%s %d)\n", md.KindName(q.Kind).In(l), tr(l, "Q&R", "Q&A"), q.Exchange)
	}
	switch q.Kind {
	case classroom.WhoSaid:
		b.WriteString(tr(l, "Qui a écrit ou dit cette phrase ?\n", "Who wrote or said this sentence?\n"))
		b.WriteString(md.QuoteLines(q.Ask, l))
	case classroom.FillGap:
		fmt.Fprintf(&b, tr(l, "Quel mot manque dans cette phrase de %s ?\n", "Which word is missing from this sentence of %s’s?\n"), iv.Interviewee)
		b.WriteString(md.QuoteLines(classroom.Text{FR: md.ShowBlank(q.Ask.FR), EN: md.ShowBlank(q.Ask.EN)}, l))
	default:
		b.WriteString(q.Ask.In(l) + "\n")
	}
	var buttons []discordgo.MessageComponent
	for i, c := range q.Choices {
		fmt.Fprintf(&b, "\n**%c.** %s", md.Letters[i], c.In(l))
		buttons = append(buttons, discordgo.Button{
			Label:    string(md.Letters[i]),
			Style:    discordgo.SecondaryButton,
			CustomID: customid.Quiz{Question: q.ID, Version: q.Version(), Choice: i, Until: customid.UntilMillis(until)}.Format(),
		})
	}
	b.WriteString(tr(l, "\n\n*Une seule réponse par personne ; le résultat ne s’affiche que pour vous.*", "\n\n*One answer each; only you see whether you were right.*"))
	r := message(b.String(), ephemeral, discordgo.ActionsRow{Components: buttons})
	r.outcome.exchange = q.Exchange
	r.outcome.detail = []any{"question", q.ID}
	return r
}

var quizButton = &componentKind{name: "quiz", prefix: customid.PrefixQuiz, click: func(h *Handler, c *click) (*Reply, error) {
	id, err := customid.ParseQuiz(c.data.CustomID)
	if err != nil {
		return nil, errUnknownInteraction
	}
	return h.answerQuiz(c.ctx, c.i, id)
}}

// errQuizChanged answers a click on a question whose material has
// changed since it was posted.
var errQuizChanged = &userError{
	fr: "Cette question a changé depuis qu’elle a été posée ; demandez-en une nouvelle avec /quiz question.",
	en: "This question has changed since it was posted; ask for a new one with /quiz question.",
}

// errTimesUp answers a click on a class quiz's question whose time is up.
var errTimesUp = &userError{fr: "⏱ Temps écoulé : cette question n’accepte plus de réponse.", en: "⏱ Time’s up: this question takes no more answers."}

// errQuizClosed answers a click on a question older than its answers
// are kept.
var errQuizClosed = &userError{
	fr: "Cette question est close ; demandez-en une nouvelle avec /quiz question.",
	en: "This question is closed; ask for a new one with /quiz question.",
}

// answerQuiz counts a student's first answer to a posted question and
// tells them, alone, whether it was right, with the source.
func (h *Handler) answerQuiz(ctx context.Context, i *discordgo.Interaction, id customid.Quiz) (*Reply, error) {
	l := language(i)
	m, err := h.material()
	if err != nil {
		return nil, err
	}
	if i.GuildID == "" {
		return nil, errUnknownInteraction // quizzes are posted on servers alone
	}
	if h.gate.Settings(ctx, i.GuildID).NoQuizzes {
		return nil, errQuizzesOff
	}
	q, err := m.Question(id.Question)
	if err != nil || q.Version() != id.Version || id.Choice >= len(q.Choices) {
		return nil, errQuizChanged
	}
	// The click must be one of its message's own buttons: a round counts
	// the answers to the question posted in it, and nothing else.
	if d, ok := i.Data.(discordgo.MessageComponentInteractionData); !ok || i.Message == nil || !hasButton(i.Message.Components, d.CustomID) {
		return nil, errQuizChanged
	}
	round := messageID(i)
	if t, err := discordgo.SnowflakeTimestamp(round); err != nil || time.Since(t) > store.QuizRoundTTL {
		return nil, errQuizClosed
	}
	if id.Until > 0 && time.Now().UnixMilli() > id.Until {
		return nil, errTimesUp
	}
	right := id.Choice == q.Answer
	first, err := h.store.Answer(ctx, i.GuildID, round, store.QuizAnswer{UserID: userID(i), Choice: id.Choice, Correct: right})
	if errors.Is(err, store.ErrRoundClosed) {
		return nil, errTimesUp
	}
	if err != nil {
		return nil, &userError{fr: "Impossible d’enregistrer votre réponse pour l’instant ; réessayez dans un instant.",
			en: "Your answer cannot be recorded right now; try again in a moment.", kind: "unavailable", cause: err}
	}
	if first {
		h.recordEvent(ctx, i.GuildID, store.Event{QuizAnswer: true, QuizRight: right})
	}
	var b strings.Builder
	switch {
	case !first:
		b.WriteString(tr(l, "Vous avez déjà répondu à cette question : seule votre première réponse compte.\n\n", "You have already answered this question: only your first answer counts.\n\n"))
	case right:
		fmt.Fprintf(&b, tr(l, "✅ Bonne réponse : **%c. %s**\n\n", "✅ Right: **%c. %s**\n\n"), md.Letters[q.Answer], q.Choices[q.Answer].In(l))
	default:
		fmt.Fprintf(&b, tr(l, "❌ Pas tout à fait : la réponse est **%c. %s**\n\n", "❌ Not quite: the answer is **%c. %s**\n\n"), md.Letters[q.Answer], q.Choices[q.Answer].In(l))
	}
	if why := md.WhyNot(q, id.Choice, l); first && why != "" {
		b.WriteString(why + "\n")
	}
	if n := q.Note.In(l); first && n != "" {
		b.WriteString("*" + n + "*\n\n")
	}
	if first {
		b.WriteString(tr(l, "**La source**\n", "**The source**\n"))
		b.WriteString(md.Cited(h.iv, q.Source, l))
		b.WriteString(md.Notes(h.iv, q.Notes, l))
	}
	r := message(b.String(), true)
	if first {
		r.Components = h.readerLinks(l, q.Source.Anchor())
	}
	r.outcome.detail = []any{"question", q.ID, "first", first, "right", right}
	return r, nil
}

// hasButton reports whether one of cs, or of the rows in cs, is a button
// with the custom ID id.
func hasButton(cs []discordgo.MessageComponent, id string) bool {
	for _, c := range cs {
		switch c := c.(type) {
		case *discordgo.ActionsRow:
			if hasButton(c.Components, id) {
				return true
			}
		case discordgo.ActionsRow:
			if hasButton(c.Components, id) {
				return true
			}
		case *discordgo.Button:
			if c.CustomID == id {
				return true
			}
		case discordgo.Button:
			if c.CustomID == id {
				return true
			}
		}
	}
	return false
}

// leaderboard shows the server's best scores. Users are named by
// mention, which the client shows as their name; allowed_mentions stays
// empty, so nobody is pinged.
func (h *Handler) leaderboard(ctx context.Context, guildID string, l lang.Language, ephemeral bool) (*Reply, error) {
	scores, err := h.store.Leaderboard(ctx, guildID, md.MaxLeaders)
	if err != nil {
		return nil, &userError{fr: "Le classement est indisponible pour l’instant.", en: "The leaderboard is unavailable right now.", kind: "unavailable", cause: err}
	}
	return message(md.Leaderboard(scores, l), ephemeral), nil
}

// errNothingStored stops an audit entry from saving settings where none
// are stored.
var errNothingStored = errors.New("no settings stored")

// resetScores deletes the server's quiz scores, and notes it in the
// audit log: for a class that ends, or a parent who asks.
func (h *Handler) resetScores(c *call) (*Reply, error) {
	if !canModerate(c.i) {
		return nil, errNotModerator
	}
	if err := h.store.ResetScores(c.ctx, c.i.GuildID); err != nil {
		return nil, &userError{fr: "Impossible d’effacer les scores pour l’instant.", en: "The scores cannot be deleted right now.", kind: "unavailable", cause: err}
	}
	entry := store.AuditEntry{Time: time.Now().UTC(), UserID: userID(c.i), Change: "quiz scores reset"}
	// In the audit log, beside the settings as stored, unchanged; with
	// none stored, nothing is written (and a failure leaves the scores
	// deleted all the same).
	h.store.UpdateSettings(c.ctx, c.i.GuildID, func(cur store.GuildSettings, found bool) (store.GuildSettings, store.AuditEntry, error) {
		if !found {
			return cur, entry, errNothingStored
		}
		return cur, entry, nil
	})
	r := message(tr(c.lang, "Les scores de quiz du serveur sont effacés.", "The server’s quiz scores are deleted."), true)
	r.outcome.detail = []any{"change", entry.Change}
	return r, nil
}
