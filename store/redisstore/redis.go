// Package redisstore keeps the shared state in Redis, through go-redis's
// UniversalClient (a single server, Sentinel or Cluster), so that several
// gateway shards or HTTP instances share one cache, one set of rate
// limits, settings and statistics.
//
// Every call is bounded in time: a dead or hung Redis costs a request at
// most Timeout, and after a failure the store reports itself unavailable
// at once for a short cool-down instead of making every request wait.
package redisstore

import (
	"cmp"
	"context"
	"crypto/tls"
	"fmt"
	"net/url"
	"regexp"
	"sync/atomic"
	"time"

	"github.com/go-redis/redis_rate/v10"
	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

// Defaults for a store that must never stall an answer. With go-redis's
// own defaults, a call against a dead server takes about 1.7 s.
const (
	DefaultTimeout  = 150 * time.Millisecond
	DefaultCooldown = 2 * time.Second
)

// Options configure the store.
type Options struct {
	// URL is redis:// or rediss://; several hosts for Cluster are given
	// as ?addr=host:port parameters.
	URL string
	// SentinelMaster, if set, connects through Sentinel to this master,
	// with URL's hosts as the sentinels.
	SentinelMaster string
	// Prefix namespaces every key, so that several bots can share a
	// Redis.
	Prefix string
	// Timeout bounds each call; Cooldown is how long the store stays
	// unavailable after a failure before it tries Redis again.
	Timeout, Cooldown time.Duration
	// Retention is how long declined questions are kept; 0 means
	// store.DefaultRetention.
	Retention time.Duration
	// CacheSize is the most entries the cache keeps; 0 means
	// store.DefaultCacheSize.
	CacheSize int
	// Failed, if set, hears each failed call's kind: "unavailable" (no
	// answer in time, or refused), "cooling" (not tried: Redis failed
	// less than a cool-down ago) or "command" (Redis answered with an
	// error). For metrics.
	Failed func(kind string)
}

// Store is the Redis store.
type Store struct {
	rdb     redis.UniversalClient
	limiter *redis_rate.Limiter
	// sentinelMaster is the master's name when the store goes through
	// Sentinel.
	sentinelMaster string
	prefix         string
	timeout        time.Duration
	cool           time.Duration
	downTil        atomic.Int64 // unix nanos until which Redis counts as down; 0 while up
	probing        atomic.Bool  // a probe is finding out whether Redis is back
	now            func() time.Time
	failed         func(kind string)
	retention      time.Duration // of declined questions
	cacheSize      int
	evicted        atomic.Int64 // cache entries dropped for room
}

var _ store.Store = (*Store)(nil)

// ParseOptions turns a Redis URL into go-redis universal options. It
// checks the URL only; it does not connect.
func ParseOptions(o Options) (*redis.UniversalOptions, error) {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
		return nil, fmt.Errorf("want redis://[user:password@]host:port[/db] or rediss://…, got %q", redact(o.URL))
	}
	timeout := cmp.Or(max(o.Timeout, 0), DefaultTimeout)
	uo := &redis.UniversalOptions{MasterName: o.SentinelMaster}
	if u.Query().Has("addr") {
		co, err := redis.ParseClusterURL(o.URL)
		if err != nil {
			return nil, fmt.Errorf("%w (in %q)", err, redact(o.URL))
		}
		uo.Addrs, uo.Username, uo.Password, uo.TLSConfig = co.Addrs, co.Username, co.Password, co.TLSConfig
	} else {
		so, err := redis.ParseURL(o.URL)
		if err != nil {
			return nil, fmt.Errorf("%w (in %q)", err, redact(o.URL))
		}
		uo.Addrs, uo.Username, uo.Password, uo.DB, uo.TLSConfig = []string{so.Addr}, so.Username, so.Password, so.DB, so.TLSConfig
	}
	if u.Scheme == "rediss" && uo.TLSConfig == nil {
		uo.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	// Small, bounded timeouts and one quick retry: a dead Redis must cost
	// an answer milliseconds, not seconds.
	uo.DialTimeout, uo.ReadTimeout, uo.WriteTimeout, uo.PoolTimeout = timeout, timeout, timeout, timeout
	uo.ContextTimeoutEnabled = true
	uo.MaxRetries = 1
	uo.MinRetryBackoff, uo.MaxRetryBackoff = 5*time.Millisecond, 20*time.Millisecond
	// One dial, not go-redis's five 100 ms apart: a refused connection
	// fails at once, and the store's cool-down does the waiting.
	uo.DialerRetries = 1
	return uo, nil
}

// userinfo is what stands before the host in a URL, password included.
var userinfo = regexp.MustCompile(`^([^:/?#]*:?//)?[^@/?#]*@`)

// redact hides a password in a URL, even one that does not parse.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return userinfo.ReplaceAllString(raw, "${1}xxxxx@")
	}
	if u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// clusterReload is how old a Cluster's slot map may grow before it is
// read again, in the background (go-redis's default is a minute). It is
// also read again as soon as a call finds a node down: after a failover,
// the slots of the master that died are served again within seconds.
const clusterReload = 5 * time.Second

// New returns a store on the Redis at o.URL. It does not connect until
// the first call.
func New(o Options) (*Store, error) {
	uo, err := ParseOptions(o)
	if err != nil {
		return nil, fmt.Errorf("redis: %w", err)
	}
	s := &Store{
		sentinelMaster: o.SentinelMaster,
		prefix:         o.Prefix,
		timeout:        cmp.Or(max(o.Timeout, 0), DefaultTimeout),
		cool:           cmp.Or(max(o.Cooldown, 0), DefaultCooldown),
		now:            time.Now,
		failed:         o.Failed,
		retention:      cmp.Or(max(o.Retention, 0), store.DefaultRetention),
		cacheSize:      cmp.Or(max(o.CacheSize, 0), store.DefaultCacheSize),
	}
	if uo.MasterName == "" && (len(uo.Addrs) > 1 || uo.IsClusterMode) {
		co := uo.Cluster()
		co.ClusterStateReloadInterval = clusterReload
		cc := redis.NewClusterClient(co)
		cc.OnNewNode(func(node *redis.Client) { node.AddHook(&nodeCutoff{s: s, cluster: cc}) })
		s.rdb = cc
	} else {
		s.rdb = redis.NewUniversalClient(uo)
	}
	s.limiter = redis_rate.NewLimiter(s.rdb)
	return s, nil
}

// Name implements store.Store.
func (s *Store) Name() string { return "redis" }

// Close implements store.Store.
func (s *Store) Close() error { return s.rdb.Close() }

// EvictionPolicy returns Redis's maxmemory-policy. Settings are kept
// without expiry, so an allkeys-* policy may evict them. A Redis that
// forbids CONFIG (many managed ones) returns an error.
func (s *Store) EvictionPolicy(ctx context.Context) (string, error) {
	var policy string
	err := s.do(ctx, func(ctx context.Context) error {
		m, err := s.rdb.ConfigGet(ctx, "maxmemory-policy").Result()
		policy = m["maxmemory-policy"]
		return err
	})
	return policy, err
}

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.do(ctx, func(ctx context.Context) error { return s.rdb.Ping(ctx).Err() })
}

// Writable reports whether Redis takes writes: a key of the store's own,
// set for a minute. A Redis at its maxmemory with noeviction answers
// PING, and refuses settings changes, quiz answers and the cache.
func (s *Store) Writable(ctx context.Context) error {
	return s.do(ctx, func(ctx context.Context) error {
		return s.rdb.Set(ctx, s.key("writable"), "1", time.Minute).Err()
	})
}

func (s *Store) key(parts ...string) string {
	k := s.prefix
	for i, p := range parts {
		if i > 0 || k != "" {
			k += ":"
		}
		k += p
	}
	return k
}
