package memory

import (
	"context"
	"slices"

	"github.com/interviewbot/interviewbot/store"
)

// Settings implements store.Settings.
func (s *Store) Settings(_ context.Context, guildID string) (store.GuildSettings, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	gs, ok := s.settings[guildID]
	gs.Channels = slices.Clone(gs.Channels)
	return gs, ok, nil
}

// UpdateSettings implements store.Settings.
func (s *Store) UpdateSettings(_ context.Context, guildID string, change store.SettingsChange) (store.GuildSettings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, found := s.settings[guildID]
	cur.Channels = slices.Clone(cur.Channels)
	gs, entry, err := change(cur, found)
	if err != nil {
		return store.GuildSettings{}, err
	}
	gs.Channels = slices.Clone(gs.Channels)
	s.settings[guildID] = gs
	a := append(s.audit[guildID], entry)
	if len(a) > store.MaxAudit {
		a = a[len(a)-store.MaxAudit:]
	}
	s.audit[guildID] = a
	return gs, nil
}

// Audit implements store.Settings.
func (s *Store) Audit(_ context.Context, guildID string, n int) ([]store.AuditEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.audit[guildID]
	out := make([]store.AuditEntry, 0, min(n, len(a)))
	for i := len(a) - 1; i >= 0 && len(out) < n; i-- {
		out = append(out, a[i])
	}
	return out, nil
}
