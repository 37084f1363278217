package bot

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/store/memory"
)

func TestCustomIDs(t *testing.T) {
	h := newTestHandler(t)
	a, err := h.answers.Answer(context.Background(), answer.Request{Text: "Are we back in the 1930s?"})
	if err != nil {
		t.Fatal(err)
	}
	q := customid.Quotes{Prefix: customid.PrefixToggle, Lang: "fr"}
	for _, c := range a.Citations {
		q.Refs = append(q.Refs, answer.Citation{ID: c.ID, From: c.From, To: c.To})
	}
	if got, err := customid.ParseQuotes(q.Format()); err != nil || !reflect.DeepEqual(got, q) {
		t.Errorf("ParseQuotes(%q) = %+v, %v; want %+v", q.Format(), got, err, q)
	}
	x := customid.Exchange{Exchange: 7, Lang: "en"}
	if got, err := customid.ParseExchange(x.Format()); err != nil || got != x {
		t.Errorf("ParseExchange(%q) = %+v, %v; want %+v", x.Format(), got, err, x)
	}
	for _, up := range []bool{true, false} {
		if got, err := customid.ParseFeedback(customid.Feedback{Up: up}.Format()); err != nil || got.Up != up {
			t.Errorf("ParseFeedback(%q) = %+v, %v", customid.Feedback{Up: up}.Format(), got, err)
		}
	}
	for _, bad := range []string{"t:", "t:de:a1.1/0-1", "t:en:a1.1", "t:en:a1.1/x-1", "x:en:a1.1/0-1"} {
		if _, err := customid.ParseQuotes(bad); err == nil {
			t.Errorf("ParseQuotes(%q) succeeded; want an error", bad)
		}
	}
	for _, bad := range []string{"x:", "x:-1:en", "x:seven:en", "t:7:en"} {
		if _, err := customid.ParseExchange(bad); err == nil {
			t.Errorf("ParseExchange(%q) succeeded; want an error", bad)
		}
	}
}

// TestQuizLetters: a quiz's buttons are lettered, one letter a choice
// that a custom ID may carry.
func TestQuizLetters(t *testing.T) {
	if len(md.Letters) != customid.MaxChoices {
		t.Errorf("%d letters for %d choices", len(md.Letters), customid.MaxChoices)
	}
}

// TestToggleKeepsQuestion: the language toggle under an answer carries
// the answer's name in the cache; the asker's click updates the message,
// anyone else's answers them alone, and either shows the question as the
// message does: in its asker's words.
func TestToggleKeepsQuestion(t *testing.T) {
	h := newStateHandler(t, memory.New(100), unlimited)
	r := reply(h, interaction(t, "ask_fr.json", nil))
	var toggle string
	for _, row := range r.Components {
		for _, c := range row.(discordgo.ActionsRow).Components {
			if b, ok := c.(discordgo.Button); ok && strings.HasPrefix(b.CustomID, customid.PrefixToggle+":") {
				toggle = b.CustomID
			}
		}
	}
	q, err := customid.ParseQuotes(toggle)
	if err != nil || len(q.Answer) != 32 {
		t.Fatalf("toggle ID %q: %+v, %v; want one carrying the answer's ref", toggle, q, err)
	}
	asked := interaction(t, "ask_fr.json", nil)
	msg := &discordgo.Message{ID: "m1", Content: r.Messages[0], Components: r.Components,
		InteractionMetadata: &discordgo.MessageInteractionMetadata{User: &discordgo.User{ID: userID(asked)}}}
	click := func(user string) *Reply {
		return reply(h, &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: "fr", GuildID: "g1", Message: msg,
			Member: &discordgo.Member{User: &discordgo.User{ID: user}}, Data: discordgo.MessageComponentInteractionData{CustomID: toggle}})
	}
	// The asker's click updates the answer, under their own words.
	line, _, _ := strings.Cut(r.Messages[0], "\n")
	want := strings.Replace(line, "**Question :**", "**Question:**", 1)
	up := click(userID(asked))
	if up.Type != discordgo.InteractionResponseUpdateMessage || up.Ephemeral || !strings.HasPrefix(up.Messages[0], want+"\n\n") || !strings.Contains(up.Messages[0], "Translation (ours") {
		t.Errorf("the asker's toggle = type %d, ephemeral %v, %.160q; want the answer updated in English, under %q", up.Type, up.Ephemeral, up.Messages, want)
	}
	// A toggle that is not a button of the message clicked is refused:
	// it could pair the message's question with another answer.
	msg.Components = nil
	if forged := click(userID(asked)); !forged.Ephemeral || !strings.Contains(forged.Messages[0], "Je ne reconnais pas") {
		t.Errorf("a toggle not on the message = %.120q; want it refused", forged.Messages)
	}
	msg.Components = r.Components
	// Anyone else's shows it to them alone, the message untouched.
	other := click("someone-else")
	if other.Type == discordgo.InteractionResponseUpdateMessage || !other.Ephemeral || !strings.HasPrefix(other.Messages[0], want+"\n\n") {
		t.Errorf("another member's toggle = type %d, ephemeral %v, %.120q; want the English answer to them alone", other.Type, other.Ephemeral, other.Messages)
	}
}
