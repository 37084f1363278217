package redisstore

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

// The cache is bounded by its number of entries, kept in cacheBuckets
// buckets. An entry is a string key with its TTL, so that Redis expires
// it; its bucket's index, a sorted set of the bucket's entries by
// expiry, lets a Set drop those written longest ago when the bucket is
// full. A bucket is one hash tag: its index and its entries are on one
// Cluster slot, and the buckets spread over the masters.
const cacheBuckets = 16

// bucketOf returns the bucket of a cache key.
func bucketOf(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % cacheBuckets)
}

// cacheBucket returns the prefix of bucket b's entries, which is also
// its index's key.
func (s *Store) cacheBucket(b int) string {
	return s.key("cache", fmt.Sprintf("{c%02d}", b))
}

// bucketCapacity returns how many entries bucket b keeps: the capacity
// shared out, at least one each (so at least 16 in all).
func (s *Store) bucketCapacity(b int) int {
	n := s.cacheSize / cacheBuckets
	if b < s.cacheSize%cacheBuckets {
		n++
	}
	return max(n, 1)
}

// setScript stores an entry and indexes it by expiry (Redis's clock),
// drops the bucket's expired entries from the index, then, past the
// bucket's capacity, the entries that expire first: with one TTL for
// all, those written first. It drops 100 at most, so that a capacity
// lowered a long way is reached over several writes, none of which
// holds Redis up. The index lives as long as its last entry. It
// returns how many it dropped for room.
//
// KEYS[1] is the entry, KEYS[2] its bucket's index; ARGV[1] the value,
// ARGV[2] the TTL in ms, ARGV[3] the bucket's capacity, ARGV[4] the
// entries' key prefix and ARGV[5] the entry's name in the index.
var setScript = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZADD', KEYS[2], now + ttl, ARGV[5])
local dropped = 0
local over = math.min(redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[3]), 100)
if over > 0 then
	local gone = redis.call('ZPOPMIN', KEYS[2], over)
	for i = 1, #gone, 2 do
		redis.call('UNLINK', ARGV[4] .. gone[i])
	end
	dropped = #gone / 2
end
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
if #last > 0 then redis.call('PEXPIREAT', KEYS[2], last[2]) end
return dropped
`)

// Get implements store.Cache.
func (s *Store) Get(ctx context.Context, key string) ([]byte, bool, error) {
	var v []byte
	err := s.do(ctx, func(ctx context.Context) (err error) {
		v, err = s.rdb.Get(ctx, s.cacheBucket(bucketOf(key))+":"+key).Bytes()
		return err
	})
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	return v, err == nil, err
}

// Set implements store.Cache.
func (s *Store) Set(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	b := bucketOf(key)
	prefix := s.cacheBucket(b) + ":"
	return s.do(ctx, func(ctx context.Context) error {
		dropped, err := setScript.Run(ctx, s.rdb, []string{prefix + key, s.cacheBucket(b)},
			val, max(ttl.Milliseconds(), 1), s.bucketCapacity(b), prefix, key).Int64()
		s.evicted.Add(dropped)
		return err
	})
}

// CacheUsage implements store.Cache: the live entries of every bucket's
// index, by this process's clock.
func (s *Store) CacheUsage(ctx context.Context) (store.CacheUsage, error) {
	u := store.CacheUsage{Evicted: s.evicted.Load()}
	for b := range cacheBuckets {
		u.Capacity += s.bucketCapacity(b)
	}
	now := fmt.Sprint(s.now().UnixMilli())
	err := s.do(ctx, func(ctx context.Context) error {
		counts := make([]*redis.IntCmd, cacheBuckets)
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for b := range counts {
				counts[b] = p.ZCount(ctx, s.cacheBucket(b), now, "+inf")
			}
			return nil
		})
		for _, c := range counts {
			u.Entries += int(c.Val())
		}
		return err
	})
	return u, err
}
