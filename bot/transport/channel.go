package transport

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Channels sends messages in a channel outside any interaction and makes
// other REST calls. *discordgo.Session is one.
type Channels interface {
	RequestWithBucketID(method, urlStr string, data any, bucketID string, options ...discordgo.RequestOption) ([]byte, error)
}

var _ Channels = (*discordgo.Session)(nil)

// restError is RESTError for a call through ch, when ch is a session.
func restError(ch Channels, err error) error {
	if s, ok := ch.(*discordgo.Session); ok {
		return RESTError(s.Client, err)
	}
	return err
}

// PostOnce posts a message in a channel, components under it, with a
// nonce that Discord enforces: another message with the same nonce,
// within minutes, gets the first one back, so that a step run again
// does not post twice. (discordgo's MessageSend has no enforce_nonce.)
func PostOnce(ctx context.Context, ch Channels, channelID, content string, components []discordgo.MessageComponent, nonce string) (*discordgo.Message, error) {
	body := struct {
		Content         string                            `json:"content"`
		Components      []any                             `json:"components,omitempty"`
		AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
		Nonce           string                            `json:"nonce"`
		EnforceNonce    bool                              `json:"enforce_nonce"`
	}{content, nil, NoMentions(), nonce, true}
	if len(components) > 0 {
		body.Components = wireComponents(components)
	}
	endpoint := discordgo.EndpointChannelMessages(channelID)
	raw, err := ch.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		return nil, restError(ch, err)
	}
	var m discordgo.Message
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("the message posted: %w", err)
	}
	return &m, nil
}

// EditComponents replaces a message's components. discordgo's
// MessageEdit would send its ID and channel in the body too, which
// Discord's schema does not have.
func EditComponents(ctx context.Context, ch Channels, channelID, messageID string, components []discordgo.MessageComponent) error {
	body := struct {
		Components []any `json:"components"`
	}{wireComponents(components)}
	endpoint := discordgo.EndpointChannelMessage(channelID, messageID)
	_, err := ch.RequestWithBucketID("PATCH", endpoint, body, discordgo.EndpointChannelMessage(channelID, ""), discordgo.WithContext(ctx))
	return restError(ch, err)
}

// StartThread starts a thread named name from a message and returns its
// ID. discordgo's ThreadStart would also send "invitable", which only a
// thread started without a message takes.
func StartThread(ctx context.Context, ch Channels, channelID, messageID, name string) (string, error) {
	ep := discordgo.EndpointChannelMessageThread(channelID, messageID)
	body := struct {
		Name                string `json:"name"`
		AutoArchiveDuration int    `json:"auto_archive_duration"` // minutes
	}{name, 1440}
	resp, err := ch.RequestWithBucketID("POST", ep, body, ep, discordgo.WithContext(ctx))
	if err != nil {
		return "", restError(ch, err)
	}
	var th discordgo.Channel
	if err := json.Unmarshal(resp, &th); err != nil {
		return "", fmt.Errorf("discord: reading the new thread: %w", err)
	}
	if th.ID == "" {
		return "", fmt.Errorf("discord: the new thread has no ID: %.200s", resp)
	}
	return th.ID, nil
}
