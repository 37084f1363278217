package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

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
