package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lesson"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
	"github.com/interviewbot/interviewbot/store/redisstore"
	"github.com/interviewbot/interviewbot/store/storetest"
	"github.com/redis/go-redis/v9"
)

// interaction reads a sample payload, with changes.
func interaction(t testing.TB, file string, edit func(*discordgo.Interaction)) *discordgo.Interaction {
	t.Helper()
	var i discordgo.Interaction
	if err := json.Unmarshal(readPayload(t, "interactions/"+file), &i); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&i)
	}
	return &i
}

// command builds a slash command interaction in guild g from user u.
func command(name string, perms int64, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "1", Type: discordgo.InteractionApplicationCommand, GuildID: "g1", ChannelID: "c1", Locale: "en-US",
		Member: &discordgo.Member{User: &discordgo.User{ID: "u1"}, Permissions: perms},
		Data:   discordgo.ApplicationCommandInteractionData{Name: name, Options: opts},
	}
}

func opt(name string, v any, sub ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Value: v, Options: sub}
}

// reply runs the handler and its error path as Dispatch would.
func reply(h *Handler, i *discordgo.Interaction) *Reply {
	r, err := h.reply(context.Background(), i)
	if err != nil {
		return h.errorReply(i, err)
	}
	return r
}

func newStateHandler(t testing.TB, st store.Store, defaults store.GuildSettings) *Handler {
	return NewHandler(newAnswers(st, nil), Options{State: st, Local: memory.New(1), Defaults: &defaults, Log: newTestHandler(t).log, Classroom: testMaterial()})
}

// newClassHandler is newStateHandler, without rate limits, with a
// runner of its own for its class sessions, which posts through rest
// and looks for due steps every tick; a question's "second" lasts
// second. The runner stops with the test, or when stop is called.
func newClassHandler(t testing.TB, st store.Store, rest *discordgo.Session, tick, second time.Duration) (h *Handler, stop func()) {
	log := newTestHandler(t).log
	r := lesson.NewRunner(lesson.Options{Store: st, Material: testMaterial(), Log: log, Tick: tick, Second: second})
	h = NewHandler(newAnswers(st, nil), Options{State: st, Local: memory.New(1), Defaults: &unlimited, Log: log, Classroom: testMaterial(), Lessons: r})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, h.LessonHost(rest)); close(done) }()
	stop = sync.OnceFunc(func() { cancel(); <-done })
	t.Cleanup(stop)
	return h, stop
}

// newAnswers is the answer service over the default interview, caching
// in cache (none if nil), phrasing with model (none if nil).
func newAnswers(cache answer.Cache, model *answer.Model) *answer.Service {
	return answer.NewService(retrieval.New(corpus.Default(), retrieval.DefaultOptions()), answer.Options{Cache: cache, Model: model})
}

func TestRateLimit(t *testing.T) {
	d := DefaultSettings()
	d.UserLimit = store.Limit{Rate: 2, Period: time.Minute, Burst: 2}
	h := newStateHandler(t, memory.New(100), d)
	ask := func(user string) *Reply {
		return reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) { i.Member.User.ID = user }))
	}
	for n := range 2 {
		if r := ask("u1"); r.Ephemeral {
			t.Fatalf("question %d refused: %q", n+1, r.Messages)
		}
	}
	r := ask("u1")
	if !r.Ephemeral || !strings.Contains(r.Messages[0], "Try again <t:") {
		t.Errorf("third question = %q; want an ephemeral message saying when to retry", r.Messages)
	}
	if r := ask("u2"); r.Ephemeral {
		t.Errorf("another user was limited too: %q", r.Messages)
	}
}

func TestSettingsCommands(t *testing.T) {
	st := memory.New(100)
	h := newStateHandler(t, st, DefaultSettings())
	const mod = int64(discordgo.PermissionManageGuild)

	// Discord decides who may run them: a member without Manage Server
	// whose role the server's owners granted the commands (Server
	// Settings → Integrations) gets them.
	if r := reply(h, command("settings", 0, opt("view", nil))); r.Ephemeral && strings.Contains(r.Messages[0], "manage the server") {
		t.Errorf("/settings by a member granted it = %q; want the settings", r.Messages)
	}
	if r := reply(h, command("stats", int64(discordgo.PermissionSendMessages))); strings.Contains(r.Messages[0], "manage the server") {
		t.Errorf("/stats by a member granted it = %q; want the statistics", r.Messages)
	}
	// /quiz reset is a subcommand of a command for everyone: the bot
	// checks it.
	if r := reply(h, command("quiz", 0, opt("reset", nil))); !strings.Contains(r.Messages[0], "manage the server") {
		t.Errorf("/quiz reset by a member = %q; want refused", r.Messages)
	}

	steps := []struct {
		cmd  *discordgo.Interaction
		want string
	}{
		{command("settings", mod, opt("visibility", nil, opt("mode", "ephemeral"))), "visible to the asker only"},
		{command("settings", mod, opt("channels", nil, opt("action", "add"), opt("channel", "1180000000000000009"))), "Channels: <#1180000000000000009>"},
		{command("settings", mod, opt("ratelimit", nil, opt("scope", "user"), opt("per_minute", 30.0), opt("burst", 5.0))), "Per-user limit: 30 a minute (burst 5)"},
		{command("settings", mod, opt("mentions", nil, opt("enabled", false))), "Mention replies: off"},
		{command("settings", int64(discordgo.PermissionAdministrator), opt("llm", nil, opt("enabled", false))), "LLM: off"},
		{command("settings", mod, opt("view", nil)), "ratelimit user=30 a minute"},
	}
	for _, s := range steps {
		r := reply(h, s.cmd)
		if !r.Ephemeral || !strings.Contains(r.Messages[0], s.want) {
			t.Errorf("%v = %q; want an ephemeral reply with %q", s.cmd.Data, r.Messages, s.want)
		}
	}
	audit, _ := st.Audit(context.Background(), "g1", 10)
	if len(audit) != 5 || audit[0].Change != "llm=false" || audit[0].UserID != "u1" {
		t.Errorf("audit log = %+v; want 5 changes by u1, newest first", audit)
	}

	// The settings apply: this channel is not allowed, and answers are ephemeral.
	if r := reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) { i.GuildID = "g1" })); !strings.Contains(r.Messages[0], "does not answer in this channel") {
		t.Errorf("/ask in a channel left out = %q; want refused", r.Messages)
	}
	r := reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) { i.GuildID, i.ChannelID = "g1", "1180000000000000009" }))
	if !r.Ephemeral || !strings.Contains(r.Messages[0], "L’espionnage") {
		t.Errorf("/ask in the allowed channel = %q, ephemeral %v; want an ephemeral answer", r.Messages, r.Ephemeral)
	}
	// The other commands that show the interview follow them too.
	for _, cmd := range []*discordgo.Interaction{command("source", 0, opt("exchange", 7.0)), command("quote", 0), command("topics", 0), command("about", 0)} {
		name := cmd.Data.(discordgo.ApplicationCommandInteractionData).Name
		if r := reply(h, cmd); !strings.Contains(r.Messages[0], "does not answer in this channel") {
			t.Errorf("/%s in a channel left out = %.80q; want refused", name, r.Messages)
		}
	}
	src := command("source", 0, opt("exchange", 7.0))
	src.ChannelID = "1180000000000000009"
	if r := reply(h, src); !r.Ephemeral || !strings.Contains(r.Messages[0], "espionnage") {
		t.Errorf("/source in the allowed channel = %.80q, ephemeral %v; want the exchange, to the asker only", r.Messages, r.Ephemeral)
	}
}

func TestStatsCommand(t *testing.T) {
	h := newStateHandler(t, memory.New(100), unlimited)
	in := func(file string) *discordgo.Interaction {
		return interaction(t, file, func(i *discordgo.Interaction) { i.GuildID = "g1" })
	}
	reply(h, in("ask_fr.json"))
	reply(h, in("ask_fr.json"))
	reply(h, in("ask_abstain.json"))
	reply(h, in("button_feedback.json"))
	r := reply(h, command("stats", int64(discordgo.PermissionManageGuild)))
	for _, want := range []string{"Statistics since the start", "Questions: 3 (2 answered, 1 declined)", "Cache: 33% hit rate (1 of 3)", "1 👍", "Q&A 7",
		"kept 30 days, without who asked", "1 × que pense brad smith de la 5g"} {
		if !strings.Contains(r.Messages[0], want) {
			t.Errorf("/stats = %q; want %q", r.Messages[0], want)
		}
	}
	// A question asked two days ago counts in the week, not the day.
	h.store.Record(context.Background(), "g1", store.Event{Asked: true, Answered: true, At: time.Now().Add(-48 * time.Hour)})
	for w, want := range map[string]string{"24h": "Questions: 3 (", "7d": "Questions: 4 (", "all": "Questions: 4 ("} {
		r := reply(h, command("stats", int64(discordgo.PermissionManageGuild), opt("window", w)))
		if !strings.Contains(r.Messages[0], want) {
			t.Errorf("/stats window:%s = %q; want %q", w, r.Messages[0], want)
		}
	}
}

// redisState connects to the Redis at REDIS_URL, with its keys under
// prefix (from redisPrefix): each call with one prefix is another
// process sharing one store. Without a Redis, it skips the test locally
// and fails it in CI.
func redisState(t *testing.T, prefix string) *redisstore.Store {
	t.Helper()
	return redisInstance(t, storetest.Topology{Name: "single", URL: storetest.RedisURL(t)}, prefix)
}

// redisPrefix is a key prefix of the test's own on REDIS_URL, whose keys
// are deleted when the test ends.
func redisPrefix(t *testing.T, name string) string {
	return storetest.KeyPrefix(t, storetest.RedisURL(t), name)
}

// TestSharedCacheRedis: two bot processes on one Redis share answers.
func TestSharedCacheRedis(t *testing.T) {
	prefix := redisPrefix(t, "shared")
	open := func() *redisstore.Store { return redisState(t, prefix) }
	a := newStateHandler(t, open(), unlimited)
	b := newStateHandler(t, open(), unlimited)
	q := fmt.Sprintf("Les Etats vont-ils arrêter de s'espionner ? %d", time.Now().UnixNano())
	first, err := a.answers.Answer(context.Background(), answer.Request{Text: q})
	if err != nil || first.Cache != answer.CacheMiss {
		t.Fatalf("process A: %q, %v; want a miss", first.Cache, err)
	}
	second, err := b.answers.Answer(context.Background(), answer.Request{Text: q})
	if err != nil || second.Cache != answer.CacheHit || second.Text != first.Text {
		t.Fatalf("process B: %q, %v; want a hit with A's answer", second.Cache, err)
	}
	// Settings saved by one are seen by the other.
	reply(a, command("settings", int64(discordgo.PermissionManageGuild), opt("visibility", nil, opt("mode", "ephemeral"))))
	if gs := b.gate.Settings(context.Background(), "g1"); !gs.Ephemeral {
		t.Error("process B does not see the settings process A saved")
	}
}

// TestRedisFault starts a redis-server of its own, kills it in the middle
// of a stream of questions and starts it again: every question gets its
// answer, quickly, and the cache comes back by itself.
func TestRedisFault(t *testing.T) {
	server := storetest.StartRedis(t)
	st, err := redisstore.New(redisstore.Options{URL: "redis://" + server.Addr + "/0", Cooldown: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	waitFor(t, func() bool { return st.Ping(context.Background()) == nil })
	h := newStateHandler(t, st, unlimited)
	var mu sync.Mutex
	statuses := map[string]int{}
	inner := h.answers
	h.answers = answerWith{inner, func(ctx context.Context, r answer.Request) (answer.Answer, error) {
		a, err := inner.Answer(ctx, r)
		mu.Lock()
		statuses[a.Cache]++
		mu.Unlock()
		return a, err
	}}

	questions := []string{"Les Etats vont-ils arrêter de s'espionner ?", "Are we back in the 1930s?", "Qu'est-ce que l'appel de Paris ?", "Que pense Brad Smith de la 5G ?"}
	var slowest time.Duration
	asked := 0
	phase := 0 // each phase asks afresh: the process keeps the answers it has decoded
	ask := func(rounds int) {
		phase++
		for range rounds {
			q := fmt.Sprintf("%s %d", questions[asked%len(questions)], phase)
			asked++
			i := interaction(t, "ask_fr.json", func(i *discordgo.Interaction) {
				i.Data = discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", q)}}
			})
			begin := time.Now()
			r, err := h.reply(context.Background(), i)
			slowest = max(slowest, time.Since(begin))
			if err != nil || r.Ephemeral || len(r.Messages) == 0 || !strings.Contains(r.Messages[0], "Brad Smith") {
				t.Errorf("question %d (%q) lost: %v, %+v", asked, q, err, r)
			}
		}
	}
	ask(20)
	server.Signal(syscall.SIGSTOP) // hung: accepts, never answers
	ask(20)
	server.Signal(syscall.SIGCONT)
	server.Kill() // dead: refuses
	ask(20)
	server.Start(t)
	waitFor(t, func() bool { return st.Ping(context.Background()) == nil })
	ask(20)
	if statuses[answer.CacheUnavailable] == 0 || statuses[answer.CacheHit] == 0 || statuses[answer.CacheMiss] == 0 {
		t.Errorf("cache statuses %v; want misses and hits around an outage served uncached", statuses)
	}
	if slowest > time.Second {
		t.Errorf("slowest answer took %v; want well under a second with Redis hung or dead", slowest)
	}
	t.Logf("%d questions, none lost; cache statuses %v; slowest answer %v", asked, statuses, slowest)
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for range 100 {
		if ok() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("timed out waiting")
}

// TestFeedbackOncePerUser: a user's vote on an answer counts once,
// however often they click.
func TestFeedbackOncePerUser(t *testing.T) {
	st := memory.New(100)
	h := newStateHandler(t, st, unlimited)
	click := func(user string) *Reply {
		return reply(h, interaction(t, "button_feedback.json", func(i *discordgo.Interaction) { i.GuildID, i.Member.User.ID = "g1", user }))
	}
	for n := range 5 {
		r := click("u1")
		if again := strings.Contains(r.Messages[0], "already counted") || strings.Contains(r.Messages[0], "déjà compté"); again != (n > 0) {
			t.Errorf("click %d: %q", n+1, r.Messages)
		}
	}
	click("u2")
	if s, _ := st.Stats(context.Background(), "g1", store.AllTime, 0); s.FeedbackUp+s.FeedbackDown != 2 {
		t.Errorf("votes counted: %d up, %d down; want 2 in all (one per user)", s.FeedbackUp, s.FeedbackDown)
	}
}

// TestServerLimitSparesUser: a question the server's limit refuses does
// not spend the asker's own allowance; direct messages share one limit.
func TestServerLimitSparesUser(t *testing.T) {
	d := DefaultSettings()
	d.UserLimit = store.Limit{Rate: 2, Period: time.Hour, Burst: 2}
	d.GuildLimit = store.Limit{Rate: 1, Period: time.Hour, Burst: 1}
	st := memory.New(100)
	h := newStateHandler(t, st, d)
	ask := func(guild, user string) *Reply {
		return reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) {
			i.GuildID, i.Member.User.ID = guild, user
			if guild == "" {
				i.Member, i.User = nil, &discordgo.User{ID: user}
			}
		}))
	}
	limited := func(r *Reply) bool { return strings.Contains(r.Messages[0], "Try again <t:") }
	if r := ask("g1", "u2"); limited(r) {
		t.Fatalf("first question refused: %q", r.Messages)
	}
	if r := ask("g1", "u1"); !limited(r) {
		t.Fatalf("question past the server's limit = %q; want refused", r.Messages)
	}
	ctx := context.Background()
	for n, want := range []bool{true, true, false} { // u1's two questions, untouched
		if d, _ := st.Allow(ctx, "user:g1:u1", d.UserLimit); d.Allowed != want {
			t.Errorf("u1's allowance, question %d: allowed %v; want %v", n+1, d.Allowed, want)
		}
	}
	// Direct messages are not a server: the server's limit is not theirs.
	if r := ask("", "u3"); limited(r) {
		t.Errorf("first direct message refused: %q", r.Messages)
	}
	if r := ask("", "u4"); limited(r) {
		t.Errorf("a second user's direct message = %q; want answered", r.Messages)
	}
}

// TestDirectMessageLimits: in direct messages each user has their own
// limit, and all of them together a budget sized for a community: 25
// users asking once each are all answered; past the budget, the refusal
// says so and is counted apart.
func TestDirectMessageLimits(t *testing.T) {
	d := unlimited
	d.UserLimit = store.Limit{Rate: 1, Period: time.Hour, Burst: 1}
	dm := func(h *Handler, user string) *Reply {
		return reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) {
			i.GuildID, i.Member, i.User = "", nil, &discordgo.User{ID: user}
		}))
	}
	h := newStateHandler(t, memory.New(100), d)
	for n := range 25 {
		if r := dm(h, fmt.Sprintf("u%d", n)); r.Ephemeral {
			t.Fatalf("user %d's direct message refused: %q", n+1, r.Messages)
		}
	}
	if r := dm(h, "u0"); !strings.Contains(r.Messages[0], "Easy there") {
		t.Errorf("a user's second direct message past their own limit = %q; want refused", r.Messages)
	}
	small := NewHandler(newAnswers(memory.New(100), nil), Options{State: memory.New(100), Local: memory.New(1), Defaults: &d, Log: h.log,
		DMLimit: &store.Limit{Rate: 2, Period: time.Hour, Burst: 2}})
	dm(small, "a")
	dm(small, "b")
	if r := dm(small, "c"); !strings.Contains(r.Messages[0], "too many direct messages") {
		t.Errorf("a direct message past the budget of all = %q; want refused as such", r.Messages)
	}
}

// TestAllowListThreads: a thread is allowed with its parent channel, so
// is a forum's post with its forum and the bot's own reply thread; a
// thread of another channel is not, nor is a channel whose parent cannot
// be found.
func TestAllowListThreads(t *testing.T) {
	const allowed, forum, other = "1180000000000000009", "1180000000000000010", "1180000000000000011"
	fake := newFakeDiscord(t)
	fake.channels = map[string]string{
		"1180000000000000501": `{"id":"1180000000000000501","type":11,"parent_id":"` + allowed + `"}`, // a thread of the allowed channel
		"1180000000000000502": `{"id":"1180000000000000502","type":11,"parent_id":"` + forum + `"}`,   // a forum post
		"1180000000000000503": `{"id":"1180000000000000503","type":11,"parent_id":"` + other + `"}`,   // a thread elsewhere
		other:                 `{"id":"` + other + `","type":0}`,
	}
	rest, _ := discordgo.New("Bot test-token")
	rest.Client = fake.client()
	st := memory.New(100)
	h := NewHandler(newAnswers(st, nil), Options{State: st, Local: memory.New(1), Defaults: &unlimited, Parents: transport.NewParents(rest), Log: newTestHandler(t).log})
	gs := unlimited
	gs.Channels = []string{allowed, forum}
	if err := storetest.Save(context.Background(), st, "g1", gs, store.AuditEntry{Change: "test"}); err != nil {
		t.Fatal(err)
	}
	tt := []struct {
		channel string
		ok      bool
	}{
		{allowed, true},
		{"1180000000000000501", true},
		{"1180000000000000502", true},
		{"1180000000000000503", false},
		{other, false},
		{"1180000000000000599", false}, // unknown to Discord
		{"1180000000000000599", false}, // again, not asked again
	}
	for _, tc := range tt {
		r := reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) { i.GuildID, i.ChannelID = "g1", tc.channel }))
		if refused := strings.Contains(r.Messages[0], "does not answer in this channel"); refused == tc.ok {
			t.Errorf("/ask in %s: %.80q; want allowed %v", tc.channel, r.Messages, tc.ok)
		}
	}
	if n := fake.operations()["GET /channels/{channel_id}"]; n != 5 {
		t.Errorf("%d REST lookups; want 5, one per channel not in the allow-list, none again", n)
	}
}

// TestAllowListFromPayload: an interaction says which channel it comes
// from, with the channel's type and parent, so a thread is matched with
// its parent without asking Discord: a thread of an allowed channel, a
// forum post, an announcement thread, a private thread.
func TestAllowListFromPayload(t *testing.T) {
	const allowed, forum, news, other = "1180000000000000009", "1180000000000000010", "1180000000000000012", "1180000000000000011"
	st := memory.New(100)
	// The handler asks Discord through the endpoint's fake, made after it.
	var parents *transport.Parents
	h := NewHandler(newAnswers(st, nil), Options{State: st, Local: memory.New(1), Defaults: &unlimited, Log: newTestHandler(t).log,
		Parents: parentsFunc(func(ctx context.Context, id string) (string, error) { return parents.Parent(ctx, id) })})
	e := newSignedEndpoint(t, h)
	parents = transport.NewParents(e.restSession())
	gs := unlimited
	gs.Channels = []string{allowed, forum, news}
	if err := storetest.Save(context.Background(), st, "1180000000000000100", gs, store.AuditEntry{Change: "test"}); err != nil {
		t.Fatal(err)
	}
	tt := []struct {
		name    string
		channel string // the interaction's channel object
		ok      bool
	}{
		{"the allowed channel", `{"id":"` + allowed + `","type":0}`, true},
		{"a thread of it", `{"id":"1180000000000000501","type":11,"parent_id":"` + allowed + `"}`, true},
		{"a private thread of it", `{"id":"1180000000000000504","type":12,"parent_id":"` + allowed + `"}`, true},
		{"a forum post", `{"id":"1180000000000000502","type":11,"parent_id":"` + forum + `"}`, true},
		{"an announcement thread", `{"id":"1180000000000000505","type":10,"parent_id":"` + news + `"}`, true},
		{"a thread elsewhere", `{"id":"1180000000000000503","type":11,"parent_id":"` + other + `"}`, false},
		{"a channel elsewhere", `{"id":"` + other + `","type":0}`, false},
		{"a channel under an allowed category", `{"id":"1180000000000000506","type":0,"parent_id":"` + allowed + `"}`, false},
	}
	for n, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			var ch struct{ ID string }
			json.Unmarshal([]byte(tc.channel), &ch)
			body := fresh(t, "testdata/interactions/ask_en.json", 500+n)
			body = bytes.Replace(body, []byte(`"channel_id":"1180000000000000200"`), []byte(`"channel_id":"`+ch.ID+`"`), 1)
			var i map[string]json.RawMessage
			json.Unmarshal(body, &i)
			i["channel"] = json.RawMessage(tc.channel)
			body, _ = json.Marshal(i)
			_, out := e.post(t, body, time.Now(), nil)
			if refused := strings.Contains(string(out), "does not answer in this channel"); refused == tc.ok {
				t.Errorf("/ask: %.120s; want allowed %v", out, tc.ok)
			}
		})
	}
	if n := e.fake.operations()["GET /channels/{channel_id}"]; n != 0 {
		t.Errorf("%d REST lookups; want none, the interactions told", n)
	}
}

// TestSettingsViewEffective: /settings view shows what the server chose
// and, where this bot does not offer it, that the choice has no effect.
func TestSettingsViewEffective(t *testing.T) {
	h := newStateHandler(t, memory.New(100), DefaultSettings()) // LLM and mentions chosen
	view := func() string {
		return reply(h, command("settings", int64(discordgo.PermissionManageGuild), opt("view", nil))).Messages[0]
	}
	got := view()
	for _, want := range []string{
		"LLM: on, but without effect: no model is configured",
		"Mention replies: on, but without effect: this bot does not read mentions",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("/settings view:\n%s\nwant %q", got, want)
		}
	}
	h.mentionsOn.Store(true)
	if got := view(); !strings.Contains(got, "Mention replies: on\n") {
		t.Errorf("with a gateway reading mentions:\n%s\nwant them plainly on", got)
	}
}

// redisInstance is one bot process's store on top, with its keys under
// prefix: each call with one prefix is another process sharing the
// store.
func redisInstance(t *testing.T, top storetest.Topology, prefix string) *redisstore.Store {
	t.Helper()
	s, err := redisstore.New(redisstore.Options{URL: top.URL, SentinelMaster: top.SentinelMaster, Prefix: prefix, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Ping(context.Background()); err != nil {
		storetest.Unavailable(t, fmt.Sprintf("no Redis (%s) at %s: %v", top.Name, top.URL, err))
	}
	return s
}

// backend opens instances of one store: each call, another connection
// to the same data.
type backend struct {
	name string
	open func() store.Store
}

// sharedBackends are the stores two instances share in the tests of
// acting at once: one in memory, and a single Redis, a Cluster and
// Sentinel where they run, each under a prefix of its own.
func sharedBackends(t *testing.T, name string) []backend {
	shared := memory.New(100)
	backends := []backend{{"memory", func() store.Store { return shared }}}
	for _, top := range storetest.Topologies(t) {
		prefix := storetest.KeyPrefixOn(t, top, name)
		backends = append(backends, backend{top.Name, func() store.Store { return redisInstance(t, top, prefix) }})
	}
	return backends
}

// TestSettingsChangedAtOnce: two instances on one store, and a moderator
// on each changing one server's settings at the same moment, twenty
// times: every change is in force and in the audit log, in memory and on
// a single Redis, a Cluster and Sentinel.
func TestSettingsChangedAtOnce(t *testing.T) {
	backends := sharedBackends(t, "atonce")
	mod := int64(discordgo.PermissionManageGuild)
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			a, c := newStateHandler(t, b.open(), unlimited), newStateHandler(t, b.open(), unlimited)
			const pairs = 20
			for k := range pairs {
				var wg sync.WaitGroup
				for n, h := range []*Handler{a, c} {
					ch := fmt.Sprint(1180000000000001000 + 2*k + n)
					wg.Go(func() {
						r := reply(h, command("settings", mod, opt("channels", nil, opt("action", "add"), opt("channel", ch))))
						if !strings.Contains(r.Messages[0], "Saved") {
							t.Errorf("adding %s: %q; want it saved", ch, r.Messages[0])
						}
					})
				}
				wg.Wait()
			}
			gs, _, err := a.store.Settings(context.Background(), "g1")
			if err != nil || len(gs.Channels) != 2*pairs {
				t.Errorf("after %d pairs of changes at once: %d channels in force (%v); %d changes lost", pairs, len(gs.Channels), err, 2*pairs-len(gs.Channels))
			}
			if audit, _ := a.store.Audit(context.Background(), "g1", store.MaxAudit); len(audit) != 2*pairs {
				t.Errorf("audit log: %d entries; want %d", len(audit), 2*pairs)
			}
		})
	}
}

// TestNoStaleResave: instance a adds channel X, instance b adds Y, Redis
// loses its data, and a moderator adds Z through a. The change starts
// from what the store holds, not from a's copy (which would bring X back
// as if current and leave Y out): Redis holds Z alone, and the moderator
// is shown what the bot applied until then, to make again.
func TestNoStaleResave(t *testing.T) {
	top := storetest.Topology{Name: "single", URL: storetest.RedisURL(t)}
	prefix := storetest.KeyPrefixOn(t, top, "stale")
	a := newStateHandler(t, redisInstance(t, top, prefix), unlimited)
	b := newStateHandler(t, redisInstance(t, top, prefix), unlimited)
	mod := int64(discordgo.PermissionManageGuild)
	add := func(h *Handler, ch string) *Reply {
		return reply(h, command("settings", mod, opt("channels", nil, opt("action", "add"), opt("channel", ch))))
	}
	add(a, "1180000000000000011")
	add(b, "1180000000000000012")
	ctx := context.Background()
	if err := storetest.DeleteKeys(ctx, top, prefix); err != nil { // what a FLUSHALL does to this server
		t.Fatal(err)
	}
	r := add(a, "1180000000000000013")
	gs, _, err := a.store.Settings(ctx, "g1")
	if err != nil || !slices.Equal(gs.Channels, []string{"1180000000000000013"}) {
		t.Errorf("after the loss and a change: channels %v (%v); want the new one alone", gs.Channels, err)
	}
	if !strings.Contains(r.Messages[0], "Redis lost its data") || !strings.Contains(r.Messages[0], "<#1180000000000000011>") {
		t.Errorf("the change's reply: %q; want the loss said, and the settings applied until then", r.Messages[0])
	}
	if r := add(b, "1180000000000000014"); strings.Contains(r.Messages[0], "lost") {
		t.Errorf("a change after the loss was repaired: %q; want no warning", r.Messages[0])
	}
}

// TestLostSettingsRestrict: a new instance meets a server whose settings
// Redis lost (evicted) while their audit log remains: it cannot know the
// channel restriction, so it answers the asker only, until a moderator
// sets the settings again.
func TestLostSettingsRestrict(t *testing.T) {
	top := storetest.Topology{Name: "single", URL: storetest.RedisURL(t)}
	prefix := storetest.KeyPrefixOn(t, top, "lost")
	a := newStateHandler(t, redisInstance(t, top, prefix), unlimited)
	mod := int64(discordgo.PermissionManageGuild)
	reply(a, command("settings", mod, opt("channels", nil, opt("action", "add"), opt("channel", "1180000000000000009"))))
	opts, err := redis.ParseURL(top.URL)
	if err != nil {
		t.Fatal(err)
	}
	admin := redis.NewClient(opts)
	defer admin.Close()
	keys, _ := admin.Keys(context.Background(), prefix+":guild:*:settings").Result()
	if len(keys) != 1 {
		t.Fatalf("settings keys %v; want one", keys)
	}
	admin.Del(context.Background(), keys...) // evicted

	fresh := newStateHandler(t, redisInstance(t, top, prefix), unlimited)
	ask := interaction(t, "ask_en.json", func(i *discordgo.Interaction) { i.GuildID, i.ChannelID = "g1", "c1" })
	if r := reply(fresh, ask); !r.Ephemeral {
		t.Errorf("settings lost, never read: %q public; want the asker alone", r.Messages)
	}
	r := reply(fresh, command("settings", mod, opt("visibility", nil, opt("mode", "public"))))
	if !strings.Contains(r.Messages[0], "Saved") || !strings.Contains(r.Messages[0], "Redis lost its data") {
		t.Errorf("a change then: %q; want it saved, and the loss said", r.Messages[0])
	}
	if r := reply(fresh, ask); r.Ephemeral {
		t.Errorf("after the change: %q to the asker alone; want public", r.Messages)
	}
}

// parentsFunc is a function as gate.Parents.
type parentsFunc func(ctx context.Context, channelID string) (string, error)

func (f parentsFunc) Parent(ctx context.Context, channelID string) (string, error) {
	return f(ctx, channelID)
}

// TestVisibilityEverywhere: with the server's visibility set to
// ephemeral, every command that shows the interview or the bot's info
// answers the asker alone.
func TestVisibilityEverywhere(t *testing.T) {
	d := unlimited
	d.Ephemeral = true
	h := newStateHandler(t, memory.New(100), d)
	h.checker = testChecker()
	for _, i := range []*discordgo.Interaction{
		command("about", 0), command("topics", 0), command("ask", 0, opt("question", "Que dit Smith de l’espionnage ?")),
		command("quote", 0, opt("topic", "espionnage")), command("source", 0, opt("exchange", float64(7))), command("glossary", 0),
		command("timeline", 0), command("discuss", 0), command("check", 0, opt("claim", "Smith says espionage is old")),
	} {
		name := i.Data.(discordgo.ApplicationCommandInteractionData).Name
		r := reply(h, i)
		if !r.Ephemeral {
			t.Errorf("/%s with visibility ephemeral: shown to everyone: %.80q", name, r.Messages)
		}
		if strings.Contains(r.Messages[0], "Pick an exchange from") || strings.Contains(r.Messages[0], "not available") {
			t.Errorf("/%s: an error, not the command's reply: %.80q", name, r.Messages)
		}
	}
}

// TestDMBudgetSharedAtOnce: two instances on one store, and thirty users
// asking in direct messages at the same moment, half on each: the
// budget of all direct messages holds across both, exactly; in memory
// and on a single Redis, a Cluster and Sentinel.
func TestDMBudgetSharedAtOnce(t *testing.T) {
	backends := sharedBackends(t, "dmbudget")
	d := unlimited
	d.UserLimit = store.Limit{Rate: 1, Period: time.Hour, Burst: 1}
	budget := store.Limit{Rate: 10, Period: time.Hour, Burst: 10}
	dm := func(h *Handler, user string) *Reply {
		return reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) {
			i.GuildID, i.Member, i.User = "", nil, &discordgo.User{ID: user}
		}))
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			var instances []*Handler
			for range 2 {
				instances = append(instances, NewHandler(newAnswers(memory.New(100), nil), Options{State: b.open(), Local: memory.New(1),
					Defaults: &d, DMLimit: &budget, Log: newTestHandler(t).log}))
			}
			var answered, refused atomic.Int32
			var wg sync.WaitGroup
			for n := range 30 {
				wg.Go(func() {
					switch r := dm(instances[n%2], fmt.Sprint("dm-user-", n)); {
					case !r.Ephemeral:
						answered.Add(1)
					case strings.Contains(r.Messages[0], "too many direct messages"):
						refused.Add(1)
					default:
						t.Errorf("user %d: %q; want an answer or the budget's refusal", n, r.Messages)
					}
				})
			}
			wg.Wait()
			if answered.Load() != 10 || refused.Load() != 20 {
				t.Errorf("30 users at once on two instances, a budget of 10: %d answered, %d refused; want 10 and 20", answered.Load(), refused.Load())
			}
		})
	}
}
