package transport

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

type captureURL struct{ got *string }

func (c captureURL) RoundTrip(r *http.Request) (*http.Response, error) {
	*c.got = r.URL.String()
	return nil, errors.New("captured")
}

// TestRESTClient: every discordgo REST call goes to the configured base,
// Discord's v10 API by default, or a proxy.
func TestRESTClient(t *testing.T) {
	for base, want := range map[string]string{
		DefaultAPIURL:                         "https://discord.com/api/v10/channels/1",
		"http://proxy.internal:8080/api/v10/": "http://proxy.internal:8080/api/v10/channels/1",
	} {
		var got string
		c, err := RESTClient(base, &http.Client{Transport: captureURL{&got}})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := discordgo.New("Bot x")
		s.Client, s.MaxRestRetries = c, 0
		s.Channel("1")
		if got != want {
			t.Errorf("RESTClient(%q): a call went to %q; want %q", base, got, want)
		}
	}
	for _, bad := range []string{"discord.com/api", "ftp://x", ""} {
		if _, err := RESTClient(bad, nil); err == nil {
			t.Errorf("RESTClient(%q) succeeded; want an error", bad)
		}
	}
}

// TestRESTError: a REST call that fails on its way names the URL it was
// sent to, on the configured base, not the one discordgo built.
func TestRESTError(t *testing.T) {
	for _, base := range []string{DefaultAPIURL, "http://127.0.0.1:1/api/v10"} {
		c, err := RESTClient(base, &http.Client{Transport: captureURL{new(string)}})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := discordgo.New("Bot x")
		s.Client, s.MaxRestRetries = c, 0
		_, err = s.Channel("1")
		want := `Get "` + base + `/channels/1": captured`
		if got := RESTError(c, err); got == nil || got.Error() != want {
			t.Errorf("RESTError(%q, %v) = %v; want %s", base, err, got, want)
		}
	}
	// An interaction's token never reaches an error.
	c, _ := RESTClient("http://127.0.0.1:1/api", &http.Client{Transport: captureURL{new(string)}})
	s, _ := discordgo.New("Bot x")
	s.Client, s.MaxRestRetries = c, 0
	_, err := s.WebhookMessageEdit("1180000000000000777", "aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu", "@original", &discordgo.WebhookEdit{})
	if got := RESTError(c, err); got == nil || strings.Contains(got.Error(), "c2VjcmV0") || !strings.Contains(got.Error(), "/webhooks/1180000000000000777/[token]/messages/@original") {
		t.Errorf("RESTError of a webhook edit = %v; want the token left out", got)
	}
	other := errors.New("HTTP 401 Unauthorized")
	if got := RESTError(nil, other); got != other {
		t.Errorf("RESTError(nil, %v) = %v; want it unchanged", other, got)
	}
}

// TestWireComponents: the components the bot sends are written as
// discordgo writes them, without its MarshalJSON methods.
func TestWireComponents(t *testing.T) {
	components := []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "A", Style: discordgo.SecondaryButton, CustomID: "quiz:1", Disabled: true},
			discordgo.Button{Label: "plain", CustomID: "x"}, // no style: discordgo makes it primary
			discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: "fb:1"},
			discordgo.Button{Style: discordgo.LinkButton, Label: "Read", URL: "https://example.org/#a1.1"},
		}},
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{
			CustomID: "topics", Placeholder: "Choose", MinValues: new(1), MaxValues: 1,
			Options: []discordgo.SelectMenuOption{{Label: "1", Value: "1", Description: "one", Default: true}},
		}}},
	}
	want, err := json.Marshal(components)
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(wireComponents(components))
	if err != nil {
		t.Fatal(err)
	}
	var w, g any
	json.Unmarshal(want, &w)
	json.Unmarshal(got, &g)
	if !reflect.DeepEqual(w, g) {
		t.Errorf("components written\n%s\nwant, as discordgo writes them,\n%s", got, want)
	}
}

// TestSameCommandPermissions: a change of default permissions or contexts
// is a change to register, not "unchanged".
func TestSameCommandPermissions(t *testing.T) {
	perm := int64(discordgo.PermissionManageGuild)
	a := &discordgo.ApplicationCommand{Name: "stats", Description: "d"}
	b := &discordgo.ApplicationCommand{Name: "stats", Description: "d", DefaultMemberPermissions: &perm}
	c := &discordgo.ApplicationCommand{Name: "stats", Description: "d", Contexts: &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}}
	if sameCommand(a, b) || sameCommand(a, c) || !sameCommand(b, b) {
		t.Error("sameCommand ignores default permissions or contexts")
	}
}

// TestTypeName: autocomplete has a name in the log.
func TestTypeName(t *testing.T) {
	if got := TypeName(discordgo.InteractionApplicationCommandAutocomplete); got != "Autocomplete" {
		t.Errorf("TypeName(autocomplete) = %q; want Autocomplete", got)
	}
}
