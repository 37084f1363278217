package gate

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/memory"
)

// TestAdmit: a channel off the list is refused with the list, a thread
// is allowed with its parent, and past its rate the asker is refused
// with when to try again.
func TestAdmit(t *testing.T) {
	ctx := context.Background()
	g := New(Options{Store: memory.New(10), Local: memory.New(1)})
	gs := store.GuildSettings{Channels: []string{"allowed"}, UserLimit: store.Limit{Rate: 1, Period: time.Minute, Burst: 1}}
	var r *Refused
	if err := g.Admit(ctx, "g", "other", "u", gs); !errors.As(err, &r) || len(r.Channels) != 1 {
		t.Errorf("a channel off the list: %v; want refused with the list", err)
	}
	g.Learn("thread", "allowed")
	if err := g.Admit(ctx, "g", "thread", "u", gs); err != nil {
		t.Errorf("a thread of an allowed channel: %v; want it allowed", err)
	}
	if err := g.Admit(ctx, "g", "allowed", "u", gs); !errors.As(err, &r) || r.RetryAt.IsZero() {
		t.Errorf("a second question within the minute: %v; want refused, with when to retry", err)
	}
	if !g.FirstVote(ctx, "m", "u") || g.FirstVote(ctx, "m", "u") {
		t.Error("FirstVote: want the first vote alone")
	}
}

// TestSettingsFailClosed: a store that cannot say gives the settings
// last read, or, for a server never read, the defaults made safe.
func TestSettingsFailClosed(t *testing.T) {
	ctx := context.Background()
	st := memory.New(10)
	g := New(Options{Store: failing{st, false}, Local: memory.New(1), Defaults: store.GuildSettings{LLM: true}})
	if gs, fresh := g.Read(ctx, "g"); !fresh || !gs.LLM {
		t.Fatalf("Read = %+v, %v; want the defaults, fresh", gs, fresh)
	}
	g.store = failing{st, true}
	if gs, fresh := g.Read(ctx, "g"); fresh || !gs.LLM {
		t.Errorf("Read, the store down, read before = %+v, %v; want those last read, not fresh", gs, fresh)
	}
	if gs, _ := g.Read(ctx, "never"); gs.LLM || !gs.Ephemeral {
		t.Errorf("Read, the store down, never read = %+v; want the defaults made safe", gs)
	}
}

// failing is a store whose settings cannot be read when down.
type failing struct {
	*memory.Store
	down bool
}

func (f failing) Settings(ctx context.Context, guildID string) (store.GuildSettings, bool, error) {
	if f.down {
		return store.GuildSettings{}, false, store.ErrUnavailable
	}
	return f.Store.Settings(ctx, guildID)
}
