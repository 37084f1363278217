package bot

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// A store that loses its data (a flush, a restart without persistence)
// loses the class sessions running: no instance finds them due again,
// and a class would wait for an answer, a next question and results
// that never come. So each instance keeps the last copy it saw of every
// session (watched); one due that is neither in the store nor ended was
// lost, and is closed: the open question's answer, revealed from the
// copy, and a notice that the session ended with its results.

// lostStep is the step a session's closing after a loss is claimed as,
// so that one instance alone posts it.
const lostStep = -1

// sessionWatch keeps the last copy this instance saw of each running
// class session. It is safe for concurrent use.
type sessionWatch struct {
	mu   sync.Mutex
	seen map[string]store.QuizSession // by server and channel
}

func watchKey(qs store.QuizSession) string { return qs.GuildID + "/" + qs.ChannelID }

// saw keeps qs, unless the copy kept is of the same session and further
// on.
func (w *sessionWatch) saw(qs store.QuizSession) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen == nil {
		w.seen = make(map[string]store.QuizSession)
	}
	k := watchKey(qs)
	if cur, ok := w.seen[k]; ok && cur.ID == qs.ID && (len(cur.Asked) > len(qs.Asked) || cur.Due.After(qs.Due)) {
		return
	}
	w.seen[k] = qs
}

// forget drops the copy of qs, if it is the one kept.
func (w *sessionWatch) forget(qs store.QuizSession) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if cur, ok := w.seen[watchKey(qs)]; ok && cur.ID == qs.ID {
		delete(w.seen, watchKey(qs))
	}
}

// overdue returns the sessions due at now that are not in due (what the
// store found due), and forgets those overdue for longer than the store
// keeps a session.
func (w *sessionWatch) overdue(now time.Time, due []store.QuizSession) []store.QuizSession {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []store.QuizSession
	for k, qs := range w.seen {
		switch {
		case now.Sub(qs.Due) > store.SessionTTL:
			delete(w.seen, k)
		case qs.Due.After(now):
		default:
			found := false
			for _, d := range due {
				found = found || d.ID == qs.ID
			}
			if !found {
				out = append(out, qs)
			}
		}
	}
	return out
}

// closeLost closes the sessions this instance saw that fell due without
// the store finding them: ended by another instance (forgotten), or lost.
func (h *Handler) closeLost(ctx context.Context, ch Channels, due []store.QuizSession) {
	for _, qs := range h.watch.overdue(time.Now(), due) {
		cur, ok, err := h.store.Session(ctx, qs.GuildID, qs.ChannelID)
		switch {
		case err != nil:
			continue // the store is down, not empty: wait for it
		case ok && cur.ID == qs.ID:
			h.watch.saw(cur) // another instance ran the step meanwhile
			continue
		case ok:
			h.watch.forget(qs) // a new session in the channel
			continue
		}
		ended, err := h.store.SessionEnded(ctx, qs)
		if err != nil {
			continue
		}
		h.watch.forget(qs)
		if ended {
			continue
		}
		if ok, err := h.store.ClaimSession(ctx, qs, lostStep, claimTTL); err != nil || !ok {
			continue // another instance closes it
		}
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stepBudget)
		h.closeLostSession(sctx, ch, qs)
		cancel()
	}
}

// closeLostSession posts the end of a session the store lost: the open
// question's answer (its answers are lost) and the notice, and closes
// the question.
func (h *Handler) closeLostSession(ctx context.Context, ch Channels, qs store.QuizSession) {
	l, _ := lang.Parse(qs.Lang)
	log := h.log.With("guild", qs.GuildID, "channel", qs.ChannelID, "session", qs.ID)
	text := tr(l, "⚠️ **Le quiz s’arrête** : le bot a perdu son état enregistré (son stockage a été vidé), et avec lui les réponses et les résultats de ce quiz. /quiz start en lance un autre.",
		"⚠️ **The quiz has ended**: the bot lost its saved state (its store was emptied), and this quiz’s answers and results with it. /quiz start runs another.")
	var links []string
	if n := len(qs.Asked); n > 0 && !qs.Revealed {
		last := qs.Asked[n-1]
		h.store.CloseRound(ctx, qs.GuildID, last.Message) // and its button says its time is up
		if m, err := h.material(); err == nil {
			if q, err := m.Question(last.Question); err == nil {
				text = revealText(h, q, nil, true, n, qs.Rounds, l) + "\n\n" + text
				h.disableButtons(ctx, ch, qs.ChannelID, last.Message, q)
				links = []string{q.Source.Passage}
			}
		}
	}
	if _, err := h.postStep(ctx, ch, qs, "lost", text, h.readerLinks(l, links...)...); err != nil {
		log.Warn("class session lost; its end not posted", "err", err)
		return
	}
	log.Warn("class session lost with the store's data: closed", "asked", len(qs.Asked), "rounds", qs.Rounds)
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
