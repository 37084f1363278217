package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/redisstore"
	"github.com/interviewbot/interviewbot/store/storetest"
	"github.com/redis/go-redis/v9"
)

// TestSettingsFailClosed runs a redis-server of its own and takes it away
// four ways: paused (CLIENT PAUSE), out of memory, emptied (FLUSHALL, as
// an eviction or a restart without persistence would), and stopped. A
// server's channel restriction holds through all three; a server whose
// settings were never read gets answers shown to the asker only; rate
// limits still count, in the process.
func TestSettingsFailClosed(t *testing.T) {
	server := storetest.StartRedis(t)
	st, err := redisstore.New(redisstore.Options{URL: "redis://" + server.Addr + "/0", Cooldown: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	admin := redis.NewClient(&redis.Options{Addr: server.Addr})
	defer admin.Close()
	ctx := context.Background()
	waitFor(t, func() bool { return st.Ping(ctx) == nil })

	d := DefaultSettings()
	d.UserLimit = store.Limit{Rate: 3, Period: time.Hour, Burst: 3}
	h := newStateHandler(t, st, d)
	const mod = int64(discordgo.PermissionManageGuild)
	if r := reply(h, command("settings", mod, opt("channels", nil, opt("action", "add"), opt("channel", "1180000000000000009")))); !strings.Contains(r.Messages[0], "Saved") {
		t.Fatalf("restricting to c9: %q", r.Messages)
	}
	fresh := newStateHandler(t, st, d) // has never read g1's settings
	user := 0
	ask := func(h *Handler, guild, channel string) *Reply {
		user++ // a new user each time, below the user limit
		return reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) {
			i.GuildID, i.ChannelID, i.Member.User.ID = guild, channel, "u"+strconv.Itoa(user)
		}))
	}
	refused := func(r *Reply) bool { return strings.Contains(r.Messages[0], "does not answer in this channel") }
	answered := func(r *Reply) bool { return strings.Contains(r.Messages[0], "L’espionnage") }
	check := func(phase string) {
		t.Helper()
		if r := ask(h, "g1", "c1"); !refused(r) {
			t.Errorf("%s: /ask in a channel left out = %q; want refused", phase, r.Messages)
		}
		if r := ask(h, "g1", "1180000000000000009"); !answered(r) || r.Ephemeral {
			t.Errorf("%s: /ask in the allowed channel = %q (ephemeral %v); want a public answer", phase, r.Messages, r.Ephemeral)
		}
	}
	check("Redis up")

	pause := time.Now()
	if err := admin.Do(ctx, "CLIENT", "PAUSE", "2000", "ALL").Err(); err != nil {
		t.Fatal(err)
	}
	check("Redis paused")
	if r := ask(fresh, "g1", "c1"); !answered(r) || !r.Ephemeral {
		t.Errorf("Redis paused, settings never read: %q (ephemeral %v); want an answer to the asker only", r.Messages, r.Ephemeral)
	}
	if time.Since(pause) > 2*time.Second {
		t.Fatalf("the checks outlasted the pause (%v)", time.Since(pause))
	}
	time.Sleep(time.Until(pause.Add(2*time.Second + 150*time.Millisecond))) // the pause and the cool-down
	// Past the cool-down, a probe in the background finds Redis back.
	waitFor(t, func() bool { _, _, err := st.Settings(ctx, "g1"); return err == nil })

	for _, args := range [][]any{{"CONFIG", "SET", "maxmemory-policy", "noeviction"}, {"CONFIG", "SET", "maxmemory", "1"}} {
		if err := admin.Do(ctx, args...).Err(); err != nil {
			t.Fatal(err)
		}
	}
	check("Redis out of memory")
	r := reply(h, command("settings", mod, opt("visibility", nil, opt("mode", "ephemeral"))))
	if !strings.Contains(r.Messages[0], "cannot be saved") {
		t.Errorf("a change with Redis out of memory = %q; want refused", r.Messages)
	}
	// An error reply is not an outage: the next read goes to Redis.
	if _, _, err := st.Settings(ctx, "g1"); err != nil {
		t.Errorf("reading settings after an OOM reply: %v; want Redis still in use", err)
	}
	if err := admin.Do(ctx, "CONFIG", "SET", "maxmemory", "0").Err(); err != nil {
		t.Fatal(err)
	}

	// A Redis that evicted the settings, or restarted empty.
	if err := admin.FlushAll(ctx).Err(); err != nil {
		t.Fatal(err)
	}
	check("settings lost from Redis")

	server.Kill()
	check("Redis stopped")
	if r := reply(h, command("settings", mod, opt("visibility", nil, opt("mode", "ephemeral")))); !strings.Contains(r.Messages[0], "unavailable") {
		t.Errorf("a change with Redis stopped = %q; want refused", r.Messages)
	}
	// Rate limits count in the process: the user limit is 3 an hour.
	for n := range 4 {
		r := reply(h, interaction(t, "ask_en.json", func(i *discordgo.Interaction) { i.GuildID, i.ChannelID = "g1", "1180000000000000009" }))
		if limited := strings.Contains(r.Messages[0], "Try again <t:"); limited != (n == 3) {
			t.Errorf("Redis stopped, question %d of one user: %q; want the fourth limited", n+1, r.Messages)
		}
	}
	if _, _, err := st.Settings(ctx, "g1"); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("with Redis stopped, Settings: %v; want ErrUnavailable", err)
	}
}
