package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// testSessions: a class session's life in a channel: started once, due,
// claimed step by step, saved, ended, and replaced by a new one that
// the old one's late steps leave alone.
func testSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	now := time.Now().Truncate(time.Millisecond)
	qs := store.QuizSession{ID: "s1", GuildID: "g", ChannelID: "c", StartedBy: "u", Lang: "fr", Rounds: 3, Seconds: 30, Due: now}
	if ok, err := s.StartSession(ctx, qs); !ok || err != nil {
		t.Fatalf("StartSession = %v, %v", ok, err)
	}
	if ok, _ := s.StartSession(ctx, qs); ok {
		t.Error("a second session started in the channel")
	}
	later := store.QuizSession{ID: "s2", GuildID: "g", ChannelID: "c2", Rounds: 1, Seconds: 30, Due: now.Add(time.Hour)}
	s.StartSession(ctx, later)
	due, err := s.DueSessions(ctx, now.Add(time.Second), 10)
	if err != nil || len(due) != 1 || due[0].ChannelID != "c" || !due[0].Due.Equal(now) {
		t.Fatalf("DueSessions = %+v, %v; want channel c's", due, err)
	}
	if ok, _ := s.ClaimSession(ctx, qs, 0, time.Minute); !ok {
		t.Error("ClaimSession(step 0) = false; want the claim")
	}
	if ok, _ := s.ClaimSession(ctx, qs, 0, time.Minute); ok {
		t.Error("step 0 claimed twice")
	}
	qs.Asked = append(qs.Asked, store.SessionRound{Question: "w-a1.1-0", Message: "m1"})
	qs.Due = now.Add(30 * time.Second)
	if ok, err := s.SaveSession(ctx, qs); !ok || err != nil {
		t.Fatalf("SaveSession = %v, %v", ok, err)
	}
	if due, _ := s.DueSessions(ctx, now.Add(time.Second), 10); len(due) != 0 {
		t.Errorf("DueSessions before the round ends = %+v; want none", due)
	}
	if got, ok, err := s.Session(ctx, "g", "c"); !ok || err != nil || len(got.Asked) != 1 || got.Asked[0].Message != "m1" {
		t.Errorf("Session = %+v, %v, %v; want the saved one", got, ok, err)
	}
	if ok, _ := s.ClaimSession(ctx, qs, 1, time.Minute); !ok {
		t.Error("ClaimSession(step 1) = false; want the claim")
	}
	if ended, err := s.SessionEnded(ctx, qs); ended || err != nil {
		t.Errorf("SessionEnded of a running session = %v, %v; want false", ended, err)
	}
	if err := s.EndSession(ctx, qs); err != nil {
		t.Fatal(err)
	}
	if ended, err := s.SessionEnded(ctx, qs); !ended || err != nil {
		t.Errorf("SessionEnded after EndSession = %v, %v; want true", ended, err)
	}
	if ok, err := s.SaveSession(ctx, qs); ok || err != nil {
		t.Errorf("SaveSession after EndSession = %v, %v; want false: the step must not bring it back", ok, err)
	}
	if _, ok, _ := s.Session(ctx, "g", "c"); ok {
		t.Error("a session outlived EndSession")
	}
	if due, _ := s.DueSessions(ctx, now.Add(2*time.Hour), 10); len(due) != 1 || due[0].ChannelID != "c2" {
		t.Errorf("DueSessions after the end = %+v; want c2's alone", due)
	}
	next := qs
	next.ID, next.Asked = "s3", nil
	if ok, _ := s.StartSession(ctx, next); !ok {
		t.Error("no new session after EndSession")
	}
	if ok, _ := s.ClaimSession(ctx, next, 0, time.Minute); !ok {
		t.Error("the new session's step 0 is claimed by the old one's")
	}
	if ok, _ := s.SaveSession(ctx, qs); ok {
		t.Error("the old session's step saved over the new session")
	}
	// Ending the old one again (a late step) leaves the new one.
	if err := s.EndSession(ctx, qs); err != nil {
		t.Fatal(err)
	}
	if cur, ok, _ := s.Session(ctx, "g", "c"); !ok || cur.ID != "s3" {
		t.Errorf("Session after the old one ended again = %+v, %v; want s3", cur, ok)
	}
	if due, _ := s.DueSessions(ctx, now.Add(2*time.Hour), 10); len(due) != 2 {
		t.Errorf("DueSessions after the old one ended again = %+v; want s3 and c2's", due)
	}
	if ended, _ := s.SessionEnded(ctx, next); ended {
		t.Error("the new session counts as ended")
	}
}

// testSessionEpoch: a server's epoch is made once, and kept.
func testSessionEpoch(t *testing.T, s store.Store) {
	ctx := context.Background()
	e, err := s.Epoch(ctx, "g")
	if err != nil || len(e) < 8 {
		t.Fatalf("Epoch = %q, %v; want a mark", e, err)
	}
	if again, _ := s.Epoch(ctx, "g"); again != e {
		t.Errorf("Epoch again = %q; want %q, kept", again, e)
	}
}

// testSessionsLost: of the instances' copies of a session the store
// lost, the one furthest on is kept, and a running step does not bring
// it back.
func testSessionsLost(t *testing.T, s store.Store) {
	ctx := context.Background()
	now := time.Now().Truncate(time.Millisecond)
	round := func(n int) store.SessionRound {
		return store.SessionRound{Question: fmt.Sprint("w-a1.1-", n), Message: fmt.Sprint("m", n)}
	}
	// Two instances' copies of a session the store lost: one a
	// question behind the other.
	behind := store.QuizSession{ID: "s1", GuildID: "g", ChannelID: "c", Rounds: 3, Seconds: 30, Due: now, Lost: true,
		Asked: []store.SessionRound{round(1)}}
	ahead := behind
	ahead.Asked = []store.SessionRound{round(1), round(2)}
	if ok, err := s.RestoreSession(ctx, behind); !ok || err != nil {
		t.Fatalf("RestoreSession in an empty channel = %v, %v; want it saved", ok, err)
	}
	if ok, _ := s.RestoreSession(ctx, behind); ok {
		t.Error("the same copy restored twice")
	}
	if ok, _ := s.RestoreSession(ctx, ahead); !ok {
		t.Error("the copy further on was not kept")
	}
	if ok, _ := s.RestoreSession(ctx, behind); ok {
		t.Error("the copy behind replaced the one further on")
	}
	revealed := ahead
	revealed.Revealed = true
	if ok, _ := s.RestoreSession(ctx, revealed); !ok {
		t.Error("the copy with the last answer revealed was not kept")
	}
	other := ahead
	other.ID, other.Asked = "s2", append(ahead.Asked, round(3))
	if ok, _ := s.RestoreSession(ctx, other); ok {
		t.Error("another session's copy replaced the channel's")
	}
	if got, ok, _ := s.Session(ctx, "g", "c"); !ok || len(got.Asked) != 2 || !got.Revealed || !got.Lost {
		t.Errorf("Session = %+v, %v; want the copy further on, lost", got, ok)
	}
	if due, _ := s.DueSessions(ctx, now.Add(time.Second), 10); len(due) != 1 || due[0].ID != "s1" {
		t.Errorf("DueSessions = %+v; want the restored session", due)
	}
	// A step of the session, finishing after the loss, does not
	// bring it back to life.
	running := ahead
	running.Lost = false
	if ok, err := s.SaveSession(ctx, running); ok || err != nil {
		t.Errorf("SaveSession over a lost session = %v, %v; want false", ok, err)
	}
}
