package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/llm"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
	"github.com/interviewbot/interviewbot/store/storetest"
)

// newLLMEndpoint is the HTTP endpoint of a bot whose LLM is a scripted
// OpenAI-compatible server on loopback.
func newLLMEndpoint(t *testing.T, reply func(w http.ResponseWriter), timeout time.Duration) (*signedEndpoint, *Handler) {
	ai := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		reply(w)
	}))
	t.Cleanup(ai.Close)
	client := llm.New(llm.Config{BaseURL: ai.URL + "/v1", Model: "test-model", Timeout: timeout, JSONMode: true})
	st := memory.New(100)
	h := NewHandler(newAnswers(st, &answer.Model{Generate: client.Generate, Name: "test-model", Timeout: timeout}),
		Options{State: st, Local: memory.New(1), Defaults: &unlimited, Log: newTestHandler(t).log})
	return newSignedEndpoint(t, h), h
}

func chat(text string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "c1", "object": "chat.completion", "model": "test-model",
			"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": text}}},
			"usage":   map[string]any{"prompt_tokens": 420, "completion_tokens": 80},
		})
	}
}

const faithfulReply = `{"answer":"Il explique que l'espionnage est aussi ancien que les Etats.","quotes":[{"id":"a7.1","text":"L'espionnage fait partie de l'activité des Etats depuis leur apparition."}]}`

// TestLLMAnswerDefersAndEdits: an LLM answer is deferred at once, then
// the deferred reply is edited with the verified answer and a button that
// shows the exact quotes.
func TestLLMAnswerDefersAndEdits(t *testing.T) {
	e, h := newLLMEndpoint(t, chat(faithfulReply), 2*time.Second)
	status, out := e.post(t, readPayload(t, "interactions/ask_fr.json"), time.Now(), nil)
	var cb callback
	json.Unmarshal(out, &cb)
	if status != 200 || cb.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Fatalf("first response %d %s; want a deferral", status, out)
	}
	edit := e.fake.next("/messages/@original")
	var msg struct {
		Content    string
		Components []struct {
			Components []struct {
				Label    string
				CustomID string `json:"custom_id"`
			}
		}
	}
	json.Unmarshal(edit.body, &msg)
	if !strings.Contains(msg.Content, "Il explique que l'espionnage") || !strings.Contains(msg.Content, "✓ Citation vérifiée — Brad Smith, Q&R 7") ||
		!strings.Contains(msg.Content, "« L’espionnage fait partie de l’activité des Etats depuis leur apparition. »") {
		t.Errorf("edited answer:\n%s", msg.Content)
	}
	var quotesID string
	for _, b := range msg.Components[0].Components {
		if b.Label == "Citations exactes" {
			quotesID = b.CustomID
		}
	}
	if quotesID == "" {
		t.Fatalf("no exact-quotes button in %+v", msg.Components)
	}
	click := interaction(t, "button_feedback.json", func(i *discordgo.Interaction) {
		i.Data = discordgo.MessageComponentInteractionData{CustomID: quotesID, ComponentType: discordgo.ButtonComponent}
	})
	r := reply(h, click)
	if !r.Ephemeral || !strings.Contains(r.Messages[0], "« L’espionnage fait partie") || strings.Contains(r.Messages[0], "Il explique") {
		t.Errorf("exact quotes = %q; want the verbatim sentences alone, ephemeral", r.Messages)
	}
	st, _ := h.store.Stats(context.Background(), "1180000000000000100", store.AllTime, 0)
	if st.PromptTokens != 420 || st.CompletionTokens != 80 {
		t.Errorf("stats tokens %d/%d; want 420/80", st.PromptTokens, st.CompletionTokens)
	}
}

// TestLLMHangFallsBackInTime: the model hangs; the user still gets the
// extractive answer, through the deferred reply, soon after LLM_TIMEOUT.
func TestLLMHangFallsBackInTime(t *testing.T) {
	release := make(chan struct{})
	e, _ := newLLMEndpoint(t, func(http.ResponseWriter) { <-release }, 300*time.Millisecond)
	t.Cleanup(func() { close(release) }) // before the server's Close, which waits for it
	start := time.Now()
	e.post(t, readPayload(t, "interactions/ask_fr.json"), time.Now(), nil)
	edit := e.fake.next("/messages/@original")
	took := time.Since(start)
	if !bytes.Contains(edit.body, []byte("L’espionnage fait partie")) || bytes.Contains(edit.body, []byte("✓")) {
		t.Errorf("fallback edit = %s; want the extractive answer", edit.body)
	}
	if took > 2*time.Second {
		t.Errorf("fallback arrived after %v; want it soon after the 300 ms LLM timeout", took)
	}
}

// TestLLMOffForServer: a server that turned the LLM off gets extractive
// answers at once, and the model is never asked.
func TestLLMOffForServer(t *testing.T) {
	called := false
	e, h := newLLMEndpoint(t, func(w http.ResponseWriter) { called = true; chat(faithfulReply)(w) }, time.Second)
	off := command("settings", int64(discordgo.PermissionManageGuild), opt("llm", nil, opt("enabled", false)))
	off.GuildID = "1180000000000000100" // the server of the sample payloads
	reply(h, off)
	status, out := e.post(t, readPayload(t, "interactions/ask_fr.json"), time.Now(), nil)
	var cb callback
	json.Unmarshal(out, &cb)
	if called {
		t.Error("the model was asked on a server with the LLM off")
	}
	if status != 200 || cb.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || !strings.Contains(cb.Data.Content, "« L’espionnage") {
		t.Errorf("with the LLM off: %d, type %d, %q; want the extractive answer at once", status, cb.Type, cb.Data.Content)
	}
}

// TestVisibilityBeforeDeferral: with the LLM on, a refusal (a channel
// left out, a rate limit, an empty question) is the first response, to
// the user alone, never a public "thinking…"; a server set to ephemeral
// answers gets an ephemeral deferral.
func TestVisibilityBeforeDeferral(t *testing.T) {
	const guild = "1180000000000000100"
	e, h := newLLMEndpoint(t, chat(faithfulReply), 2*time.Second)
	ctx := context.Background()
	save := func(gs store.GuildSettings) {
		if err := storetest.Save(ctx, h.store, guild, gs, store.AuditEntry{Change: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	first := func(edit func(*discordgo.Interaction)) callback {
		t.Helper()
		i := interaction(t, "ask_fr.json", edit)
		body, _ := json.Marshal(i)
		status, out := e.post(t, body, time.Now(), nil)
		var cb callback
		if err := json.Unmarshal(out, &cb); err != nil || status != 200 {
			t.Fatalf("status %d, %s", status, out)
		}
		return cb
	}
	gs := unlimited
	gs.Channels = []string{"1180000000000000999"}
	save(gs)
	if cb := first(nil); cb.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || cb.Data.Flags&64 == 0 ||
		!strings.Contains(cb.Data.Content, "ne répond pas dans ce salon") {
		t.Errorf("LLM /ask in a channel left out: %+v; want an ephemeral refusal as the first response", cb)
	}
	gs.Channels = nil
	gs.UserLimit = store.Limit{Rate: 1, Period: time.Hour, Burst: 1}
	save(gs)
	first(nil) // spends the allowance; its deferred answer goes on
	if cb := first(nil); cb.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || cb.Data.Flags&64 == 0 {
		t.Errorf("LLM /ask past the rate limit: %+v; want an ephemeral refusal as the first response", cb)
	}
	gs.UserLimit = unlimited.UserLimit
	gs.Ephemeral = true
	save(gs)
	if cb := first(nil); cb.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) || cb.Data.Flags&64 == 0 {
		t.Errorf("LLM /ask on an ephemeral server: %+v; want an ephemeral deferral", cb)
	}
	wctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	e.srv.Wait(wctx)
}

// TestLLMToggleKeepsTheModelsAnswer: toggling an LLM answer's language
// shows the model's answer in the other language, with its "exact
// quotes" button, and toggling back shows the first answer again.
func TestLLMToggleKeepsTheModelsAnswer(t *testing.T) {
	_, h := newLLMEndpoint(t, chat(faithfulReply), 2*time.Second)
	asked := interaction(t, "ask_fr.json", nil)
	first := reply(h, asked)
	msg := &discordgo.Message{ID: "m1", Content: first.Messages[0],
		InteractionMetadata: &discordgo.MessageInteractionMetadata{User: &discordgo.User{ID: userID(asked)}}}
	click := func(r *Reply) *Reply {
		msg.Components = r.Components // the message as the last update left it
		var id string
		for _, row := range r.Components {
			for _, c := range row.(discordgo.ActionsRow).Components {
				if b, ok := c.(discordgo.Button); ok && strings.HasPrefix(b.CustomID, customid.PrefixToggle+":") {
					id = b.CustomID
				}
			}
		}
		return reply(h, &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: "fr", GuildID: asked.GuildID, Message: msg,
			Member: asked.Member, Data: discordgo.MessageComponentInteractionData{CustomID: id}})
	}
	hasQuotesButton := func(r *Reply) bool {
		for _, row := range r.Components {
			for _, c := range row.(discordgo.ActionsRow).Components {
				if b, ok := c.(discordgo.Button); ok && strings.HasPrefix(b.CustomID, customid.PrefixQuotes+":") {
					return true
				}
			}
		}
		return false
	}
	if !hasQuotesButton(first) || !strings.Contains(first.Messages[0], "Il explique que l'espionnage") {
		t.Fatalf("the LLM answer:\n%s", first.Messages[0])
	}
	english := click(first)
	if english.Type != discordgo.InteractionResponseUpdateMessage || !hasQuotesButton(english) || !strings.Contains(english.Messages[0], "✓ Verified quote") {
		t.Errorf("toggled to English: type %d, the exact quotes button %v:\n%s", english.Type, hasQuotesButton(english), english.Messages[0])
	}
	back := click(english)
	if back.Messages[0] != first.Messages[0] || !hasQuotesButton(back) {
		t.Errorf("toggled back:\n%s\nwant the first answer:\n%s", back.Messages[0], first.Messages[0])
	}
}
