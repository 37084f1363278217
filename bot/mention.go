package bot

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/lang"
)

// Intents returns the gateway intents the bot needs, and no more:
// interactions arrive with none, and mention replies need guild
// messages. No privileged intent is asked for, so none can be refused
// (close code 4014) or revoked later. A message that mentions the bot
// carries its content without the Message Content intent.
func Intents(mentions bool) discordgo.Intent {
	var in discordgo.Intent
	if mentions {
		in |= discordgo.IntentsGuildMessages
	}
	return in
}

// RunGateway serves interactions over the gateway session cfg
// describes, and, with mentions, answers the messages that mention the
// bot, in a thread, until ctx is done; see transport.RunGateway. It sets
// cfg's intents, log, messages and events.
func RunGateway(ctx context.Context, h *Handler, cfg transport.GatewayConfig, mentions bool) error {
	cfg.Intents, cfg.Log, cfg.Events = Intents(mentions), h.log, h.meter.Gateway
	if mentions {
		h.mentionsOn.Store(true)
		cfg.Messages = h.mention
	}
	return transport.RunGateway(ctx, h, cfg)
}

var mentionPattern = regexp.MustCompile(`<@!?[0-9]+>`)

// mention answers a message that mentions the bot, in a thread started
// from it (or in the channel, where no thread can be started).
func (h *Handler) mention(ctx context.Context, s *discordgo.Session, m *discordgo.MessageCreate, botID string) {
	if m.Author == nil || m.Author.Bot || botID == "" || !mentions(m.Message, botID) {
		return
	}
	if !h.gate.Settings(ctx, m.GuildID).MentionReplies {
		return
	}
	q := strings.TrimSpace(mentionPattern.ReplaceAllString(m.Content, " "))
	start := time.Now()
	r, err := h.askIn(ctx, m.GuildID, m.ChannelID, m.Author.ID, q, lang.French)
	outcome := "error"
	var ue *userError
	switch {
	case errors.As(err, &ue):
		outcome = ue.outcome()
	case err == nil:
		outcome = r.outcome.result
	}
	if err != nil {
		r = h.errorReply(&discordgo.Interaction{Locale: discordgo.French}, err)
	}
	channel := m.ChannelID
	opts := discordgo.WithContext(ctx)
	var first time.Duration
	var threadErr error
	if name := md.Truncate(strings.Join(strings.Fields(q), " "), 100); name != "" {
		// A thread named after the question; a bare mention gets its
		// answer (a request for a question) in the channel: Discord
		// refuses a thread with no name.
		if channel, threadErr = transport.StartThread(ctx, s, m.ChannelID, m.ID, name); threadErr != nil {
			channel = m.ChannelID // no thread: answer in the channel
		}
	}
	for n, text := range r.Messages {
		msg := &discordgo.MessageSend{Content: text, AllowedMentions: transport.NoMentions()}
		if channel == m.ChannelID && n == 0 {
			msg.Reference = m.Reference()
		}
		if n == len(r.Messages)-1 {
			msg.Components = r.Components
		}
		if _, err := s.ChannelMessageSendComplex(channel, msg, opts); err != nil {
			h.meter.Interaction("mention", "error", 0, time.Since(start))
			h.log.Error("mention", "outcome", "error", "answer", outcome, "err", transport.RESTError(s.Client, err), "thread_err", threadErr,
				"guild", m.GuildID, "channel", m.ChannelID, "user", m.Author.ID, "took", time.Since(start))
			return
		}
		if n == 0 {
			first = time.Since(start)
		}
	}
	h.meter.Interaction("mention", outcome, first, time.Since(start))
	h.meter.Cache(r.outcome.cache)
	args := []any{"outcome", outcome, "exchange", r.outcome.exchange, "cache", r.outcome.cache,
		"guild", m.GuildID, "channel", m.ChannelID, "user", m.Author.ID, "first", first, "took", time.Since(start)}
	if threadErr != nil {
		args = append(args, "thread_err", threadErr) // answered in the channel instead
	}
	h.log.Info("mention", args...)
}

func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u.ID == id {
			return true
		}
	}
	return false
}
