package bot

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// echoCommand is a throw-away command: that this file alone adds it, with
// no other edit, is what the command table is for.
var echoCommand = &slashCommand{
	name: "echo",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Description: "Say it back"}
	},
	run: func(h *Handler, c *call) (*Reply, error) {
		s, _ := stringOption(c.data.Options, "text")
		return message("echo: "+s, true), nil
	},
	complete: func(h *Handler, c *call) *Reply {
		return suggestions([]*discordgo.ApplicationCommandOptionChoice{{Name: "hello", Value: "hello"}})
	},
	components: []*componentKind{{prefix: "echo", click: func(h *Handler, c *click) (*Reply, error) {
		return message("clicked "+c.data.CustomID, true), nil
	}}},
}

func TestCommandTable(t *testing.T) {
	h := newTestHandler(t)
	h.commands = append(newCommandTable(), echoCommand)
	names := []string{}
	for _, c := range h.commands.define(corpus.Default()) {
		names = append(names, c.Name)
	}
	if !slices.Contains(names, "echo") {
		t.Errorf("commands defined = %v; want echo registered", names)
	}
	if r := reply(h, command("echo", 0, opt("text", "hi"))); r.Messages[0] != "echo: hi" {
		t.Errorf("/echo = %q; want it routed to its handler", r.Messages)
	}
	ac := command("echo", 0, &discordgo.ApplicationCommandInteractionDataOption{Name: "text", Value: "h", Focused: true})
	ac.Type = discordgo.InteractionApplicationCommandAutocomplete
	if r, err := h.reply(context.Background(), ac); err != nil || len(r.Choices) != 1 {
		t.Errorf("/echo autocomplete = %+v, %v; want its choices", r, err)
	}
	button := &discordgo.Interaction{Type: discordgo.InteractionMessageComponent, Locale: "en",
		Data: discordgo.MessageComponentInteractionData{CustomID: "echo:again"}}
	if r := reply(h, button); r.Messages[0] != "clicked echo:again" {
		t.Errorf("a click on /echo's button = %q; want it routed to its kind", r.Messages)
	}
	if r := reply(h, command("nosuch", 0)); !strings.Contains(r.Messages[0], "recognise") {
		t.Errorf("/nosuch = %q; want an unknown-interaction message", r.Messages)
	}
}

// TestHelp: /help lists every command, the moderators' apart, in the
// user's language, names included.
func TestHelp(t *testing.T) {
	h := newTestHandler(t)
	en := reply(h, command("help", 0))
	fr := reply(h, func() *discordgo.Interaction { i := command("help", 0); i.Locale = discordgo.French; return i }())
	for _, c := range newCommandTable() {
		if c.define(corpus.Default()).Type == discordgo.MessageApplicationCommand {
			if !strings.Contains(en.Messages[0], "**"+c.name+"**") || !strings.Contains(fr.Messages[0], "**"+c.fr+"**") {
				t.Errorf("/help lacks the message command %q", c.name)
			}
			continue
		}
		if !strings.Contains(en.Messages[0], "**/"+c.name+"**") {
			t.Errorf("/help in English lacks /%s:\n%s", c.name, en.Messages[0])
		}
		if !strings.Contains(fr.Messages[0], "**/"+cmp.Or(c.fr, c.name)+"**") {
			t.Errorf("/help in French lacks /%s:\n%s", cmp.Or(c.fr, c.name), fr.Messages[0])
		}
	}
	if i, j := strings.Index(en.Messages[0], "Moderators"), strings.Index(en.Messages[0], "/settings"); i < 0 || j < i || !en.Ephemeral {
		t.Errorf("/help: moderators' commands not in their own section, or not private:\n%s", en.Messages[0])
	}
}
