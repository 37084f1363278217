package bot

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// A store that loses its data (a flush, a restart without persistence)
// loses the class sessions running: no instance would find them due
// again, and a class would wait for an answer, a next question and
// results that never come. So each instance keeps the last copy it saw
// of every session (watch), and checks at each tick that the store still
// has it. One that is neither there nor ended, and that started in an
// epoch of the server that the store no longer has (Sessions.Epoch), was
// lost: the instance restores its copy, marked lost and due shortly
// (lostGrace), so that
// the other instances may put theirs instead when it is further on
// (RestoreSession keeps the furthest). At that step, the session is
// closed, not continued: the open question's answer, revealed, with its
// tally lost, and a notice that the quiz ended.

// lostGrace is how long a lost session waits, restored, before it is
// closed: a few ticks, for every instance to offer its copy.
func lostGrace() time.Duration { return 4 * sessionTick }

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
	if cur, ok := w.seen[k]; ok && cur.ID == qs.ID && cur.Progress() > qs.Progress() {
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

// others returns the copies kept of sessions not in due (what the store
// found due), and forgets those older than the store keeps a session.
func (w *sessionWatch) others(now time.Time, due []store.QuizSession) []store.QuizSession {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []store.QuizSession
	for k, qs := range w.seen {
		if now.Sub(qs.Due) > store.SessionTTL {
			delete(w.seen, k)
			continue
		}
		if !slices.ContainsFunc(due, func(d store.QuizSession) bool { return d.ID == qs.ID }) {
			out = append(out, qs)
		}
	}
	return out
}

// checkSessions checks the copies of the sessions this instance saw,
// besides those the store found due (check).
func (h *Handler) checkSessions(ctx context.Context, due []store.QuizSession) {
	for _, qs := range h.watch.others(time.Now(), due) {
		h.check(ctx, qs)
	}
}

// check brings the copy qs up to date with the store: a session the
// store has is kept as it is there, unless the store's is a copy of a
// lost one behind qs; one ended, replaced or started by an instance that
// keeps no epoch is forgotten; and one the store lost with its data (it
// started in an epoch that is gone) is restored from qs, to be closed.
func (h *Handler) check(ctx context.Context, qs store.QuizSession) {
	cur, ok, err := h.store.Session(ctx, qs.GuildID, qs.ChannelID)
	switch {
	case err != nil:
		return // the store is down, not empty: wait for it
	case ok && cur.ID == qs.ID:
		h.watch.saw(cur)
		if cur.Lost && qs.Progress() > cur.Progress() {
			h.restore(ctx, qs, cur.Epoch)
		}
		return
	case ok:
		h.watch.forget(qs) // a new session in the channel
		return
	}
	ended, err := h.store.SessionEnded(ctx, qs)
	switch {
	case err != nil:
		return
	case ended || qs.Epoch == "":
		h.watch.forget(qs)
		return
	}
	epoch, err := h.store.Epoch(ctx, qs.GuildID)
	switch {
	case err != nil:
	case epoch == qs.Epoch:
		h.watch.forget(qs) // ended by an instance that marks no end, or expired
	default:
		h.restore(ctx, qs, epoch)
	}
}

// restore puts qs, a copy of a session the store lost, back in the store
// in epoch, to be closed shortly.
func (h *Handler) restore(ctx context.Context, qs store.QuizSession, epoch string) {
	qs.Lost, qs.Epoch, qs.Due = true, epoch, time.Now().Add(lostGrace())
	saved, err := h.store.RestoreSession(ctx, qs)
	if err != nil {
		return // the next tick tries again
	}
	h.watch.saw(qs)
	if saved {
		h.log.Warn("class session lost with the store's data; restored from this instance's copy, to be closed",
			"guild", qs.GuildID, "channel", qs.ChannelID, "session", qs.ID, "asked", len(qs.Asked))
	}
}

// closeLost is the step of a lost session: it posts the open
// question's answer (its answers are lost) and the notice that the quiz
// ended, closes the question and ends the session.
func (h *Handler) closeLost(ctx context.Context, ch Channels, qs store.QuizSession) {
	l, _ := lang.Parse(qs.Lang)
	log := h.log.With("guild", qs.GuildID, "channel", qs.ChannelID, "session", qs.ID)
	text := tr(l, "⚠️ **Le quiz s’arrête** : le bot a perdu son état enregistré (son stockage a été vidé), et avec lui les réponses et les résultats de ce quiz. /quiz start en lance un autre.",
		"⚠️ **The quiz has ended**: the bot lost its saved state (its store was emptied), and this quiz’s answers and results with it. /quiz start runs another.")
	var links []string
	var open *classroom.Question
	if n := len(qs.Asked); n > 0 && !qs.Revealed {
		h.store.CloseRound(ctx, qs.GuildID, qs.Asked[n-1].Message) // and its button says its time is up
		if m, err := h.material(); err == nil {
			if q, err := m.Question(qs.Asked[n-1].Question); err == nil {
				text = revealText(h, q, nil, true, n, qs.Rounds, l) + "\n\n" + text
				links, open = []string{q.Source.Passage}, &q
			}
		}
	}
	if _, err := h.postStep(ctx, ch, qs, "lost", text, h.readerLinks(l, links...)...); err != nil {
		log.Warn("class session lost; its end not posted, retrying", "err", err)
		return
	}
	if open != nil {
		h.disableButtons(ctx, ch, qs.ChannelID, qs.Asked[len(qs.Asked)-1].Message, *open)
	}
	h.endSession(ctx, qs)
	log.Warn("class session lost with the store's data: closed", "asked", len(qs.Asked), "rounds", qs.Rounds)
}
