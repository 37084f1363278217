package lesson

import (
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// TestSessionWatch: the copy kept of a session is the furthest on; one
// of a new session in the channel replaces it; forgetting an old one
// leaves the new one.
func TestSessionWatch(t *testing.T) {
	var w watch
	now := time.Now()
	s1 := store.QuizSession{ID: "s1", GuildID: "g", ChannelID: "c", Due: now}
	asked := s1
	asked.Asked = []store.SessionRound{{Question: "q", Message: "m"}}
	revealed := asked
	revealed.Revealed = true
	for _, qs := range []store.QuizSession{s1, revealed, asked, s1} {
		w.saw(qs)
	}
	if got := w.others(now.Add(time.Second), nil); len(got) != 1 || !got[0].Revealed {
		t.Fatalf("others = %+v; want the copy furthest on", got)
	}
	if got := w.others(now, []store.QuizSession{s1}); len(got) != 0 {
		t.Errorf("others, s1 due = %+v; want none", got)
	}
	s2 := store.QuizSession{ID: "s2", GuildID: "g", ChannelID: "c", Due: now}
	w.saw(s2)
	w.forget(s1)
	if got := w.others(now, nil); len(got) != 1 || got[0].ID != "s2" {
		t.Errorf("others after s2 started and s1 was forgotten = %+v; want s2", got)
	}
	if got := w.others(now.Add(store.SessionTTL+time.Minute), nil); len(got) != 0 {
		t.Errorf("others a day after = %+v; want none, forgotten", got)
	}
}
