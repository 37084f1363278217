package storetest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultRedisURL is the Redis tried when REDIS_URL is not set.
const DefaultRedisURL = "redis://127.0.0.1:6379/0"

// RedisURL returns the Redis to test against: REDIS_URL, or a local one.
// Tests that cannot reach it skip locally and fail in CI (CI=true), where
// .ci/run starts a redis-server and sets REDIS_URL. Tests keep their keys
// under a prefix of their own and delete them.
func RedisURL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u
	}
	return DefaultRedisURL
}

var prefixN atomic.Int64

// KeyPrefix returns a key prefix for the test's own keys on the Redis at
// url (REDIS_URL's form, a Cluster's with ?addr=), new to this run, and
// deletes every key under it when the test ends, whether or not it
// expires: a test leaves nothing behind.
func KeyPrefix(t testing.TB, url, name string) string {
	return KeyPrefixOn(t, Topology{Name: name, URL: url}, name)
}

// KeyPrefixOn is KeyPrefix on a deployment topology: a single server, a
// Cluster, or Sentinel.
func KeyPrefixOn(t testing.TB, top Topology, name string) string {
	t.Helper()
	prefix := fmt.Sprintf("ibtest:%s:%d:%d", name, time.Now().UnixNano(), prefixN.Add(1))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := DeleteKeys(ctx, top, prefix); err != nil {
			t.Logf("deleting the keys under %s: %v", prefix, err)
		}
	})
	return prefix
}

// DeleteKeys deletes the keys of prefix (see Delete) on the Redis of
// top.
func DeleteKeys(ctx context.Context, top Topology, prefix string) error {
	var c redis.UniversalClient
	switch {
	case top.SentinelMaster != "":
		opt, err := redis.ParseURL(top.URL)
		if err != nil {
			return err
		}
		c = redis.NewFailoverClient(&redis.FailoverOptions{MasterName: top.SentinelMaster, SentinelAddrs: []string{opt.Addr}})
	case strings.Contains(top.URL, "addr="):
		opt, err := redis.ParseClusterURL(top.URL)
		if err != nil {
			return err
		}
		c = redis.NewClusterClient(opt)
	default:
		opt, err := redis.ParseURL(top.URL)
		if err != nil {
			return err
		}
		c = redis.NewClient(opt)
	}
	defer c.Close()
	return Delete(ctx, c, prefix)
}

// Delete deletes every key under prefix ("prefix:…") through c, on
// every master of a Cluster, and the rate limiter's, which redis_rate
// puts under "rate:" before the prefix.
func Delete(ctx context.Context, c redis.UniversalClient, prefix string) error {
	del := func(ctx context.Context, c *redis.Client) error {
		for _, pattern := range []string{prefix + ":*", "rate:" + prefix + ":*"} {
			iter := c.Scan(ctx, 0, pattern, 500).Iterator()
			for iter.Next(ctx) {
				if err := c.Del(ctx, iter.Val()).Err(); err != nil {
					return err
				}
			}
			if err := iter.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	if cc, ok := c.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, del)
	}
	return del(ctx, c.(*redis.Client))
}

// Unavailable skips the test, or fails it in CI.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("Redis is required in CI: %s", why)
	}
	t.Skipf("skipping: %s (start redis-server, or set REDIS_URL, to run this test)", why)
}
