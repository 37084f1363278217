package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/redisstore"
	"github.com/interviewbot/interviewbot/store/storetest"
)

// TestSentinelFailover: the primary dies in the middle of a stream of
// questions and settings changes, and Sentinel promotes its replica.
// Every question gets its answer, and every settings change the bot
// confirmed is there on the new primary. Behind Sentinel, a change is
// confirmed only once a replica has it: the second replica, which
// Sentinel points at the promoted one.
func TestSentinelFailover(t *testing.T) {
	setup := storetest.StartSentinel(t)
	open := func() *redisstore.Store {
		st, err := redisstore.New(redisstore.Options{URL: setup.URL, SentinelMaster: setup.SentinelMaster,
			Prefix: "ibtest:failover", Timeout: 300 * time.Millisecond, Cooldown: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		waitFor(t, func() bool { return st.Ping(context.Background()) == nil })
		return st
	}
	h := newStateHandler(t, open(), unlimited)
	const guild = "1180000000000000555" // not the asking one: its limit changes
	ask := func(n int) {
		q := fmt.Sprintf("Les Etats vont-ils arrêter de s'espionner ? %d", n)
		r := reply(h, interaction(t, "ask_fr.json", func(i *discordgo.Interaction) {
			i.Data = discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{opt("question", q)}}
		}))
		if len(r.Messages) == 0 || !strings.Contains(r.Messages[0], "Brad Smith") {
			t.Errorf("question %d lost: %+v", n, r.Messages)
		}
	}
	// change sets the per-user limit to perMinute, and reports whether
	// the bot confirmed it.
	change := func(perMinute int) bool {
		i := command("settings", int64(discordgo.PermissionManageGuild),
			opt("ratelimit", nil, opt("scope", "user"), opt("per_minute", float64(perMinute))))
		i.GuildID = guild
		r := reply(h, i)
		return len(r.Messages) > 0 && strings.Contains(r.Messages[0], "Saved:")
	}

	var acked []int
	confirmed, refused, afterFailover := 0, 0, 0
	killed := false
	deadline := time.Now().Add(30 * time.Second)
	for n := 1; n <= 600 && time.Now().Before(deadline); n++ { // 600: the highest limit
		ask(n)
		if change(n) {
			confirmed = n
			acked = append(acked, n)
			if killed {
				afterFailover++
			}
		} else {
			refused++
		}
		if n == 20 {
			setup.Primary.Kill()
			killed = true
		}
		if afterFailover >= 10 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if afterFailover < 10 {
		t.Fatalf("%d settings changes confirmed after the primary died; want the bot writing to the promoted replica", afterFailover)
	}
	gs, ok, err := open().Settings(context.Background(), guild)
	if err != nil || !ok || gs.UserLimit.Rate != confirmed {
		t.Errorf("after failover, settings %+v, %v, %v; want the last confirmed change (%d per minute)", gs.UserLimit, ok, err, confirmed)
	}
	// Every confirmed change is in the audit log too (the newest
	// MaxAudit of them are kept).
	audit, err := open().Audit(context.Background(), guild, store.MaxAudit)
	if err != nil {
		t.Fatal(err)
	}
	logged := map[string]bool{}
	for _, e := range audit {
		logged[strings.Fields(e.Change)[1]] = true // "user=N"
	}
	for _, n := range acked[max(0, len(acked)-store.MaxAudit):] {
		if !logged[fmt.Sprintf("user=%d", n)] {
			t.Errorf("confirmed change %d is not in the audit log after the failover", n)
		}
	}
	t.Logf("last confirmed change %d; %d unconfirmed or refused during the failover; %d confirmed after it", confirmed, refused, afterFailover)
}
