package memory

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

func sessionKey(guildID, channelID string) string { return guildID + "/" + channelID }

// StartSession implements store.Sessions.
func (s *Store) StartSession(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if _, ok := s.sessions[k]; ok {
		return false, nil
	}
	s.sessions[k] = qs
	return true, nil
}

// SaveSession implements store.Sessions.
func (s *Store) SaveSession(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if cur, ok := s.sessions[k]; !ok || cur.ID != qs.ID || cur.Lost {
		return false, nil
	}
	s.sessions[k] = qs
	return true, nil
}

// RestoreSession implements store.Sessions.
func (s *Store) RestoreSession(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if cur, ok := s.sessions[k]; ok && (cur.ID != qs.ID || cur.Progress() >= qs.Progress()) {
		return false, nil
	}
	s.sessions[k] = qs
	return true, nil
}

// Session implements store.Sessions.
func (s *Store) Session(_ context.Context, guildID, channelID string) (store.QuizSession, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	qs, ok := s.sessions[sessionKey(guildID, channelID)]
	return qs, ok, nil
}

// EndSession implements store.Sessions.
func (s *Store) EndSession(_ context.Context, qs store.QuizSession) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for id, until := range s.ended {
		if now.After(until) {
			delete(s.ended, id)
		}
	}
	s.ended[qs.ID] = now.Add(store.SessionTTL)
	k := sessionKey(qs.GuildID, qs.ChannelID)
	if cur, ok := s.sessions[k]; ok && cur.ID == qs.ID {
		delete(s.sessions, k)
	}
	for c := range s.claims {
		if strings.HasPrefix(c, k+"/"+qs.ID+"/") {
			delete(s.claims, c)
		}
	}
	return nil
}

// SessionEnded implements store.Sessions.
func (s *Store) SessionEnded(_ context.Context, qs store.QuizSession) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	until, ok := s.ended[qs.ID]
	return ok && s.now().Before(until), nil
}

// Epoch implements store.Sessions: the process's, which loses nothing
// it does not lose too.
func (s *Store) Epoch(context.Context, string) (string, error) { return s.epoch, nil }

// DueSessions implements store.Sessions.
func (s *Store) DueSessions(_ context.Context, now time.Time, n int) ([]store.QuizSession, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []store.QuizSession
	for _, qs := range s.sessions {
		if !qs.Due.After(now) && len(out) < n {
			out = append(out, qs)
		}
	}
	return out, nil
}

// ClaimSession implements store.Sessions.
func (s *Store) ClaimSession(_ context.Context, qs store.QuizSession, n int, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sessionKey(qs.GuildID, qs.ChannelID) + "/" + qs.ID + "/" + strconv.Itoa(n)
	if until, ok := s.claims[k]; ok && s.now().Before(until) {
		return false, nil
	}
	s.claims[k] = s.now().Add(ttl)
	return true, nil
}
