package gate

import (
	"context"
	"fmt"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// Admit checks what must hold before the bot answers a question here:
// the channel is allowed and neither the user nor the server is over its
// rate limit; a refusal is a *Refused. When the store cannot count, this
// process counts alone.
func (g *Gate) Admit(ctx context.Context, guildID, channelID, user string, gs store.GuildSettings) error {
	if err := g.Allowed(ctx, gs, channelID); err != nil {
		return err
	}
	// The server's limit (for direct messages, their budget all
	// together) is looked at first, without counting: a question it
	// refuses must not spend the user's allowance. Then the user's, then
	// the server's are counted.
	pool, poolLimit, dm := "guild:"+guildID, gs.GuildLimit, guildID == ""
	if dm {
		pool, poolLimit = "dm", g.dmLimit
	}
	steps := []struct {
		key          string
		limit        store.Limit
		peek, shared bool
	}{
		{pool, poolLimit, true, true},
		{"user:" + guildID + ":" + user, gs.UserLimit, false, false},
		{pool, poolLimit, false, true},
	}
	for _, st := range steps {
		d, err := g.rate(ctx, st.key, st.limit, st.peek)
		if err != nil {
			return err
		}
		if !d.Allowed {
			return &Refused{RetryAt: time.Now().Add(d.RetryAfter), DMs: dm && st.shared}
		}
	}
	return nil
}

// rate decides, or with peek only looks, whether an event at key may
// happen under l. When the store cannot count, this process counts alone.
func (g *Gate) rate(ctx context.Context, key string, l store.Limit, peek bool) (store.Decision, error) {
	decide := func(lim store.Limiter) (store.Decision, error) {
		if peek {
			return lim.Peek(ctx, key, l)
		}
		return lim.Allow(ctx, key, l)
	}
	d, err := decide(g.store)
	if err != nil {
		g.warn.Warn("rate limits unavailable; limiting in this process alone", err)
		if d, err = decide(g.local); err != nil {
			return d, fmt.Errorf("rate limits: %w", err)
		}
	}
	return d, nil
}

// oneVote lets one vote through per user per answer, for a year: a rate
// of one with no refill to speak of.
var oneVote = store.Limit{Rate: 1, Period: 365 * 24 * time.Hour, Burst: 1}

// FirstVote reports whether this is the user's first vote on the message.
func (g *Gate) FirstVote(ctx context.Context, messageID, user string) bool {
	d, err := g.rate(ctx, "vote:"+messageID+":"+user, oneVote, false)
	return err == nil && d.Allowed
}
