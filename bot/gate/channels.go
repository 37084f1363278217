package gate

import (
	"context"
	"slices"
	"sync"

	"github.com/interviewbot/interviewbot/store"
)

// Parents finds the channel a thread belongs to, for the allow-list: a
// thread of an allowed channel, a forum's post, or the bot's own reply
// thread is allowed with its parent.
type Parents interface {
	// Parent returns the parent of channelID if it is a thread, else "".
	Parent(ctx context.Context, channelID string) (string, error)
}

// knownChannels are the channels that interactions described: Discord
// sends an interaction's channel, with its type and parent, so the
// allow-list needs no REST call for them.
type knownChannels struct {
	mu sync.Mutex
	m  map[string]string // parent by channel, "" if not a thread
}

// maxKnown bounds the channels remembered; past it, all are forgotten.
const maxKnown = 10_000

// Learn records what an interaction said of its channel: its parent if
// it is a thread, else "".
func (g *Gate) Learn(channelID, parent string) { g.channels.learn(channelID, parent) }

func (k *knownChannels) learn(channelID, parent string) {
	if channelID == "" {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil || len(k.m) >= maxKnown {
		k.m = make(map[string]string)
	}
	k.m[channelID] = parent
}

func (k *knownChannels) parent(channelID string) (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	parent, ok := k.m[channelID]
	return parent, ok
}

// Allowed refuses a channel that the server's allow-list leaves out.
// A thread is allowed with its parent channel (a forum post with its
// forum, an announcement thread with its channel, the bot's own reply
// thread with the channel it started from). The parent is known from
// the interaction that asks, or, for a mention, asked of Discord; a
// parent that cannot be found is refused.
func (g *Gate) Allowed(ctx context.Context, gs store.GuildSettings, channelID string) error {
	if len(gs.Channels) == 0 || slices.Contains(gs.Channels, channelID) {
		return nil
	}
	parent, ok := g.channels.parent(channelID)
	if !ok && g.parents != nil {
		var err error
		if parent, err = g.parents.Parent(ctx, channelID); err != nil {
			g.warn.Warn("cannot tell a channel's parent; refusing it", err)
		}
	}
	if parent != "" && slices.Contains(gs.Channels, parent) {
		return nil
	}
	return &Refused{Channels: gs.Channels}
}
