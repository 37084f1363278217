package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/lesson"
	"github.com/interviewbot/interviewbot/store"
)

// Lessons is what the bot tells the class sessions' runner
// (lesson.Runner) of the sessions its commands start and stop.
type Lessons interface {
	Started(store.QuizSession)
	Stopped(store.QuizSession)
}

var (
	_ Lessons     = (*lesson.Runner)(nil)
	_ lesson.Host = lessonHost{}
)

// noLessons is the Lessons of a handler whose sessions no runner of its
// own runs.
type noLessons struct{}

func (noLessons) Started(store.QuizSession) {}
func (noLessons) Stopped(store.QuizSession) {}

// LessonHost returns the lesson.Host that posts the class sessions'
// steps through ch (the REST API) in this handler's words.
func (h *Handler) LessonHost(ch transport.Channels) lesson.Host {
	return lessonHost{h, ch}
}

// lessonHost posts the class sessions' steps.
type lessonHost struct {
	h  *Handler
	ch transport.Channels
}

func (lh lessonHost) QuizzesOff(ctx context.Context, qs store.QuizSession) bool {
	return lh.h.gate.Settings(ctx, qs.GuildID).NoQuizzes
}

func (lh lessonHost) Off(ctx context.Context, qs store.QuizSession) error {
	l := sessionLang(qs)
	return lh.post(ctx, qs, "off", tr(l, "Les quiz ont été désactivés sur ce serveur : le quiz s’arrête.", "Quizzes were turned off on this server: the quiz ends."))
}

func (lh lessonHost) Ask(ctx context.Context, qs store.QuizSession, q classroom.Question, n int, due time.Time) (string, error) {
	l := sessionLang(qs)
	r := quizQuestion(lh.h.iv, q, l, false, due)
	head := fmt.Sprintf(tr(l, "**Question %d sur %d** · %d secondes\n", "**Question %d of %d** · %d seconds\n"), n, qs.Rounds, qs.Seconds)
	msg, err := lh.h.postStep(ctx, lh.ch, qs, fmt.Sprint("q", n), head+strings.Join(r.Messages, "\n"), r.Components...)
	if err != nil {
		return "", refused(err)
	}
	return msg.ID, nil
}

func (lh lessonHost) Reveal(ctx context.Context, qs store.QuizSession, q classroom.Question, tally []int64, n int) error {
	l := sessionLang(qs)
	return lh.post(ctx, qs, fmt.Sprint("r", n), md.Reveal(lh.h.iv, q, tally, false, n, qs.Rounds, l), lh.h.readerLinks(l, q.Source.Anchor())...)
}

func (lh lessonHost) Close(ctx context.Context, qs store.QuizSession, round string, q classroom.Question) {
	lh.h.disableButtons(ctx, lh.ch, qs.ChannelID, round, q)
}

func (lh lessonHost) End(ctx context.Context, qs store.QuizSession, scores []store.Score, err error) error {
	l := sessionLang(qs)
	return lh.post(ctx, qs, "end", tr(l, "🏁 **Fin du quiz.**\n\n", "🏁 **The quiz is over.**\n\n")+md.Results(len(qs.Asked), scores, err, l))
}

func (lh lessonHost) Lost(ctx context.Context, qs store.QuizSession, open *classroom.Question, n int) error {
	l := sessionLang(qs)
	text := tr(l, "⚠️ **Le quiz s’arrête** : le bot a perdu son état enregistré (son stockage a été vidé), et avec lui les réponses et les résultats de ce quiz. /quiz start en lance un autre.",
		"⚠️ **The quiz has ended**: the bot lost its saved state (its store was emptied), and this quiz’s answers and results with it. /quiz start runs another.")
	var links []string
	if open != nil {
		text = md.Reveal(lh.h.iv, *open, nil, true, n, qs.Rounds, l) + "\n\n" + text
		links = []string{open.Source.Anchor()}
	}
	return lh.post(ctx, qs, "lost", text, lh.h.readerLinks(l, links...)...)
}

// post posts a step's text (postStep), its error wrapped in
// lesson.ErrRefused when Discord will never take it.
func (lh lessonHost) post(ctx context.Context, qs store.QuizSession, stage, text string, components ...discordgo.MessageComponent) error {
	_, err := lh.h.postStep(ctx, lh.ch, qs, stage, text, components...)
	return refused(err)
}

// refused wraps err in lesson.ErrRefused when Discord refused it for
// good (transport.Gone).
func refused(err error) error {
	if transport.Gone(err) {
		return fmt.Errorf("%w: %w", lesson.ErrRefused, err)
	}
	return err
}

// sessionLang is the language a session speaks.
func sessionLang(qs store.QuizSession) lang.Language {
	l, _ := lang.Parse(qs.Lang)
	return l
}

// results is the results of session qs so far.
func (h *Handler) results(ctx context.Context, qs store.QuizSession, l lang.Language) string {
	m, err := h.material()
	if err != nil {
		return ""
	}
	scores, err := lesson.Scores(ctx, h.store, m, qs)
	return md.Results(len(qs.Asked), scores, err, l)
}

// postStep posts text as a stage of session qs's step ("q2" its second
// question, "r2" that one's answer, "end" the results), components
// under its last part. Each message carries a nonce made of the
// session, the stage and the part, which Discord enforces, so that a
// step run again (its instance died before it saved its progress) gets
// the messages already posted back instead of posting them twice.
func (h *Handler) postStep(ctx context.Context, ch transport.Channels, qs store.QuizSession, stage, text string, components ...discordgo.MessageComponent) (*discordgo.Message, error) {
	var msg *discordgo.Message
	if sessionLang(qs) == lang.French { // a class's posts name commands as its language's clients do
		text = md.Commands(text, h.frNames)
	}
	parts := md.Split(text, maxContent)
	for n, part := range parts {
		var comps []discordgo.MessageComponent
		if n == len(parts)-1 {
			comps = components // under the last part, as interaction replies
		}
		var err error
		if msg, err = transport.PostOnce(ctx, ch, qs.ChannelID, part, comps, fmt.Sprintf("%s%s.%d", qs.ID, stage, n)); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

// disableButtons greys a closed question's buttons; a failure only
// leaves them clickable, and a click then says the question is closed.
func (h *Handler) disableButtons(ctx context.Context, ch transport.Channels, channelID, messageID string, q classroom.Question) {
	var buttons []discordgo.MessageComponent
	for i := range q.Choices {
		buttons = append(buttons, discordgo.Button{Label: string(md.Letters[i]), Style: discordgo.SecondaryButton, Disabled: true,
			CustomID: customid.Quiz{Question: q.ID, Version: q.Version(), Choice: i}.Format()})
	}
	row := []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	if err := transport.EditComponents(ctx, ch, channelID, messageID, row); err != nil {
		h.log.Info("closed question's buttons left on", "channel", channelID, "err", err)
	}
}
