package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Responder sends an interaction's replies. The gateway and the HTTP
// endpoint send the first response differently; both edit and follow up
// through the REST API.
type Responder interface {
	// Respond sends the interaction's first response. It must be called
	// once, within 3 seconds.
	Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error
	// EditOriginal replaces the first response (after a deferral).
	EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error
	// Followup sends another message after the first.
	Followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error
	// DeleteOriginal removes the first response.
	DeleteOriginal(ctx context.Context, i *discordgo.Interaction) error
}

// Reply is what one interaction gets: one or more messages (the first is
// the interaction's response, the others follow it), or autocomplete
// choices.
type Reply struct {
	Type     discordgo.InteractionResponseType
	Messages []string
	// Components go with the last message, under the whole answer.
	Components []discordgo.MessageComponent
	Ephemeral  bool
	Choices    []*discordgo.ApplicationCommandOptionChoice
}

// NoMentions forbids every mention in a message: the bot echoes user text
// and quotes, and must never ping @everyone, a role or a user. It must be
// an empty list, not nil: discordgo encodes a nil Parse as null, which
// Discord reads as "parse the defaults".
func NoMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// flags returns the message flags of the reply's messages.
func (r *Reply) flags() discordgo.MessageFlags {
	if r.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

// Response is the reply's first message as an interaction response.
func (r *Reply) Response() *discordgo.InteractionResponse {
	if r.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		return &discordgo.InteractionResponse{Type: r.Type, Data: &discordgo.InteractionResponseData{Choices: r.Choices}}
	}
	data := &discordgo.InteractionResponseData{Flags: r.flags(), AllowedMentions: NoMentions()}
	if len(r.Messages) > 0 {
		data.Content = r.Messages[0]
	}
	if len(r.Messages) <= 1 {
		data.Components = r.Components
	}
	return &discordgo.InteractionResponse{Type: r.Type, Data: data}
}

// edit is the reply's first message as an edit of a deferred response.
func (r *Reply) edit() *discordgo.WebhookEdit {
	content := ""
	if len(r.Messages) > 0 {
		content = r.Messages[0]
	}
	components := []discordgo.MessageComponent{}
	if len(r.Messages) <= 1 && r.Components != nil {
		components = r.Components
	}
	return &discordgo.WebhookEdit{Content: &content, Components: &components, AllowedMentions: NoMentions()}
}

// firstAsFollowup is the reply's first message as a follow-up.
func (r *Reply) firstAsFollowup() *discordgo.WebhookParams {
	p := &discordgo.WebhookParams{Flags: r.flags(), AllowedMentions: NoMentions()}
	if len(r.Messages) > 0 {
		p.Content = r.Messages[0]
	}
	if len(r.Messages) <= 1 {
		p.Components = r.Components
	}
	return p
}

// followups are the reply's messages after the first.
func (r *Reply) followups() []*discordgo.WebhookParams {
	var out []*discordgo.WebhookParams
	for i, m := range r.Messages {
		if i == 0 {
			continue
		}
		p := &discordgo.WebhookParams{Content: m, Flags: r.flags(), AllowedMentions: NoMentions()}
		if i == len(r.Messages)-1 {
			p.Components = r.Components
		}
		out = append(out, p)
	}
	return out
}

// Send sends r: as the first response, or, after the deferral, as its
// edit, then its follow-ups in order. A reply shown to the user alone
// after a deferral that was not, or after a toggle's (which would
// replace the message it sits on), is sent as an ephemeral follow-up
// instead, and a public "thinking…" is removed. Edits and follow-ups are
// retried once on a server error or a rate limit.
func Send(ctx context.Context, t Responder, i *discordgo.Interaction, r *Reply, deferred *discordgo.InteractionResponse) error {
	switch {
	case deferred != nil && r.Ephemeral && !ephemeralResponse(deferred):
		if deferred.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
			if err := retryOnce(ctx, func() error { return t.DeleteOriginal(ctx, i) }); err != nil {
				return fmt.Errorf("removing the deferred response: %w", err)
			}
		}
		for _, p := range append([]*discordgo.WebhookParams{r.firstAsFollowup()}, r.followups()...) {
			if err := retryOnce(ctx, func() error { return t.Followup(ctx, i, p) }); err != nil {
				return fmt.Errorf("following up: %w", err)
			}
		}
		return nil
	case deferred != nil:
		if err := retryOnce(ctx, func() error { return t.EditOriginal(ctx, i, r.edit()) }); err != nil {
			return fmt.Errorf("editing the deferred response: %w", err)
		}
	default:
		if err := t.Respond(ctx, i, r.Response()); err != nil {
			return fmt.Errorf("responding: %w", err)
		}
	}
	for _, p := range r.followups() {
		if err := retryOnce(ctx, func() error { return t.Followup(ctx, i, p) }); err != nil {
			return fmt.Errorf("following up: %w", err)
		}
	}
	return nil
}

// ephemeralResponse reports whether a deferral shows its reply to the
// user alone.
func ephemeralResponse(r *discordgo.InteractionResponse) bool {
	return r.Data != nil && r.Data.Flags&discordgo.MessageFlagsEphemeral != 0
}

// maxRetryWait bounds the wait before a retry, whatever Discord asks: an
// interaction's token lasts 15 minutes, a user's patience less.
const maxRetryWait = 5 * time.Second

// retryOnce calls fn, and once more if Discord answered with a server
// error or 429: after the retry_after it gave, else after a second. The
// first response is never retried this way: it has 3 seconds, and a
// retry could answer twice.
func retryOnce(ctx context.Context, fn func() error) error {
	err := fn()
	wait, ok := retryAfter(err)
	if !ok {
		return err
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return err
	case <-timer.C:
	}
	return fn()
}

// retryAfter reports whether err is a server error or a rate limit from
// Discord, and how long to wait before trying again.
func retryAfter(err error) (time.Duration, bool) {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return 0, false
	}
	switch code := re.Response.StatusCode; {
	case code == http.StatusTooManyRequests:
		var body struct {
			RetryAfter float64 `json:"retry_after"` // seconds
		}
		if json.Unmarshal(re.ResponseBody, &body) == nil && body.RetryAfter > 0 {
			return min(time.Duration(body.RetryAfter*float64(time.Second)), maxRetryWait), true
		}
		return time.Second, true
	case code >= 500:
		return time.Second, true
	}
	return 0, false
}

// Gone reports whether Discord refused a call for good: the channel is
// gone, the bot may not post there, or its token is invalid. No retry
// will do better.
func Gone(err error) bool {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return false
	}
	switch re.Response.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return true
	}
	return false
}
