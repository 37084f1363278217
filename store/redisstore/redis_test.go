package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/storetest"
	"github.com/redis/go-redis/v9"
)

var testN atomic.Int64

// newTestStore connects to the Redis at REDIS_URL with a key prefix of
// its own, removed when the test ends.
func newTestStore(t *testing.T) *Store {
	t.Helper()
	return newTopologyStore(t, storetest.Topology{Name: "single", URL: storetest.RedisURL(t)})
}

// newTopologyStore is newTestStore on the deployment top.
func newTopologyStore(t *testing.T, top storetest.Topology) *Store {
	t.Helper()
	prefix := fmt.Sprintf("ibtest:%d:%d", time.Now().UnixNano(), testN.Add(1))
	s, err := New(Options{URL: top.URL, SentinelMaster: top.SentinelMaster, Prefix: prefix, Timeout: time.Second, CacheSize: storetest.CacheSize})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(context.Background()); err != nil {
		storetest.Unavailable(t, fmt.Sprintf("no Redis (%s) at %s: %v", top.Name, top.URL, err))
	}
	t.Cleanup(func() {
		if err := storetest.Delete(context.Background(), s.rdb, prefix); err != nil {
			t.Logf("deleting the keys under %s: %v", prefix, err)
		}
		s.Close()
	})
	return s
}

// TestContract runs the store contract against a single server, a
// Cluster of three masters and a primary and replica behind Sentinel.
func TestContract(t *testing.T) {
	for _, top := range storetest.Topologies(t) {
		t.Run(top.Name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) store.Store { return newTopologyStore(t, top) })
		})
	}
}

func TestParseOptions(t *testing.T) {
	tt := []struct {
		url     string
		master  string
		addrs   int
		db      int
		tls     bool
		wantErr string
	}{
		{url: "redis://127.0.0.1:6379/2", addrs: 1, db: 2},
		{url: "rediss://user:secret@cache.example:6380/0", addrs: 1, tls: true},
		{url: "redis://:secret@h1:6379?addr=h2:6379&addr=h3:6379", addrs: 3},
		{url: "redis://s1:26379", master: "mymaster", addrs: 1},
		{url: "redis://s1:26379?addr=s2:26379&addr=s3:26379", master: "mymaster", addrs: 3}, // three sentinels
		{url: "http://127.0.0.1:6379", wantErr: "want redis://"},
		{url: "127.0.0.1:6379", wantErr: "want redis://"},
		{url: "redis://user:secret@host:6379/notadb", wantErr: "xxxxx"},
		{url: "redis://user:hunter2%zz@host:6379/0", wantErr: "xxxxx"}, // does not parse
	}
	for _, tc := range tt {
		uo, err := ParseOptions(Options{URL: tc.url, SentinelMaster: tc.master})
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("ParseOptions(%q) = %v; want an error with %q and no password", tc.url, err, tc.wantErr)
			}
			continue
		}
		if err != nil || len(uo.Addrs) != tc.addrs || uo.DB != tc.db || (uo.TLSConfig != nil) != tc.tls || uo.MasterName != tc.master {
			t.Errorf("ParseOptions(%q) = %+v, %v", tc.url, uo, err)
			continue
		}
		if !uo.ContextTimeoutEnabled || uo.DialTimeout != DefaultTimeout || uo.MaxRetries != 1 {
			t.Errorf("ParseOptions(%q): timeouts %+v; want small bounded ones", tc.url, uo)
		}
	}
}

// TestDeadRedis points the store at a port where nothing listens: every
// call fails with store.ErrUnavailable. Then at a Redis that accepts
// connections and never answers: the first call fails once its timeout
// is spent, and during the cool-down the calls fail without even
// trying, which the server sees as no byte sent.
func TestDeadRedis(t *testing.T) {
	s, err := New(Options{URL: "redis://127.0.0.1:1/0"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, _, err = s.Get(ctx, "k"); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Get on a dead Redis = %v; want ErrUnavailable", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var received atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				for {
					n, err := c.Read(buf)
					received.Add(int64(n))
					if err != nil {
						return
					}
				}
			}()
		}
	}()
	silent, err := New(Options{URL: "redis://" + ln.Addr().String() + "/0", Timeout: 200 * time.Millisecond, Cooldown: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	if _, _, err := silent.Get(ctx, "k"); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Get on a Redis that never answers = %v; want ErrUnavailable", err)
	}
	// What the failed call sent may still be on its way in: wait until
	// nothing more arrives.
	before := received.Load()
	for settled := 0; settled < 5; {
		time.Sleep(20 * time.Millisecond)
		if now := received.Load(); now != before {
			before, settled = now, 0
		} else {
			settled++
		}
	}
	for range 100 {
		if _, err := silent.Allow(ctx, "u", store.Limit{Rate: 1, Period: time.Second, Burst: 1}); !errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("Allow during cool-down = %v; want ErrUnavailable", err)
		}
	}
	if sent := received.Load() - before; sent != 0 {
		t.Errorf("100 calls during the cool-down sent %d bytes to Redis; want none", sent)
	}

	// Past the cool-down, one probe in the background tries Redis again,
	// and no call waits for it: twenty at once skip Redis.
	now := time.Now()
	silent.now = func() time.Time { return now.Add(2 * time.Hour) }
	var wg sync.WaitGroup
	var tried atomic.Int64
	for range 20 {
		wg.Go(func() {
			_, err := silent.Allow(ctx, "u", store.Limit{Rate: 1, Period: time.Second, Burst: 1})
			if !errors.Is(err, store.ErrUnavailable) {
				t.Errorf("Allow on a Redis that never answers = %v; want ErrUnavailable", err)
			}
			if !strings.Contains(err.Error(), "cooling") {
				tried.Add(1)
			}
		})
	}
	wg.Wait()
	for deadline := time.Now().Add(5 * time.Second); received.Load() == before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond) // the probe's PING on its way
	}
	if received.Load() == before {
		t.Error("past the cool-down, nothing probed Redis")
	}
	if n := tried.Load(); n != 0 {
		t.Errorf("past the cool-down, %d of 20 calls at once waited for Redis; want none", n)
	}
}

// replyErr is an error reply from Redis, as go-redis returns one.
type replyErr string

func (e replyErr) Error() string { return string(e) }
func (replyErr) RedisError()     {}

// TestOutage: only no answer, or an answer that Redis is not ready,
// takes the store out; an error reply to one command does not.
func TestOutage(t *testing.T) {
	tt := []struct {
		err  error
		want bool
	}{
		{context.DeadlineExceeded, true},
		{errors.New("dial tcp 127.0.0.1:6379: connect: connection refused"), true},
		{fmt.Errorf("wrapped: %w", replyErr("LOADING Redis is loading the dataset in memory")), true},
		{replyErr("MASTERDOWN Link with MASTER is down"), true},
		{replyErr("CLUSTERDOWN The cluster is down"), true},
		{replyErr("OOM command not allowed when used memory > 'maxmemory'."), false},
		{replyErr("CROSSSLOT Keys in request don't hash to the same slot"), false},
		{replyErr("WRONGPASS invalid username-password pair or user is disabled."), false},
		{replyErr("NOAUTH Authentication required."), false},
	}
	for _, tc := range tt {
		if got := outage(tc.err); got != tc.want {
			t.Errorf("outage(%v) = %v; want %v", tc.err, got, tc.want)
		}
	}
}

// TestWrongPassword runs a redis-server with a password and connects with
// another: Ping says the process is misconfigured, and the error does not
// take the store out as an outage would.
func TestWrongPassword(t *testing.T) {
	srv := storetest.StartRedis(t, "--requirepass", "right")
	s, err := New(Options{URL: "redis://:wrong@" + srv.Addr + "/0"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Ping(context.Background())
	if !Misconfigured(err) || errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Ping with a wrong password = %v; want a misconfiguration, not an outage", err)
	}
	if strings.Contains(fmt.Sprint(err), "wrong") {
		t.Errorf("the error shows the password: %v", err)
	}
}

// TestCallerCancelled: a caller's own cancelled context fails its call
// but does not take Redis out for the next caller.
func TestCallerCancelled(t *testing.T) {
	s := newTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := s.Settings(ctx, "g"); err == nil {
		t.Fatal("Settings with a cancelled context succeeded")
	}
	if _, _, err := s.Settings(context.Background(), "g"); err != nil {
		t.Errorf("the next caller: %v; want Redis still in use", err)
	}
}

// TestProbeTLS runs a TLS-only redis-server with a certificate nobody
// trusts, and a plain one: each way of getting TLS wrong is told apart
// from a Redis that is merely down.
func TestProbeTLS(t *testing.T) {
	tlsOnly := storetest.StartRedisTLS(t)
	plain := storetest.StartRedis(t)
	ctx := context.Background()
	tt := []struct {
		url           string
		misconfigured bool
	}{
		{"redis://" + tlsOnly.Addr + "/0", true},  // plain to TLS
		{"rediss://" + tlsOnly.Addr + "/0", true}, // a certificate not trusted
		{"rediss://" + plain.Addr + "/0", true},   // TLS to plain
		{"redis://" + plain.Addr + "/0", false},
		{"redis://127.0.0.1:1/0", false}, // down
	}
	for _, tc := range tt {
		err := Probe(ctx, Options{URL: tc.url}, time.Second)
		if Misconfigured(err) != tc.misconfigured {
			t.Errorf("Probe(%s) = %v; want misconfigured %v", tc.url, err, tc.misconfigured)
		}
	}
}

// TestLegacyGuildKeys: settings and audit entries saved before the
// keys took the server's ID as a hash tag are still read; changes are
// written under the new keys, and the audit log lists both.
func TestLegacyGuildKeys(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	old := store.GuildSettings{Ephemeral: true, Channels: []string{"1180000000000000200"}}
	raw, _ := json.Marshal(old)
	entry, _ := json.Marshal(store.AuditEntry{UserID: "1", Change: "visibility: ephemeral"})
	s.rdb.Set(ctx, s.legacyGuildKey("42", "settings"), raw, 0)
	s.rdb.LPush(ctx, s.legacyGuildKey("42", "audit"), entry)

	gs, ok, err := s.Settings(ctx, "42")
	if err != nil || !ok || !gs.Ephemeral || len(gs.Channels) != 1 {
		t.Fatalf("Settings = %+v, %v, %v; want those under the legacy key", gs, ok, err)
	}
	// A change starts from the legacy settings, and saves under the new key.
	if _, err := s.UpdateSettings(ctx, "42", func(cur store.GuildSettings, found bool) (store.GuildSettings, store.AuditEntry, error) {
		if !found || !cur.Ephemeral || len(cur.Channels) != 1 {
			t.Errorf("a change starts from %+v, found %v; want the legacy settings", cur, found)
		}
		cur.Ephemeral = false
		return cur, store.AuditEntry{UserID: "2", Change: "visibility: public"}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if gs, _, _ := s.Settings(ctx, "42"); gs.Ephemeral {
		t.Errorf("after a change, Settings = %+v; want the new key's", gs)
	}
	audit, err := s.Audit(ctx, "42", 10)
	if err != nil || len(audit) != 2 || audit[0].Change != "visibility: public" || audit[1].Change != "visibility: ephemeral" {
		t.Errorf("Audit = %+v, %v; want the new entry, then the legacy one", audit, err)
	}
	if audit, _ := s.Audit(ctx, "42", 1); len(audit) != 1 {
		t.Errorf("Audit(1) = %d entries", len(audit))
	}
}

// TestFailedKinds: Options.Failed hears each failed call's kind: an
// error reply is a command's, a dead server is unavailable, and the
// calls during the cool-down are not tried.
func TestFailedKinds(t *testing.T) {
	ctx := context.Background()
	var kinds []string
	live := newTestStore(t)
	live.failed = func(k string) { kinds = append(kinds, k) }
	live.rdb.Set(ctx, live.key("stats", "all"), "not a hash", 0)
	if _, err := live.Stats(ctx, "", store.AllTime, 5); err == nil || errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Stats on a string = %v; want a command's error, not an outage", err)
	}

	server := storetest.StartRedis(t)
	server.Kill()
	dead, err := New(Options{URL: "redis://" + server.Addr, Failed: func(k string) { kinds = append(kinds, k) }})
	if err != nil {
		t.Fatal(err)
	}
	defer dead.Close()
	dead.Ping(ctx)
	dead.Ping(ctx)
	if want := []string{"command", "unavailable", "cooling"}; !slices.Equal(kinds, want) {
		t.Errorf("failed kinds %v; want %v", kinds, want)
	}
}

// keysOf lists the store's keys on every node.
func keysOf(t *testing.T, s *Store) map[string]time.Duration {
	t.Helper()
	ctx := context.Background()
	var mu sync.Mutex
	out := map[string]time.Duration{}
	scan := func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, s.prefix+":*", 1000).Iterator()
		for iter.Next(ctx) {
			ttl := c.PTTL(ctx, iter.Val()).Val()
			mu.Lock()
			out[iter.Val()] = ttl
			mu.Unlock()
		}
		return iter.Err()
	}
	var err error
	if cc, ok := s.rdb.(*redis.ClusterClient); ok {
		err = cc.ForEachMaster(ctx, scan)
	} else {
		err = scan(ctx, s.rdb.(*redis.Client))
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBucketsExpire: every hour's and day's counts and declined
// questions expire; only the all-time counts (no question text) and the
// quiz scores are kept. On a Cluster too, where the counts and their
// expiry are one script per key.
func TestBucketsExpire(t *testing.T) {
	ctx := context.Background()
	for _, top := range storetest.Topologies(t)[:2] {
		t.Run(top.Name, func(t *testing.T) {
			s := newTopologyStore(t, top)
			for _, e := range []store.Event{
				{Asked: true, Declined: true, Unanswered: "la météo"},
				{Asked: true, Answered: true, Exchanges: []int{2}, CacheHit: true},
				{FeedbackUp: true},
			} {
				if err := s.Record(ctx, "g1", e); err != nil {
					t.Fatal(err)
				}
			}
			keys := keysOf(t, s)
			if len(keys) != 10 { // 2 scopes × (all time, hour, day, hour's gaps, day's gaps)
				t.Errorf("%d keys: %v; want 10", len(keys), keys)
			}
			for k, ttl := range keys {
				lasting := k == s.statsKey("") || k == s.statsKey("g1")
				if lasting != (ttl < 0) {
					t.Errorf("%s expires in %v; want lasting %v", k, ttl, lasting)
				}
			}
		})
	}
}

// TestStatsYear: all time over a year's retention, with a thousand
// declined questions a day, is read within Stats' own budget, and
// does not mark the store down for the calls of answers.
func TestStatsYear(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	s.timeout = DefaultTimeout
	s.retention = 8784 * time.Hour
	now := time.Now()
	questions := make([]redis.Z, 1000)
	for q := range questions {
		questions[q] = redis.Z{Score: float64(q%7 + 1), Member: fmt.Sprintf("question %d", q)}
	}
	for d := range 366 { // a day's set at a time: each write well within the client's timeout
		_, day := store.BucketsAt(now.Add(-time.Duration(d) * 24 * time.Hour))
		k := s.statsKey("g", "gaps", day.Name())
		if err := s.rdb.ZAdd(ctx, k, questions...).Err(); err != nil {
			t.Fatal(err)
		}
		s.rdb.Expire(ctx, k, time.Hour)
	}
	start := time.Now()
	st, err := s.Stats(ctx, "g", store.AllTime, 5)
	if err != nil || len(st.Gaps) != 5 || st.Gaps[0].Count != 366*7 {
		t.Fatalf("Stats(all, a year) = %v, %v after %v; want five gaps, the first 2562 times", st.Gaps, err, time.Since(start))
	}
	if _, _, err := s.Get(ctx, "k"); err != nil {
		t.Errorf("after a year's stats, Get = %v; want the store up", err)
	}
	t.Logf("a year of 1,000 declined questions a day read in %v", time.Since(start))
}

// TestSaveUnconfirmed: behind Sentinel, with no replica to confirm it,
// a change is saved on the primary, in force and in the audit log, and
// reported as unconfirmed: never as refused, and never as an outage.
func TestSaveUnconfirmed(t *testing.T) {
	t.Parallel() // its Sentinel takes seconds to find the replicas
	ctx := context.Background()
	setup := storetest.StartSentinel(t)
	s := newTopologyStore(t, setup.Topology)
	s.timeout = DefaultTimeout
	for _, r := range setup.Replicas {
		r.Kill()
	}
	for n := range 3 {
		err := storetest.Save(ctx, s, "g", store.GuildSettings{UserLimit: store.Limit{Rate: n + 1, Period: time.Minute}}, store.AuditEntry{UserID: "1", Change: fmt.Sprint(n)})
		if !errors.Is(err, store.ErrUnconfirmed) || errors.Is(err, store.ErrUnavailable) {
			t.Fatalf("UpdateSettings with no replica = %v; want ErrUnconfirmed, not an outage", err)
		}
	}
	gs, ok, err := s.Settings(ctx, "g")
	if err != nil || !ok || gs.UserLimit.Rate != 3 {
		t.Errorf("Settings = %+v, %v, %v; want the last change in force", gs.UserLimit, ok, err)
	}
	if audit, err := s.Audit(ctx, "g", 10); err != nil || len(audit) != 3 {
		t.Errorf("Audit = %d entries, %v; want the 3 changes", len(audit), err)
	}
}

// TestQuizKeysExpire: a round's answers and a server's scores expire.
func TestQuizKeysExpire(t *testing.T) {
	s := newTestStore(t)
	if _, err := s.Answer(context.Background(), "g", "r", store.QuizAnswer{UserID: "1", Correct: true}); err != nil {
		t.Fatal(err)
	}
	for k, ttl := range keysOf(t, s) {
		if ttl <= 0 || ttl > store.QuizScoreTTL {
			t.Errorf("%s expires in %v; want within %v", k, ttl, store.QuizScoreTTL)
		}
	}
}

// TestSettingsLost: a server whose settings key is gone but whose audit
// log is not (an eviction) reads as lost, not as a server that never
// chose anything; a change saves settings again.
func TestSettingsLost(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	if err := storetest.Save(ctx, s, "g", store.GuildSettings{Channels: []string{"1"}}, store.AuditEntry{Change: "channel added"}); err != nil {
		t.Fatal(err)
	}
	s.rdb.Del(ctx, s.guildKey("g", "settings"))
	if _, ok, err := s.Settings(ctx, "g"); ok || !errors.Is(err, store.ErrSettingsLost) || errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Settings with the key evicted = %v, %v; want ErrSettingsLost, not an outage", ok, err)
	}
	if err := storetest.Save(ctx, s, "g", store.GuildSettings{Ephemeral: true}, store.AuditEntry{Change: "visibility"}); err != nil {
		t.Fatal(err)
	}
	if gs, ok, err := s.Settings(ctx, "g"); !ok || err != nil || !gs.Ephemeral {
		t.Errorf("after a change, Settings = %+v, %v, %v; want them", gs, ok, err)
	}
	if _, ok, err := s.Settings(ctx, "never"); ok || err != nil {
		t.Errorf("Settings of a server that never chose = %v, %v; want none, no error", ok, err)
	}
}

// TestClusterFailover: the master holding a server's settings dies, and
// its replica takes its slots over. Settings changes work again within
// seconds of the cluster saying so, not after go-redis's minute between
// reloads of the slot map: a call that finds a node down has the map
// read again, and it is never older than clusterReload.
func TestClusterFailover(t *testing.T) {
	t.Parallel() // the failover takes seconds
	ctx := context.Background()
	c := storetest.StartClusterReplicas(t)
	s := newTopologyStore(t, c.Topology)
	s.timeout, s.cool = DefaultTimeout, DefaultCooldown // as deployed
	n := 0
	save := func() error {
		n++
		return storetest.Save(ctx, s, "g", store.GuildSettings{UserLimit: store.Limit{Rate: n, Period: time.Minute}}, store.AuditEntry{Change: fmt.Sprint(n)})
	}
	if err := save(); err != nil {
		t.Fatal(err)
	}
	master, err := s.rdb.(*redis.ClusterClient).MasterForKey(ctx, s.guildKey("g", "settings"))
	if err != nil {
		t.Fatal(err)
	}
	dead := master.Options().Addr
	var survivor string
	for _, node := range c.Nodes {
		if node.Addr != dead {
			survivor = node.Addr
			break
		}
	}
	c.Node(dead).Kill()
	killed := time.Now()
	host, port, _ := net.SplitHostPort(survivor)
	state := func() string {
		out, _ := exec.Command("redis-cli", "-h", host, "-p", port, "cluster", "info").Output()
		if strings.Contains(string(out), "cluster_state:ok") {
			return "ok"
		}
		return "fail"
	}
	for deadline := time.Now().Add(15 * time.Second); state() == "ok" && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond) // until the cluster sees the master fail
	}
	if !storetest.ClusterOK(t, survivor, 30*time.Second) {
		out, _ := exec.Command("redis-cli", "-h", host, "-p", port, "cluster", "nodes").Output()
		t.Fatalf("the cluster never recovered:\n%s", out)
	}
	ok := time.Now()
	for err = save(); err != nil && time.Since(ok) < 90*time.Second; err = save() {
		time.Sleep(100 * time.Millisecond)
	}
	saved := time.Now()
	t.Logf("the cluster was ok again %v after the master died; settings were saved again %v after that", ok.Sub(killed).Round(100*time.Millisecond), saved.Sub(ok).Round(100*time.Millisecond))
	if err != nil || saved.Sub(ok) > 15*time.Second { // a generous bound: go-redis alone took up to a minute
		t.Errorf("settings saved again %v after the cluster recovered (%v); want within seconds", saved.Sub(ok), err)
	}
}

// TestClusterNodeDown: one master of a Cluster stops answering. Calls
// for its slots fail, then rest; calls for the other masters' slots go
// on, instead of the whole store resting with it.
func TestClusterNodeDown(t *testing.T) {
	ctx := context.Background()
	c := storetest.StartClusterReplicas(t)
	s := newTopologyStore(t, c.Topology)
	s.timeout, s.cool = DefaultTimeout, time.Hour // it rests for the whole test
	cc := s.rdb.(*redis.ClusterClient)
	masterOf := func(guild string) string {
		m, err := cc.MasterForKey(ctx, s.guildKey(guild, "settings"))
		if err != nil {
			t.Fatal(err)
		}
		return m.Options().Addr
	}
	dead, alive := "g0", ""
	for n := 1; alive == ""; n++ {
		if g := fmt.Sprint("g", n); masterOf(g) != masterOf(dead) {
			alive = g
		}
	}
	// Its settings are saved: reading them needs no key elsewhere (the
	// legacy keys, in any slot, are read only when they are missing).
	if err := storetest.Save(ctx, s, alive, store.GuildSettings{Ephemeral: true}, store.AuditEntry{Change: "visibility"}); err != nil {
		t.Fatal(err)
	}
	c.Node(masterOf(dead)).Signal(syscall.SIGSTOP) // no answer, as a master that hangs or is cut off
	defer c.Node(masterOf(dead)).Signal(syscall.SIGCONT)
	if _, _, err := s.Settings(ctx, dead); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Settings on the stopped master = %v; want ErrUnavailable", err)
	}
	if _, _, err := s.Settings(ctx, alive); err != nil {
		t.Errorf("Settings on a healthy master while another is stopped = %v; want it served", err)
	}
	if _, _, err := s.Settings(ctx, dead); !errors.Is(err, errNodeResting) {
		t.Errorf("Settings on the stopped master again = %v; want it not tried, the node resting", err)
	}
}
