package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

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
