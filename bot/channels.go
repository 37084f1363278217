package bot

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/bwmarrin/discordgo"
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
// parent never changes.
type restParents struct {
	s  *discordgo.Session
	mu sync.Mutex
	m  map[string]string
}

// maxParents bounds the channels remembered; past it, they are asked again.
const maxParents = 10_000

// NewRESTParents returns Parents that ask Discord through s.
func NewRESTParents(s *discordgo.Session) Parents {
	return &restParents{s: s, m: make(map[string]string)}
}

func (p *restParents) Parent(ctx context.Context, channelID string) (string, error) {
	p.mu.Lock()
	parent, ok := p.m[channelID]
	p.mu.Unlock()
	if ok {
		return parent, nil
	}
	ch, err := p.s.Channel(channelID, discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("discord: channel %s: %w", channelID, err)
	}
	if ch.IsThread() {
		parent = ch.ParentID
	}
	p.mu.Lock()
	if len(p.m) >= maxParents {
		clear(p.m)
	}
	p.m[channelID] = parent
	p.mu.Unlock()
	return parent, nil
}

// allowedHere refuses a channel that the server's allow-list leaves out.
// A thread is allowed with its parent channel (a forum post with its
// forum); a parent that cannot be found is refused.
func (h *Handler) allowedHere(ctx context.Context, gs store.GuildSettings, channelID string) error {
	if len(gs.Channels) == 0 || slices.Contains(gs.Channels, channelID) {
		return nil
	}
	if h.parents != nil {
		parent, err := h.parents.Parent(ctx, channelID)
		switch {
		case err != nil:
			h.warn.Warn("cannot tell a channel's parent; refusing it", err)
		case parent != "" && slices.Contains(gs.Channels, parent):
			return nil
		}
	}
	return &userError{
		fr: "Le bot ne répond pas dans ce salon. Essayez " + channelList(gs.Channels) + ".",
		en: "The bot does not answer in this channel. Try " + channelList(gs.Channels) + ".",
	}
}
