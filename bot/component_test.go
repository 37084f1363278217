package bot

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/store/memory"
)

func TestCustomIDs(t *testing.T) {
	h := newTestHandler(t)
	a, err := h.answers.Answer(context.Background(), answer.Request{Text: "Are we back in the 1930s?"})
	if err != nil {
		t.Fatal(err)
	}
	q := quotesID{Prefix: idToggle, Lang: "fr"}
	for _, c := range a.Citations {
		q.Refs = append(q.Refs, answer.Citation{ID: c.ID, From: c.From, To: c.To})
	}
	if got, err := parseQuotesID(q.format()); err != nil || !reflect.DeepEqual(got, q) {
		t.Errorf("parseQuotesID(%q) = %+v, %v; want %+v", q.format(), got, err, q)
	}
	x := exchangeID{Exchange: 7, Lang: "en"}
	if got, err := parseExchangeID(x.format()); err != nil || got != x {
		t.Errorf("parseExchangeID(%q) = %+v, %v; want %+v", x.format(), got, err, x)
	}
	for _, up := range []bool{true, false} {
		if got, err := parseFeedbackID(feedbackID{up}.format()); err != nil || got.Up != up {
			t.Errorf("parseFeedbackID(%q) = %+v, %v", feedbackID{up}.format(), got, err)
		}
	}
	for _, bad := range []string{"t:", "t:de:a1.1/0-1", "t:en:a1.1", "t:en:a1.1/x-1", "x:en:a1.1/0-1"} {
		if _, err := parseQuotesID(bad); err == nil {
			t.Errorf("parseQuotesID(%q) succeeded; want an error", bad)
		}
	}
	for _, bad := range []string{"x:", "x:-1:en", "x:seven:en", "t:7:en"} {
		if _, err := parseExchangeID(bad); err == nil {
			t.Errorf("parseExchangeID(%q) succeeded; want an error", bad)
		}
	}
}

// FuzzCustomIDs checks every codec against forged IDs: a parse that
// succeeds gives a value that formats to an ID parsing back to itself.
func FuzzCustomIDs(f *testing.F) {
	for _, s := range []string{"x:7:fr", "t:en:a7.1/0-1", "s:fr:a5.2/0-99,a1.1/1-2", "f:+", "x:-1:en", "t:en:a1.1/2-1,zz/0-1",
		"t:fr:a8.1/0-2:0123456789abcdef0123456789abcdef", "qz:w-a7.1-0:1a2b:0", "qz:c-c1.1:ffff:3", "qz:g-0a1b2c3d:0000:04",
		"qz:w-a7.1-0:1a2b:0:t1796640000000", "qz:w-a7.1-0:1a2b:0:t017", "qz:w-a7.1-0:1a2b:0:t", "qz:w-a7.1-0:1a2b:0:1", "t:fr:" + strings.Repeat("a1.1/0-1,", 8) + "a1.1/0-1:0123456789abcdef0123456789abcdef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if x, err := parseExchangeID(id); err == nil {
			if y, err := parseExchangeID(x.format()); err != nil || y != x && x.Lang != "" {
				t.Fatalf("exchangeID %q: %+v formats to %q, which parses to %+v, %v", id, x, x.format(), y, err)
			}
		}
		if q, err := parseQuotesID(id); err == nil && q.format() != "" {
			if !strings.HasSuffix(q.format(), ":"+q.Answer) {
				q.Answer = "" // dropped, to fit: the quotes come first
			}
			if r, err := parseQuotesID(q.format()); err != nil || !reflect.DeepEqual(r, q) {
				t.Fatalf("quotesID %q: %+v formats to %q, which parses to %+v, %v", id, q, q.format(), r, err)
			}
		}
		if n, err := parseTopicValue(id); err == nil {
			if m, err := parseTopicValue(topicValue(n)); err != nil || m != n {
				t.Fatalf("topic value %q: %d formats to %q, which parses to %d, %v", id, n, topicValue(n), m, err)
			}
		}
		if v, err := parseFeedbackID(id); err == nil && v.format() != id {
			t.Fatalf("feedbackID %q formats back to %q", id, v.format())
		}
		if q, err := parseQuizID(id); err == nil && (q.format() != id || len(id) > maxCustomID) {
			t.Fatalf("quizID %q: %+v formats back to %q", id, q, q.format())
		}
	})
}

// TestToggleKeepsQuestion: the language toggle under an answer carries
// the answer's name in the cache, and the updated message shows the
// question again, from the cache, without reading the old message.
func TestToggleKeepsQuestion(t *testing.T) {
	h := newStateHandler(t, memory.New(100), unlimited)
	r := reply(h, interaction(t, "ask_fr.json", nil))
	var toggle string
	for _, row := range r.Components {
		for _, c := range row.(discordgo.ActionsRow).Components {
			if b, ok := c.(discordgo.Button); ok && strings.HasPrefix(b.CustomID, idToggle+":") {
				toggle = b.CustomID
			}
		}
	}
	q, err := parseQuotesID(toggle)
	if err != nil || len(q.Answer) != 32 {
		t.Fatalf("toggle ID %q: %+v, %v; want one carrying the answer's ref", toggle, q, err)
	}
	click := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: "fr", GuildID: "g1",
		Data: discordgo.MessageComponentInteractionData{CustomID: toggle}}
	up := reply(h, click)
	if up.Type != discordgo.InteractionResponseUpdateMessage || !strings.HasPrefix(up.Messages[0], "**Question:** les etats vont") {
		t.Errorf("toggle = type %d, %.120q; want the answer updated in English, under its question", up.Type, up.Messages)
	}
}
