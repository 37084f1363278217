package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
)

// restTransport sends replies through Discord's REST API.
type restTransport struct {
	s *discordgo.Session
}

var _ Transport = restTransport{}

func (t restTransport) Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	return t.s.InteractionRespond(i, r, discordgo.WithContext(ctx))
}

// EditOriginal edits through a rate-limit bucket of the interaction's own:
// discordgo's InteractionResponseEdit puts every interaction token in one
// bucket, so concurrent edits for different users would queue behind each
// other.
func (t restTransport) EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error {
	ep := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	_, err := t.s.RequestWithBucketID("PATCH", ep, e, ep, discordgo.WithContext(ctx))
	return err
}

// Followup posts through the interaction's own bucket, for the same reason.
func (t restTransport) Followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error {
	ep := discordgo.EndpointWebhookToken(i.AppID, i.Token)
	_, err := t.s.RequestWithBucketID("POST", ep+"?wait=true", p, ep, discordgo.WithContext(ctx))
	return err
}

// DeleteOriginal deletes through the interaction's own bucket.
func (t restTransport) DeleteOriginal(ctx context.Context, i *discordgo.Interaction) error {
	ep := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
	_, err := t.s.RequestWithBucketID("DELETE", ep, nil, ep, discordgo.WithContext(ctx))
	return err
}
