package transport

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Parents finds the parent channel of a thread by asking Discord's REST
// API, once per channel: a thread's
// parent never changes. A channel it could not read is not asked again
// for a minute, so that a thread the bot cannot see does not cost a
// refused REST call on every message.
type Parents struct {
	s      *discordgo.Session
	mu     sync.Mutex
	m      map[string]string    // parent by channel, "" if not a thread
	failed map[string]time.Time // when a channel could not be read
}

// Bounds on what Parents remembers; past them, it forgets all.
const (
	maxParents  = 10_000
	failedFor   = time.Minute
	parentAsked = time.Second // a REST call's limit: replies wait on it
)

// NewParents returns Parents that ask Discord through s.
func NewParents(s *discordgo.Session) *Parents {
	return &Parents{s: s, m: make(map[string]string), failed: make(map[string]time.Time)}
}

// Parent returns the parent of channelID if it is a thread, else "".
func (p *Parents) Parent(ctx context.Context, channelID string) (string, error) {
	p.mu.Lock()
	parent, ok := p.m[channelID]
	failedAt, failed := p.failed[channelID]
	p.mu.Unlock()
	switch {
	case ok:
		return parent, nil
	case failed && time.Since(failedAt) < failedFor:
		return "", fmt.Errorf("discord: channel %s could not be read %v ago", channelID, time.Since(failedAt).Round(time.Second))
	}
	ctx, cancel := context.WithTimeout(ctx, parentAsked)
	defer cancel()
	ch, err := p.s.Channel(channelID, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		if len(p.failed) >= maxParents {
			clear(p.failed)
		}
		p.failed[channelID] = time.Now()
		return "", fmt.Errorf("discord: channel %s: %w", channelID, RESTError(p.s.Client, err))
	}
	if ch.IsThread() {
		parent = ch.ParentID
	}
	if len(p.m) >= maxParents {
		clear(p.m)
	}
	p.m[channelID] = parent
	return parent, nil
}
