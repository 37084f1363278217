package bot

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/transport"
)

// namedCommand finds a command a reply names: "/ask", "/quiz reset".
var namedCommand = regexp.MustCompile(`(?:^|[\s(*_>"«“'\x60])(/[\p{L}\p{N}_-]+)(?: ([\p{L}\p{N}_-]+))?`)

// TestCommandNamesInReplies: every command a reply names, in French and
// in English, is one the user's client shows in that locale: the names
// come from the table that registers them.
func TestCommandNamesInReplies(t *testing.T) {
	h := newTestHandler(t)
	registered := map[discordgo.Locale]map[string]bool{discordgo.French: {}, discordgo.EnglishUS: {}}
	for en, fr := range transport.FrenchNames(h.commands.define(h.iv)) {
		registered[discordgo.EnglishUS][en] = true
		registered[discordgo.French][fr] = true
	}
	entries, err := os.ReadDir("testdata/interactions")
	if err != nil {
		t.Fatal(err)
	}
	extra := []*discordgo.Interaction{
		command("about", 0), command("help", 0), command("settings", 0, opt("view", nil)), command("stats", 0),
		command("quiz", 0, opt("leaderboard", nil)), command("quiz", 0, opt("reset", nil)), command("quiz", 0, opt("stop", nil)),
		command("glossary", 0, opt("term", "zzz")), command("quote", 0, opt("topic", "la météo à Paris")),
	}
	seen := 0
	for _, locale := range []discordgo.Locale{discordgo.French, discordgo.EnglishUS} {
		var all []*discordgo.Interaction
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".json") && !strings.Contains(e.Name(), "forged") {
				all = append(all, interaction(t, e.Name(), nil))
			}
		}
		for _, i := range append(all, extra...) {
			i.Locale = locale
			r := reply(h, i)
			for _, m := range r.Messages {
				for _, ref := range namedCommand.FindAllStringSubmatch(m, -1) {
					seen++
					if !registered[locale][ref[1]] {
						t.Errorf("%s, %s: a reply names %s, which the client does not show:\n%s", locale, transport.InteractionName(i), ref[1], m)
					} else if sub := ref[1] + " " + ref[2]; ref[2] != "" && !registered[locale][sub] && registered[discordgo.EnglishUS][sub] {
						t.Errorf("%s, %s: a reply names %s %s in English", locale, transport.InteractionName(i), ref[1], ref[2])
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no reply names a command: the test sees nothing")
	}
}

// TestHelpSaysWhatTheModeOffers: /help speaks of @mentions only where a
// gateway reads them, not behind an HTTP endpoint.
func TestHelpSaysWhatTheModeOffers(t *testing.T) {
	h := newTestHandler(t)
	if r := reply(h, command("help", 0)); strings.Contains(r.Messages[0], "Mention the bot") {
		t.Errorf("/help without a gateway offers mentions:\n%s", r.Messages[0])
	}
	h.mentionsOn.Store(true)
	if r := reply(h, command("help", 0)); !strings.Contains(r.Messages[0], "Mention the bot") {
		t.Errorf("/help with a gateway reading mentions does not say so:\n%s", r.Messages[0])
	}
}

// TestAutocompleteWhole: /ask's suggestions are whole (a topic, or a
// question of the interview that fits), never cut: picking one asks what
// it reads.
func TestAutocompleteWhole(t *testing.T) {
	h := newTestHandler(t)
	for _, locale := range []discordgo.Locale{discordgo.French, discordgo.EnglishUS} {
		for _, typed := range []string{"", "espionnage", "Google", "cyber", "démocratie", strings.Repeat("long ", 30)} {
			i := interaction(t, "autocomplete_ask.json", func(i *discordgo.Interaction) {
				data := i.Data.(discordgo.ApplicationCommandInteractionData)
				data.Options[0].Value = typed
				i.Data = data
			})
			i.Locale = locale
			r := reply(h, i)
			for _, c := range r.Choices {
				if n := len([]rune(c.Name)); n > 100 || strings.HasSuffix(c.Name, "…") || c.Value != c.Name {
					t.Errorf("%s, %q: a choice of %d characters, cut or not what it asks: %q", locale, typed, n, c.Name)
				}
			}
		}
	}
}

// TestMeterLabelsHoldEveryKind: every outcome a user error can have, as
// the code writes it, is among the labels the metrics start with.
func TestMeterLabelsHoldEveryKind(t *testing.T) {
	_, outcomes := MeterLabels()
	files, _ := filepath.Glob("*.go")
	kind := regexp.MustCompile(`kind:\s*"([a-z_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range kind.FindAllStringSubmatch(string(src), -1) {
			if !slices.Contains(outcomes, m[1]) {
				t.Errorf("%s: the outcome %q is not in MeterLabels", f, m[1])
			}
		}
	}
}
