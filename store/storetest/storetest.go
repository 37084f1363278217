// Package storetest holds the contract that every store.Store backend
// must meet, as tests to run against a fresh store.
package storetest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

// CacheSize is the capacity of the caches of the stores that Run tests.
const CacheSize = 1000

// Run runs the contract against stores made by newStore, one per test,
// whose cache keeps CacheSize entries.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	ctx := context.Background()
	t.Run("cache", func(t *testing.T) {
		s := newStore(t)
		if _, ok, err := s.Get(ctx, "absent"); ok || err != nil {
			t.Fatalf("Get(absent) = %v, %v; want a miss", ok, err)
		}
		if err := s.Set(ctx, "k", []byte("v1"), time.Minute); err != nil {
			t.Fatal(err)
		}
		if v, ok, err := s.Get(ctx, "k"); !ok || err != nil || string(v) != "v1" {
			t.Fatalf("Get(k) = %q, %v, %v; want v1", v, ok, err)
		}
		s.Set(ctx, "k", []byte("v2"), time.Minute)
		if v, _, _ := s.Get(ctx, "k"); string(v) != "v2" {
			t.Errorf("Get(k) after overwrite = %q; want v2", v)
		}
	})
	t.Run("cache ttl", func(t *testing.T) {
		s := newStore(t)
		s.Set(ctx, "short", []byte("x"), 50*time.Millisecond)
		time.Sleep(120 * time.Millisecond)
		if _, ok, _ := s.Get(ctx, "short"); ok {
			t.Error("an entry outlived its TTL")
		}
		if u, err := s.CacheUsage(ctx); err != nil || u.Entries != 0 {
			t.Errorf("CacheUsage = %+v, %v; want no entries once the only one expired", u, err)
		}
	})
	t.Run("cache bounded", func(t *testing.T) {
		s := newStore(t)
		const n = CacheSize * 3 / 2
		for i := range n {
			if err := s.Set(ctx, fmt.Sprintf("k%d", i), []byte("v"), time.Minute); err != nil {
				t.Fatal(err)
			}
		}
		u, err := s.CacheUsage(ctx)
		if err != nil || u.Capacity != CacheSize || u.Entries != CacheSize || u.Evicted != n-CacheSize {
			t.Fatalf("after %d entries, CacheUsage = %+v, %v; want %d entries, %[4]d capacity and %d evicted", n, u, err, CacheSize, n-CacheSize)
		}
		for _, i := range []int{n - 1, n - 50} {
			if _, ok, _ := s.Get(ctx, fmt.Sprintf("k%d", i)); !ok {
				t.Errorf("k%d, among the last written, was dropped", i)
			}
		}
		if _, ok, _ := s.Get(ctx, "k0"); ok {
			t.Error("k0, the first written, is still there")
		}
	})
	t.Run("limiter", func(t *testing.T) {
		s := newStore(t)
		l := store.Limit{Rate: 3, Period: time.Minute, Burst: 3}
		for i := range 3 {
			if d, err := s.Allow(ctx, "user:1", l); err != nil || !d.Allowed {
				t.Fatalf("event %d: %+v, %v; want allowed within the burst", i+1, d, err)
			}
		}
		d, err := s.Allow(ctx, "user:1", l)
		if err != nil || d.Allowed || d.RetryAfter < 15*time.Second || d.RetryAfter > 21*time.Second {
			t.Errorf("event 4: %+v, %v; want refused, retry in about 20s", d, err)
		}
		if d, _ := s.Allow(ctx, "user:2", l); !d.Allowed {
			t.Error("another key was limited too")
		}
		if d, _ := s.Allow(ctx, "user:1", store.Limit{}); !d.Allowed {
			t.Error("a zero limit refused an event; want unlimited")
		}
	})
	t.Run("peek", func(t *testing.T) {
		s := newStore(t)
		l := store.Limit{Rate: 2, Period: time.Minute, Burst: 2}
		for range 5 {
			if d, err := s.Peek(ctx, "p", l); err != nil || !d.Allowed {
				t.Fatalf("Peek on a fresh key = %+v, %v; want allowed", d, err)
			}
		}
		for n := range 2 {
			if d, _ := s.Allow(ctx, "p", l); !d.Allowed {
				t.Fatalf("Allow %d after peeks = %+v; want allowed: peeking counts nothing", n+1, d)
			}
		}
		if d, _ := s.Peek(ctx, "p", l); d.Allowed || d.RetryAfter <= 0 || d.RetryAfter > 30*time.Second {
			t.Errorf("Peek with the burst spent = %+v; want refused, retry within 30 s", d)
		}
		if d, _ := s.Allow(ctx, "p", l); d.Allowed {
			t.Errorf("Allow with the burst spent = %+v; want refused", d)
		}
	})
	t.Run("settings and audit", func(t *testing.T) {
		s := newStore(t)
		if _, ok, err := s.Settings(ctx, "g1"); ok || err != nil {
			t.Fatalf("Settings of a new server = %v, %v; want none", ok, err)
		}
		want := store.GuildSettings{Ephemeral: true, Channels: []string{"c1", "c2"}, LLM: true,
			UserLimit: store.Limit{Rate: 5, Period: time.Minute, Burst: 2}}
		for i := range store.MaxAudit + 5 {
			change := store.AuditEntry{Time: time.Unix(int64(1000+i), 0).UTC(), UserID: "u", Change: fmt.Sprint("change ", i)}
			if err := Save(ctx, s, "g1", want, change); err != nil {
				t.Fatal(err)
			}
		}
		got, ok, err := s.Settings(ctx, "g1")
		if !ok || err != nil || got.Ephemeral != want.Ephemeral || !slices.Equal(got.Channels, want.Channels) || got.UserLimit != want.UserLimit {
			t.Errorf("Settings = %+v, %v, %v; want %+v", got, ok, err, want)
		}
		audit, err := s.Audit(ctx, "g1", 3)
		if err != nil || len(audit) != 3 || audit[0].Change != fmt.Sprint("change ", store.MaxAudit+4) || !audit[0].Time.Equal(time.Unix(int64(1000+store.MaxAudit+4), 0)) {
			t.Errorf("Audit(3) = %+v, %v; want the 3 newest, newest first", audit, err)
		}
		if all, _ := s.Audit(ctx, "g1", 1000); len(all) != store.MaxAudit {
			t.Errorf("audit log keeps %d entries; want %d", len(all), store.MaxAudit)
		}
		if _, ok, _ := s.Settings(ctx, "g2"); ok {
			t.Error("settings leaked to another server")
		}
	})
	t.Run("settings changed at once", func(t *testing.T) {
		// Moderators on several instances change one server's settings
		// at the same moment: every change is in force, and in the
		// audit log, once.
		s := newStore(t)
		const movers, each = 8, 6
		var wg sync.WaitGroup
		errs := make(chan error, movers*each)
		for m := range movers {
			wg.Go(func() {
				for k := range each {
					ch := fmt.Sprintf("c%d-%d", m, k)
					_, err := s.UpdateSettings(ctx, "g1", func(cur store.GuildSettings, _ bool) (store.GuildSettings, store.AuditEntry, error) {
						cur.Channels = append(cur.Channels, ch)
						return cur, store.AuditEntry{UserID: fmt.Sprint(m), Change: "add " + ch}, nil
					})
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil && !errors.Is(err, store.ErrUnconfirmed) {
				t.Errorf("UpdateSettings: %v", err)
			}
		}
		got, _, err := s.Settings(ctx, "g1")
		if err != nil || len(got.Channels) != movers*each {
			t.Errorf("after %d changes at once: %d channels (%v); want every change in force", movers*each, len(got.Channels), err)
		}
		if audit, _ := s.Audit(ctx, "g1", store.MaxAudit); len(audit) != movers*each {
			t.Errorf("after %d changes at once: %d audit entries; want one each", movers*each, len(audit))
		}
	})
	t.Run("a change that refuses writes nothing", func(t *testing.T) {
		s := newStore(t)
		refused := errors.New("refused")
		_, err := s.UpdateSettings(ctx, "g1", func(cur store.GuildSettings, found bool) (store.GuildSettings, store.AuditEntry, error) {
			if found {
				t.Error("a new server's settings found")
			}
			return cur, store.AuditEntry{}, refused
		})
		if !errors.Is(err, refused) {
			t.Errorf("UpdateSettings = %v; want the change's own error", err)
		}
		if _, ok, _ := s.Settings(ctx, "g1"); ok {
			t.Error("a refused change saved settings")
		}
		if audit, _ := s.Audit(ctx, "g1", 10); len(audit) != 0 {
			t.Errorf("a refused change logged %v", audit)
		}
	})
	t.Run("stats", func(t *testing.T) {
		s := newStore(t)
		events := []struct {
			guild string
			e     store.Event
		}{
			{"g1", store.Event{Asked: true, Answered: true, CacheMiss: true, Exchanges: []int{7, 8}}},
			{"g1", store.Event{Asked: true, Answered: true, CacheHit: true, Exchanges: []int{7}}},
			{"g1", store.Event{Asked: true, Declined: true, CacheMiss: true, Unanswered: "que pense t il de la 5g"}},
			{"g2", store.Event{Asked: true, Declined: true, Unanswered: "que pense t il de la 5g"}},
			{"g2", store.Event{Asked: true, Declined: true, Unanswered: "salaire"}},
			{"g1", store.Event{FeedbackUp: true}},
			{"g1", store.Event{FeedbackDown: true}},
			{"g1", store.Event{PromptTokens: 400, CompletionTokens: 90}},
			{"g2", store.Event{PromptTokens: 100, CompletionTokens: 10}},
		}
		for _, ev := range events {
			if err := s.Record(ctx, ev.guild, ev.e); err != nil {
				t.Fatal(err)
			}
		}
		g1, err := s.Stats(ctx, "g1", store.AllTime, 10)
		if err != nil {
			t.Fatal(err)
		}
		if g1.Asked != 3 || g1.Answered != 2 || g1.Declined != 1 || g1.CacheHits != 1 || g1.CacheMisses != 2 ||
			g1.Exchanges[7] != 2 || g1.Exchanges[8] != 1 || g1.FeedbackUp != 1 || g1.FeedbackDown != 1 || len(g1.Gaps) != 1 ||
			g1.PromptTokens != 400 || g1.CompletionTokens != 90 {
			t.Errorf("Stats(g1) = %+v", g1)
		}
		all, _ := s.Stats(ctx, "", store.AllTime, 1)
		if all.Asked != 5 || all.Declined != 3 || len(all.Gaps) != 1 || all.Gaps[0] != (store.Gap{Question: "que pense t il de la 5g", Count: 2}) ||
			all.PromptTokens != 500 || all.CompletionTokens != 100 {
			t.Errorf("Stats(all, 1 gap) = %+v; want 5 asked, 3 declined, the 5G question twice", all)
		}
	})
	t.Run("windows and retention", func(t *testing.T) {
		s := newStore(t)
		now := time.Now()
		record := func(ago time.Duration, e store.Event) {
			t.Helper()
			e.At = now.Add(-ago)
			if err := s.Record(ctx, "w", e); err != nil {
				t.Fatal(err)
			}
		}
		day := 24 * time.Hour
		record(0, store.Event{Asked: true, Declined: true, Unanswered: "today", Exchanges: []int{3}})
		record(2*time.Hour, store.Event{Asked: true, Answered: true, Exchanges: []int{3}})
		record(30*time.Hour, store.Event{Asked: true, Declined: true, Unanswered: "yesterday"})
		record(5*day, store.Event{Asked: true, Answered: true})
		record(40*day, store.Event{Asked: true, Declined: true, Unanswered: "long ago"}) // past the retention
		tt := []struct {
			w         store.Window
			asked     int64
			exchange3 int64
			gaps      []string
		}{
			{store.Last24h, 2, 2, []string{"today"}},
			{store.Last7d, 4, 2, []string{"today", "yesterday"}},
			{store.AllTime, 5, 2, []string{"today", "yesterday"}},
		}
		for _, tc := range tt {
			st, err := s.Stats(ctx, "w", tc.w, 10)
			if err != nil {
				t.Fatal(err)
			}
			var gaps []string
			for _, g := range st.Gaps {
				gaps = append(gaps, g.Question)
			}
			if st.Asked != tc.asked || st.Exchanges[3] != tc.exchange3 || !slices.Equal(gaps, tc.gaps) {
				t.Errorf("Stats(%s) = %d asked, exchange 3 %d times, gaps %q; want %d, %d, %q", tc.w, st.Asked, st.Exchanges[3], gaps, tc.asked, tc.exchange3, tc.gaps)
			}
		}
	})
	t.Run("declined questions are bounded", func(t *testing.T) {
		s := newStore(t)
		for range 3 {
			s.Record(ctx, "g", store.Event{Declined: true, Unanswered: "frequent"})
		}
		for i := range 1200 {
			if err := s.Record(ctx, "g", store.Event{Declined: true, Unanswered: fmt.Sprintf("rare %04d", i)}); err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.Stats(ctx, "g", store.AllTime, 2000)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Gaps) > 1000 || len(st.Gaps) == 0 || st.Gaps[0] != (store.Gap{Question: "frequent", Count: 3}) {
			t.Errorf("after 1,201 distinct declined questions: %d kept, first %+v; want at most 1,000, the most frequent first", len(st.Gaps), st.Gaps[:min(1, len(st.Gaps))])
		}
	})
	t.Run("quiz", func(t *testing.T) {
		s := newStore(t)
		answers := []struct {
			guild, round, user string
			choice             int
			correct, first     bool
		}{
			{"g", "r1", "ann", 2, true, true},
			{"g", "r1", "ann", 0, false, false}, // a second click does not count
			{"g", "r1", "bob", 0, false, true},
			{"g", "r1", "cid", 2, true, true},
			{"g", "r2", "bob", 1, true, true},
			{"g", "r2", "cid", 1, true, true},
			{"g", "r2", "dan", 3, false, true},
			{"h", "r1", "ann", 1, true, true}, // another server: its own round and score
		}
		for _, a := range answers {
			first, err := s.Answer(ctx, a.guild, a.round, store.QuizAnswer{UserID: a.user, Choice: a.choice, Correct: a.correct})
			if err != nil || first != a.first {
				t.Fatalf("Answer(%s, %s, %s) = %v, %v; want first %v", a.guild, a.round, a.user, first, err, a.first)
			}
		}
		if tally, err := s.Tally(ctx, "g", "r1", 4); err != nil || !slices.Equal(tally, []int64{1, 0, 2, 0}) {
			t.Errorf("Tally(g, r1) = %v, %v; want [1 0 2 0]", tally, err)
		}
		if tally, _ := s.Tally(ctx, "g", "absent", 3); !slices.Equal(tally, []int64{0, 0, 0}) {
			t.Errorf("Tally(absent) = %v; want zeros", tally)
		}
		sc := func(user string, points, answered int64) store.Score {
			return store.Score{UserID: user, Points: points, Answered: answered}
		}
		want := []store.Score{sc("cid", 2, 2), sc("ann", 1, 1), sc("bob", 1, 2), sc("dan", 0, 1)}
		if board, err := s.Leaderboard(ctx, "g", 10); err != nil || !slices.Equal(board, want) {
			t.Errorf("Leaderboard(g) = %v, %v; want %v", board, err, want)
		}
		if board, _ := s.Leaderboard(ctx, "g", 2); !slices.Equal(board, want[:2]) {
			t.Errorf("Leaderboard(g, 2) = %v; want %v (ties broken by fewer answers)", board, want[:2])
		}
		if board, _ := s.Leaderboard(ctx, "h", 10); !slices.Equal(board, []store.Score{sc("ann", 1, 1)}) {
			t.Errorf("Leaderboard(h) = %v; want ann alone", board)
		}
		if err := s.ResetScores(ctx, "h"); err != nil {
			t.Fatal(err)
		}
		if board, _ := s.Leaderboard(ctx, "h", 10); len(board) != 0 {
			t.Errorf("Leaderboard(h) after ResetScores = %v; want none", board)
		}
		// Many clicks at once from one user count once.
		var wg sync.WaitGroup
		var firsts atomic.Int32
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if first, _ := s.Answer(ctx, "g", "r3", store.QuizAnswer{UserID: "eve", Choice: i % 4, Correct: true}); first {
					firsts.Add(1)
				}
			}()
		}
		wg.Wait()
		board, _ := s.Leaderboard(ctx, "g", 10)
		if firsts.Load() != 1 || !slices.Contains(board, sc("eve", 1, 1)) {
			t.Errorf("16 concurrent clicks: %d counted first, board %v; want 1, and eve at 1 point of 1", firsts.Load(), board)
		}
	})
	t.Run("closed rounds", func(t *testing.T) {
		s := newStore(t)
		s.Answer(ctx, "g", "r", store.QuizAnswer{UserID: "1", Choice: 2})
		if err := s.CloseRound(ctx, "g", "r"); err != nil {
			t.Fatal(err)
		}
		if first, err := s.Answer(ctx, "g", "r", store.QuizAnswer{UserID: "2", Choice: 1, Correct: true}); first || !errors.Is(err, store.ErrRoundClosed) {
			t.Errorf("Answer after CloseRound = %v, %v; want ErrRoundClosed", first, err)
		}
		if choices, err := s.Choices(ctx, "g", "r"); err != nil || len(choices) != 1 || choices["1"] != 2 {
			t.Errorf("Choices = %v, %v; want user 1's choice alone", choices, err)
		}
		if tally, _ := s.Tally(ctx, "g", "r", 3); !slices.Equal(tally, []int64{0, 0, 1}) {
			t.Errorf("Tally of a closed round = %v; want [0 0 1]", tally)
		}
		if board, _ := s.Leaderboard(ctx, "g", 5); len(board) != 1 {
			t.Errorf("Leaderboard = %v; want the answer before the close alone", board)
		}
	})
	t.Run("sessions", func(t *testing.T) {
		s := newStore(t)
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
	})
	t.Run("epoch", func(t *testing.T) {
		s := newStore(t)
		e, err := s.Epoch(ctx, "g")
		if err != nil || len(e) < 8 {
			t.Fatalf("Epoch = %q, %v; want a mark", e, err)
		}
		if again, _ := s.Epoch(ctx, "g"); again != e {
			t.Errorf("Epoch again = %q; want %q, kept", again, e)
		}
	})
	t.Run("lost sessions", func(t *testing.T) {
		s := newStore(t)
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
	})
	t.Run("concurrent", func(t *testing.T) {
		s := newStore(t)
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 25 {
					s.Record(ctx, "g", store.Event{Asked: true, Exchanges: []int{1}})
					s.Set(ctx, "k", []byte("v"), time.Minute)
					s.Get(ctx, "k")
					s.Allow(ctx, "u", store.Limit{Rate: 1000, Period: time.Second, Burst: 1000})
				}
			}()
		}
		wg.Wait()
		if st, _ := s.Stats(ctx, "g", store.AllTime, 0); st.Asked != 200 || st.Exchanges[1] != 200 {
			t.Errorf("after 200 concurrent events: asked %d, exchange 1 %d; want 200", st.Asked, st.Exchanges[1])
		}
	})
}

// DefaultRedisURL is the Redis tried when REDIS_URL is not set.
const DefaultRedisURL = "redis://127.0.0.1:6379/0"

// RedisURL returns the Redis to test against: REDIS_URL, or a local one.
// Tests that cannot reach it skip locally and fail in CI (CI=true), where
// .ci/run starts a redis-server and sets REDIS_URL. Tests keep their keys
// under a prefix of their own and delete them.
func RedisURL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv("REDIS_URL"); u != "" {
		return u
	}
	return DefaultRedisURL
}

var prefixN atomic.Int64

// KeyPrefix returns a key prefix for the test's own keys on the Redis at
// url (REDIS_URL's form, a Cluster's with ?addr=), new to this run, and
// deletes every key under it when the test ends, whether or not it
// expires: a test leaves nothing behind.
func KeyPrefix(t testing.TB, url, name string) string {
	return KeyPrefixOn(t, Topology{Name: name, URL: url}, name)
}

// KeyPrefixOn is KeyPrefix on a deployment topology: a single server, a
// Cluster, or Sentinel.
func KeyPrefixOn(t testing.TB, top Topology, name string) string {
	t.Helper()
	prefix := fmt.Sprintf("ibtest:%s:%d:%d", name, time.Now().UnixNano(), prefixN.Add(1))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := DeleteKeys(ctx, top, prefix); err != nil {
			t.Logf("deleting the keys under %s: %v", prefix, err)
		}
	})
	return prefix
}

// DeleteKeys deletes the keys of prefix (see Delete) on the Redis of
// top.
func DeleteKeys(ctx context.Context, top Topology, prefix string) error {
	var c redis.UniversalClient
	switch {
	case top.SentinelMaster != "":
		opt, err := redis.ParseURL(top.URL)
		if err != nil {
			return err
		}
		c = redis.NewFailoverClient(&redis.FailoverOptions{MasterName: top.SentinelMaster, SentinelAddrs: []string{opt.Addr}})
	case strings.Contains(top.URL, "addr="):
		opt, err := redis.ParseClusterURL(top.URL)
		if err != nil {
			return err
		}
		c = redis.NewClusterClient(opt)
	default:
		opt, err := redis.ParseURL(top.URL)
		if err != nil {
			return err
		}
		c = redis.NewClient(opt)
	}
	defer c.Close()
	return Delete(ctx, c, prefix)
}

// Delete deletes every key under prefix ("prefix:…") through c, on
// every master of a Cluster, and the rate limiter's, which redis_rate
// puts under "rate:" before the prefix.
func Delete(ctx context.Context, c redis.UniversalClient, prefix string) error {
	del := func(ctx context.Context, c *redis.Client) error {
		for _, pattern := range []string{prefix + ":*", "rate:" + prefix + ":*"} {
			iter := c.Scan(ctx, 0, pattern, 500).Iterator()
			for iter.Next(ctx) {
				if err := c.Del(ctx, iter.Val()).Err(); err != nil {
					return err
				}
			}
			if err := iter.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	if cc, ok := c.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, del)
	}
	return del(ctx, c.(*redis.Client))
}

// Save saves gs as the server's settings, whatever they were, with the
// audit entry change: for tests that set settings up.
func Save(ctx context.Context, s store.Settings, guildID string, gs store.GuildSettings, change store.AuditEntry) error {
	_, err := s.UpdateSettings(ctx, guildID, func(store.GuildSettings, bool) (store.GuildSettings, store.AuditEntry, error) {
		return gs, change, nil
	})
	return err
}

// Unavailable skips the test, or fails it in CI.
func Unavailable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("Redis is required in CI: %s", why)
	}
	t.Skipf("skipping: %s (start redis-server, or set REDIS_URL, to run this test)", why)
}

// Server is a redis-server that a test started, for one that must stop,
// pause or misconfigure Redis without touching the shared one.
type Server struct {
	Addr string // host:port on loopback
	cmd  *exec.Cmd
	args []string
}

// StartRedis starts a redis-server of the test's own on a free loopback
// port, with extra arguments (such as "--requirepass", "x"; "{port}" in
// one stands for the port), and stops it when the test ends. Without
// redis-server it skips the test, or fails it in CI.
func StartRedis(t testing.TB, args ...string) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		Unavailable(t, "redis-server is not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, port, _ := net.SplitHostPort(addr)
	// A directory of its own: a primary writes its snapshot there to sync
	// a replica, and a cluster node its configuration.
	s := &Server{Addr: addr, args: []string{bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir()}}
	for _, a := range args {
		s.args = append(s.args, strings.ReplaceAll(a, "{port}", port))
	}
	s.Start(t)
	return s
}

// Start starts the server again after Kill.
func (s *Server) Start(t testing.TB) {
	t.Helper()
	cmd := exec.Command(s.args[0], s.args[1:]...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s.cmd = cmd
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for range 100 { // until it listens
		if c, err := net.Dial("tcp", s.Addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("redis-server on %s did not start", s.Addr)
}

// Kill stops the server at once, as a crash would.
func (s *Server) Kill() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// Signal sends sig to the server (SIGSTOP hangs it, SIGCONT resumes it).
func (s *Server) Signal(sig os.Signal) error { return s.cmd.Process.Signal(sig) }

// StartRedisTLS is StartRedis for a TLS-only redis-server, whose
// certificate (self-signed, for 127.0.0.1) no client trusts.
func StartRedisTLS(t testing.TB) *Server {
	t.Helper()
	dir := t.TempDir()
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeSelfSigned(t, cert, key)
	return StartRedis(t, "--port", "0", "--tls-port", "{port}", "--tls-cert-file", cert, "--tls-key-file", key,
		"--tls-ca-cert-file", cert, "--tls-auth-clients", "no")
}

// writeSelfSigned writes a self-signed certificate for 127.0.0.1 and its
// key, in PEM.
func writeSelfSigned(t testing.TB, certFile, keyFile string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "interviewbot test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}, IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
}
