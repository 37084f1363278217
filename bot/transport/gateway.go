package transport

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// shutdownBudget bounds how long a stopping gateway waits for replies in
// flight before it closes its connection.
const shutdownBudget = 10 * time.Second

// GatewayConfig configures a gateway session.
type GatewayConfig struct {
	Token string // the bot token, without "Bot "
	// ShardID and ShardCount run one shard of several; ShardCount 0
	// means a single process.
	ShardID, ShardCount int
	// Intents are the gateway intents asked for.
	Intents discordgo.Intent
	// Client replaces the HTTP client, for a REST base of its own (see
	// RESTClient) or tests against a fake Discord; nil means RESTClient
	// of DefaultAPIURL.
	Client *http.Client
	// Log hears the session's life and discordgo's own lines; nil
	// discards.
	Log *slog.Logger
	// Ready, if set, is called once the gateway session is up.
	Ready func()
	// Messages, if set, hears each message created that the intents let
	// through, with the bot's own user ID ("" until the session is
	// ready).
	Messages func(ctx context.Context, s *discordgo.Session, m *discordgo.MessageCreate, botID string)
	// Events, if set, hears the session's events: "connected",
	// "disconnected" and "resumed".
	Events func(shard int, event string)
}

// RunGateway connects to Discord's gateway and hands interactions to h
// until ctx is done, then finishes the work in flight (within
// shutdownBudget) and closes the session. discordgo reconnects by itself.
func RunGateway(ctx context.Context, h Handler, cfg GatewayConfig) error {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	events := cfg.Events
	if events == nil {
		events = func(int, string) {}
	}
	s, err := newSession(cfg, log)
	if err != nil {
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
				log.Error("gateway handler panicked", "handler", what, "panic", p, "stack", string(debug.Stack()))
			}
		}()
		fn()
	}
	s.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		botID.Store(r.User.ID)
		events(cfg.ShardID, "connected")
		log.Info("gateway ready", "user", r.User.Username, "shard", cfg.ShardID, "shards", cfg.ShardCount, "guilds", len(r.Guilds))
	})
	s.AddHandler(func(*discordgo.Session, *discordgo.Disconnect) {
		events(cfg.ShardID, "disconnected")
		if !closing.Load() {
			log.Warn("gateway disconnected; reconnecting")
		}
	})
	s.AddHandler(func(*discordgo.Session, *discordgo.Resumed) {
		events(cfg.ShardID, "resumed")
		log.Info("gateway resumed")
	})
	// Interactions are read from the raw event, as in HTTP mode: the
	// channel object, which discordgo's Interaction drops, tells a
	// thread's parent to a channel allow-list.
	s.AddHandler(func(s *discordgo.Session, e *discordgo.Event) {
		if e.Type != "INTERACTION_CREATE" {
			return
		}
		guard("interaction", func() {
			var i discordgo.Interaction
			channel, err := Decode(e.RawData, &i)
			if err != nil {
				log.Error("an interaction that cannot be read", "err", err)
				return
			}
			h.Interaction(work, restResponder{s}, &i, channel)
		})
	})
	if cfg.Messages != nil {
		s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
			guard("message", func() { cfg.Messages(work, s, m, botID.Load().(string)) })
		})
	}

	if err := s.Open(); err != nil {
		return fmt.Errorf("discord: opening the gateway: %w", RESTError(s.Client, err))
	}
	if cfg.Ready != nil {
		cfg.Ready()
	}
	<-ctx.Done()
	closing.Store(true)
	log.Info("shutting down; finishing replies in flight", "budget", shutdownBudget)
	wctx, cancel := context.WithTimeout(context.Background(), shutdownBudget)
	defer cancel()
	if waitGroup(wctx, &inflight) != nil {
		log.Warn("replies still in flight at shutdown were dropped")
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("discord: closing the gateway: %w", err)
	}
	return nil
}

// newSession is the gateway session cfg describes, its log to log.
func newSession(cfg GatewayConfig, log *slog.Logger) (*discordgo.Session, error) {
	setDiscordgoLogger(log, cfg.Token)
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	// discordgo reads the gateway's version from a package variable when
	// it connects; the REST calls go through RESTClient's base.
	setAPIVersion()
	// discordgo logs the IDENTIFY payload, token included, at debug level.
	s.LogLevel = discordgo.LogWarning
	s.StateEnabled = false
	s.Identify.Intents = cfg.Intents
	if cfg.ShardCount > 0 {
		s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	}
	if cfg.Client != nil {
		s.Client = cfg.Client
	} else if s.Client, err = RESTClient(DefaultAPIURL, s.Client); err != nil {
		return nil, err
	}
	return s, nil
}

// setAPIVersion sets discordgo's gateway version, once per process:
// several gateways (shards) may start at once.
var setAPIVersion = sync.OnceFunc(func() { discordgo.APIVersion = apiVersion })

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
