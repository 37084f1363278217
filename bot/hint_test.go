package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/lang"
)

// hintPayload is a signed endpoint's hint click, as Discord sends it, by
// user (with role, if any, and no permission) in the payloads' server.
func hintPayload(t *testing.T, n int, user, role, customID string) []byte {
	t.Helper()
	var p map[string]any
	if err := json.Unmarshal(readPayload(t, "interactions/button_feedback.json"), &p); err != nil {
		t.Fatal(err)
	}
	p["id"] = fmt.Sprint(1180000000000005000 + n)
	member := p["member"].(map[string]any)
	member["permissions"] = "0"
	member["roles"] = []string{}
	if role != "" {
		member["roles"] = []string{role}
	}
	member["user"].(map[string]any)["id"] = user
	p["data"].(map[string]any)["custom_id"] = customID
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHintsForTheClassLeader: a moderator on one instance gives the quiz
// role; then, through the other instance's signed endpoint and clients
// that close their connection after each reply (as nginx does), members
// with the role and members without click /discuss's hint buttons at the
// same moment, on both instances: the role's members get the model
// answer and the teacher's notes, the others a refusal, every one of
// them; in memory and on a single Redis, a Cluster and Sentinel.
func TestHintsForTheClassLeader(t *testing.T) {
	const guild, role = "1180000000000000100", "1180000000000000999"
	mod := int64(discordgo.PermissionManageGuild)
	for _, b := range sharedBackends(t, "hints") {
		t.Run(b.name, func(t *testing.T) {
			a, c := newStateHandler(t, b.open(), unlimited), newStateHandler(t, b.open(), unlimited)
			give := command("settings", mod, opt("quizrole", nil, opt("role", role)))
			give.GuildID = guild
			if r := reply(a, give); !strings.Contains(r.Messages[0], "Saved") {
				t.Fatalf("/settings quizrole: %q", r.Messages[0])
			}
			endpoints := []*signedEndpoint{newSignedEndpoint(t, a), newSignedEndpoint(t, c)}
			hints := []string{customid.Hint{Item: "o7.3", Lang: lang.French}.Format(), customid.Hint{Item: "d4.4", Lang: lang.French}.Format()}
			var wg sync.WaitGroup
			for n := range 16 {
				leads := n%2 == 0
				wg.Go(func() {
					r := ""
					if leads {
						r = role
					}
					status, out := endpoints[n/2%2].post(t, hintPayload(t, n, fmt.Sprint(1180000000000006000+n), r, hints[n/4%2]), time.Now(), nil)
					var cb callback
					if status != 200 || json.Unmarshal(out, &cb) != nil {
						t.Errorf("click %d: status %d, %s", n, status, out)
						return
					}
					ephemeral := cb.Data.Flags&int(discordgo.MessageFlagsEphemeral) != 0
					got := cb.Data.Content
					switch {
					case !ephemeral:
						t.Errorf("click %d: shown to the channel: %q", n, got)
					case leads && !strings.HasPrefix(got, "**Corrigé**") && !strings.HasPrefix(got, "**Pistes pour l’enseignant**"):
						t.Errorf("click %d, the quiz role: %q; want the model answer or the notes", n, got)
					case !leads && !strings.Contains(got, "réservés à qui mène la classe"):
						t.Errorf("click %d, a student: %q; want a refusal", n, got)
					}
				})
			}
			wg.Wait()
		})
	}
}
