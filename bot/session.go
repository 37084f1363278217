package bot

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/store"
)

// A class session posts one quiz question at a time in a channel; the
// lesson package's Runner runs its steps, and the bot posts them
// (lessonHost). Here are the commands that start and stop one.

// errNotTeacher refuses a session command to whom may not run one.
var errNotTeacher = &userError{
	fr:   "Les quiz en classe sont lancés par les personnes qui peuvent gérer les messages, ou qui ont le rôle choisi par la modération (/settings quizrole).",
	en:   "Class quizzes are run by members who can manage messages, or who have the role the moderators chose (/settings quizrole).",
	kind: "refused",
}

var errQuizzesOff = &userError{
	fr:   "Les quiz sont désactivés sur ce serveur (/settings quizzes).",
	en:   "Quizzes are turned off on this server (/settings quizzes).",
	kind: "refused",
}

// canTeach reports whether the member may run class sessions.
func canTeach(i *discordgo.Interaction, gs store.GuildSettings) bool {
	if i.Member == nil || i.GuildID == "" {
		return false
	}
	if i.Member.Permissions&(discordgo.PermissionManageMessages|discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0 {
		return true
	}
	return gs.QuizRole != "" && slices.Contains(i.Member.Roles, gs.QuizRole)
}

// startSession answers /quiz start.
func (h *Handler) startSession(c *call, opts []*discordgo.ApplicationCommandInteractionDataOption) (*Reply, error) {
	if !canTeach(c.i, c.gs) {
		return nil, errNotTeacher
	}
	rounds, ok := intOption(opts, "rounds")
	if !ok {
		rounds = 5
	}
	seconds, ok := intOption(opts, "seconds")
	if !ok {
		seconds = 30
	}
	if rounds < define.MinRounds || rounds > define.MaxRounds || seconds < define.MinSeconds || seconds > define.MaxSeconds {
		return nil, &userError{
			fr: fmt.Sprintf("De %d à %d questions, de %d à %d secondes chacune.", define.MinRounds, define.MaxRounds, define.MinSeconds, define.MaxSeconds),
			en: fmt.Sprintf("Use %d to %d questions, of %d to %d seconds each.", define.MinRounds, define.MaxRounds, define.MinSeconds, define.MaxSeconds),
		}
	}
	kind, n, level, err := quizFilter(opts)
	if err != nil {
		return nil, err
	}
	m, err := h.material()
	if err != nil {
		return nil, err
	}
	if _, err := m.PickAt(rand.New(rand.NewPCG(1, 2)), kind, n, level); err != nil {
		return nil, errNoSuchQuestion
	}
	epoch, err := h.store.Epoch(c.ctx, c.i.GuildID)
	if err != nil {
		return nil, &userError{fr: "Impossible de lancer le quiz pour l’instant.", en: "The quiz cannot start right now.", kind: "unavailable", cause: err}
	}
	qs := store.QuizSession{ID: fmt.Sprintf("%016x", rand.Uint64()), GuildID: c.i.GuildID, ChannelID: c.i.ChannelID, StartedBy: userID(c.i), Lang: string(c.lang),
		Kind: string(kind), Exchange: n, Level: level, Rounds: rounds, Seconds: seconds, Due: time.Now(), Epoch: epoch}
	started, err := h.store.StartSession(c.ctx, qs)
	switch {
	case err != nil:
		return nil, &userError{fr: "Impossible de lancer le quiz pour l’instant.", en: "The quiz cannot start right now.", kind: "unavailable", cause: err}
	case !started:
		return nil, &userError{fr: "Un quiz est déjà en cours dans ce salon ; /quiz stop l’arrête.", en: "A quiz is already running in this channel; /quiz stop ends it."}
	}
	h.lessons.Started(qs)
	h.recordEvent(c.ctx, c.i.GuildID, store.Event{QuizSession: true})
	r := message(fmt.Sprintf(tr(c.lang,
		"📚 **Quiz en classe** : %d question(s), %d secondes chacune. La première arrive ; répondez avec les boutons. À la fin de chaque question : la réponse, le décompte et la source ; à la fin, les résultats. /quiz stop l’arrête.",
		"📚 **Class quiz**: %d question(s), %d seconds each. The first is coming; answer with the buttons. After each question: the answer, the tally and the source; at the end, the results. /quiz stop ends it."),
		rounds, seconds), false)
	r.outcome.detail = []any{"rounds", rounds, "seconds", seconds}
	return r, nil
}

// stopSession answers /quiz stop: the open question closes, with its
// answer, and the results so far are shown.
func (h *Handler) stopSession(c *call) (*Reply, error) {
	if !canTeach(c.i, c.gs) {
		return nil, errNotTeacher
	}
	qs, ok, err := h.store.Session(c.ctx, c.i.GuildID, c.i.ChannelID)
	switch {
	case err != nil:
		return nil, &userError{fr: "Impossible d’arrêter le quiz pour l’instant.", en: "The quiz cannot be stopped right now.", kind: "unavailable", cause: err}
	case !ok:
		return nil, &userError{fr: "Aucun quiz en cours dans ce salon.", en: "No quiz is running in this channel."}
	}
	if err := h.store.EndSession(c.ctx, qs); err != nil {
		return nil, &userError{fr: "Impossible d’arrêter le quiz pour l’instant.", en: "The quiz cannot be stopped right now.", kind: "unavailable", cause: err}
	}
	h.lessons.Stopped(qs)
	var b strings.Builder
	b.WriteString(tr(c.lang, "⏹ Quiz arrêté.\n\n", "⏹ Quiz stopped.\n\n"))
	if n := len(qs.Asked); n > 0 {
		last := qs.Asked[n-1]
		h.store.CloseRound(c.ctx, qs.GuildID, last.Message)
		if m, err := h.material(); err == nil && !qs.Revealed {
			if q, err := m.Question(last.Question); err == nil {
				tally, err := h.store.Tally(c.ctx, qs.GuildID, last.Message, len(q.Choices))
				if err != nil {
					tally = nil // unknown, not none
				}
				b.WriteString(md.Reveal(h.iv, q, tally, false, n, qs.Rounds, c.lang) + "\n\n")
			}
		}
	}
	b.WriteString(h.results(c.ctx, qs, c.lang))
	return message(b.String(), false), nil
}

// errNoSuchQuestion answers a quiz asked for what the material lacks.
var errNoSuchQuestion = &userError{fr: "Pas de question de ce type sur cet échange. (Au niveau 2, analyse critique, le quiz n’a que des questions de compréhension.)",
	en: "No question of this kind on this exchange. (At level 2, critical reading, the quiz has comprehension questions only.)"}

// quizFilter reads the kind, exchange and level options.
func quizFilter(opts []*discordgo.ApplicationCommandInteractionDataOption) (classroom.Kind, int, string, error) {
	n, _ := intOption(opts, "exchange")
	k, _ := stringOption(opts, "kind")
	level, _ := stringOption(opts, "level")
	if level != "" && level != classroom.Secondary && level != classroom.University {
		return "", 0, "", errUnknownInteraction
	}
	if k == "" {
		return "", n, level, nil
	}
	kind, err := classroom.ParseKind(k)
	if err != nil {
		return "", 0, "", errUnknownInteraction
	}
	return kind, n, level, nil
}
