package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/interviewbot/interviewbot/store"
)

// testSettingsAudit: settings saved are read back, for their server
// alone, and the audit log keeps the store.MaxAudit newest changes,
// newest first.
func testSettingsAudit(t *testing.T, s store.Store) {
	ctx := context.Background()
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
}

// testSettingsChangedAtOnce: moderators on several instances change one
// server's settings at the same moment: every change is in force, and
// in the audit log, once.
func testSettingsChangedAtOnce(t *testing.T, s store.Store) {
	ctx := context.Background()
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
}

// testSettingsRefused: a change that returns an error saves nothing,
// logs nothing, and its error comes back as it is.
func testSettingsRefused(t *testing.T, s store.Store) {
	ctx := context.Background()
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
}

// Save saves gs as the server's settings, whatever they were, with the
// audit entry change: for tests that set settings up.
func Save(ctx context.Context, s store.Settings, guildID string, gs store.GuildSettings, change store.AuditEntry) error {
	_, err := s.UpdateSettings(ctx, guildID, func(store.GuildSettings, bool) (store.GuildSettings, store.AuditEntry, error) {
		return gs, change, nil
	})
	return err
}
