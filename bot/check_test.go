package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestCheckGolden: what /check shows for each verdict, in French and in
// English, golden; the message command shows the same for a message's
// text; no reply pings, and words are shown as Smith's only when his.
func TestCheckGolden(t *testing.T) {
	h := newTestHandler(t)
	tt := []struct{ name, text string }{
		{"verbatim", "Smith a dit « L’espionnage fait partie de l’activité des Etats »"},
		{"altered", "Smith: « L’espionnage fait partie de l’activité des entreprises depuis leur apparition »"},
		{"negation", "Il a dit \"nous défendons l’arrêt de cette activité\""},
		{"wrong_speaker", "Smith says \"Microsoft joue une étonnante partition\""},
		{"supported", "Smith says espionage has been part of what states do since they first existed"},
		{"not_in_interview", "Smith loves cooking pasta @everyone"},
	}
	for _, tc := range tt {
		for _, locale := range []discordgo.Locale{discordgo.French, discordgo.EnglishUS} {
			i := command("check", 0, opt("claim", tc.text))
			i.Locale = locale
			r := reply(h, i)
			golden(t, "check_"+tc.name+"_"+string(locale)[:2], r)
			if strings.Contains(r.Messages[0], "@everyone") && !strings.Contains(r.Messages[0], "@\u200beveryone") {
				t.Errorf("%s: the reply echoes a ping: %q", tc.name, r.Messages[0])
			}
		}
	}
	// The message command checks the message it is run on.
	i := interaction(t, "check_message.json", nil)
	if r := reply(h, i); !strings.Contains(r.Messages[0], "Citation modifiée") || !strings.Contains(r.Messages[0], "~~etats~~") {
		t.Errorf("Check with the interview on a misquote: %q", r.Messages[0])
	}
}
