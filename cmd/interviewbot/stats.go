package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/redisstore"
)

var statsCommand = command{
	name:    "stats",
	summary: "print the usage statistics kept in Redis (needs REDIS_URL)",
	args:    "[--json] [--guild ID] [--window 24h|7d|all] [--lang fr|en]",
	new:     func() runner { return new(statsCmd) },
}

// statsCmd prints the statistics the bots keep in Redis.
type statsCmd struct {
	corpusFlag
	output
	lang          langFlag
	guild, window string
}

func (c *statsCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	c.output.declare(fs)
	c.lang.declare(fs, "write in `LANG` (fr or en) instead of English")
	fs.StringVar(&c.guild, "guild", "", "the server with this `ID` instead of all servers")
	fs.StringVar(&c.window, "window", "all", "count the last 24h, the last 7d, or all time (`WINDOW`); declined questions are kept STATS_RETENTION at most")
}

type statsResult struct {
	store.Stats
	Window    store.Window `json:"window"`
	iv        *corpus.Interview
	lang      lang.Language
	retention time.Duration
}

func (r statsResult) text() string {
	return strings.NewReplacer("**", "").Replace(md.Stats(r.iv, r.Stats, r.Window, r.retention, r.lang))
}

func (c *statsCmd) run(ctx context.Context, e env, _ []string) error {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	if cfg.RedisURL == "" {
		return fmt.Errorf("stats: REDIS_URL is not set; without Redis each bot process keeps its statistics in memory, where /stats shows them")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	w, err := store.ParseWindow(c.window)
	if err != nil {
		return usagef("--window: %v", err)
	}
	st, err := redisstore.New(redisstore.Options{URL: cfg.RedisURL, SentinelMaster: cfg.SentinelMaster, Prefix: cfg.RedisPrefix, Timeout: 2 * time.Second, Retention: cfg.StatsRetention})
	if err != nil {
		return configError("REDIS_URL", "%v", err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx, c.guild, w, 10)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	l, err := c.lang.or(lang.English)
	if err != nil {
		return err
	}
	return c.write(e, statsResult{Stats: stats, Window: w, iv: iv, lang: l, retention: cfg.StatsRetention})
}
