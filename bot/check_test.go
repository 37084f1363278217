package bot

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/check"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/llm"
	"github.com/interviewbot/interviewbot/retrieval"
)

// TestCheckGolden: what /check shows for each verdict, in French and in
// English, golden; the message command shows the same for a message's
// text; no reply pings, and words are shown as Smith's only when his.
func TestCheckGolden(t *testing.T) {
	h := newTestHandler(t)
	tt := []struct{ name, text string }{
		{"verbatim", "Smith a dit « L’espionnage fait partie de l’activité des Etats »"},
		{"altered", "Smith: « L’espionnage fait partie de l’activité des entreprises depuis leur apparition »"},
		{"negation", "Il a dit \"nous défendons l’arrêt de cette activité\""},
		{"wrong_speaker", "Smith says \"Microsoft joue une étonnante partition\""},
		{"supported", "Smith says espionage has been part of what states do since they first existed"},
		{"not_in_interview", "Smith loves cooking pasta @everyone"},
	}
	for _, tc := range tt {
		for _, locale := range []discordgo.Locale{discordgo.French, discordgo.EnglishUS} {
			i := command("check", 0, opt("claim", tc.text))
			i.Locale = locale
			r := reply(h, i)
			golden(t, "check_"+tc.name+"_"+string(locale)[:2], r)
			if strings.Contains(r.Messages[0], "@everyone") && !strings.Contains(r.Messages[0], "@\u200beveryone") {
				t.Errorf("%s: the reply echoes a ping: %q", tc.name, r.Messages[0])
			}
		}
	}
	// The message command checks the message it is run on.
	i := interaction(t, "check_message.json", nil)
	r := reply(h, i)
	if !strings.Contains(r.Messages[0], "Citation modifiée") || !strings.Contains(r.Messages[0], "~~etats~~") {
		t.Errorf("Check with the interview on a misquote: %q", r.Messages[0])
	}
	// A message of thousands of characters is refused, kindly.
	long := interaction(t, "check_message.json", func(i *discordgo.Interaction) {
		data := i.Data.(discordgo.ApplicationCommandInteractionData)
		data.Resolved.Messages[data.TargetID].Content = strings.Repeat("Smith a dit « L’espionnage fait partie » ", 60)
	})
	if r := reply(h, long); !r.Ephemeral || !strings.Contains(r.Messages[0], "trop long") {
		t.Errorf("a 2,500-character message: %q", r.Messages)
	}
	// It links to the message checked, without an embed.
	data := i.Data.(discordgo.ApplicationCommandInteractionData)
	target := data.Resolved.Messages[data.TargetID]
	if link := "(<https://discord.com/channels/" + i.GuildID + "/" + target.ChannelID + "/" + target.ID + ">)"; !strings.HasPrefix(r.Messages[0], "-# ↪ Vérifié : [ce message]"+link+"\n") {
		t.Errorf("the reply does not open with a link to the message checked, %s: %q", link, r.Messages[0])
	}
}

// newJudgedHandler is a test handler whose checker has a model: a
// scripted OpenAI-compatible server on loopback, through the real
// go-openai client, that replies what *current holds.
func newJudgedHandler(t *testing.T, current *atomic.Value, opts ...func(*Options)) *Handler {
	ai := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		chat(current.Load().(string))(w)
	}))
	t.Cleanup(ai.Close)
	client := llm.New(llm.Config{BaseURL: ai.URL + "/v1", Model: "test-model", Timeout: 2 * time.Second, JSONMode: true})
	checker := check.New(retrieval.New(corpus.Default(), retrieval.DefaultOptions()),
		check.Options{Model: &answer.Model{Generate: client.Generate, Name: "test-model", Timeout: 2 * time.Second}})
	return newTestHandler(t, append(opts, func(o *Options) { o.Checker = checker })...)
}

// TestCheckJudgedGolden: a model's verdicts on claims without quotation,
// golden in both languages, each with the sentences it rests on; with
// the model turned off in the server, the offline result.
func TestCheckJudgedGolden(t *testing.T) {
	var current atomic.Value
	h := newJudgedHandler(t, &current)
	tt := []struct{ name, text, reply string }{
		{"supported", "Smith says companies must not stay silent any more",
			`{"verdict": "supported", "cites": ["a5.2/3"], "text_says": "Businesses must not stay silent."}`},
		{"contradicted", "Smith thinks companies matter more than governments",
			`{"verdict": "contradicted", "cites": ["a2.1/4"], "text_says": "The role of governments is more important than that of companies."}`},
		{"not_in_interview", "Smith says the United States signed the Paris Call",
			`{"verdict": "not_addressed", "cites": [], "text_says": ""}`},
	}
	for _, tc := range tt {
		current.Store(tc.reply)
		for _, locale := range []discordgo.Locale{discordgo.French, discordgo.EnglishUS} {
			i := command("check", 0, opt("claim", tc.text))
			i.Locale = locale
			golden(t, "check_judged_"+tc.name+"_"+string(locale)[:2], reply(h, i))
		}
	}
	off := unlimited
	off.LLM = false
	h = newJudgedHandler(t, &current, func(o *Options) { o.Defaults = &off })
	current.Store(tt[0].reply)
	if r := reply(h, command("check", 0, opt("claim", tt[0].text))); strings.Contains(r.Messages[0], "test-model") {
		t.Errorf("with the model off, the reply names it:\n%s", r.Messages[0])
	}
}

// TestCheckJudgedDefers: with the model on, a check is deferred at once,
// then the deferred response is edited with the verdict.
func TestCheckJudgedDefers(t *testing.T) {
	var current atomic.Value
	current.Store(`{"verdict": "not_addressed", "cites": [], "text_says": ""}`)
	e := newSignedEndpoint(t, newJudgedHandler(t, &current))
	status, out := e.post(t, readPayload(t, "interactions/check_slash.json"), time.Now(), nil)
	var cb callback
	json.Unmarshal(out, &cb)
	if status != 200 || cb.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Fatalf("first response %d %s; want a deferral", status, out)
	}
	edit := e.fake.next("/messages/@original")
	var msg struct{ Content string }
	json.Unmarshal(edit.body, &msg)
	if !strings.Contains(msg.Content, "étonnante partition") {
		t.Errorf("edited reply: %q", msg.Content)
	}
}
