package bot

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store/memory"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func FuzzComponent(f *testing.F) {
	for _, s := range []string{"x:7:fr", "t:en:a7.1/0-1", "t:fr:a5.2/0-99", "f:+", "topic", "x:-1:en", "t:en:a1.1/2-1,zz/0-1", "qz:w-a7.1-0:1a2b:0", "qz:c-c1.1:ffff:3"} {
		f.Add(s, "6")
	}
	h := newQuietHandler()
	f.Fuzz(func(t *testing.T, id, value string) {
		i := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: "fr",
			Data: discordgo.MessageComponentInteractionData{CustomID: id, Values: []string{value}}}
		r, err := h.reply(context.Background(), i)
		if err == nil && r == nil {
			t.Fatalf("Reply(%q, %q) = nil, nil", id, value)
		}
	})
}

// FuzzInteraction parses forged interaction bodies the way the HTTP
// endpoint does and replies to them: no input may panic the handler.
func FuzzInteraction(f *testing.F) {
	entries, _ := os.ReadDir("testdata/interactions")
	for _, e := range entries {
		f.Add(readPayload(f, "interactions/"+e.Name()))
	}
	f.Add([]byte(`{"type":2,"data":{"name":"source","options":[{"name":"exchange","type":4,"value":"5"}]}}`))
	f.Add([]byte(`{"type":4,"data":{"name":"ask","options":[{"name":"question","type":3,"value":12,"focused":true}]}}`))
	h := newQuietHandler()
	f.Fuzz(func(t *testing.T, body []byte) {
		var i discordgo.Interaction
		if json.Unmarshal(body, &i) != nil || i.Data == nil {
			return
		}
		h.reply(context.Background(), &i)
	})
}

// golden compares r, as Discord receives it, with testdata/golden/name.json.
func golden(t *testing.T, name string, r *Reply) {
	t.Helper()
	got, _ := json.MarshalIndent(r.Response(), "", "  ")
	got = append(got, '\n')
	path := "testdata/golden/" + name + ".json"
	if *update {
		os.WriteFile(path, got, 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bot -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("reply %s =\n%s\nwant:\n%s", name, got, want)
	}
}

// TestGoldenReplies renders the reply to each sample interaction as
// Discord receives it.
func TestGoldenReplies(t *testing.T) {
	h := newTestHandler(t)
	for _, name := range []string{"ask_fr", "ask_en", "ask_abstain", "ask_meta", "ask_closest", "topics", "about", "button_toggle", "autocomplete_ask"} {
		t.Run(name, func(t *testing.T) {
			var i discordgo.Interaction
			if err := json.Unmarshal(readPayload(t, "interactions/"+name+".json"), &i); err != nil {
				t.Fatal(err)
			}
			r, err := h.reply(context.Background(), &i)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name, r)
		})
	}
}

// TestRandomQuoteShortSentences: an interview whose answers have no
// sentence long enough to stand alone still gets a quote, not a panic.
func TestRandomQuoteShortSentences(t *testing.T) {
	iv := *corpus.Default()
	iv.Paragraphs = slices.Clone(iv.Paragraphs)
	for i := range iv.Paragraphs {
		if p := &iv.Paragraphs[i]; p.IsInterviewee() {
			p.FR, p.EN = []string{"Oui."}, []string{"Yes."}
		}
	}
	h := NewHandler(answer.NewService(retrieval.New(&iv, retrieval.DefaultOptions()), answer.Options{}), Options{State: memory.New(10), Local: memory.New(1)})
	if r := h.randomQuote(lang.French, false); !strings.Contains(r.Messages[0], "« Oui. »") {
		t.Errorf("randomQuote = %q; want a short sentence", r.Messages)
	}
}
