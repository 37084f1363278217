package transport

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// restResponder sends replies through Discord's REST API.
type restResponder struct {
	s *discordgo.Session
}

var _ Responder = restResponder{}

// Respond sends the first response.
func (t restResponder) Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	ep := discordgo.EndpointInteractionResponse(i.ID, i.Token)
	_, err := t.s.RequestWithBucketID("POST", ep, wire(r), ep, discordgo.WithContext(ctx))
	return RESTError(t.s.Client, err)
}

// wire is r as Discord documents it. discordgo writes tts, content,
// components and embeds into every response, deferrals and autocomplete
// results included, whose schemas have no such fields; and it drops an
// empty list of autocomplete choices (omitempty), which Discord requires,
// showing "Loading options failed" without.
func wire(r *discordgo.InteractionResponse) any {
	w := wireResponse{Type: r.Type}
	d := r.Data
	if d == nil {
		d = &discordgo.InteractionResponseData{}
	}
	switch r.Type {
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		choices := d.Choices
		if choices == nil {
			choices = []*discordgo.ApplicationCommandOptionChoice{}
		}
		w.Data = &wireData{Choices: &choices}
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
		w.Data = &wireData{Content: &d.Content, AllowedMentions: d.AllowedMentions, Flags: d.Flags}
		components := d.Components
		if components == nil && r.Type == discordgo.InteractionResponseUpdateMessage {
			components = []discordgo.MessageComponent{} // removes the old buttons
		}
		if components != nil {
			plain := wireComponents(components)
			w.Data.Components = &plain
		}
	case discordgo.InteractionResponsePong, discordgo.InteractionResponseDeferredChannelMessageWithSource,
		discordgo.InteractionResponseDeferredMessageUpdate: // at most the ephemeral flag
		if d.Flags != 0 {
			w.Data = &wireData{Flags: d.Flags}
		}
	default: // a kind the bot does not send (a modal): as discordgo writes it
		return r
	}
	return w
}

// wireComponents is cs as discordgo writes them, without discordgo's
// MarshalJSON methods: each marshals its component on its own, and the
// response's encoder then scans the result again. Kinds the bot does not
// use are left to discordgo.
func wireComponents(cs []discordgo.MessageComponent) []any {
	out := make([]any, len(cs))
	for n, c := range cs {
		switch c := c.(type) {
		case discordgo.ActionsRow:
			type row discordgo.ActionsRow
			out[n] = struct {
				row
				Components []any                   `json:"components"`
				Type       discordgo.ComponentType `json:"type"`
			}{row(c), wireComponents(c.Components), c.Type()}
		case discordgo.Button:
			type button discordgo.Button
			if c.Style == 0 {
				c.Style = discordgo.PrimaryButton // as discordgo does
			}
			out[n] = struct {
				button
				Type discordgo.ComponentType `json:"type"`
			}{button(c), c.Type()}
		case discordgo.SelectMenu:
			type menu discordgo.SelectMenu
			out[n] = struct {
				menu
				Type discordgo.ComponentType `json:"type"`
			}{menu(c), c.Type()}
		default:
			out[n] = c
		}
	}
	return out
}

// wireResponse is an interaction response as sent.
type wireResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *wireData                         `json:"data,omitempty"`
}

type wireData struct {
	Content         *string                                      `json:"content,omitempty"`
	Components      *[]any                                       `json:"components,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions            `json:"allowed_mentions,omitempty"`
	Flags           discordgo.MessageFlags                       `json:"flags,omitempty"`
	Choices         *[]*discordgo.ApplicationCommandOptionChoice `json:"choices,omitempty"`
}

// EditOriginal edits through a rate-limit bucket of the interaction's own:
// discordgo's InteractionResponseEdit puts every interaction token in one
// bucket, so concurrent edits for different users would queue behind each
// other.
func (t restResponder) EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	ep := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	_, err := t.s.RequestWithBucketID("PATCH", ep, e, ep, discordgo.WithContext(ctx))
	return RESTError(t.s.Client, err)
}

// Followup posts through the interaction's own bucket, for the same reason.
func (t restResponder) Followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error {
	ep := discordgo.EndpointWebhookToken(i.AppID, i.Token)
	_, err := t.s.RequestWithBucketID("POST", ep+"?wait=true", p, ep, discordgo.WithContext(ctx))
	return RESTError(t.s.Client, err)
}

// DeleteOriginal deletes through the interaction's own bucket.
func (t restResponder) DeleteOriginal(ctx context.Context, i *discordgo.Interaction) error {
	ep := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	_, err := t.s.RequestWithBucketID("DELETE", ep, nil, ep, discordgo.WithContext(ctx))
	return RESTError(t.s.Client, err)
}

// DefaultAPIURL is Discord's REST API, version 10.
const DefaultAPIURL = "https://discord.com/api/v10"

// apiVersion is the gateway's version, which discordgo reads from a
// package variable when it connects; REST goes through RESTClient.
const apiVersion = "10"

// RESTClient returns a copy of next (http.DefaultClient's settings if
// nil) that sends every request for discordgo's REST base (its own API
// version, on discord.com) to base instead: Discord's v10 API by default,
// or a shared rate-limit proxy in front of it (nirn-proxy,
// twilight-http-proxy), or a fake in tests.
func RESTClient(base string, next *http.Client) (*http.Client, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("want an http:// or https:// URL such as %s, got %q", DefaultAPIURL, base)
	}
	c := &http.Client{Timeout: 20 * time.Second}
	if next != nil {
		cp := *next
		c = &cp
	}
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	c.Transport = apiBase{to: u, next: rt}
	return c, nil
}

// RESTError returns err, a REST call's through c (RESTClient's), naming
// the URL the request was sent to. discordgo builds its URLs on its own
// base (https://discord.com/api/v9/), which c sends to the configured
// one; but c's errors (*url.Error) name the URL discordgo gave it, and an
// operator who set DISCORD_API_URL would read of discord.com. Other
// errors, and errors already wrapped, are returned as they are.
// An interaction's token, in the URLs of its webhook and its callback, is
// a secret: it is left out of the errors.
func RESTError(c *http.Client, err error) error {
	ue, ok := err.(*url.Error)
	if !ok {
		return err
	}
	u := tokenInURL.ReplaceAllString(ue.URL, "${1}[token]")
	if c != nil {
		if a, ok := c.Transport.(apiBase); ok {
			if rest, cut := strings.CutPrefix(u, discordgo.EndpointAPI); cut {
				u = a.to.String() + "/" + rest
			}
		}
	}
	return &url.Error{Op: ue.Op, URL: u, Err: ue.Err}
}

// tokenInURL finds an interaction's token in a REST URL: after
// /webhooks/{application} or /interactions/{interaction}.
var tokenInURL = regexp.MustCompile(`(/(?:webhooks|interactions)/[0-9]+/)[^/?#]+`)

// apiBase rewrites discordgo's REST URLs to another base.
type apiBase struct {
	to   *url.URL
	next http.RoundTripper
}

func (a apiBase) RoundTrip(r *http.Request) (*http.Response, error) {
	if rest, ok := strings.CutPrefix(r.URL.String(), discordgo.EndpointAPI); ok {
		u, err := url.Parse(a.to.String() + "/" + rest)
		if err != nil {
			return nil, fmt.Errorf("discord: rewriting %s: %w", r.URL, err)
		}
		r = r.Clone(r.Context())
		r.URL, r.Host = u, u.Host
	}
	return a.next.RoundTrip(r)
}
