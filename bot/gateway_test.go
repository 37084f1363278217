package bot

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/check"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/ops"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
)

func newTestHandler(t testing.TB, opts ...func(*Options)) *Handler {
	t.Helper()
	log := slog.New(slog.NewTextHandler(newTestWriter(t), &slog.HandlerOptions{Level: slog.LevelDebug}))
	o := Options{State: memory.New(100), Local: memory.New(1), Log: log, Defaults: &unlimited, Classroom: testMaterial(), Checker: testChecker()}
	for _, opt := range opts {
		opt(&o)
	}
	return NewHandler(newAnswers(nil, nil), o)
}

// withBudget has a test handler defer its replies after d.
func withBudget(d time.Duration) func(*Options) {
	return func(o *Options) { o.ReplyBudget = d }
}

// testChecker checks messages against the default interview.
var testChecker = sync.OnceValue(func() *check.Checker {
	return check.New(retrieval.New(corpus.Default(), retrieval.DefaultOptions()), check.Options{})
})

// testMaterial is the classroom material of the default interview.
var testMaterial = sync.OnceValue(func() *classroom.Material {
	m, err := classroom.Load(corpus.Default())
	if err != nil {
		panic(err)
	}
	return m
})

// unlimited are the default settings without rate limits, for tests that
// send many questions.
var unlimited = func() store.GuildSettings {
	s := DefaultSettings()
	s.UserLimit, s.GuildLimit = store.Limit{}, store.Limit{}
	return s
}()

// newQuietHandler logs nowhere, for fuzz targets, which may not log.
func newQuietHandler() *Handler {
	st := memory.New(100) // as in production: the state caches answers too
	return NewHandler(newAnswers(st, nil), Options{State: st, Local: memory.New(1), Defaults: &unlimited, Classroom: testMaterial()})
}

// testWriter sends log lines to the test's log until the test ends. A
// reply still being sent by a goroutine then logs nowhere: testing does
// not allow t.Log once a test is over, and the race detector sees it.
type testWriter struct {
	t    testing.TB
	mu   sync.Mutex
	done bool
}

func newTestWriter(t testing.TB) *testWriter {
	w := &testWriter{t: t}
	t.Cleanup(func() {
		w.mu.Lock()
		w.done = true
		w.mu.Unlock()
	})
	return w
}

func (w *testWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

// callback is what the bot POSTed to an interaction's callback URL.
type callback struct {
	Type int `json:"type"`
	Data struct {
		Content         string            `json:"content"`
		Flags           int               `json:"flags"`
		AllowedMentions map[string]any    `json:"allowed_mentions"`
		Components      []json.RawMessage `json:"components"`
		Choices         []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"choices"`
	} `json:"data"`
}

func TestGateway(t *testing.T) {
	fake := newFakeDiscord(t)
	h := newTestHandler(t)
	metrics := ops.NewMetrics(ops.Labels{})
	h.meter = metrics
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- RunGateway(ctx, h, transport.GatewayConfig{
			Token: "test-token", Client: fake.client(),
			Ready: func() { close(ready) },
		}, true)
	}()
	select {
	case <-ready:
	case err := <-errc:
		t.Fatalf("RunGateway: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("gateway never became ready")
	}

	ident := <-fake.identify
	if ident["token"] != "Bot test-token" {
		t.Errorf("IDENTIFY token = %v; want the bot token", ident["token"])
	}
	got := discordgo.Intent(ident["intents"].(float64))
	if privileged := discordgo.IntentsGuildMembers | discordgo.IntentsGuildPresences | discordgo.IntentMessageContent; got&privileged != 0 || got != discordgo.IntentsGuildMessages {
		t.Errorf("IDENTIFY intents = %d; want guild messages alone (%d), no privileged bit", got, discordgo.IntentsGuildMessages)
	}

	tt := []struct {
		file string
		want string // in the callback's content
		typ  discordgo.InteractionResponseType
	}{
		{"ask_fr.json", "« L’espionnage fait partie de l’activité des Etats", discordgo.InteractionResponseChannelMessageWithSource},
		{"ask_en.json", "Translation (ours, not Brad Smith’s words)", discordgo.InteractionResponseChannelMessageWithSource},
		{"source.json", "**Q&A 5", discordgo.InteractionResponseChannelMessageWithSource},
		{"quote_topic.json", "— Brad Smith, Q&R 7", discordgo.InteractionResponseChannelMessageWithSource},
		{"quote_random.json", "— Brad Smith, Q&A", discordgo.InteractionResponseChannelMessageWithSource},
		{"topics.json", "8. Les années 1930", discordgo.InteractionResponseChannelMessageWithSource},
		{"about.json", "How quotes are checked", discordgo.InteractionResponseChannelMessageWithSource},
		{"button_exchange.json", "**Q&R 7", discordgo.InteractionResponseChannelMessageWithSource},
		{"button_toggle.json", "in the original French", discordgo.InteractionResponseUpdateMessage},
		{"select_topic.json", "**Q&R 6", discordgo.InteractionResponseChannelMessageWithSource},
		{"autocomplete_ask.json", "", discordgo.InteractionApplicationCommandAutocompleteResult},
	}
	for _, tc := range tt {
		t.Run(tc.file, func(t *testing.T) {
			fake.events <- event{"INTERACTION_CREATE", readPayload(t, "interactions/"+tc.file)}
			var cb callback
			if err := json.Unmarshal(fake.next("/callback").body, &cb); err != nil {
				t.Fatal(err)
			}
			if cb.Type != int(tc.typ) || !strings.Contains(cb.Data.Content, tc.want) {
				t.Errorf("callback = type %d, %q; want type %d containing %q", cb.Type, cb.Data.Content, tc.typ, tc.want)
			}
			if tc.typ != discordgo.InteractionApplicationCommandAutocompleteResult {
				if p, ok := cb.Data.AllowedMentions["parse"].([]any); !ok || len(p) != 0 {
					t.Errorf("allowed_mentions = %v; want {\"parse\":[]}", cb.Data.AllowedMentions)
				}
			} else if len(cb.Data.Choices) == 0 {
				t.Errorf("autocomplete sent no choices")
			}
		})
	}

	// A mention is answered in a thread started from the message.
	fake.events <- event{"MESSAGE_CREATE", readPayload(t, "message_mention.json")}
	if r := fake.next("/threads"); !strings.Contains(r.path, "/channels/1180000000000000200/messages/1180000000000000700/threads") {
		t.Errorf("thread started at %s; want from the mentioning message", r.path)
	}
	r := fake.next("/messages")
	var msg struct {
		Content         string         `json:"content"`
		AllowedMentions map[string]any `json:"allowed_mentions"`
	}
	json.Unmarshal(r.body, &msg)
	if !strings.Contains(r.path, "/channels/1180000000000000800/messages") || !strings.Contains(msg.Content, "Q&R 6") {
		t.Errorf("mention reply %s %q; want the answer in thread 1180000000000000800", r.path, msg.Content)
	}
	if p, ok := msg.AllowedMentions["parse"].([]any); !ok || len(p) != 0 {
		t.Errorf("mention reply allowed_mentions = %v; want {\"parse\":[]}", msg.AllowedMentions)
	}

	// A dropped connection is resumed, and interactions flow again.
	fake.drop <- struct{}{}
	select {
	case <-fake.resumes:
	case <-time.After(10 * time.Second):
		t.Fatal("the bot did not resume after the gateway dropped")
	}
	fake.events <- event{"INTERACTION_CREATE", readPayload(t, "interactions/ask_fr.json")}
	var cb callback
	json.Unmarshal(fake.next("/callback").body, &cb)
	if !strings.Contains(cb.Data.Content, "L’espionnage") {
		t.Errorf("after resuming, callback %q; want the answer", cb.Data.Content)
	}

	// The session's events reach the metrics and the readiness.
	if err := metrics.GatewayUp(context.Background()); err != nil {
		t.Errorf("after resuming, GatewayUp = %v; want ready", err)
	}
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, event := range []string{"connected", "disconnected", "resumed"} {
		if want := `interviewbot_gateway_events_total{event="` + event + `",shard="0"} 1`; !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if want := `interviewbot_interactions_total{command="mention",outcome="answered"} 1`; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("/metrics lacks %s", want)
	}

	stop()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("RunGateway after shutdown = %v; want nil", err)
		}
	case <-time.After(11 * time.Second): // the gateway's shutdown budget, and a second
		t.Fatal("RunGateway did not return after shutdown")
	}
}
