package bot

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// A class session posts one quiz question at a time in a channel; when
// its time is up, the answer and the tally, then the next question, and
// at the end the results. Its state lives in the store, and each step is
// claimed there, so that any instance runs it, once, even after the one
// that started it has gone.

// Channels sends the bot's own messages in a channel, outside any
// interaction (what a class session posts), and makes other REST calls.
// *discordgo.Session is one.
type Channels interface {
	RequestWithBucketID(method, urlStr string, data any, bucketID string, options ...discordgo.RequestOption) ([]byte, error)
}

var _ Channels = (*discordgo.Session)(nil)

// The bounds of a session, as /quiz start offers them.
const (
	minRounds, maxRounds   = 1, 20
	minSeconds, maxSeconds = 10, 300
)

// sessionTick is how often RunSessions looks for due steps; tests
// shorten it, and sessionSecond, the unit of a question's time.
var (
	sessionTick   = 500 * time.Millisecond
	sessionSecond = time.Second
)

// stepBudget bounds one step: a few messages to Discord and the store.
const stepBudget = 15 * time.Second

// claimTTL is how long a step is reserved for the instance that claimed
// it: should that instance die mid-step, another runs it after this.
const claimTTL = 30 * time.Second

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
	if rounds < minRounds || rounds > maxRounds || seconds < minSeconds || seconds > maxSeconds {
		return nil, &userError{
			fr: fmt.Sprintf("De %d à %d questions, de %d à %d secondes chacune.", minRounds, maxRounds, minSeconds, maxSeconds),
			en: fmt.Sprintf("Use %d to %d questions, of %d to %d seconds each.", minRounds, maxRounds, minSeconds, maxSeconds),
		}
	}
	kind, n, err := quizFilter(opts)
	if err != nil {
		return nil, err
	}
	m, err := h.material()
	if err != nil {
		return nil, err
	}
	if _, err := m.Pick(rand.New(rand.NewPCG(1, 2)), kind, n); err != nil {
		return nil, &userError{fr: "Pas de question de ce type sur cet échange.", en: "No question of this kind on this exchange."}
	}
	epoch, err := h.store.Epoch(c.ctx, c.i.GuildID)
	if err != nil {
		return nil, &userError{fr: "Impossible de lancer le quiz pour l’instant.", en: "The quiz cannot start right now.", kind: "unavailable", cause: err}
	}
	qs := store.QuizSession{ID: fmt.Sprintf("%016x", rand.Uint64()), GuildID: c.i.GuildID, ChannelID: c.i.ChannelID, StartedBy: userID(c.i), Lang: string(c.lang),
		Kind: string(kind), Exchange: n, Rounds: rounds, Seconds: seconds, Due: time.Now(), Epoch: epoch}
	started, err := h.store.StartSession(c.ctx, qs)
	switch {
	case err != nil:
		return nil, &userError{fr: "Impossible de lancer le quiz pour l’instant.", en: "The quiz cannot start right now.", kind: "unavailable", cause: err}
	case !started:
		return nil, &userError{fr: "Un quiz est déjà en cours dans ce salon ; /quiz stop l’arrête.", en: "A quiz is already running in this channel; /quiz stop ends it."}
	}
	h.watch.saw(qs)
	h.recordEvent(c.ctx, c.i.GuildID, store.Event{QuizSession: true})
	h.wake()
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
	h.watch.forget(qs)
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
				b.WriteString(revealText(h, q, tally, false, n, qs.Rounds, c.lang) + "\n\n")
			}
		}
	}
	b.WriteString(h.sessionResults(c.ctx, qs, c.lang))
	return message(b.String(), false), nil
}

// quizFilter reads the kind and exchange options.
func quizFilter(opts []*discordgo.ApplicationCommandInteractionDataOption) (classroom.Kind, int, error) {
	n, _ := intOption(opts, "exchange")
	k, _ := stringOption(opts, "kind")
	if k == "" {
		return "", n, nil
	}
	kind, err := classroom.ParseKind(k)
	if err != nil {
		return "", 0, errUnknownInteraction
	}
	return kind, n, nil
}

// wake has RunSessions look for due steps now: a session just started.
func (h *Handler) wake() {
	select {
	case h.sessionWake <- struct{}{}:
	default:
	}
}

// RunSessions runs the class sessions' steps as they fall due, posting
// through ch, until ctx is done. Every instance runs it: each step is
// claimed in the store, so that one instance alone runs it.
func (h *Handler) RunSessions(ctx context.Context, ch Channels) {
	t := time.NewTicker(sessionTick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-h.sessionWake:
		}
		due, err := h.store.DueSessions(ctx, time.Now(), 20)
		if err != nil {
			h.warn.Warn("class sessions unavailable", err)
			continue
		}
		for _, qs := range due {
			h.watch.saw(qs)
		}
		h.checkSessions(ctx, due)
		for _, qs := range due {
			if ok, err := h.store.ClaimSession(ctx, qs, len(qs.Asked), claimTTL); err != nil || !ok {
				continue // another instance runs it, or the store failed: the next tick retries
			}
			// A step claimed is finished, even at shutdown: a question
			// posted and not saved would be posted again by the next
			// instance, once the claim expires.
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stepBudget)
			h.step(sctx, ch, qs)
			cancel()
		}
	}
}

// step runs a session's due step: the open question's answer and tally,
// then the next question, or the results.
func (h *Handler) step(ctx context.Context, ch Channels, qs store.QuizSession) {
	l, _ := lang.Parse(qs.Lang)
	log := h.log.With("guild", qs.GuildID, "channel", qs.ChannelID, "step", len(qs.Asked))
	fail := func(what string, err error) {
		var rest *discordgo.RESTError
		if errors.As(err, &rest) && rest.Response != nil && slices.Contains([]int{http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound}, rest.Response.StatusCode) {
			// The channel is gone, the bot may not post there, or it has
			// no valid token: no retry will do better.
			log.Warn("class session ended: Discord refuses its messages", "doing", what, "err", err)
			h.endSession(ctx, qs)
			return
		}
		log.Warn("class session step failed; retrying", "doing", what, "err", err)
	}
	m, err := h.material()
	if err != nil {
		h.endSession(ctx, qs)
		return
	}
	post := func(stage, text string, components ...discordgo.MessageComponent) (*discordgo.Message, error) {
		return h.postStep(ctx, ch, qs, stage, text, components...)
	}
	if qs.Lost {
		h.closeLost(ctx, ch, qs)
		return
	}
	if h.settings(ctx, qs.GuildID).NoQuizzes {
		post("off", tr(l, "Les quiz ont été désactivés sur ce serveur : le quiz s’arrête.", "Quizzes were turned off on this server: the quiz ends."))
		h.endSession(ctx, qs)
		return
	}
	if n := len(qs.Asked); n > 0 && !qs.Revealed {
		last := qs.Asked[n-1]
		if err := h.store.CloseRound(ctx, qs.GuildID, last.Message); err != nil {
			fail("closing the round", err)
			return
		}
		if q, err := m.Question(last.Question); err == nil {
			tally, err := h.store.Tally(ctx, qs.GuildID, last.Message, len(q.Choices))
			if err != nil {
				tally = nil // unknown, not none
			}
			if _, err := post(fmt.Sprint("r", n), revealText(h, q, tally, false, n, qs.Rounds, l), h.readerLinks(l, q.Source.Passage)...); err != nil {
				fail("revealing the answer", err)
				return
			}
			// The buttons go grey: the question is closed.
			h.disableButtons(ctx, ch, qs.ChannelID, last.Message, q)
		}
		// Progress is saved at once, so that a retry of this step does
		// not reveal the answer twice.
		qs.Revealed = true
		if !h.saveSession(ctx, qs, log) {
			return
		}
	}
	if len(qs.Asked) >= qs.Rounds {
		if _, err := post("end", tr(l, "🏁 **Fin du quiz.**\n\n", "🏁 **The quiz is over.**\n\n")+h.sessionResults(ctx, qs, l)); err != nil {
			fail("posting the results", err)
			return
		}
		h.endSession(ctx, qs)
		log.Info("class session over", "rounds", qs.Rounds)
		return
	}
	q, err := h.nextQuestion(m, qs)
	if err != nil {
		h.endSession(ctx, qs)
		return
	}
	due := time.Now().Add(time.Duration(qs.Seconds) * sessionSecond)
	r := quizQuestion(h.iv, q, l, false, due)
	head := fmt.Sprintf(tr(l, "**Question %d sur %d** · %d secondes\n", "**Question %d of %d** · %d seconds\n"), len(qs.Asked)+1, qs.Rounds, qs.Seconds)
	msg, err := post(fmt.Sprint("q", len(qs.Asked)+1), head+strings.Join(r.Messages, "\n"), r.Components...)
	if err != nil {
		fail("posting a question", err)
		return
	}
	qs.Asked = append(qs.Asked, store.SessionRound{Question: q.ID, Message: msg.ID})
	qs.Revealed = false
	qs.Due = due
	if !h.saveSession(ctx, qs, log) {
		// Stopped while it was posted: that question closes at once.
		h.store.CloseRound(ctx, qs.GuildID, msg.ID)
		h.disableButtons(ctx, ch, qs.ChannelID, msg.ID, q)
	}
}

// saveSession saves a step's progress; false means the session is over:
// stopped meanwhile, or not saved (then it ends, its open question
// closed, rather than run the step again).
func (h *Handler) saveSession(ctx context.Context, qs store.QuizSession, log *slog.Logger) bool {
	saved, err := h.store.SaveSession(ctx, qs)
	if err != nil {
		log.Warn("class session not saved; it ends", "err", err)
		h.endSession(ctx, qs)
		return false
	}
	if saved {
		h.watch.saw(qs)
		return true
	}
	h.check(ctx, qs) // stopped, replaced, or lost: then this copy may be the furthest on
	return false
}

// endSession ends a session, its open question closed.
func (h *Handler) endSession(ctx context.Context, qs store.QuizSession) {
	h.watch.forget(qs)
	h.store.EndSession(ctx, qs)
	if n := len(qs.Asked); n > 0 {
		h.store.CloseRound(ctx, qs.GuildID, qs.Asked[n-1].Message)
	}
}

// nextQuestion picks a question the session has not asked yet, when
// there is one.
func (h *Handler) nextQuestion(m *classroom.Material, qs store.QuizSession) (classroom.Question, error) {
	r := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	var q classroom.Question
	var err error
	for range 20 {
		if q, err = m.Pick(r, classroom.Kind(qs.Kind), qs.Exchange); err != nil {
			return q, err
		}
		if !slices.ContainsFunc(qs.Asked, func(a store.SessionRound) bool { return a.Question == q.ID }) {
			break
		}
	}
	return q, nil
}

// revealText is a question's answer, its tally and its source. A nil
// tally is unknown: unavailable, or lost with the store's data.
func revealText(h *Handler, q classroom.Question, tally []int64, lost bool, n, rounds int, l lang.Language) string {
	var b strings.Builder
	fmt.Fprintf(&b, tr(l, "⏱ **Temps écoulé** pour la question %d sur %d. Réponse : **%c. %s**\n", "⏱ **Time’s up** for question %d of %d. Answer: **%c. %s**\n"),
		n, rounds, letters[q.Answer], q.Choices[q.Answer].In(l))
	var counts []string
	var total int64
	for i, c := range tally {
		counts = append(counts, fmt.Sprintf("%c %d", letters[i], c))
		total += c
	}
	switch {
	case lost:
		b.WriteString(tr(l, "Les réponses données ont été perdues.\n\n", "The answers given were lost.\n\n"))
	case tally == nil:
		b.WriteString(tr(l, "Le décompte des réponses est indisponible.\n\n", "The tally of answers is unavailable.\n\n"))
	default:
		fmt.Fprintf(&b, tr(l, "%d réponse(s) : %s\n\n", "%d answer(s): %s\n\n"), total, strings.Join(counts, " · "))
	}
	b.WriteString(cited(h.iv, q.Source, l))
	return b.String()
}

// postStep posts text as a stage of session qs's step ("q2" its second
// question, "r2" that one's answer, "end" the results), components
// under its last part. Each message carries a nonce made of the
// session, the stage and the part, which Discord enforces, so that a
// step run again (its instance died before it saved its progress) gets
// the messages already posted back instead of posting them twice.
func (h *Handler) postStep(ctx context.Context, ch Channels, qs store.QuizSession, stage, text string, components ...discordgo.MessageComponent) (*discordgo.Message, error) {
	var msg *discordgo.Message
	parts := split(text, maxContent)
	for n, part := range parts {
		var comps []discordgo.MessageComponent
		if n == len(parts)-1 {
			comps = components // under the last part, as interaction replies
		}
		var err error
		if msg, err = sendOnce(ctx, ch, qs.ChannelID, part, comps, fmt.Sprintf("%s%s.%d", qs.ID, stage, n)); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

// sendOnce posts a message in a channel, with a nonce that Discord
// enforces: another message with the same nonce, within minutes, gets
// the first one back. (discordgo's MessageSend has no enforce_nonce.)
func sendOnce(ctx context.Context, ch Channels, channelID, content string, components []discordgo.MessageComponent, nonce string) (*discordgo.Message, error) {
	body := struct {
		Content         string                            `json:"content"`
		Components      []any                             `json:"components,omitempty"`
		AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
		Nonce           string                            `json:"nonce"`
		EnforceNonce    bool                              `json:"enforce_nonce"`
	}{content, nil, noMentions(), nonce, true}
	if len(components) > 0 {
		body.Components = wireComponents(components)
	}
	endpoint := discordgo.EndpointChannelMessages(channelID)
	raw, err := ch.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("the message posted: %w", err)
	}
	return &m, nil
}

// disableButtons greys a closed question's buttons; a failure only
// leaves them clickable, and a click then says the question is closed.
func (h *Handler) disableButtons(ctx context.Context, ch Channels, channelID, messageID string, q classroom.Question) {
	var buttons []discordgo.MessageComponent
	for i := range q.Choices {
		buttons = append(buttons, discordgo.Button{Label: string(letters[i]), Style: discordgo.SecondaryButton, Disabled: true,
			CustomID: quizID{Question: q.ID, Version: q.Version(), Choice: i}.format()})
	}
	// discordgo's MessageEdit would send its ID and channel in the body
	// too, which Discord's schema does not have.
	body := struct {
		Components []any `json:"components"`
	}{wireComponents([]discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}})}
	endpoint := discordgo.EndpointChannelMessage(channelID, messageID)
	if _, err := ch.RequestWithBucketID("PATCH", endpoint, body, discordgo.EndpointChannelMessage(channelID, ""), discordgo.WithContext(ctx)); err != nil {
		h.log.Info("closed question's buttons left on", "channel", channelID, "err", err)
	}
}

// sessionResults ranks the session's students by right answers.
func (h *Handler) sessionResults(ctx context.Context, qs store.QuizSession, l lang.Language) string {
	m, err := h.material()
	if err != nil {
		return ""
	}
	scores := map[string]*store.Score{}
	for _, a := range qs.Asked {
		q, err := m.Question(a.Question)
		if err != nil {
			continue
		}
		choices, err := h.store.Choices(ctx, qs.GuildID, a.Message)
		if err != nil {
			return tr(l, "Les résultats sont indisponibles pour l’instant.", "The results are unavailable right now.")
		}
		for user, c := range choices {
			sc := cmp.Or(scores[user], &store.Score{UserID: user})
			scores[user] = sc
			sc.Answered++
			if c == q.Answer {
				sc.Points++
			}
		}
	}
	var ranked []store.Score
	for _, sc := range scores {
		if IsSnowflake(sc.UserID) {
			ranked = append(ranked, *sc)
		}
	}
	store.SortScores(ranked)
	var b strings.Builder
	fmt.Fprintf(&b, tr(l, "**Résultats** (%d question(s))\n", "**Results** (%d question(s))\n"), len(qs.Asked))
	if len(ranked) == 0 {
		b.WriteString(tr(l, "Personne n’a répondu.", "Nobody answered."))
	}
	for n, sc := range ranked[:min(len(ranked), maxLeaders)] {
		fmt.Fprintf(&b, tr(l, "%d. <@%s> — %d bonne(s) réponse(s) sur %d\n", "%d. <@%s> — %d right of %d\n"), n+1, sc.UserID, sc.Points, sc.Answered)
	}
	return strings.TrimSpace(b.String())
}
