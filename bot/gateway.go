package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/lang"
)

// shutdownBudget bounds how long a stopping bot waits for replies in
// flight before it closes its connections.
const shutdownBudget = 10 * time.Second

// GatewayConfig configures the gateway mode.
type GatewayConfig struct {
	Token string // the bot token, without "Bot "
	// ShardID and ShardCount run one shard of several; ShardCount 0
	// means a single process.
	ShardID, ShardCount int
	// MentionReplies answers messages that mention the bot, in a thread.
	// It needs the Guild Messages intent, which is not privileged: a
	// message that mentions the bot carries its content without the
	// Message Content intent.
	MentionReplies bool
	// Client replaces the HTTP client, for tests against a fake Discord.
	Client *http.Client
	// Ready, if set, is called once the gateway session is up.
	Ready func()
}

// Intents returns the gateway intents the bot needs, and no more:
// interactions arrive with none, and mention replies need guild
// messages. No privileged intent is asked for, so none can be refused
// (close code 4014) or revoked later.
func (c GatewayConfig) Intents() discordgo.Intent {
	var in discordgo.Intent
	if c.MentionReplies {
		in |= discordgo.IntentsGuildMessages
	}
	return in
}

// RunGateway connects to Discord's gateway and serves interactions until
// ctx is done, then finishes the replies in flight (within
// shutdownBudget) and closes the session. discordgo reconnects by itself.
func RunGateway(ctx context.Context, h *Handler, cfg GatewayConfig) error {
	setDiscordgoLogger(h.log, cfg.Token)
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return fmt.Errorf("discord: %w", err)
	}
	// discordgo reads the gateway's version from a package variable when
	// it connects; the REST calls go through RESTClient's base.
	setAPIVersion()
	// discordgo logs the IDENTIFY payload, token included, at debug level.
	s.LogLevel = discordgo.LogWarning
	s.StateEnabled = false
	s.Identify.Intents = cfg.Intents()
	if cfg.ShardCount > 0 {
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	if cfg.Client != nil {
		s.Client = cfg.Client
	} else if s.Client, err = RESTClient(DefaultAPIURL, s.Client); err != nil {
		return err
	}

	// Replies in flight outlive the shutdown signal, within their budget.
	work := context.WithoutCancel(ctx)
	var inflight sync.WaitGroup
	var closing atomic.Bool
	var botID atomic.Value
	botID.Store("")

	guard := func(what string, fn func()) {
		if closing.Load() {
			return
		}
		inflight.Add(1)
		defer inflight.Done()
		defer func() {
			if p := recover(); p != nil {
				h.log.Error("gateway handler panicked", "handler", what, "panic", p, "stack", string(debug.Stack()))
			}
		}()
		fn()
	}
	s.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		botID.Store(r.User.ID)
		h.meter.Gateway(cfg.ShardID, "connected")
		h.log.Info("gateway ready", "user", r.User.Username, "shard", cfg.ShardID, "shards", cfg.ShardCount, "guilds", len(r.Guilds))
	})
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		h.meter.Gateway(cfg.ShardID, "disconnected")
		if !closing.Load() {
			h.log.Warn("gateway disconnected; reconnecting")
		}
	})
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) {
		h.meter.Gateway(cfg.ShardID, "resumed")
		h.log.Info("gateway resumed")
	})
	// Interactions are read from the raw event, as in HTTP mode: the
	// channel object, which discordgo's Interaction drops, tells a
	// thread's parent to the channel allow-list.
	s.AddHandler(func(s *discordgo.Session, e *discordgo.Event) {
		if e.Type != "INTERACTION_CREATE" {
			return
		}
		guard("interaction", func() {
			var i discordgo.Interaction
			channel, err := decodeInteraction(e.RawData, &i)
			if err != nil {
				h.log.Error("an interaction that cannot be read", "err", err)
				return
			}
			h.channels.learn(channel)
			h.Dispatch(work, restTransport{s}, &i)
		})
	})
	if cfg.MentionReplies {
		h.mentionsOn.Store(true)
		s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
			guard("mention", func() { h.mention(work, s, m, botID.Load().(string)) })
		})
	}

	if err := s.Open(); err != nil {
		return fmt.Errorf("discord: opening the gateway: %w", err)
	}
	go h.RunSessions(ctx, s)
	if cfg.Ready != nil {
		cfg.Ready()
	}
	<-ctx.Done()
	closing.Store(true)
	h.log.Info("shutting down; finishing replies in flight", "budget", shutdownBudget)
	wctx, cancel := context.WithTimeout(context.Background(), shutdownBudget)
	defer cancel()
	if waitGroup(wctx, &inflight) != nil {
		h.log.Warn("replies still in flight at shutdown were dropped")
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("discord: closing the gateway: %w", err)
	}
	return nil
}

// setAPIVersion sets discordgo's gateway version, once per process:
// several gateways (shards) may start at once.
var setAPIVersion = sync.OnceFunc(func() { discordgo.APIVersion = apiVersion })

var mentionPattern = regexp.MustCompile(`<@!?[0-9]+>`)

// mention answers a message that mentions the bot, in a thread started
// from it (or in the channel, where no thread can be started).
func (h *Handler) mention(ctx context.Context, s *discordgo.Session, m *discordgo.MessageCreate, botID string) {
	if m.Author == nil || m.Author.Bot || botID == "" || !mentions(m.Message, botID) {
		return
	}
	if !h.settings(ctx, m.GuildID).MentionReplies {
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
	if name := truncate(strings.Join(strings.Fields(q), " "), 100); name != "" {
		// A thread named after the question; a bare mention gets its
		// answer (a request for a question) in the channel: Discord
		// refuses a thread with no name.
		if channel, threadErr = startThread(s, m.ChannelID, m.ID, name, opts); threadErr != nil {
			channel = m.ChannelID // no thread: answer in the channel
		}
	}
	for n, text := range r.Messages {
		msg := &discordgo.MessageSend{Content: text, AllowedMentions: noMentions()}
		if channel == m.ChannelID && n == 0 {
			msg.Reference = m.Reference()
		}
		if n == len(r.Messages)-1 {
			msg.Components = r.Components
		}
		if _, err := s.ChannelMessageSendComplex(channel, msg, opts); err != nil {
			h.meter.Interaction("mention", "error", 0, time.Since(start))
			h.log.Error("mention", "outcome", "error", "answer", outcome, "err", err, "thread_err", threadErr,
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

// startThread starts a thread named name from a message and returns its
// ID. discordgo's ThreadStart would also send "invitable", which only a
// thread started without a message takes.
func startThread(s *discordgo.Session, channel, message, name string, opts discordgo.RequestOption) (string, error) {
	ep := discordgo.EndpointChannelMessageThread(channel, message)
	body := struct {
		Name                string `json:"name"`
		AutoArchiveDuration int    `json:"auto_archive_duration"` // minutes
	}{name, 1440}
	resp, err := s.RequestWithBucketID("POST", ep, body, ep, opts)
	if err != nil {
		return "", err
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

func mentions(m *discordgo.Message, id string) bool {
	for _, u := range m.Mentions {
		if u.ID == id {
			return true
		}
	}
	return false
}

var loggerOnce sync.Once

// setDiscordgoLogger routes discordgo's own log lines to slog, with the
// token blanked out should discordgo ever print it.
func setDiscordgoLogger(log *slog.Logger, token string) {
	loggerOnce.Do(func() {
		levels := map[int]slog.Level{
			discordgo.LogError: slog.LevelError, discordgo.LogWarning: slog.LevelWarn,
			discordgo.LogInformational: slog.LevelInfo, discordgo.LogDebug: slog.LevelDebug,
		}
		discordgo.Logger = func(lvl, _ int, format string, a ...any) {
			msg := fmt.Sprintf(format, a...)
			if token != "" {
				msg = strings.ReplaceAll(msg, token, "[token]")
			}
			log.Log(context.Background(), levels[lvl], "discordgo: "+msg)
		}
	})
}
