package bot

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/store"
)

// Parents finds the channel a thread belongs to, for the allow-list: a
// thread of an allowed channel, a forum's post, or the bot's own reply
// thread is allowed with its parent.
type Parents interface {
	// Parent returns the parent of channelID if it is a thread, else "".
	Parent(ctx context.Context, channelID string) (string, error)
}

// restParents asks Discord's REST API, once per channel: a thread's
// parent never changes. A channel it could not read is not asked again
// for a minute, so that a thread the bot cannot see does not cost a
// refused REST call on every message.
type restParents struct {
	s      *discordgo.Session
	mu     sync.Mutex
	m      map[string]string    // parent by channel, "" if not a thread
	failed map[string]time.Time // when a channel could not be read
}

// Bounds on what restParents remembers; past them, it forgets all.
const (
	maxParents  = 10_000
	failedFor   = time.Minute
	parentAsked = time.Second // a REST call's limit: replies wait on it
)

// NewRESTParents returns Parents that ask Discord through s.
func NewRESTParents(s *discordgo.Session) Parents {
	return &restParents{s: s, m: make(map[string]string), failed: make(map[string]time.Time)}
}

func (p *restParents) Parent(ctx context.Context, channelID string) (string, error) {
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
		return "", fmt.Errorf("discord: channel %s: %w", channelID, err)
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

// knownChannels are the channels that interactions described: Discord
// sends an interaction's channel, with its type and parent, so the
// allow-list needs no REST call for them.
type knownChannels struct {
	mu sync.Mutex
	m  map[string]string // parent by channel, "" if not a thread
}

// learn records what an interaction said of its channel.
func (k *knownChannels) learn(ch transport.Channel) {
	if ch.ID == "" {
		return
	}
	parent := ""
	if ch.IsThread() {
		parent = ch.ParentID
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil || len(k.m) >= maxParents {
		k.m = make(map[string]string)
	}
	k.m[ch.ID] = parent
}

func (k *knownChannels) parent(channelID string) (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	parent, ok := k.m[channelID]
	return parent, ok
}

// allowedHere refuses a channel that the server's allow-list leaves out.
// A thread is allowed with its parent channel (a forum post with its
// forum, an announcement thread with its channel, the bot's own reply
// thread with the channel it started from). The parent is known from
// the interaction that asks, or, for a mention, asked of Discord; a
// parent that cannot be found is refused.
func (h *Handler) allowedHere(ctx context.Context, gs store.GuildSettings, channelID string) error {
	if len(gs.Channels) == 0 || slices.Contains(gs.Channels, channelID) {
		return nil
	}
	parent, ok := h.channels.parent(channelID)
	if !ok && h.parents != nil {
		var err error
		if parent, err = h.parents.Parent(ctx, channelID); err != nil {
			h.warn.Warn("cannot tell a channel's parent; refusing it", err)
		}
	}
	if parent != "" && slices.Contains(gs.Channels, parent) {
		return nil
	}
	return &userError{
		fr:   "Le bot ne répond pas dans ce salon. Essayez " + channelList(gs.Channels) + ".",
		en:   "The bot does not answer in this channel. Try " + channelList(gs.Channels) + ".",
		kind: "refused",
	}
}
