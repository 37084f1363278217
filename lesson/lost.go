package lesson

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/classroom"
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
// (lostGrace), so that the other instances may put theirs instead when
// it is further on (RestoreSession keeps the furthest). At that step, the
// session is closed, not continued: the open question's answer,
// revealed, with its tally lost, and a notice that the quiz ended.

// lostGrace is how long a lost session waits, restored, before it is
// closed: a few ticks, for every instance to offer its copy.
func (r *Runner) lostGrace() time.Duration { return 4 * r.tick }

// watch keeps the last copy this instance saw of each running class
// session. It is safe for concurrent use.
type watch struct {
	mu   sync.Mutex
	seen map[string]store.QuizSession // by server and channel
}

func watchKey(qs store.QuizSession) string { return qs.GuildID + "/" + qs.ChannelID }

// saw keeps qs, unless the copy kept is of the same session and further
// on.
func (w *watch) saw(qs store.QuizSession) {
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
func (w *watch) forget(qs store.QuizSession) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if cur, ok := w.seen[watchKey(qs)]; ok && cur.ID == qs.ID {
		delete(w.seen, watchKey(qs))
	}
}

// others returns the copies kept of sessions not in due (what the store
// found due), and forgets those older than the store keeps a session.
func (w *watch) others(now time.Time, due []store.QuizSession) []store.QuizSession {
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

// checkOthers checks the copies of the sessions this instance saw,
// besides those the store found due (check).
func (r *Runner) checkOthers(ctx context.Context, due []store.QuizSession) {
	for _, qs := range r.watch.others(r.now(), due) {
		r.check(ctx, qs)
	}
}

// check brings the copy qs up to date with the store: a session the
// store has is kept as it is there, unless the store's is a copy of a
// lost one behind qs; one ended, replaced or started by an instance that
// keeps no epoch is forgotten; and one the store lost with its data (it
// started in an epoch that is gone) is restored from qs, to be closed.
func (r *Runner) check(ctx context.Context, qs store.QuizSession) {
	cur, ok, err := r.store.Session(ctx, qs.GuildID, qs.ChannelID)
	switch {
	case err != nil:
		return // the store is down, not empty: wait for it
	case ok && cur.ID == qs.ID:
		r.watch.saw(cur)
		if cur.Lost && qs.Progress() > cur.Progress() {
			r.restore(ctx, qs, cur.Epoch)
		}
		return
	case ok:
		r.watch.forget(qs) // a new session in the channel
		return
	}
	ended, err := r.store.SessionEnded(ctx, qs)
	switch {
	case err != nil:
		return
	case ended || qs.Epoch == "":
		r.watch.forget(qs)
		return
	}
	epoch, err := r.store.Epoch(ctx, qs.GuildID)
	switch {
	case err != nil:
	case epoch == qs.Epoch:
		r.watch.forget(qs) // ended by an instance that marks no end, or expired
	default:
		r.restore(ctx, qs, epoch)
	}
}

// restore puts qs, a copy of a session the store lost, back in the store
// in epoch, to be closed shortly.
func (r *Runner) restore(ctx context.Context, qs store.QuizSession, epoch string) {
	qs.Lost, qs.Epoch, qs.Due = true, epoch, r.now().Add(r.lostGrace())
	saved, err := r.store.RestoreSession(ctx, qs)
	if err != nil {
		return // the next tick tries again
	}
	r.watch.saw(qs)
	if saved {
		r.log.Warn("class session lost with the store's data; restored from this instance's copy, to be closed",
			"guild", qs.GuildID, "channel", qs.ChannelID, "session", qs.ID, "asked", len(qs.Asked))
	}
}

// closeLost is the step of a lost session: the host posts the open
// question's answer (its answers are lost) and the notice that the quiz
// ended; the question closes and the session ends.
func (r *Runner) closeLost(ctx context.Context, host Host, qs store.QuizSession) {
	log := r.log.With("guild", qs.GuildID, "channel", qs.ChannelID, "session", qs.ID)
	var open *classroom.Question
	n := len(qs.Asked)
	if n > 0 && !qs.Revealed {
		r.store.CloseRound(ctx, qs.GuildID, qs.Asked[n-1].Message) // and its button says its time is up
		if q, err := r.material.Question(qs.Asked[n-1].Question); err == nil {
			open = &q
		}
	}
	if err := host.Lost(ctx, qs, open, n); err != nil {
		log.Warn("class session lost; its end not posted, retrying", "err", err)
		return
	}
	if open != nil {
		host.Close(ctx, qs, qs.Asked[n-1].Message, *open)
	}
	r.end(ctx, qs)
	log.Warn("class session lost with the store's data: closed", "asked", len(qs.Asked), "rounds", qs.Rounds)
}
