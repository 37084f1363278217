package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
	"github.com/interviewbot/interviewbot/store/storetest"
	"github.com/redis/go-redis/v9"
)

const (
	classGuild   = "1180000000000000100"
	classChannel = "1180000000000000200"
)

// inClass puts an interaction in the class's server and channel.
func inClass(i *discordgo.Interaction) *discordgo.Interaction {
	i.GuildID, i.ChannelID = classGuild, classChannel
	return i
}

// posted is a message the bot created in the class's channel.
type posted struct {
	ID      string
	Content string
	Buttons []string // custom IDs
}

// nextPost waits for the bot's next message in the class's channel, its
// ID as the fake Discord gave it, skipping edits.
func nextPost(t *testing.T, fake *fakeDiscord) posted {
	t.Helper()
	for {
		r := fake.next("/channels/" + classChannel + "/messages")
		if r.method != "POST" {
			continue
		}
		var m struct {
			Content    string `json:"content"`
			Components []struct {
				Components []struct {
					CustomID string `json:"custom_id"`
				} `json:"components"`
			} `json:"components"`
			AllowedMentions *struct {
				Parse []string `json:"parse"`
			} `json:"allowed_mentions"`
		}
		json.Unmarshal(r.body, &m)
		if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
			t.Errorf("a session message may mention: %s", r.body)
		}
		p := posted{ID: r.created, Content: m.Content}
		for _, row := range m.Components {
			for _, c := range row.Components {
				p.Buttons = append(p.Buttons, c.CustomID)
			}
		}
		return p
	}
}

// TestClassSession plays a class quiz through a real discordgo against
// the fake Discord: a teacher starts it, students answer (one twice, one
// after the time is up), the answer and tally come after each question,
// then the results. On Redis, the process that runs it dies after the
// second question, and another one, started afresh, finishes it.
func TestClassSession(t *testing.T) {
	for _, backend := range []string{"memory", "redis"} {
		t.Run(backend, func(t *testing.T) {
			var open func() store.Store
			switch backend {
			case "memory":
				st := memory.New(100)
				open = func() store.Store { return st } // one process: no restart
			case "redis":
				prefix := redisPrefix(t, "class")
				open = func() store.Store { return redisState(t, prefix) }
			}
			fake := newFakeDiscord(t)
			rest, _ := discordgo.New("Bot test-token")
			rest.Client = fake.client()
			// A question's "10 seconds" are 600 ms.
			h, stop := newClassHandler(t, open(), rest, 10*time.Millisecond, 60*time.Millisecond)

			// A student may not start one; a teacher may, once.
			start := opt("start", nil, opt("rounds", 2.0), opt("seconds", 10.0), opt("kind", "who"))
			if r := reply(h, inClass(command("quiz", 0, start))); !strings.Contains(r.Messages[0], "manage messages") {
				t.Errorf("a student starts a session: %q", r.Messages[0])
			}
			r := reply(h, inClass(command("quiz", int64(discordgo.PermissionManageMessages), start)))
			if r.Ephemeral || !strings.Contains(r.Messages[0], "Class quiz") {
				t.Fatalf("/quiz start = %q (ephemeral %v)", r.Messages, r.Ephemeral)
			}
			if r := reply(h, inClass(command("quiz", int64(discordgo.PermissionManageMessages), start))); !strings.Contains(r.Messages[0], "already running") {
				t.Errorf("a second session in the channel: %q", r.Messages[0])
			}

			answer := func(p posted, user string, right bool) string {
				t.Helper()
				id, err := customid.ParseQuiz(p.Buttons[0])
				if err != nil {
					t.Fatalf("question buttons %v: %v", p.Buttons, err)
				}
				q, _ := h.classroom.Question(id.Question)
				choice := q.Answer
				if !right {
					choice = (q.Answer + 1) % len(q.Choices)
				}
				click := quizClick(user, p.ID, p.Buttons[0], choice)
				click.GuildID, click.ChannelID = classGuild, classChannel
				return reply(h, click).Messages[0]
			}

			q1 := nextPost(t, fake)
			if !strings.Contains(q1.Content, "Question 1 of 2") || len(q1.Buttons) != 3 {
				t.Fatalf("first question: %q %v", q1.Content, q1.Buttons)
			}
			for _, a := range []struct {
				user  string
				right bool
				want  string
			}{
				{"1180000000000000301", true, "✅ Right"},
				{"1180000000000000302", false, "❌ Not quite"},
				{"1180000000000000301", false, "already answered"},
			} {
				if got := answer(q1, a.user, a.right); !strings.Contains(got, a.want) {
					t.Errorf("user %s answers: %q; want %q", a.user, got, a.want)
				}
			}
			reveal := nextPost(t, fake)
			if !strings.Contains(reveal.Content, "Time’s up") || !strings.Contains(reveal.Content, "2 answer(s)") {
				t.Errorf("after question 1: %q; want the answer and a tally of 2", reveal.Content)
			}
			if got := answer(q1, "1180000000000000303", true); !strings.Contains(got, "no more answers") {
				t.Errorf("an answer after the time: %q; want it refused", got)
			}

			q2 := nextPost(t, fake)
			if !strings.Contains(q2.Content, "Question 2 of 2") {
				t.Fatalf("second question: %q", q2.Content)
			}
			if backend == "redis" {
				// The process dies; another starts, on the same Redis.
				stop()
				h, _ = newClassHandler(t, open(), rest, 10*time.Millisecond, 60*time.Millisecond) // stops with the test
			}
			answer(q2, "1180000000000000301", true)
			answer(q2, "1180000000000000303", true)
			if reveal := nextPost(t, fake); !strings.Contains(reveal.Content, "question 2 of 2") {
				t.Errorf("after question 2: %q", reveal.Content)
			}
			results := nextPost(t, fake)
			for _, want := range []string{"The quiz is over", "1. <@1180000000000000301> — 2 right of 2", "<@1180000000000000303> — 1 right of 1", "<@1180000000000000302> — 0 right of 1"} {
				if !strings.Contains(results.Content, want) {
					t.Errorf("results %q; want %q", results.Content, want)
				}
			}
			waitFor(t, func() bool {
				_, ok, _ := h.store.Session(context.Background(), classGuild, classChannel)
				return !ok // the session ends once its results are posted
			})
			// The leaderboard counts the session's answers too.
			board := reply(h, inClass(command("quiz", 0, opt("leaderboard", nil)))).Messages[0]
			if !strings.Contains(board, "1. <@1180000000000000301> — 2 point(s) of 2") {
				t.Errorf("leaderboard %q", board)
			}
		})
	}
}

// TestStopSession: a teacher stops a session; its open question closes
// and the results so far are shown.
func TestStopSession(t *testing.T) {
	h := newStateHandler(t, memory.New(10), unlimited)
	teacher := int64(discordgo.PermissionManageMessages)
	if r := reply(h, inClass(command("quiz", teacher, opt("stop", nil)))); !strings.Contains(r.Messages[0], "No quiz") {
		t.Errorf("/quiz stop with none running: %q", r.Messages[0])
	}
	reply(h, inClass(command("quiz", teacher, opt("start", nil))))
	if r := reply(h, inClass(command("quiz", teacher, opt("stop", nil)))); !strings.Contains(r.Messages[0], "Quiz stopped") || !strings.Contains(r.Messages[0], "Nobody answered") {
		t.Errorf("/quiz stop: %q", r.Messages[0])
	}
	// A moderator turns quizzes off; a role may run sessions.
	mod := int64(discordgo.PermissionManageGuild)
	reply(h, inClass(command("settings", mod, opt("quizrole", nil, opt("role", "1180000000000000999")))))
	student := inClass(command("quiz", 0, opt("start", nil)))
	student.Member.Roles = []string{"1180000000000000999"}
	if r := reply(h, student); !strings.Contains(r.Messages[0], "Class quiz") {
		t.Errorf("a member with the quiz role starts a session: %q", r.Messages[0])
	}
	// Only a moderator deletes the scores.
	h.store.Answer(context.Background(), classGuild, "r", store.QuizAnswer{UserID: "1180000000000000301", Correct: true})
	if r := reply(h, inClass(command("quiz", teacher, opt("reset", nil)))); !strings.Contains(r.Messages[0], "manage the server") {
		t.Errorf("a teacher resets the scores: %q", r.Messages[0])
	}
	if r := reply(h, inClass(command("quiz", mod, opt("reset", nil)))); !strings.Contains(r.Messages[0], "deleted") {
		t.Errorf("/quiz reset: %q", r.Messages[0])
	}
	if board, _ := h.store.Leaderboard(context.Background(), classGuild, 10); len(board) != 0 {
		t.Errorf("after /quiz reset, leaderboard %v", board)
	}
	if audit, _ := h.store.Audit(context.Background(), classGuild, 1); len(audit) != 1 || audit[0].Change != "quiz scores reset" {
		t.Errorf("audit %+v; want the reset", audit)
	}
	reply(h, inClass(command("settings", mod, opt("quizzes", nil, opt("enabled", false)))))
	if r := reply(h, inClass(command("quiz", 0, opt("question", nil)))); !strings.Contains(r.Messages[0], "turned off") {
		t.Errorf("/quiz question with quizzes off: %q", r.Messages[0])
	}
}

// TestStopDuringStep: /quiz stop while a step is posting the next
// question: the step does not bring the session back, and that question
// closes at once.
func TestStopDuringStep(t *testing.T) {
	fake := newFakeDiscord(t)
	posting, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	fake.arrived = func(method, path string) {
		if method == "POST" && channelMessages.MatchString(path) {
			once.Do(func() { close(posting); <-release }) // the first question's post waits
		}
	}
	rest, _ := discordgo.New("Bot test-token")
	rest.Client = fake.client()
	h, _ := newClassHandler(t, memory.New(10), rest, 10*time.Millisecond, time.Second)

	teacher := int64(discordgo.PermissionManageMessages)
	reply(h, inClass(command("quiz", teacher, opt("start", nil, opt("kind", "who")))))
	<-posting
	if r := reply(h, inClass(command("quiz", teacher, opt("stop", nil)))); !strings.Contains(r.Messages[0], "Quiz stopped") {
		t.Fatalf("/quiz stop: %q", r.Messages[0])
	}
	close(release)
	q := nextPost(t, fake)
	fake.next("/messages/" + q.ID) // the step greys the question's buttons
	if _, ok, _ := h.store.Session(context.Background(), classGuild, classChannel); ok {
		t.Error("the step brought the stopped session back")
	}
	id, _ := customid.ParseQuiz(q.Buttons[0])
	click := quizClick("1180000000000000301", q.ID, q.Buttons[0], id.Choice)
	click.GuildID, click.ChannelID = classGuild, classChannel
	if r := reply(h, click); !strings.Contains(r.Messages[0], "no more answers") {
		t.Errorf("a click on the question posted after the stop: %q; want it closed", r.Messages[0])
	}
	// A new quiz starts at once.
	if r := reply(h, inClass(command("quiz", teacher, opt("start", nil)))); !strings.Contains(r.Messages[0], "Class quiz") {
		t.Errorf("a new quiz after the stop: %q", r.Messages[0])
	}
	if q := nextPost(t, fake); !strings.Contains(q.Content, "Question 1 of 5") {
		t.Errorf("the new quiz's first question: %q", q.Content)
	}
}

// TestQuizDirectMessage: quizzes are a server's; in a direct message
// they say so.
func TestQuizDirectMessage(t *testing.T) {
	h := newTestHandler(t)
	i := command("quiz", 0, opt("question", nil))
	i.GuildID, i.Member, i.User = "", nil, &discordgo.User{ID: "1180000000000000301"}
	if r := reply(h, i); !strings.Contains(r.Messages[0], "direct messages") {
		t.Errorf("/quiz in a DM: %q", r.Messages[0])
	}
}

// TestStepRunAgain: an instance runs a step (the first question's answer
// and tally, then the second question) and dies before it saves its
// progress; the next instance runs the same step again. Discord gets
// each of its messages with a nonce it enforces, so nothing is posted
// twice.
func TestStepRunAgain(t *testing.T) {
	st := memory.New(100)
	fake := newFakeDiscord(t)
	rest, _ := discordgo.New("Bot test-token")
	rest.Client = fake.client()
	go func() {
		for range fake.requests { // counted in fake.posted
		}
	}()
	h := newStateHandler(t, st, unlimited)
	start := opt("start", nil, opt("rounds", 2.0), opt("seconds", 10.0), opt("kind", "who"))
	if r := reply(h, inClass(command("quiz", int64(discordgo.PermissionManageMessages), start))); r.Ephemeral {
		t.Fatalf("/quiz start = %q", r.Messages)
	}
	ctx := context.Background()
	due := func() store.QuizSession {
		t.Helper()
		s, err := st.DueSessions(ctx, time.Now().Add(time.Hour), 1)
		if err != nil || len(s) != 1 {
			t.Fatalf("DueSessions = %v, %v; want the class's", s, err)
		}
		return s[0]
	}
	// A step run again, as if the first run had died before saving,
	// posts the same messages: Discord gives the first ones back.
	qs, host := due(), h.LessonHost(rest)
	q, err := testMaterial().Pick(rand.New(rand.NewPCG(1, 2)), classroom.Kind(qs.Kind), qs.Exchange)
	if err != nil {
		t.Fatal(err)
	}
	var rounds []string
	for range 2 {
		round, err := host.Ask(ctx, qs, q, 1, time.Now().Add(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		rounds = append(rounds, round)
		if err := host.Reveal(ctx, qs, q, []int64{1, 0, 0}, 1); err != nil {
			t.Fatal(err)
		}
	}
	fake.mu.Lock()
	defer fake.mu.Unlock()
	if posts := len(fake.posted); posts != 2 || rounds[0] != rounds[1] {
		t.Errorf("a question and its answer posted twice: %d messages, rounds %v; want 2 messages, one round", posts, rounds)
	}
}

// TestLateClickAfterLoss: Redis loses a running class quiz (a flush): no
// state says its question is closed. A click after the question's time
// still does not count: its button says when the time was up.
func TestLateClickAfterLoss(t *testing.T) {
	st := memory.New(100)
	fake := newFakeDiscord(t)
	rest, _ := discordgo.New("Bot test-token")
	rest.Client = fake.client()
	// The runner looks for due steps when a session starts, and then only
	// every hour: it posts the first question, and stops. A question's
	// "10 seconds" are 10 ms.
	h, stop := newClassHandler(t, st, rest, time.Hour, time.Millisecond)
	start := opt("start", nil, opt("rounds", 2.0), opt("seconds", 10.0), opt("kind", "who"))
	reply(h, inClass(command("quiz", int64(discordgo.PermissionManageMessages), start)))
	p := nextPost(t, fake)
	stop()
	if len(p.Buttons) == 0 {
		t.Fatalf("the question posted has no buttons: %q", p.Content)
	}
	h.store = memory.New(100)         // everything lost
	time.Sleep(50 * time.Millisecond) // well past the question's 10 ms
	r := reply(h, inClass(quizClick("7", p.ID, p.Buttons[0], 0)))
	if !strings.Contains(r.Messages[0], "Time’s up") {
		t.Errorf("a click after the time, the session lost: %q; want it refused", r.Messages[0])
	}
	if scores, _ := h.store.Leaderboard(context.Background(), classGuild, 10); len(scores) != 0 {
		t.Errorf("scores after a late click: %+v; want none", scores)
	}
}

// postsWithin returns the bot's messages in the class's channel that
// arrive within d.
func postsWithin(fake *fakeDiscord, d time.Duration) []string {
	var out []string
	deadline := time.After(d)
	for {
		select {
		case r := <-fake.requests:
			if r.method == "POST" && strings.HasSuffix(r.path, "/channels/"+classChannel+"/messages") {
				var m struct{ Content string }
				json.Unmarshal(r.body, &m)
				out = append(out, m.Content)
			}
		case <-deadline:
			return out
		}
	}
}

// TestSessionLost: Redis loses a running class quiz (its keys deleted,
// as a flush would) on two instances. When its question's time is up,
// one of them closes it: the answer, with the tally lost, and a notice
// that the quiz ended; no next question, and no later click counts. A
// session that ends (its results, or /quiz stop on the other instance)
// is not taken for lost.
func TestSessionLost(t *testing.T) {
	teacher := int64(discordgo.PermissionManageMessages)

	setup := func(t *testing.T) (prefix string, fake *fakeDiscord, a, b *Handler) {
		prefix = redisPrefix(t, "lost")
		fake = newFakeDiscord(t)
		rest, _ := discordgo.New("Bot test-token")
		rest.Client = fake.client()
		// A question's "10 seconds" are 300 ms.
		a, _ = newClassHandler(t, redisState(t, prefix), rest, 10*time.Millisecond, 30*time.Millisecond)
		b, _ = newClassHandler(t, redisState(t, prefix), rest, 10*time.Millisecond, 30*time.Millisecond)
		return prefix, fake, a, b
	}

	// Lost as the question is posted (its step not yet saved), and once
	// it is saved.
	for _, after := range []time.Duration{0, 100 * time.Millisecond} {
		t.Run(fmt.Sprint("flushed ", after, " after a question"), func(t *testing.T) {
			prefix, fake, a, _ := setup(t)
			start := opt("start", nil, opt("rounds", 3.0), opt("seconds", 10.0), opt("kind", "who"))
			reply(a, inClass(command("quiz", teacher, start)))
			q1 := nextPost(t, fake)
			if !strings.Contains(q1.Content, "Question 1 of 3") {
				t.Fatalf("first question: %q", q1.Content)
			}
			time.Sleep(after)
			if err := storetest.DeleteKeys(context.Background(), storetest.Topology{URL: storetest.RedisURL(t)}, prefix); err != nil {
				t.Fatal(err)
			}
			posts := postsWithin(fake, 4*time.Second) // the question's 300 ms, and long enough for a loaded machine under -race (1.5 s once failed in CI)
			if len(posts) != 1 {
				t.Fatalf("after the loss, %d messages: %q; want one, closing the quiz", len(posts), posts)
			}
			for _, want := range []string{"Time’s up** for question 1 of 3", "The answers given were lost", "The quiz has ended", "lost its saved state"} {
				if !strings.Contains(posts[0], want) {
					t.Errorf("closing message %q; want %q", posts[0], want)
				}
			}
			if r := reply(a, inClass(quizClick("1180000000000000301", q1.ID, q1.Buttons[0], 0))); !strings.Contains(r.Messages[0], "closed") && !strings.Contains(r.Messages[0], "Time’s up") {
				t.Errorf("a click after the close: %q; want it refused", r.Messages[0])
			}
			if _, ok, _ := a.store.Session(context.Background(), classGuild, classChannel); ok {
				t.Error("the lost session is still in the store after its close")
			}
		})
	}

	t.Run("ended", func(t *testing.T) {
		_, fake, a, b := setup(t)
		start := opt("start", nil, opt("rounds", 1.0), opt("seconds", 10.0), opt("kind", "who"))
		reply(a, inClass(command("quiz", teacher, start)))
		nextPost(t, fake)
		if posts := postsWithin(fake, 1500*time.Millisecond); len(posts) != 2 || !strings.Contains(posts[1], "The quiz is over") {
			t.Fatalf("a session played to its end posted %q; want the answer and the results, and nothing more", posts)
		}

		// Started on one instance, stopped on the other.
		reply(a, inClass(command("quiz", teacher, start)))
		nextPost(t, fake)
		if r := reply(b, inClass(command("quiz", teacher, opt("stop", nil)))); !strings.Contains(r.Messages[0], "Quiz stopped") {
			t.Fatalf("/quiz stop = %q", r.Messages[0])
		}
		if posts := postsWithin(fake, time.Second); len(posts) != 0 {
			t.Errorf("a session stopped posted %q; want nothing more", posts)
		}
	})

	t.Run("ended by an earlier version", func(t *testing.T) {
		// An instance of a version that marks no end deletes the
		// session; the server's epoch is still there: not a loss.
		prefix, fake, a, _ := setup(t)
		start := opt("start", nil, opt("rounds", 3.0), opt("seconds", 10.0), opt("kind", "who"))
		reply(a, inClass(command("quiz", teacher, start)))
		nextPost(t, fake)
		time.Sleep(100 * time.Millisecond) // the step saved
		opts, err := redis.ParseURL(storetest.RedisURL(t))
		if err != nil {
			t.Fatal(err)
		}
		rdb := redis.NewClient(opts)
		defer rdb.Close()
		keys, err := rdb.Keys(context.Background(), prefix+":guild:*:quiz:session:*").Result()
		if err != nil || len(keys) != 1 {
			t.Fatalf("the session's key: %v, %v", keys, err)
		}
		rdb.Del(context.Background(), keys[0])
		if posts := postsWithin(fake, time.Second); len(posts) != 0 {
			t.Errorf("a session deleted, its epoch kept, posted %q; want nothing", posts)
		}
	})
}
