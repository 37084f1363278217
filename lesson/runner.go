// Package lesson runs class quiz sessions: one question at a time in a
// channel; when its time is up, the answer and the tally, then the next
// question, and at the end the results. A session's state lives in the
// store, and each step is claimed there, so that any instance runs it,
// once, even after the one that started it has gone. The runner decides
// the steps; its Host (the bot) posts them. It knows nothing of Discord.
package lesson

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/logs"
	"github.com/interviewbot/interviewbot/store"
)

// Store is the shared state the runner reads and writes: the sessions,
// and their rounds' answers. store/memory and store/redisstore meet it.
type Store interface {
	store.Sessions
	CloseRound(ctx context.Context, guildID, round string) error
	Tally(ctx context.Context, guildID, round string, n int) ([]int64, error)
	Choices(ctx context.Context, guildID, round string) (map[string]int, error)
}

// Host posts what a session's steps say, in the session's channel.
// Each call posts one step's messages, and may be called again for the
// same step (an instance died before it saved its progress): it must
// then not post them twice. An error that wraps ErrRefused ends the
// session; any other is retried at the next tick.
type Host interface {
	// QuizzesOff reports whether the session's server has turned quizzes
	// off since it began.
	QuizzesOff(ctx context.Context, qs store.QuizSession) bool
	// Off says that quizzes were turned off, and the quiz ends.
	Off(ctx context.Context, qs store.QuizSession) error
	// Ask posts q as round n (from 1), open until due; it returns the
	// round: the message's ID.
	Ask(ctx context.Context, qs store.QuizSession, q classroom.Question, n int, due time.Time) (round string, err error)
	// Reveal posts round n's answer, q's, with its tally (nil: unknown).
	Reveal(ctx context.Context, qs store.QuizSession, q classroom.Question, tally []int64, n int) error
	// Close greys the buttons of a closed round; it may fail silently.
	Close(ctx context.Context, qs store.QuizSession, round string, q classroom.Question)
	// End posts the results: scores, best first, or err when they
	// cannot be read.
	End(ctx context.Context, qs store.QuizSession, scores []store.Score, err error) error
	// Lost says that the session was lost with the store's data and
	// ends now; open, if not nil, is its open question, to reveal.
	Lost(ctx context.Context, qs store.QuizSession, open *classroom.Question, n int) error
}

// ErrRefused wraps a Host's error when no retry will do better: the
// channel is gone, or the bot may not post there.
var ErrRefused = errors.New("the channel refuses the session's messages")

// Options configure a Runner.
type Options struct {
	// Store holds the sessions. Required.
	Store Store
	// Material holds the questions. Required.
	Material *classroom.Material
	// Log is where the runner logs; nil discards.
	Log *slog.Logger
	// Tick is how often the runner looks for due steps; 0 means 500 ms.
	Tick time.Duration
	// Second is the unit of a question's time; 0 means a second. Tests
	// shorten it, and Tick.
	Second time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Runner runs the class sessions' steps as they fall due.
type Runner struct {
	store    Store
	material *classroom.Material
	log      *slog.Logger
	warn     *logs.Warner
	tick     time.Duration
	second   time.Duration
	now      func() time.Time
	wakeup   chan struct{}
	// watch keeps the sessions this instance saw, to close those the
	// store loses.
	watch watch
}

// stepBudget bounds one step: a few messages and store calls.
const stepBudget = 15 * time.Second

// claimTTL is how long a step is reserved for the instance that claimed
// it: should that instance die mid-step, another runs it after this.
const claimTTL = 30 * time.Second

// NewRunner returns a runner of o's sessions.
func NewRunner(o Options) *Runner {
	if o.Store == nil || o.Material == nil {
		panic("lesson: NewRunner needs Options.Store and Options.Material") // a wiring mistake, found by any test
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Runner{
		store:    o.Store,
		material: o.Material,
		log:      o.Log,
		warn:     logs.NewWarner(o.Log, time.Minute),
		tick:     cmp.Or(o.Tick, 500*time.Millisecond),
		second:   cmp.Or(o.Second, time.Second),
		now:      o.Now,
		wakeup:   make(chan struct{}, 1),
	}
}

// Started tells the runner that qs just started: it runs its first step
// now, and watches it.
func (r *Runner) Started(qs store.QuizSession) {
	r.watch.saw(qs)
	select {
	case r.wakeup <- struct{}{}:
	default:
	}
}

// Stopped tells the runner that qs was stopped.
func (r *Runner) Stopped(qs store.QuizSession) { r.watch.forget(qs) }

// Run runs the sessions' steps as they fall due, posting through host,
// until ctx is done. Every instance runs it: each step is claimed in the
// store, so that one instance alone runs it.
func (r *Runner) Run(ctx context.Context, host Host) {
	t := time.NewTicker(r.tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.wakeup:
		}
		due, err := r.store.DueSessions(ctx, r.now(), 20)
		if err != nil {
			r.warn.Warn("class sessions unavailable", err)
			continue
		}
		for _, qs := range due {
			r.watch.saw(qs)
		}
		r.checkOthers(ctx, due)
		for _, qs := range due {
			if ok, err := r.store.ClaimSession(ctx, qs, len(qs.Asked), claimTTL); err != nil || !ok {
				continue // another instance runs it, or the store failed: the next tick retries
			}
			// A step claimed is finished, even at shutdown: a question
			// posted and not saved would be posted again by the next
			// instance, once the claim expires.
			sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stepBudget)
			r.step(sctx, host, qs)
			cancel()
		}
	}
}

// step runs a session's due step: the open question's answer and tally,
// then the next question, or the results.
func (r *Runner) step(ctx context.Context, host Host, qs store.QuizSession) {
	log := r.log.With("guild", qs.GuildID, "channel", qs.ChannelID, "step", len(qs.Asked))
	fail := func(what string, err error) {
		if errors.Is(err, ErrRefused) {
			log.Warn("class session ended: the channel refuses its messages", "doing", what, "err", err)
			r.end(ctx, qs)
			return
		}
		log.Warn("class session step failed; retrying", "doing", what, "err", err)
	}
	switch {
	case qs.Lost:
		r.closeLost(ctx, host, qs)
		return
	case host.QuizzesOff(ctx, qs):
		host.Off(ctx, qs)
		r.end(ctx, qs)
		return
	}
	if n := len(qs.Asked); n > 0 && !qs.Revealed {
		last := qs.Asked[n-1]
		if err := r.store.CloseRound(ctx, qs.GuildID, last.Message); err != nil {
			fail("closing the round", err)
			return
		}
		if q, err := r.material.Question(last.Question); err == nil {
			if err := host.Reveal(ctx, qs, q, r.tally(ctx, qs.GuildID, last.Message, q), n); err != nil {
				fail("revealing the answer", err)
				return
			}
			host.Close(ctx, qs, last.Message, q) // the question is closed
		}
		// Progress is saved at once, so that a retry of this step does
		// not reveal the answer twice.
		qs.Revealed = true
		if !r.save(ctx, qs, log) {
			return
		}
	}
	if len(qs.Asked) >= qs.Rounds {
		scores, err := Scores(ctx, r.store, r.material, qs)
		if err := host.End(ctx, qs, scores, err); err != nil {
			fail("posting the results", err)
			return
		}
		r.end(ctx, qs)
		log.Info("class session over", "rounds", qs.Rounds)
		return
	}
	q, err := r.next(qs)
	if err != nil {
		r.end(ctx, qs)
		return
	}
	due := r.now().Add(time.Duration(qs.Seconds) * r.second)
	round, err := host.Ask(ctx, qs, q, len(qs.Asked)+1, due)
	if err != nil {
		fail("posting a question", err)
		return
	}
	qs.Asked = append(qs.Asked, store.SessionRound{Question: q.ID, Message: round})
	qs.Revealed = false
	qs.Due = due
	if !r.save(ctx, qs, log) {
		// Stopped while it was posted: that question closes at once.
		r.store.CloseRound(ctx, qs.GuildID, round)
		host.Close(ctx, qs, round, q)
	}
}

// tally is a round's tally, nil when unknown.
func (r *Runner) tally(ctx context.Context, guildID, round string, q classroom.Question) []int64 {
	tally, err := r.store.Tally(ctx, guildID, round, len(q.Choices))
	if err != nil {
		return nil // unknown, not none
	}
	return tally
}

// save saves a step's progress; false means the session is over:
// stopped meanwhile, or not saved (then it ends, its open question
// closed, rather than run the step again).
func (r *Runner) save(ctx context.Context, qs store.QuizSession, log *slog.Logger) bool {
	saved, err := r.store.SaveSession(ctx, qs)
	if err != nil {
		log.Warn("class session not saved; it ends", "err", err)
		r.end(ctx, qs)
		return false
	}
	if saved {
		r.watch.saw(qs)
		return true
	}
	r.check(ctx, qs) // stopped, replaced, or lost: then this copy may be the furthest on
	return false
}

// end ends a session, its open question closed.
func (r *Runner) end(ctx context.Context, qs store.QuizSession) {
	r.watch.forget(qs)
	r.store.EndSession(ctx, qs)
	if n := len(qs.Asked); n > 0 {
		r.store.CloseRound(ctx, qs.GuildID, qs.Asked[n-1].Message)
	}
}

// next picks a question the session has not asked yet, when there is
// one.
func (r *Runner) next(qs store.QuizSession) (classroom.Question, error) {
	rnd := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	var q classroom.Question
	var err error
	for range 20 {
		if q, err = r.material.PickAt(rnd, classroom.Kind(qs.Kind), qs.Exchange, qs.Level); err != nil {
			return q, err
		}
		if !slices.ContainsFunc(qs.Asked, func(a store.SessionRound) bool { return a.Question == q.ID }) {
			break
		}
	}
	return q, nil
}

// Scores ranks a session's students by right answers, best first, as
// store.SortScores orders them.
func Scores(ctx context.Context, st Store, m *classroom.Material, qs store.QuizSession) ([]store.Score, error) {
	scores := map[string]*store.Score{}
	for _, a := range qs.Asked {
		q, err := m.Question(a.Question)
		if err != nil {
			continue
		}
		choices, err := st.Choices(ctx, qs.GuildID, a.Message)
		if err != nil {
			return nil, err
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
	ranked := make([]store.Score, 0, len(scores))
	for _, sc := range scores {
		ranked = append(ranked, *sc)
	}
	store.SortScores(ranked)
	return ranked, nil
}
