package redisstore

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

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
