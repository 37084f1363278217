package gate

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// Settings returns a server's settings: the saved ones, or the defaults
// where it saved none. While the store cannot say, they fail closed: the
// server's settings as last read, or, for a server never read, the
// defaults made safe (see safeSettings).
func (g *Gate) Settings(ctx context.Context, guildID string) store.GuildSettings {
	gs, _ := g.Read(ctx, guildID)
	return gs
}

// Read is Settings, and whether they are the store's own rather
// than a fallback. A change must start from the store's own: saving a
// change to a fallback would overwrite what the server chose.
func (g *Gate) Read(ctx context.Context, guildID string) (gs store.GuildSettings, fresh bool) {
	if guildID == "" {
		return g.defaults, true
	}
	gs, ok, err := g.store.Settings(ctx, guildID)
	last, age, seen := g.seen.get(guildID)
	lost := errors.Is(err, store.ErrSettingsLost)
	switch {
	case (err == nil || lost) && !ok && seen && !Same(last, g.defaults):
		// Settings are never deleted: the store lost them (a Redis that
		// evicted the key, or restarted empty). Keep applying them; a
		// change starts from what the store holds.
		g.settingsWarn.Warn("settings missing from the store for guild "+guildID+"; applying those last read", errors.New("no settings saved"))
		return last, true
	case lost:
		// The audit log says there were settings, and they are gone: a
		// channel restriction may be among them. Answer the asker only
		// until a moderator sets them again.
		g.settingsWarn.Warn("settings lost from the store for guild "+guildID+", never read here; answering the asker only, without the LLM, until a moderator changes them", err)
		return g.safeSettings(), true
	case err == nil:
		if !ok {
			gs = g.defaults
		}
		g.seen.put(guildID, gs)
		return gs, true
	case seen:
		g.settingsWarn.Warn(fmt.Sprintf("settings unavailable for guild %s; applying those read %v ago", guildID, age.Round(time.Second)), err)
		return last, false
	}
	g.settingsWarn.Warn("settings unavailable and never read for guild "+guildID+"; answering the asker only, without the LLM, in any channel (channel restrictions cannot be known)", err)
	return g.safeSettings(), false
}

// Same reports whether a and b are the same settings.
func Same(a, b store.GuildSettings) bool {
	if len(a.Channels)+len(b.Channels) == 0 {
		a.Channels, b.Channels = nil, nil // no list and an empty one are the same
	}
	return reflect.DeepEqual(a, b)
}

// safeSettings are the settings of a server whose own cannot be read:
// the defaults, with answers shown to the asker only, no LLM and no
// mention replies, which would be public.
func (g *Gate) safeSettings() store.GuildSettings {
	gs := g.defaults
	gs.Ephemeral, gs.LLM, gs.MentionReplies = true, false, false
	return gs
}

// seenSettings keeps the settings last read for each server, with when,
// so that an outage of the store applies them rather than the defaults.
type seenSettings struct {
	mu sync.Mutex
	m  map[string]seenEntry
}

type seenEntry struct {
	gs store.GuildSettings
	at time.Time
}

// maxSeen bounds the servers remembered; past it, one is forgotten.
const maxSeen = 50_000

// Saw keeps gs as the server's settings last read: those it saved.
func (g *Gate) Saw(guildID string, gs store.GuildSettings) { g.seen.put(guildID, gs) }

func (s *seenSettings) put(guildID string, gs store.GuildSettings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[string]seenEntry)
	}
	if _, ok := s.m[guildID]; !ok && len(s.m) >= maxSeen {
		for k := range s.m {
			delete(s.m, k)
			break
		}
	}
	s.m[guildID] = seenEntry{gs, time.Now()}
}

func (s *seenSettings) get(guildID string) (store.GuildSettings, time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[guildID]
	return e.gs, time.Since(e.at), ok
}
