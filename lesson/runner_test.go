package lesson

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
)

// host records what the runner asks it to post, as "ask 1", "reveal 1",
// "close m1", "end 2 scores"…; refuse makes Ask fail with ErrRefused,
// off turns quizzes off.
type host struct {
	mu      sync.Mutex
	calls   []string
	refuse  bool
	off     bool
	scores  []store.Score
	asked   []string // the IDs of the questions asked, in order
	changed chan struct{}
}

func newHost() *host { return &host{changed: make(chan struct{}, 100)} }

func (h *host) add(format string, args ...any) {
	h.mu.Lock()
	h.calls = append(h.calls, fmt.Sprintf(format, args...))
	h.mu.Unlock()
	h.changed <- struct{}{}
}

func (h *host) QuizzesOff(context.Context, store.QuizSession) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.off
}

func (h *host) Off(context.Context, store.QuizSession) error { h.add("off"); return nil }

func (h *host) Ask(_ context.Context, qs store.QuizSession, q classroom.Question, n int, due time.Time) (string, error) {
	if h.refuse {
		return "", fmt.Errorf("%w: 403", ErrRefused)
	}
	h.mu.Lock()
	h.asked = append(h.asked, q.ID)
	h.mu.Unlock()
	h.add("ask %d", n)
	return fmt.Sprint("m", n), nil
}

func (h *host) Reveal(_ context.Context, qs store.QuizSession, q classroom.Question, tally []int64, n int) error {
	h.add("reveal %d", n)
	return nil
}

func (h *host) Close(_ context.Context, qs store.QuizSession, round string, q classroom.Question) {
	h.add("close %s", round)
}

func (h *host) End(_ context.Context, qs store.QuizSession, scores []store.Score, err error) error {
	h.mu.Lock()
	h.scores = scores
	h.mu.Unlock()
	h.add("end %d", len(qs.Asked))
	return err
}

func (h *host) Lost(_ context.Context, qs store.QuizSession, open *classroom.Question, n int) error {
	h.add("lost %d", n)
	return nil
}

// waitFor waits until the host's calls end with last.
func (h *host) waitFor(t *testing.T, last string) []string {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		h.mu.Lock()
		calls := append([]string(nil), h.calls...)
		h.mu.Unlock()
		if len(calls) > 0 && calls[len(calls)-1] == last {
			return calls
		}
		select {
		case <-h.changed:
		case <-deadline:
			t.Fatalf("calls %q; want them to end with %q", calls, last)
		}
	}
}

func material(t *testing.T) *classroom.Material {
	t.Helper()
	m, err := classroom.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// start starts a session of rounds questions of 10 "seconds" in st, and
// runs r with h until the test ends.
func start(t *testing.T, st *memory.Store, r *Runner, h Host, rounds int) store.QuizSession {
	t.Helper()
	return startSession(t, st, r, h, store.QuizSession{ID: "s1", GuildID: "g", ChannelID: "c", Lang: "en", Kind: "who", Rounds: rounds, Seconds: 10, Due: time.Now()})
}

// startSession starts qs in st and runs r with h until the test ends.
func startSession(t *testing.T, st *memory.Store, r *Runner, h Host, qs store.QuizSession) store.QuizSession {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, h); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	if ok, err := st.StartSession(ctx, qs); !ok || err != nil {
		t.Fatalf("StartSession = %v, %v", ok, err)
	}
	r.Started(qs)
	return qs
}

// TestRunnerSession: a session of two questions runs its steps in order:
// each question, then its answer and its buttons closed, then the
// results, which count the answers given.
func TestRunnerSession(t *testing.T) {
	st, h := memory.New(10), newHost()
	r := NewRunner(Options{Store: st, Material: material(t), Tick: 5 * time.Millisecond, Second: 20 * time.Millisecond})
	qs := start(t, st, r, h, 2) // a question's "10 seconds" are 200 ms
	h.waitFor(t, "ask 1")
	q, _ := r.material.Question(firstAsked(t, st, qs).Question)
	if _, err := st.Answer(context.Background(), "g", "m1", store.QuizAnswer{UserID: "u1", Choice: q.Answer}); err != nil {
		t.Fatal(err)
	}
	calls := h.waitFor(t, "end 2")
	if got, want := strings.Join(calls, ", "), "ask 1, reveal 1, close m1, ask 2, reveal 2, close m2, end 2"; got != want {
		t.Errorf("steps %s; want %s", got, want)
	}
	if len(h.scores) != 1 || h.scores[0].UserID != "u1" || h.scores[0].Points != 1 {
		t.Errorf("scores %+v; want u1 with a point", h.scores)
	}
	if !gone(st, qs) {
		t.Error("the session is still in the store after its results")
	}
}

// gone waits, a while at most, for qs to leave the store: the runner
// ends a session just after its host posts the last step.
func gone(st *memory.Store, qs store.QuizSession) bool {
	for range 1000 {
		if _, ok, _ := st.Session(context.Background(), qs.GuildID, qs.ChannelID); !ok {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}

// firstAsked returns the session's first round, once it is saved.
func firstAsked(t *testing.T, st *memory.Store, qs store.QuizSession) store.SessionRound {
	t.Helper()
	for range 500 {
		if cur, ok, _ := st.Session(context.Background(), qs.GuildID, qs.ChannelID); ok && len(cur.Asked) > 0 {
			return cur.Asked[0]
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("no round saved")
	return store.SessionRound{}
}

// TestRunnerRefused: a channel that refuses the session's messages ends
// it; a server that turned quizzes off ends it with a notice.
func TestRunnerRefused(t *testing.T) {
	st, h := memory.New(10), newHost()
	h.refuse = true
	r := NewRunner(Options{Store: st, Material: material(t), Tick: 5 * time.Millisecond, Second: time.Millisecond})
	qs := start(t, st, r, h, 2)
	if !gone(st, qs) {
		t.Error("a session whose channel refuses its messages is still running")
	}

	st, h = memory.New(10), newHost()
	h.off = true
	r = NewRunner(Options{Store: st, Material: material(t), Tick: 5 * time.Millisecond, Second: time.Millisecond})
	start(t, st, r, h, 2)
	if calls := h.waitFor(t, "off"); len(calls) != 1 {
		t.Errorf("quizzes off: %q; want the notice alone", calls)
	}
}

// TestRunnerLevel: a class quiz started at the critical-reading level
// asks that level's comprehension questions, round after round.
func TestRunnerLevel(t *testing.T) {
	st, h := memory.New(10), newHost()
	m := material(t)
	r := NewRunner(Options{Store: st, Material: m, Tick: 5 * time.Millisecond, Second: 2 * time.Millisecond})
	startSession(t, st, r, h, store.QuizSession{ID: "s1", GuildID: "g", ChannelID: "c", Lang: "fr", Level: classroom.University, Rounds: 4, Seconds: 10, Due: time.Now()})
	h.waitFor(t, "end 4")
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, id := range h.asked {
		if !slices.ContainsFunc(m.ComprehensionQuestions(0), func(c *classroom.Comprehension) bool {
			return "c-"+c.ID == id && c.Level == classroom.University
		}) {
			t.Errorf("a class quiz at the university level asked %s", id)
		}
	}
	if len(h.asked) != 4 {
		t.Errorf("asked %v; want 4 questions", h.asked)
	}
}
