package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/check"
	"github.com/interviewbot/interviewbot/lesson"
	"github.com/interviewbot/interviewbot/ops"
	"github.com/interviewbot/interviewbot/reader"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
)

// newLogger returns the log, in text or JSON (LOG_FORMAT). Durations
// are written as text in both ("24h0m0s", "1.6ms"): JSON would write
// nanoseconds.
func newLogger(c config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogJSON {
		opts.ReplaceAttr = durationText
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// durationText writes a duration as its String does.
func durationText(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		a.Value = slog.StringValue(a.Value.Duration().String())
	}
	return a
}

// service is what the Discord commands share: the configuration, the
// handler, the log, the store (which the caller closes), the REST
// session, the metrics, the web reader and the class sessions' runner.
type service struct {
	cfg     config
	h       *bot.Handler
	log     *slog.Logger
	store   store.Store
	rest    *discordgo.Session // REST only: replies in HTTP mode, threads' parents, class sessions
	metrics *ops.Metrics
	reader  *reader.Reader // the interview on the web
	lessons *lesson.Runner // nil without classroom material
}

// runLessons starts the class sessions' runner, which posts through
// REST, and returns what stops it: it cancels the runner and waits for
// the step it may be running, which must finish before the store closes.
func (svc *service) runLessons(ctx context.Context) (stop func()) {
	if svc.lessons == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		svc.lessons.Run(ctx, svc.h.LessonHost(svc.rest))
	}()
	return func() { cancel(); <-done }
}

// storeCheck is readiness's check of the shared store: without it the
// bot answers uncached, so its failure degrades readiness.
func (svc *service) storeCheck() ops.Check {
	probe := func(context.Context) error { return nil } // in memory: always there
	if p, ok := svc.store.(interface {
		Ping(context.Context) error
		Writable(context.Context) error
	}); ok {
		probe = func(ctx context.Context) error {
			if err := p.Ping(ctx); err != nil {
				// Not Redis's address, which the body would show to
				// whoever can read /readyz; store_errors_total and the
				// log have the details.
				return errors.New("unreachable; answering uncached")
			}
			if err := p.Writable(ctx); err != nil {
				return errors.New("refuses writes (at its maxmemory?); settings changes and quiz answers fail, answers go uncached")
			}
			return nil
		}
	}
	return ops.Check{Name: "store (" + svc.store.Name() + ")", Degrades: true, Probe: probe}
}

// setup loads the configuration, the interview, the store and the
// handler shared by the Discord commands. shards names the gateway
// shards the process runs, from its configuration, for the metrics to
// show from the start; nil when it runs none. On error it closes what it
// opened.
func setup(ctx context.Context, e env, c *cmdline, shards func(config) []int) (_ *service, err error) {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return nil, err
	}
	iv, err := c.interview()
	if err != nil {
		return nil, err
	}
	log := newLogger(cfg, e.stderr)
	metrics := ops.NewMetrics(metricLabels(cfg, shards))
	st, err := cfg.openStore(ctx, log, metrics.StoreError)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			st.Close()
		}
	}()
	metrics.WatchCache(st.CacheUsage)
	log.Info("shared state", "store", st.Name(), "cache_size", cfg.CacheSize, "cache_ttl", cfg.CacheTTL)
	model := cfg.model(log)
	if model != nil {
		log.Info("LLM answers on", "model", cfg.LLM.Model, "base_url", cmp.Or(cfg.LLM.BaseURL, "OpenAI"), "azure", cfg.LLM.Azure, "timeout", cfg.LLM.Timeout)
	} else {
		log.Info("LLM answers off: set OPENAI_API_KEY or OPENAI_BASE_URL to turn them on")
	}
	ix := retrieval.New(iv, retrieval.DefaultOptions())
	events := metrics.Events(newLogEvents(log, slog.LevelInfo))
	answers := answer.NewService(ix, answer.Options{Cache: st, TTL: cfg.CacheTTL, Model: model, Events: events})
	rest, err := restSession(cfg, e)
	if err != nil {
		return nil, err
	}
	// The classroom material fits the interview it was written for; with
	// another (--corpus), its commands say they are not available. A
	// teacher's copy (CLASSROOM_DIR) that does not load stops the start.
	material, err := cfg.classroom(iv)
	switch {
	case err != nil && cfg.ClassroomDir != "":
		return nil, err
	case err != nil:
		log.Info("classroom commands off", "err", err)
		material = nil
	case cfg.ClassroomDir != "":
		log.Info("classroom material from CLASSROOM_DIR", "dir", cfg.ClassroomDir)
	}
	var lessons *lesson.Runner
	opts := bot.Options{State: st, Local: memory.New(1), Defaults: &cfg.Defaults, DMLimit: &cfg.DMLimit, Log: log, Parents: transport.NewParents(rest),
		Meter: metrics, StatsRetention: cfg.StatsRetention, PublicURL: cfg.PublicURL, Classroom: material, Checker: check.New(ix, check.Options{Model: model, Events: events})}
	if material != nil {
		lessons = lesson.NewRunner(lesson.Options{Store: st, Material: material, Log: log})
		opts.Lessons = lessons
	}
	h := bot.NewHandler(answers, opts)
	if err := cfg.check("WEB_ANSWER_KEYS"); err != nil {
		return nil, err
	}
	web, err := reader.New(iv, material, reader.Options{HideKeys: !cfg.WebAnswerKeys}) // nil material: no glossary or worksheets
	if err != nil {
		return nil, err
	}
	return &service{cfg, h, log, st, rest, metrics, web, lessons}, nil
}

// metricLabels are the label values the metrics show from the start:
// the bot's commands and outcomes, the check's reasons for not using a
// model's verdict, and the shards this process runs.
func metricLabels(cfg config, shards func(config) []int) ops.Labels {
	l := ops.Labels{Fallbacks: check.Reasons()}
	l.Commands, l.Outcomes = bot.MeterLabels()
	if shards != nil {
		l.Shards = shards(cfg)
	}
	return l
}

// restSession is a session for Discord's REST API alone: no gateway.
func restSession(cfg config, e env) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + cfg.DiscordToken)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	if s.Client, err = transport.RESTClient(cfg.APIURL, e.client); err != nil {
		return nil, configError("DISCORD_API_URL", "%v", err)
	}
	return s, nil
}

func runServe(ctx context.Context, e env, c *cmdline) error {
	svc, err := setup(ctx, e, c, func(cfg config) []int { return []int{cfg.ShardID} })
	if err != nil {
		return err
	}
	defer svc.store.Close()
	cfg, h, log := svc.cfg, svc.h, svc.log
	if err := cfg.check("SHARD_ID", "SHARD_COUNT", "MENTION_REPLIES"); err != nil {
		return err
	}
	if err := cfg.requireToken(); err != nil {
		return err
	}
	client, err := transport.RESTClient(cfg.APIURL, e.client)
	if err != nil {
		return configError("DISCORD_API_URL", "%v", err)
	}
	gc := transport.GatewayConfig{Token: cfg.DiscordToken, ShardID: cfg.ShardID, ShardCount: cfg.ShardCount, Client: client}
	log.Info("starting gateway mode", "shard", cfg.ShardID, "shards", cfg.ShardCount, "mention_replies", cfg.MentionReplies, "intents", int(bot.Intents(cfg.MentionReplies)))
	if cfg.MetricsAddr != "" {
		routes := ops.Routes(svc.metrics, ops.Check{Name: "gateway", Probe: svc.metrics.GatewayUp}, svc.storeCheck())
		stop, err := serveOps(ctx, "METRICS_ADDR", cfg.MetricsAddr, routes, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	if cfg.WebAddr != "" {
		stop, err := serveOps(ctx, "WEB_ADDR", cfg.WebAddr, svc.reader.Handler(cfg.WebPath), log)
		if err != nil {
			return err
		}
		defer stop()
	}
	// The class sessions run once the gateway is up: a shard that cannot
	// connect posts nothing.
	stopLessons := func() {}
	gc.Ready = func() { stopLessons = svc.runLessons(ctx) }
	err = bot.RunGateway(ctx, h, gc, cfg.MentionReplies)
	stopLessons()
	return err
}

func runServeHTTP(ctx context.Context, e env, c *cmdline) error {
	svc, err := setup(ctx, e, c, nil) // no gateway
	if err != nil {
		return err
	}
	defer svc.store.Close()
	cfg, h, log := svc.cfg, svc.h, svc.log
	if err := cfg.check("DISCORD_PUBLIC_KEY"); err != nil {
		return err
	}
	if cfg.PublicKey == nil {
		return configError("DISCORD_PUBLIC_KEY", "not set; copy the application's public key from the Discord developer portal (see README)")
	}
	if cfg.DiscordToken == "" {
		log.Warn("DISCORD_TOKEN is not set: replies that need a follow-up or an edit will fail")
	}
	srv := transport.NewHTTPServer(h, cfg.PublicKey, svc.rest, log)
	// What an operator reads goes on METRICS_ADDR when it is set, away
	// from the listener a public proxy forwards to; else beside the
	// interactions. Up is up: this process answers its own /readyz.
	routes, opsRoutes := http.NewServeMux(), ops.Routes(svc.metrics, svc.storeCheck())
	listed := "POST /interactions"
	if cfg.MetricsAddr != "" {
		stop, err := serveOps(ctx, "METRICS_ADDR", cfg.MetricsAddr, opsRoutes, log)
		if err != nil {
			return err
		}
		defer stop()
	} else {
		routes, listed = opsRoutes, listed+", GET /metrics, /healthz, /readyz"
	}
	routes.Handle("POST /interactions", srv.Routes())
	routes.Handle(cfg.WebPath, svc.reader.Handler(cfg.WebPath))
	listed += ", GET " + cfg.WebPath + " (the reader)"
	hs := ops.NewServer(ctx, routes)
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", c.addr, err)
	}
	log.Info("serving Discord interactions", "addr", ln.Addr().String(), "routes", listed)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	stopLessons := svc.runLessons(ctx)
	defer stopLessons() // before the store closes
	select {
	case err := <-errc:
		return fmt.Errorf("http: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down; finishing replies in flight")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Warn("http shutdown", "err", err)
	}
	if err := srv.Wait(sctx); err != nil {
		log.Warn("replies still in flight at shutdown were dropped", "err", err)
	}
	return nil
}

func runRegister(ctx context.Context, e env, c *cmdline) error {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	if err := cfg.requireToken(); err != nil {
		return err
	}
	if c.guild != "" && !bot.IsSnowflake(c.guild) {
		return usagef("register: --guild wants a numeric server ID, got %q", c.guild)
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	s, err := restSession(cfg, e)
	if err != nil {
		return err
	}
	appID := cfg.ApplicationID
	if appID == "" {
		if appID, err = transport.ApplicationID(ctx, s); err != nil {
			return fmt.Errorf("%w (set DISCORD_APPLICATION_ID to skip)", err)
		}
	}
	return transport.Register(ctx, s, appID, c.guild, bot.Commands(iv), e.stdout)
}

// serveOps serves routes (metrics, liveness, readiness; or the reader)
// on addr, the value of the variable name, until ctx is done or stop is
// called.
func serveOps(ctx context.Context, name, addr string, routes http.Handler, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, configError(name, "cannot listen on %s: %v", addr, err)
	}
	hs := ops.NewServer(ctx, routes)
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("listener failed", "for", name, "err", err)
		}
	}()
	log.Info("listening", "for", name, "addr", ln.Addr().String())
	return func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}, nil
}
