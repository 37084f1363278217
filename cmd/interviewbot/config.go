package main

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/bot/gate"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/llm"
	"github.com/interviewbot/interviewbot/logs"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
	"github.com/interviewbot/interviewbot/store/redisstore"
)

// config is everything the bot reads from the environment, validated at
// start. Secrets are kept out of its String form.
type config struct {
	DiscordToken   string            // DISCORD_TOKEN: the bot token
	ApplicationID  string            // DISCORD_APPLICATION_ID: for register; looked up with the token if empty
	PublicKey      ed25519.PublicKey // DISCORD_PUBLIC_KEY: hex, for serve-http
	APIURL         string            // DISCORD_API_URL: Discord's REST base, or a proxy in front of it
	MetricsAddr    string            // METRICS_ADDR: serve's /metrics, /healthz and /readyz; "" for none
	WebAddr        string            // WEB_ADDR: where serve serves the web reader; "" for none
	WebPath        string            // WEB_PATH: the reader's path on its listener, "/" or "/path/"
	PublicURL      string            // PUBLIC_URL: the reader's public address, for citations' links
	WebAnswerKeys  bool              // WEB_ANSWER_KEYS: the reader links and serves the worksheets' answer keys
	ShardID        int               // SHARD_ID
	ShardCount     int               // SHARD_COUNT: 0 runs unsharded
	MentionReplies bool              // MENTION_REPLIES: answer @mentions in threads
	LogLevel       slog.Level        // LOG_LEVEL: debug, info, warn, error
	LogJSON        bool              // LOG_FORMAT: text or json

	RedisURL       string        // REDIS_URL: redis:// or rediss://; empty keeps state in memory
	SentinelMaster string        // REDIS_SENTINEL_MASTER: connect through Sentinel
	RedisPrefix    string        // REDIS_PREFIX: namespace of every key
	RedisOptional  bool          // REDIS_OPTIONAL: start even when Redis refuses this process
	CacheTTL       time.Duration // CACHE_TTL
	CacheSize      int           // CACHE_SIZE: answers the cache keeps, in memory or in Redis
	StatsRetention time.Duration // STATS_RETENTION: how long declined questions are kept
	Defaults       store.GuildSettings
	DMLimit        store.Limit // RATE_DM_PER_MINUTE, RATE_DM_BURST: direct messages, all users together
	ClassroomDir   string      // CLASSROOM_DIR: an edited copy of the classroom material; "" for the embedded one

	// invalid holds the errors of values only some commands use (see check).
	invalid map[string]error

	LLM llm.Config // OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_API_TYPE, OPENAI_API_VERSION, OPENAI_JSON_MODE, LLM_TIMEOUT
}

// llmEnabled reports whether an LLM is configured: a key, or a base URL
// for a local server that needs none.
func (c config) llmEnabled() bool { return c.LLM.APIKey != "" || c.LLM.BaseURL != "" }

// model returns the language model to phrase answers with, or nil
// without one.
func (c config) model(log *slog.Logger) *answer.Model {
	if !c.llmEnabled() {
		return nil
	}
	lc := c.LLM
	lc.Log = log
	return &answer.Model{Generate: llm.New(lc).Generate, Name: lc.Model, Timeout: lc.Timeout}
}

// logEvents logs what happens while answering: model calls at level
// usage, fallbacks as warnings, cache failures and refused entries at
// most once a minute each.
type logEvents struct {
	log            *slog.Logger
	usage          slog.Level
	cache, refused *logs.Warner
}

func newLogEvents(log *slog.Logger, usage slog.Level) logEvents {
	return logEvents{log: log, usage: usage, cache: logs.NewWarner(log, time.Minute), refused: logs.NewWarner(log, time.Minute)}
}

func (e logEvents) LLMUsage(u answer.Usage) {
	e.log.Log(context.Background(), e.usage, "llm call", "model", u.Model, "prompt_tokens", u.PromptTokens, "completion_tokens", u.CompletionTokens)
}

func (e logEvents) LLMFallback(reason string, err error) {
	if strings.HasPrefix(reason, "check:") {
		e.log.Warn("llm verdict not used; checking offline", "reason", reason, "err", err)
		return
	}
	e.log.Warn("llm answer refused; answering extractively", "reason", reason, "err", err)
}

func (e logEvents) LLMClaimDropped(reason string, err error) {
	e.log.Info("llm claim left out; the others shown", "reason", reason, "err", err)
}

func (e logEvents) CacheFailed(err error) { e.cache.Warn("cache unavailable; answering uncached", err) }

func (e logEvents) CacheRefused(err error) {
	e.refused.Warn("cached answer refused (of another version, or not written by this bot); answered afresh", err)
}

// configFault is a mistake in the configuration: main exits with
// exitConfig on it, which the systemd unit does not restart on. Not 2:
// Go exits 2 on a panic too, which it must restart on.
type configFault struct {
	msg string
	err error // what the message reports, if an error
}

func (e configFault) Error() string { return e.msg }

func (e configFault) Unwrap() error { return e.err }

// exitConfig is the status of a configuration error: EX_CONFIG, of
// sysexits.h.
const exitConfig = 78

// configError names the environment variable at fault.
func configError(name, format string, args ...any) error {
	return configFault{msg: fmt.Sprintf("configuration: %s: %s", name, fmt.Sprintf(format, args...))}
}

// check returns the error of the first of names whose value is
// invalid. A value only some commands use is checked by those alone: a
// malformed DISCORD_PUBLIC_KEY stops serve-http, not register.
func (c config) check(names ...string) error {
	for _, n := range names {
		if err := c.invalid[n]; err != nil {
			return err
		}
	}
	return nil
}

func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		DiscordToken:  strings.TrimSpace(strings.TrimPrefix(getenv("DISCORD_TOKEN"), "Bot ")),
		ApplicationID: strings.TrimSpace(getenv("DISCORD_APPLICATION_ID")),
	}
	c.invalid = map[string]error{}
	if v := strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")); v != "" {
		key, err := hex.DecodeString(v)
		if err != nil || len(key) != ed25519.PublicKeySize {
			c.invalid["DISCORD_PUBLIC_KEY"] = configError("DISCORD_PUBLIC_KEY", "want the application's public key: %d hex characters", 2*ed25519.PublicKeySize)
		} else {
			c.PublicKey = key
		}
	}
	c.APIURL = cmp.Or(strings.TrimSpace(getenv("DISCORD_API_URL")), transport.DefaultAPIURL)
	c.MetricsAddr = strings.TrimSpace(getenv("METRICS_ADDR"))
	c.WebAddr = strings.TrimSpace(getenv("WEB_ADDR"))
	c.WebPath = cmp.Or(strings.TrimSpace(getenv("WEB_PATH")), "/")
	if !strings.HasPrefix(c.WebPath, "/") || !strings.HasSuffix(c.WebPath, "/") || strings.ContainsAny(c.WebPath, " {}?#") {
		return c, configError("WEB_PATH", "want a path that starts and ends with /, such as / or /interview/, got %q", c.WebPath)
	}
	if v := strings.TrimSpace(getenv("PUBLIC_URL")); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return c, configError("PUBLIC_URL", "want the reader's address, such as https://bot.example.org%s, got %q", c.WebPath, v)
		}
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		c.PublicURL = u.String()
	}
	var err error
	if c.WebAnswerKeys, err = boolVar(getenv, "WEB_ANSWER_KEYS", true); err != nil {
		c.invalid["WEB_ANSWER_KEYS"] = err // the reader's: serve and serve-http check it
	}
	if _, err := transport.RESTClient(c.APIURL, nil); err != nil {
		return c, configError("DISCORD_API_URL", "%v", err)
	}
	if c.ApplicationID != "" && !bot.IsSnowflake(c.ApplicationID) {
		return c, configError("DISCORD_APPLICATION_ID", "want a numeric ID, got %q", c.ApplicationID)
	}
	if c.ShardID, err = intVar(getenv, "SHARD_ID"); err != nil {
		c.invalid["SHARD_ID"] = err
	}
	if c.ShardCount, err = intVar(getenv, "SHARD_COUNT"); err != nil {
		c.invalid["SHARD_COUNT"] = err
	}
	switch {
	case c.ShardCount == 0 && c.ShardID != 0:
		c.invalid["SHARD_ID"] = configError("SHARD_ID", "set SHARD_COUNT too")
	case c.ShardCount > 0 && c.ShardID >= c.ShardCount:
		c.invalid["SHARD_ID"] = configError("SHARD_ID", "must be below SHARD_COUNT (%d), got %d", c.ShardCount, c.ShardID)
	}
	if c.MentionReplies, err = boolVar(getenv, "MENTION_REPLIES", false); err != nil {
		c.invalid["MENTION_REPLIES"] = err
	}
	if v := strings.TrimSpace(getenv("LOG_LEVEL")); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, configError("LOG_LEVEL", "want debug, info, warn or error, got %q", v)
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))); v {
	case "", "text":
	case "json":
		c.LogJSON = true
	default:
		return c, configError("LOG_FORMAT", "want text or json, got %q", v)
	}
	if err := c.loadStore(getenv); err != nil {
		return c, err
	}
	c.loadClassroomDir(getenv)
	if err := c.loadLLM(getenv); err != nil {
		return c, err
	}
	return c, nil
}

// DefaultLLMTimeout bounds one LLM call. The reply is deferred, so
// Discord would wait longer, but a user would not.
const DefaultLLMTimeout = 10 * time.Second

func (c *config) loadLLM(getenv func(string) string) error {
	l := &c.LLM
	l.APIKey = strings.TrimSpace(getenv("OPENAI_API_KEY"))
	l.BaseURL = strings.TrimSpace(getenv("OPENAI_BASE_URL"))
	l.Model = cmp.Or(strings.TrimSpace(getenv("OPENAI_MODEL")), "gpt-4o-mini")
	l.APIVersion = strings.TrimSpace(getenv("OPENAI_API_VERSION"))
	l.Timeout = DefaultLLMTimeout
	if l.BaseURL != "" {
		if u, err := url.Parse(l.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return configError("OPENAI_BASE_URL", "want an http:// or https:// URL, such as http://127.0.0.1:11434/v1, got %q", l.BaseURL)
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("OPENAI_API_TYPE"))); v {
	case "", "openai":
	case "azure":
		l.Azure = true
		if l.BaseURL == "" || l.APIKey == "" {
			return configError("OPENAI_API_TYPE", "azure needs OPENAI_BASE_URL (the resource endpoint) and OPENAI_API_KEY")
		}
	default:
		return configError("OPENAI_API_TYPE", "want openai or azure, got %q", v)
	}
	if v := strings.TrimSpace(getenv("LLM_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > 10*time.Minute {
			return configError("LLM_TIMEOUT", "want a duration up to 10m, such as 10s, got %q", v)
		}
		l.Timeout = d
	}
	var err error
	l.JSONMode, err = boolVar(getenv, "OPENAI_JSON_MODE", true)
	return err
}

func (c *config) loadStore(getenv func(string) string) error {
	c.RedisURL = strings.TrimSpace(getenv("REDIS_URL"))
	c.SentinelMaster = strings.TrimSpace(getenv("REDIS_SENTINEL_MASTER"))
	c.RedisPrefix = cmp.Or(strings.TrimSpace(getenv("REDIS_PREFIX")), "interviewbot")
	var err error
	if c.RedisOptional, err = boolVar(getenv, "REDIS_OPTIONAL", false); err != nil {
		return err
	}
	if c.RedisURL != "" {
		if _, err := redisstore.ParseOptions(redisstore.Options{URL: c.RedisURL, SentinelMaster: c.SentinelMaster}); err != nil {
			return configError("REDIS_URL", "%v", err)
		}
	}
	c.CacheTTL = answer.DefaultTTL
	if v := strings.TrimSpace(getenv("CACHE_TTL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return configError("CACHE_TTL", "want a duration such as 24h or 30m, got %q", v)
		}
		c.CacheTTL = d
	}
	if c.CacheSize, err = intVar(getenv, "CACHE_SIZE"); err != nil {
		return err
	}
	c.CacheSize = cmp.Or(c.CacheSize, store.DefaultCacheSize)
	c.StatsRetention = store.DefaultRetention
	if v := strings.TrimSpace(getenv("STATS_RETENTION")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 24*time.Hour || d > 366*24*time.Hour {
			return configError("STATS_RETENTION", "want a duration from 24h to 8784h (a year), such as 720h for 30 days, got %q", v)
		}
		c.StatsRetention = d
	}
	c.Defaults, c.DMLimit = bot.DefaultSettings(), gate.DefaultDMLimit()
	for _, l := range []struct {
		name  string
		field *int
	}{
		{"RATE_USER_PER_MINUTE", &c.Defaults.UserLimit.Rate},
		{"RATE_USER_BURST", &c.Defaults.UserLimit.Burst},
		{"RATE_SERVER_PER_MINUTE", &c.Defaults.GuildLimit.Rate},
		{"RATE_SERVER_BURST", &c.Defaults.GuildLimit.Burst},
		{"RATE_DM_PER_MINUTE", &c.DMLimit.Rate},
		{"RATE_DM_BURST", &c.DMLimit.Burst},
	} {
		if strings.TrimSpace(getenv(l.name)) == "" {
			continue
		}
		if *l.field, err = intVar(getenv, l.name); err != nil {
			return err
		}
	}
	c.Defaults.UserLimit.Period, c.Defaults.GuildLimit.Period, c.DMLimit.Period = time.Minute, time.Minute, time.Minute
	return nil
}

// redisLogEvery is how often go-redis's own lines of one kind reach the
// log: while Redis is down its pool fails to dial every few seconds, and
// the store's warnings say so already.
const redisLogEvery = time.Minute

// openStore connects to Redis when REDIS_URL is set, else keeps state in
// memory. A Redis that does not answer now is not an error: the bot
// serves without it and recovers when it comes back. One that refuses
// this process (a wrong password, a TLS mismatch) never will, and is one
// unless REDIS_OPTIONAL is set.
func (c config) openStore(ctx context.Context, log *slog.Logger, failed func(kind string)) (store.Store, error) {
	if c.RedisURL == "" {
		return memory.New(c.CacheSize, memory.Retention(c.StatsRetention)), nil
	}
	redisstore.SetLogger(log, redisLogEvery)
	opts := redisstore.Options{URL: c.RedisURL, SentinelMaster: c.SentinelMaster, Prefix: c.RedisPrefix, Failed: failed,
		Retention: c.StatsRetention, CacheSize: c.CacheSize}
	s, err := redisstore.New(opts)
	if err != nil {
		return nil, configError("REDIS_URL", "%v", err)
	}
	err = s.Ping(ctx)
	if err != nil && !redisstore.Misconfigured(err) && c.SentinelMaster == "" {
		if perr := redisstore.Probe(ctx, opts, 2*time.Second); perr != nil {
			err = perr
		}
	}
	switch {
	case err == nil:
		if policy, err := s.EvictionPolicy(ctx); err == nil && strings.HasPrefix(policy, "allkeys") {
			log.Warn("Redis may evict any key, server settings among them (kept in memory meanwhile); set maxmemory-policy to noeviction or a volatile-* policy", "maxmemory-policy", policy)
		}
	case redisstore.Misconfigured(err) && !c.RedisOptional:
		s.Close()
		return nil, configError("REDIS_URL", "Redis refuses this process (%v); check the password and the scheme (rediss:// for TLS), or set REDIS_OPTIONAL=true to start without it", err)
	case redisstore.Misconfigured(err):
		log.Warn("Redis refuses this process; serving without it, as REDIS_OPTIONAL is set", "err", err)
	default:
		log.Warn("Redis does not answer; serving without it until it does", "err", err)
	}
	return s, nil
}

// boolVar reads a boolean variable: true, 1, yes, on or their opposites;
// empty gives def.
func boolVar(getenv func(string) string, name string, def bool) (bool, error) {
	switch v := strings.ToLower(strings.TrimSpace(getenv(name))); v {
	case "":
		return def, nil
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	default:
		return false, configError(name, "want true or false, got %q", v)
	}
}

func intVar(getenv func(string) string, name string) (int, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, configError(name, "want a whole number ≥ 0, got %q", v)
	}
	return n, nil
}

func (c config) requireToken() error {
	if c.DiscordToken == "" {
		return configError("DISCORD_TOKEN", "not set; copy the bot token from the Discord developer portal (see README)")
	}
	return nil
}
