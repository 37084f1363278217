package bot

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/ops"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
)

// TestMetricsOutcomes: each interaction is counted once, by command (a
// component by its kind) and outcome, with its latencies; a refusal is
// an outcome, and an answer's cache status is counted too.
func TestMetricsOutcomes(t *testing.T) {
	m := ops.NewMetrics(ops.Labels{})
	st := memory.New(100)
	d := unlimited
	d.UserLimit = store.Limit{Rate: 1, Period: time.Hour, Burst: 1}
	h := NewHandler(newAnswers(st, nil), Options{State: st, Local: memory.New(1), Defaults: &d, Log: newTestHandler(t).log, Meter: m})
	e := newSignedEndpoint(t, h)
	n := 0
	post := func(file string, edit func(map[string]any)) {
		n++
		body := fresh(t, "testdata/interactions/"+file, 900+n)
		if edit != nil {
			body = editJSON(t, body, edit)
		}
		if status, out := e.post(t, body, time.Now(), nil); status != 200 {
			t.Fatalf("%s: %d %s", file, status, out)
		}
	}
	user := func(id string) func(map[string]any) {
		return func(i map[string]any) { i["member"].(map[string]any)["user"].(map[string]any)["id"] = id }
	}
	post("ask_fr.json", user("1"))      // answered
	post("ask_fr.json", user("1"))      // rate limited: one an hour
	post("ask_abstain.json", user("2")) // declined
	post("ask_empty.json", user("3"))   // invalid
	post("source.json", nil)            // shown
	post("button_exchange.json", nil)   // a component, shown
	post("button_toggle_forged.json", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	e.srv.Wait(ctx)

	srv := httptest.NewServer(ops.Routes(m))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	got := string(b)
	for _, want := range []string{
		`interviewbot_interactions_total{command="ask",outcome="answered"} 1`,
		`interviewbot_interactions_total{command="ask",outcome="rate_limited"} 1`,
		`interviewbot_interactions_total{command="ask",outcome="declined"} 1`,
		`interviewbot_interactions_total{command="ask",outcome="invalid"} 1`,
		`interviewbot_interactions_total{command="source",outcome="shown"} 1`,
		`interviewbot_interactions_total{command="component:exchange",outcome="shown"} 1`,
		`interviewbot_interactions_total{command="component:toggle",outcome="invalid"} 1`,
		`interviewbot_first_response_seconds_count{command="ask"} 4`,
		`interviewbot_interaction_seconds_count{command="source"} 1`,
		`interviewbot_answer_cache_total{status="miss"} 2`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// editJSON returns body with edit applied to it, decoded.
func editJSON(t *testing.T, body []byte, edit func(map[string]any)) []byte {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	edit(v)
	out, _ := json.Marshal(v)
	return out
}

// heard is a Meter that keeps the commands and outcomes it hears.
type heard struct {
	mu    sync.Mutex
	pairs map[[2]string]bool
}

func (m *heard) Interaction(command, outcome string, _, _ time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pairs[[2]string{command, outcome}] = true
}
func (*heard) Cache(string)        {}
func (*heard) Gateway(int, string) {}

// TestMeterLabels: what the meter hears of every sample interaction,
// answered, refused (a channel the server closed) and forged, is among
// MeterLabels, which the metrics show at zero from the start.
func TestMeterLabels(t *testing.T) {
	commands, outcomes := MeterLabels()
	files, err := filepath.Glob("testdata/interactions/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample interactions: %v", err)
	}
	m := &heard{pairs: map[[2]string]bool{}}
	closed := unlimited
	closed.Channels = []string{"1"} // none of the samples' channels
	n := 0
	for _, h := range []*Handler{
		newTestHandler(t, func(o *Options) { o.Meter = m }),
		newTestHandler(t, func(o *Options) { o.Meter, o.Defaults = m, &closed }),
	} {
		e := newSignedEndpoint(t, h)
		for _, file := range files {
			n++
			e.post(t, fresh(t, file, 2000+n), time.Now(), nil)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		e.srv.Wait(ctx)
		cancel()
	}
	seen := map[string]bool{}
	for p := range m.pairs {
		seen[p[1]] = true
		if !slices.Contains(commands, p[0]) || !slices.Contains(outcomes, p[1]) {
			t.Errorf("the meter heard command %q, outcome %q; MeterLabels() = %q, %q", p[0], p[1], commands, outcomes)
		}
	}
	for _, want := range []string{"answered", "declined", "shown", "refused", "invalid", "altered"} {
		if !seen[want] {
			t.Errorf("no sample interaction had the outcome %q; heard %v", want, m.pairs)
		}
	}
}
