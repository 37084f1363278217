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
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
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

// do runs fn within the timeout, unless Redis failed less than a
// cool-down ago. Failures come back wrapping store.ErrUnavailable.
func (s *Store) do(ctx context.Context, fn func(context.Context) error) error {
	return s.doWithin(ctx, s.timeout, fn)
}

// doWithin is do with a budget of its own, for the rare call that
// reads much (Stats).
func (s *Store) doWithin(ctx context.Context, timeout time.Duration, fn func(context.Context) error) error {
	if down := s.downTil.Load(); down != 0 {
		// Down: skip Redis. Past the cool-down, one probe in the
		// background finds out whether it is back, and no call waits
		// for it, however many come.
		if s.now().UnixNano() >= down && s.probing.CompareAndSwap(false, true) {
			go s.probe()
		}
		s.fail("cooling")
		return fmt.Errorf("redis: %w (cooling down after a failure)", store.ErrUnavailable)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := fn(ctx)
	if err == nil || errors.Is(err, redis.Nil) {
		return err
	}
	if parent.Err() != nil {
		// The caller gave up (a client that went away): that says
		// nothing of Redis, and must not take it out for others.
		return fmt.Errorf("redis: %w: %w", store.ErrUnavailable, err)
	}
	if !outage(err) {
		// Redis answered, with an error (OOM on a write, NOAUTH,
		// CROSSSLOT): it is up, and other calls may well work.
		s.fail("command")
		return fmt.Errorf("redis: %w", err)
	}
	switch _, cluster := s.rdb.(*redis.ClusterClient); {
	case errors.Is(err, errNodeResting):
		s.fail("cooling")
		return err
	case cluster && !replied(err):
		// One node did not answer: it rests (nodeCutoff), and the
		// others serve on.
		s.fail("unavailable")
		return fmt.Errorf("redis: %w: %w", store.ErrUnavailable, err)
	}
	s.fail("unavailable")
	s.downTil.Store(s.now().Add(s.cool).UnixNano())
	return fmt.Errorf("redis: %w: %w", store.ErrUnavailable, err)
}

// replied reports whether err is Redis's own error reply.
func replied(err error) bool {
	var reply redis.Error
	return errors.As(err, &reply)
}

// errNodeResting is the error of a call routed to a Cluster node that
// is resting after it did not answer.
var errNodeResting = fmt.Errorf("redis: %w (this cluster node rests after a failure)", store.ErrUnavailable)

// nodeCutoff rests one Cluster node that stopped answering, for the
// store's cool-down: calls routed to it fail at once, calls to the
// others go on, and the slot map is read again (a replica may be taking
// the node's slots over). An error reply is the node's answer, and
// CLUSTERDOWN the whole cluster's: those go to the store's own cut-off.
type nodeCutoff struct {
	s       *Store
	cluster *redis.ClusterClient
	downTil atomic.Int64
}

func (n *nodeCutoff) DialHook(next redis.DialHook) redis.DialHook { return next }

func (n *nodeCutoff) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		return n.guard(ctx, func() error { return next(ctx, cmd) }, cmd)
	}
}

func (n *nodeCutoff) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		return n.guard(ctx, func() error { return next(ctx, cmds) }, cmds...)
	}
}

// guard makes call, the node's commands cmds, unless the node rests.
func (n *nodeCutoff) guard(ctx context.Context, call func() error, cmds ...redis.Cmder) error {
	if n.s.now().UnixNano() < n.downTil.Load() {
		for _, c := range cmds {
			c.SetErr(errNodeResting)
		}
		return errNodeResting
	}
	live := ctx.Err() == nil
	err := call()
	if live {
		n.after(err)
	}
	return err
}

// after rests the node when err says it did not answer a call that
// still had time when it was sent. (go-redis retries a call that timed
// out on another node, with no time left: that node is not to blame.)
func (n *nodeCutoff) after(err error) {
	if err == nil || errors.Is(err, redis.Nil) || errors.Is(err, context.Canceled) || replied(err) {
		return
	}
	n.downTil.Store(n.s.now().Add(n.s.cool).UnixNano())
	n.cluster.ReloadState(context.Background()) // where are its slots now?
}

// probe pings Redis once, within the store's timeout: an answer ends
// the cool-down, an outage starts another.
func (s *Store) probe() {
	defer s.probing.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	if err := s.rdb.Ping(ctx).Err(); err != nil && outage(err) {
		s.downTil.Store(s.now().Add(s.cool).UnixNano())
		return
	}
	s.downTil.Store(0)
}

// fail tells Options.Failed of a failed call.
func (s *Store) fail(kind string) {
	if s.failed != nil {
		s.failed(kind)
	}
}

// outage reports whether err means Redis cannot serve now: no answer in
// time, a refused or dropped connection, or an answer saying it is not
// ready (loading, no master, cluster down). Any other error reply is a
// command's, and says nothing of the next call.
func outage(err error) bool {
	var reply redis.Error
	if !errors.As(err, &reply) {
		return true
	}
	for _, p := range []string{"LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "READONLY", "BUSY"} {
		if redis.HasErrorPrefix(err, p) {
			return true
		}
	}
	return false
}

// ErrMisconfigured marks what Probe found wrong with how this process
// reaches Redis.
var ErrMisconfigured = errors.New("redis: misconfigured")

// Misconfigured reports whether err, from Ping or Probe, means that this
// process cannot use Redis however long it waits: a wrong password or
// user, no permission, a database that does not exist, or TLS on one
// side only or with a certificate it does not trust.
func Misconfigured(err error) bool {
	var rec tls.RecordHeaderError
	var cert *tls.CertificateVerificationError
	return errors.Is(err, ErrMisconfigured) || redis.IsAuthError(err) || redis.IsPermissionError(err) ||
		redis.HasErrorPrefix(err, "DB index is out of range") || errors.As(err, &rec) || errors.As(err, &cert)
}

// Probe tells why Redis does not answer, for a clear message at start:
// it dials the first address itself, within timeout, and returns an
// error wrapping ErrMisconfigured for TLS on one side only or a
// certificate not trusted, which the client's own retries report as a
// timeout or an EOF. It returns nil when it finds nothing wrong but the
// server being down or slow.
func Probe(ctx context.Context, o Options, timeout time.Duration) error {
	uo, err := ParseOptions(o)
	if err != nil {
		return err
	}
	addr := uo.Addrs[0]
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if uo.TLSConfig != nil {
		cfg := uo.TLSConfig.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName, _, _ = net.SplitHostPort(addr)
		}
		switch err := handshake(ctx, addr, cfg); {
		case errors.Is(err, errDial):
			return nil // down: nothing to tell
		case err != nil:
			return fmt.Errorf("%w: TLS with %s failed (%w); is it a TLS port, with a certificate this host trusts?", ErrMisconfigured, addr, err)
		}
		return nil
	}
	// Plain: a Redis answers a PING at once, even to refuse it. One that
	// does not may want TLS: see whether the port completes a handshake.
	if answersPing(ctx, addr) {
		return nil
	}
	// Unverified: only to see whether the port speaks TLS; nothing is sent.
	if handshake(ctx, addr, &tls.Config{InsecureSkipVerify: true}) == nil {
		return fmt.Errorf("%w: %s speaks TLS; use rediss://", ErrMisconfigured, addr)
	}
	return nil
}

var errDial = errors.New("dial failed")

// handshake dials addr and completes a TLS handshake with cfg.
func handshake(ctx context.Context, addr string, cfg *tls.Config) error {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("%w: %w", errDial, err)
	}
	defer conn.Close()
	return tls.Client(conn, cfg).HandshakeContext(ctx)
}

// answersPing reports whether addr answers a plain PING within half of
// what is left of ctx.
func answersPing(ctx context.Context, addr string) bool {
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return true // down, not misconfigured: nothing more to look at
	}
	defer conn.Close()
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(time.Now().Add(time.Until(deadline) / 2))
	}
	if _, err := io.WriteString(conn, "PING\r\n"); err != nil {
		return false
	}
	var first [1]byte
	_, err = conn.Read(first[:])
	return err == nil && strings.ContainsRune("+-$:*%_", rune(first[0])) // a RESP reply
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

// Allow implements store.Limiter with redis_rate's GCRA.
func (s *Store) Allow(ctx context.Context, key string, l store.Limit) (store.Decision, error) {
	if l.IsZero() {
		return store.Decision{Allowed: true}, nil
	}
	var res *redis_rate.Result
	err := s.do(ctx, func(ctx context.Context) (err error) {
		res, err = s.limiter.Allow(ctx, s.key("rate", key), redis_rate.Limit{Rate: l.Rate, Period: l.Period, Burst: max(l.Burst, 1)})
		return err
	})
	if err != nil {
		return store.Decision{}, err
	}
	return store.Decision{Allowed: res.Allowed > 0, RetryAfter: max(res.RetryAfter, 0)}, nil
}

// Peek implements store.Limiter: redis_rate at a cost of nothing, which
// counts nothing and allows while a whole event remains.
func (s *Store) Peek(ctx context.Context, key string, l store.Limit) (store.Decision, error) {
	if l.IsZero() {
		return store.Decision{Allowed: true}, nil
	}
	rl := redis_rate.Limit{Rate: l.Rate, Period: l.Period, Burst: max(l.Burst, 1)}
	var res *redis_rate.Result
	err := s.do(ctx, func(ctx context.Context) (err error) {
		res, err = s.limiter.AllowN(ctx, s.key("rate", key), rl, 0)
		return err
	})
	if err != nil {
		return store.Decision{}, err
	}
	if res.Remaining >= 1 {
		return store.Decision{Allowed: true}, nil
	}
	// The next event is allowed once the state has drained to a burst
	// less one interval.
	interval := l.Period / time.Duration(l.Rate)
	return store.Decision{RetryAfter: max(res.ResetAfter-interval*time.Duration(rl.Burst-1), time.Millisecond)}, nil
}

// guildKey names a server's settings or audit key ("settings",
// "audit"). The server's ID is a hash tag, so that on a Redis Cluster
// both keys hash to one slot, and UpdateSettings can write them in one
// transaction (MULTI across slots fails with CROSSSLOT).
func (s *Store) guildKey(guildID, what string) string {
	return s.key("guild", "{"+guildID+"}", what)
}

// legacyGuildKey is where versions before the hash tag kept the key;
// it is read when the new one is missing, and never written.
func (s *Store) legacyGuildKey(guildID, what string) string {
	return s.key("guild", guildID, what)
}

// Settings implements store.Settings, in one round trip: the settings,
// those under the legacy key, and whether the audit log has entries.
func (s *Store) Settings(ctx context.Context, guildID string) (store.GuildSettings, bool, error) {
	var cur, old *redis.StringCmd
	var audit, oldAudit *redis.IntCmd
	err := s.do(ctx, func(ctx context.Context) error {
		cmds, _ := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			cur = p.Get(ctx, s.guildKey(guildID, "settings"))
			old = p.Get(ctx, s.legacyGuildKey(guildID, "settings"))
			audit = p.Exists(ctx, s.guildKey(guildID, "audit")) // two slots: two commands
			oldAudit = p.Exists(ctx, s.legacyGuildKey(guildID, "audit"))
			return nil
		})
		if err := cur.Err(); !errors.Is(err, redis.Nil) {
			return err // found, or failed: the legacy keys do not matter
		}
		for _, c := range cmds {
			if err := c.Err(); err != nil && !errors.Is(err, redis.Nil) { // no settings: a result, not a failure
				return err
			}
		}
		return nil
	})
	var gs store.GuildSettings
	if err != nil {
		return gs, false, err
	}
	raw, err := cur.Bytes()
	if errors.Is(err, redis.Nil) {
		raw, err = old.Bytes()
	}
	switch {
	case errors.Is(err, redis.Nil) && audit.Val()+oldAudit.Val() > 0:
		return gs, false, fmt.Errorf("redis: guild %s: %w", guildID, store.ErrSettingsLost)
	case errors.Is(err, redis.Nil):
		return gs, false, nil
	case err != nil:
		return gs, false, err
	}
	if err := json.Unmarshal(raw, &gs); err != nil {
		return gs, false, fmt.Errorf("redis: settings of guild %s: %w", guildID, err)
	}
	return gs, true, nil
}

// maxSettingsAttempts bounds how often UpdateSettings applies a change
// that another process's change keeps overtaking.
const maxSettingsAttempts = 16

// UpdateSettings implements store.Settings, with optimistic locking: it
// WATCHes the settings key, reads it, applies the change and writes the
// settings and the audit entry in one MULTI, which fails if another
// process wrote the settings since the read; then it reads again.
func (s *Store) UpdateSettings(ctx context.Context, guildID string, change store.SettingsChange) (store.GuildSettings, error) {
	key, auditKey := s.guildKey(guildID, "settings"), s.guildKey(guildID, "audit")
	var (
		saved                  store.GuildSettings
		changeErr, unconfirmed error
		overtaken              bool
		// Versions before the hash tag kept the settings in another
		// slot, which a transaction on this one cannot read: they are
		// read first, and never written.
		legacy    []byte
		legacyErr error
	)
	apply := func(ctx context.Context) func(tx *redis.Tx) error {
		return func(tx *redis.Tx) error {
			raw, err := tx.Get(ctx, key).Bytes()
			switch {
			case errors.Is(err, redis.Nil) && legacyErr != nil:
				return legacyErr // the legacy settings matter, and could not be read
			case errors.Is(err, redis.Nil):
				raw = legacy
			case err != nil:
				return err
			}
			var cur store.GuildSettings
			if raw != nil {
				if err := json.Unmarshal(raw, &cur); err != nil {
					return fmt.Errorf("settings of guild %s: %w", guildID, err)
				}
			}
			gs, entry, err := change(cur, raw != nil)
			if err != nil {
				changeErr = err
				return nil
			}
			rawGS, err := json.Marshal(gs)
			if err != nil {
				return err
			}
			rawEntry, err := json.Marshal(entry)
			if err != nil {
				return err
			}
			if _, err := tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, key, rawGS, 0)
				p.LPush(ctx, auditKey, rawEntry)
				p.LTrim(ctx, auditKey, 0, store.MaxAudit-1)
				return nil
			}); err != nil {
				return err
			}
			saved = gs
			if s.sentinelMaster != "" {
				unconfirmed = s.replicated(ctx, tx)
			}
			return nil
		}
	}
	// In a Cluster the legacy key may sit on another node, which may be
	// down while this server's is not: its error matters only if the
	// settings are not under the new key.
	legacyErr = s.do(ctx, func(ctx context.Context) (err error) {
		legacy, err = s.rdb.Get(ctx, s.legacyGuildKey(guildID, "settings")).Bytes()
		if errors.Is(err, redis.Nil) {
			return nil
		}
		return err
	})
	var err error
	// Each attempt has the store's budget: one overtaken by another
	// change says nothing of Redis.
	for attempt := 0; err == nil && attempt < maxSettingsAttempts; attempt++ {
		if attempt > 0 { // apart from the others
			time.Sleep(rand.N(time.Duration(attempt) * time.Millisecond))
		}
		overtaken = false
		err = s.do(ctx, func(ctx context.Context) error {
			err := s.rdb.Watch(ctx, apply(ctx), key)
			if errors.Is(err, redis.TxFailedErr) {
				overtaken = true
				return nil
			}
			return err
		})
		if !overtaken {
			break
		}
	}
	switch {
	case err != nil:
		return store.GuildSettings{}, err
	case overtaken:
		return store.GuildSettings{}, errContended
	case changeErr != nil:
		return store.GuildSettings{}, changeErr
	}
	return saved, unconfirmed
}

// errContended is UpdateSettings' error when other changes overtook
// every attempt.
var errContended = fmt.Errorf("redis: the settings changed %d times while being changed", maxSettingsAttempts)

// replicated waits for a replica to confirm what the connection of tx
// wrote: behind Sentinel, the primary may die before replicating, and a
// promoted replica would not know it. WAIT has a budget of its own:
// replicas slow to confirm say nothing of whether the primary serves.
func (s *Store) replicated(ctx context.Context, tx *redis.Tx) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
	defer cancel()
	switch replicas, err := tx.Wait(ctx, 1, s.timeout/2).Result(); {
	case err != nil:
		return fmt.Errorf("%w: %w", ErrNotReplicated, err)
	case replicas == 0:
		return ErrNotReplicated
	}
	return nil
}

// ErrNotReplicated is UpdateSettings' error behind Sentinel when no
// replica confirmed the change in time: the primary has it, and the
// change is in force, but it would be lost if the primary failed over
// now.
var ErrNotReplicated = fmt.Errorf("redis: %w: no replica acknowledged the change in time", store.ErrUnconfirmed)

// Audit implements store.Settings: the newest n entries, those kept
// under the legacy key after those under the new one.
func (s *Store) Audit(ctx context.Context, guildID string, n int) ([]store.AuditEntry, error) {
	var raw []string
	err := s.do(ctx, func(ctx context.Context) error {
		var cur, old *redis.StringSliceCmd
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			cur = p.LRange(ctx, s.guildKey(guildID, "audit"), 0, int64(n)-1)
			old = p.LRange(ctx, s.legacyGuildKey(guildID, "audit"), 0, int64(n)-1)
			return nil
		})
		raw = append(cur.Val(), old.Val()...)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]store.AuditEntry, 0, min(len(raw), n))
	for _, r := range raw[:min(len(raw), n)] {
		var e store.AuditEntry
		if json.Unmarshal([]byte(r), &e) == nil {
			out = append(out, e)
		}
	}
	return out, nil
}

// fExchange prefixes the stats hash field that counts an exchange.
const fExchange = "exchange:"

// maxGaps bounds the declined questions kept per server.
const maxGaps = 1000

// statsKey names a scope's statistics key: its all-time counts (no
// parts), a bucket's counts (the bucket's name), or a bucket's declined
// questions ("gaps", then the name).
func (s *Store) statsKey(scope string, parts ...string) string {
	return s.key(append([]string{"stats", cmp.Or(scope, "all")}, parts...)...)
}

// Record implements store.StatsStore in one pipeline: the counts go to
// the scope's all-time hash and to its hour's and day's, and a declined
// question to the hour's and the day's sorted sets, each expiring when
// no window needs it.
func (s *Store) Record(ctx context.Context, guildID string, e store.Event) error {
	now := s.now()
	at := e.At
	if at.IsZero() {
		at = now
	}
	hour, day := store.BucketsAt(at)
	return s.do(ctx, func(ctx context.Context) error {
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			scopes := []string{""}
			if guildID != "" {
				scopes = append(scopes, guildID)
			}
			for _, scope := range scopes {
				count(ctx, p, s.statsKey(scope), e, 0)
				for _, b := range []store.Bucket{hour, day} {
					if ttl := b.End().Add(store.Keep(b, false, s.retention)).Sub(now); ttl > 0 {
						count(ctx, p, s.statsKey(scope, b.Name()), e, ttl)
					}
					if ttl := b.End().Add(store.Keep(b, true, s.retention)).Sub(now); ttl > 0 && e.Unanswered != "" {
						k := s.statsKey(scope, "gaps", b.Name())
						p.Eval(ctx, gapScript, []string{k}, ttl.Milliseconds(), e.Unanswered, maxGaps)
					}
				}
				if e.Unanswered != "" {
					// Versions before the retention period kept declined
					// questions in one set, for ever.
					p.Unlink(ctx, s.statsKey(scope, "gaps"))
				}
			}
			return nil
		})
		return err
	})
}

// The scripts that count into a bucket and set its expiry in one step,
// so that no bucket is left without one (a declined question kept past
// the retention period), even when a pipeline is cut short. Each
// touches one key, and so runs on any Cluster. (Eval, not EvalSha: in a
// pipeline a NOSCRIPT could not fall back.)
const (
	// countScript: HINCRBY KEYS[1] by ARGV[2], ARGV[3] … (field, then
	// increment), then PEXPIRE ARGV[1] ms unless it is 0.
	countScript = `for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i+1]) end
if tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1`
	// gapScript: count question ARGV[2], keep the ARGV[3] most frequent,
	// expire in ARGV[1] ms.
	gapScript = `redis.call('ZINCRBY', KEYS[1], 1, ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3])-1)
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`
)

// statsTimeout bounds Stats, which reads up to a year of days: a
// moderator's command, that may take longer than the calls of an answer.
const statsTimeout = 2 * time.Second

// count adds e's counts to the hash at key, which expires in ttl (0:
// never), in one step.
func count(ctx context.Context, p redis.Pipeliner, key string, e store.Event, ttl time.Duration) {
	args := []any{ttl.Milliseconds()}
	for _, c := range store.Counters(&store.Stats{}, e) {
		if c.Add > 0 {
			args = append(args, c.Name, c.Add)
		}
	}
	for _, x := range e.Exchanges {
		args = append(args, fExchange+strconv.Itoa(x), 1)
	}
	if len(args) > 1 {
		p.Eval(ctx, countScript, []string{key}, args...)
	}
}

// Stats implements store.StatsStore, in one pipeline.
func (s *Store) Stats(ctx context.Context, guildID string, w store.Window, n int) (store.Stats, error) {
	buckets := store.Buckets(w, s.now(), s.retention)
	var counts []*redis.MapStringStringCmd
	var gaps []*redis.ZSliceCmd
	err := s.doWithin(ctx, statsTimeout, func(ctx context.Context) error {
		if w == store.AllTime {
			counts = append(counts, s.rdb.HGetAll(ctx, s.statsKey(guildID)))
			// Versions before the retention period kept declined
			// questions in one set, for ever.
			s.rdb.Unlink(ctx, s.statsKey(guildID, "gaps"))
		}
		// A year of days, in pipelines of a month: each read stays
		// within the client's read timeout.
		for chunk := range slices.Chunk(buckets, 31) {
			_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				for _, b := range chunk {
					if w != store.AllTime {
						counts = append(counts, p.HGetAll(ctx, s.statsKey(guildID, b.Name())))
					}
					gaps = append(gaps, p.ZRangeWithScores(ctx, s.statsKey(guildID, "gaps", b.Name()), 0, -1))
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return counts[0].Err()
	})
	if err != nil {
		return store.Stats{}, err
	}
	st := store.Stats{Exchanges: make(map[int]int64)}
	for _, c := range counts {
		st.Add(parseStats(c.Val()))
	}
	questions := make(map[string]int64)
	for _, g := range gaps {
		for _, z := range g.Val() {
			if q, ok := z.Member.(string); ok {
				questions[q] += int64(z.Score)
			}
		}
	}
	st.Gaps = store.TopGaps(questions, n)
	return st, nil
}

// parseStats reads a statistics hash.
func parseStats(fields map[string]string) store.Stats {
	st := store.Stats{Exchanges: make(map[int]int64)}
	totals := make(map[string]*int64)
	for _, c := range store.Counters(&st, store.Event{}) {
		totals[c.Name] = c.Total
	}
	for f, v := range fields {
		n, _ := strconv.ParseInt(v, 10, 64)
		if t, ok := totals[f]; ok {
			*t = n
		} else if num, ok := strings.CutPrefix(f, fExchange); ok {
			if x, err := strconv.Atoi(num); err == nil {
				st.Exchanges[x] = n
			}
		}
	}
	return st
}

// quizKey names a server's quiz keys: a round's answers ("round", then
// the round), its points and its answer counts. They share the server's
// hash tag, so that answerScript runs on one Cluster slot.
func (s *Store) quizKey(guildID string, parts ...string) string {
	return s.key(append([]string{"guild", "{" + guildID + "}", "quiz"}, parts...)...)
}

// answerScript records an answer once: the round's hash keeps each
// user's choice (HSETNX), and a first answer adds to the user's points
// and answer count, in one step. Scores expire store.QuizScoreTTL after
// the server's last answer.
var answerScript = redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], '` + closedField + `') == 1 then return -1 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('ZINCRBY', KEYS[2], ARGV[3], ARGV[1])
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return 1
`)

// Answer implements store.Quizzes.
func (s *Store) Answer(ctx context.Context, guildID, round string, a store.QuizAnswer) (bool, error) {
	point := 0
	if a.Correct {
		point = 1
	}
	var first int64
	err := s.do(ctx, func(ctx context.Context) (err error) {
		keys := []string{s.quizKey(guildID, "round", round), s.quizKey(guildID, "points"), s.quizKey(guildID, "answered")}
		first, err = answerScript.Run(ctx, s.rdb, keys, a.UserID, a.Choice, point, store.QuizRoundTTL.Milliseconds(), store.QuizScoreTTL.Milliseconds()).Int64()
		return err
	})
	if err == nil && first == -1 {
		return false, store.ErrRoundClosed
	}
	return first == 1, err
}

// closedField marks a closed round in its hash; user IDs are numbers.
const closedField = "_closed"

// Choices implements store.Quizzes.
func (s *Store) Choices(ctx context.Context, guildID, round string) (map[string]int, error) {
	var all map[string]string
	err := s.do(ctx, func(ctx context.Context) (err error) {
		all, err = s.rdb.HGetAll(ctx, s.quizKey(guildID, "round", round)).Result()
		return err
	})
	out := make(map[string]int, len(all))
	for u, c := range all {
		if n, err := strconv.Atoi(c); err == nil && u != closedField {
			out[u] = n
		}
	}
	return out, err
}

// CloseRound implements store.Quizzes.
func (s *Store) CloseRound(ctx context.Context, guildID, round string) error {
	k := s.quizKey(guildID, "round", round)
	return s.do(ctx, func(ctx context.Context) error {
		_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, k, closedField, 1)
			p.PExpire(ctx, k, store.QuizRoundTTL)
			return nil
		})
		return err
	})
}

// Tally implements store.Quizzes.
func (s *Store) Tally(ctx context.Context, guildID, round string, n int) ([]int64, error) {
	choices, err := s.Choices(ctx, guildID, round)
	out := make([]int64, max(n, 0))
	for _, c := range choices {
		if c >= 0 && c < len(out) {
			out[c]++
		}
	}
	return out, err
}

// maxTies bounds the users tied on the last place that Leaderboard
// weighs to order them.
const maxTies = 1000

// Leaderboard implements store.Quizzes: the n best by points, with the
// users tied with the last of them, ordered by store.SortScores.
func (s *Store) Leaderboard(ctx context.Context, guildID string, n int) ([]store.Score, error) {
	if n <= 0 {
		return nil, nil
	}
	var out []store.Score
	err := s.do(ctx, func(ctx context.Context) error {
		points := s.quizKey(guildID, "points")
		top, err := s.rdb.ZRevRangeWithScores(ctx, points, 0, int64(n-1)).Result()
		if err != nil || len(top) == 0 {
			return err
		}
		if len(top) == n {
			last := strconv.FormatFloat(top[n-1].Score, 'f', -1, 64)
			ties, err := s.rdb.ZRangeByScoreWithScores(ctx, points, &redis.ZRangeBy{Min: last, Max: last, Count: maxTies}).Result()
			if err != nil {
				return err
			}
			top = append(top, ties...)
		}
		seen := map[string]bool{}
		var users []string
		for _, z := range top {
			u, _ := z.Member.(string)
			if !seen[u] {
				seen[u] = true
				users = append(users, u)
				out = append(out, store.Score{UserID: u, Points: int64(z.Score)})
			}
		}
		answered, err := s.rdb.HMGet(ctx, s.quizKey(guildID, "answered"), users...).Result()
		if err != nil {
			return err
		}
		for i, v := range answered {
			if str, ok := v.(string); ok {
				out[i].Answered, _ = strconv.ParseInt(str, 10, 64)
			}
		}
		return nil
	})
	store.SortScores(out)
	return out[:min(n, len(out))], err
}

// sessionKey names a channel's session ("session"), its claims
// ("claim") or its sessions' end marks ("ended"), under the server's
// hash tag.
func (s *Store) sessionKey(guildID, channelID, what string) string {
	return s.quizKey(guildID, what, channelID)
}

// dueKey is the index of sessions by when they are due: a sorted set of
// "guild/channel" scored by Unix milliseconds. It is a hint: each
// session read from it is checked against its own key.
func (s *Store) dueKey() string { return s.key("quiz", "due") }

// StartSession implements store.Sessions.
func (s *Store) StartSession(ctx context.Context, qs store.QuizSession) (bool, error) {
	raw, err := json.Marshal(qs)
	if err != nil {
		return false, err
	}
	var ok bool
	err = s.do(ctx, func(ctx context.Context) (err error) {
		ok, err = s.rdb.SetNX(ctx, s.sessionKey(qs.GuildID, qs.ChannelID, "session"), raw, store.SessionTTL).Result()
		if err != nil || !ok {
			return err
		}
		return s.rdb.ZAdd(ctx, s.dueKey(), redis.Z{Score: float64(qs.Due.UnixMilli()), Member: qs.GuildID + "/" + qs.ChannelID}).Err()
	})
	return ok, err
}

// saveScript overwrites a session if the one saved has the same ID: a
// step that finishes after /quiz stop, or after a new start, must not
// bring the old session back.
var saveScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
cur = cjson.decode(cur)
if cur.id ~= ARGV[1] or cur.lost then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`)

// restoreScript saves a copy of a lost session unless the channel has
// another session, or this one as far on. ARGV[4] is the copy's
// Progress.
var restoreScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur then
	cur = cjson.decode(cur)
	local progress = 0
	if type(cur.asked) == 'table' then progress = 2 * #cur.asked end
	if cur.revealed == true then progress = progress + 1 end
	if cur.id ~= ARGV[1] or progress >= tonumber(ARGV[4]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`)

// SaveSession implements store.Sessions.
func (s *Store) SaveSession(ctx context.Context, qs store.QuizSession) (bool, error) {
	return s.putSession(ctx, saveScript, qs)
}

// RestoreSession implements store.Sessions.
func (s *Store) RestoreSession(ctx context.Context, qs store.QuizSession) (bool, error) {
	return s.putSession(ctx, restoreScript, qs, qs.Progress())
}

// putSession saves qs with script (saveScript or restoreScript), and
// indexes it by when it is due if the script saved it.
func (s *Store) putSession(ctx context.Context, script *redis.Script, qs store.QuizSession, args ...any) (bool, error) {
	raw, err := json.Marshal(qs)
	if err != nil {
		return false, err
	}
	var saved int64
	err = s.do(ctx, func(ctx context.Context) (err error) {
		saved, err = script.Run(ctx, s.rdb, []string{s.sessionKey(qs.GuildID, qs.ChannelID, "session")},
			append([]any{qs.ID, raw, store.SessionTTL.Milliseconds()}, args...)...).Int64()
		if err != nil || saved == 0 {
			return err
		}
		return s.rdb.ZAdd(ctx, s.dueKey(), redis.Z{Score: float64(qs.Due.UnixMilli()), Member: qs.GuildID + "/" + qs.ChannelID}).Err()
	})
	return saved == 1, err
}

// Session implements store.Sessions.
func (s *Store) Session(ctx context.Context, guildID, channelID string) (store.QuizSession, bool, error) {
	var raw []byte
	err := s.do(ctx, func(ctx context.Context) (err error) {
		raw, err = s.rdb.Get(ctx, s.sessionKey(guildID, channelID, "session")).Bytes()
		if errors.Is(err, redis.Nil) {
			return nil
		}
		return err
	})
	var qs store.QuizSession
	if err != nil || raw == nil {
		return qs, false, err
	}
	if err := json.Unmarshal(raw, &qs); err != nil {
		return qs, false, fmt.Errorf("redis: session of channel %s: %w", channelID, err)
	}
	return qs, true, nil
}

// endScript deletes the channel's session if it is the one ended, and
// marks that one ended. KEYS[1] is the session, KEYS[2] the mark; ARGV[1]
// the ID, ARGV[2] the mark's TTL in ms. It returns 1 if it deleted.
var endScript = redis.NewScript(`
redis.call('SET', KEYS[2], 1, 'PX', ARGV[2])
local cur = redis.call('GET', KEYS[1])
if not cur or cjson.decode(cur).id ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`)

// endedKey marks session qs ended.
func (s *Store) endedKey(qs store.QuizSession) string {
	return s.sessionKey(qs.GuildID, qs.ChannelID, "ended") + ":" + qs.ID
}

// EndSession implements store.Sessions. Its claims expire on their own.
func (s *Store) EndSession(ctx context.Context, qs store.QuizSession) error {
	return s.do(ctx, func(ctx context.Context) error {
		deleted, err := endScript.Run(ctx, s.rdb, []string{s.sessionKey(qs.GuildID, qs.ChannelID, "session"), s.endedKey(qs)},
			qs.ID, store.SessionTTL.Milliseconds()).Int64()
		if err != nil || deleted == 0 {
			return err // another session's place in the index is its own
		}
		return s.rdb.ZRem(ctx, s.dueKey(), qs.GuildID+"/"+qs.ChannelID).Err()
	})
}

// SessionEnded implements store.Sessions.
func (s *Store) SessionEnded(ctx context.Context, qs store.QuizSession) (bool, error) {
	var n int64
	err := s.do(ctx, func(ctx context.Context) (err error) {
		n, err = s.rdb.Exists(ctx, s.endedKey(qs)).Result()
		return err
	})
	return n == 1, err
}

// epochScript returns the epoch at KEYS[1], set to ARGV[1] if there is
// none.
var epochScript = redis.NewScript(`
local e = redis.call('GET', KEYS[1])
if e then return e end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
`)

// Epoch implements store.Sessions: a key under the server's hash tag, so
// that it goes with its sessions, on a Cluster node restarted empty too.
func (s *Store) Epoch(ctx context.Context, guildID string) (string, error) {
	var e string
	err := s.do(ctx, func(ctx context.Context) (err error) {
		e, err = epochScript.Run(ctx, s.rdb, []string{s.quizKey(guildID, "epoch")}, fmt.Sprintf("%016x", rand.Uint64())).Text()
		return err
	})
	return e, err
}

// DueSessions implements store.Sessions.
func (s *Store) DueSessions(ctx context.Context, now time.Time, n int) ([]store.QuizSession, error) {
	var members []string
	err := s.do(ctx, func(ctx context.Context) (err error) {
		members, err = s.rdb.ZRangeByScore(ctx, s.dueKey(), &redis.ZRangeBy{Min: "-inf", Max: strconv.FormatInt(now.UnixMilli(), 10), Count: int64(n)}).Result()
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []store.QuizSession
	for _, m := range members {
		guild, channel, _ := strings.Cut(m, "/")
		qs, ok, err := s.Session(ctx, guild, channel)
		switch {
		case err != nil:
			return out, err
		case !ok:
			s.do(ctx, func(ctx context.Context) error { return s.rdb.ZRem(ctx, s.dueKey(), m).Err() }) // ended or expired
		case !qs.Due.After(now):
			out = append(out, qs)
		}
	}
	return out, nil
}

// ClaimSession implements store.Sessions.
func (s *Store) ClaimSession(ctx context.Context, qs store.QuizSession, n int, ttl time.Duration) (bool, error) {
	var ok bool
	err := s.do(ctx, func(ctx context.Context) (err error) {
		ok, err = s.rdb.SetNX(ctx, s.sessionKey(qs.GuildID, qs.ChannelID, "claim")+":"+qs.ID+":"+strconv.Itoa(n), 1, ttl).Result()
		return err
	})
	return ok, err
}

// ResetScores implements store.Quizzes: both keys share the server's
// slot.
func (s *Store) ResetScores(ctx context.Context, guildID string) error {
	return s.do(ctx, func(ctx context.Context) error {
		return s.rdb.Del(ctx, s.quizKey(guildID, "points"), s.quizKey(guildID, "answered")).Err()
	})
}
