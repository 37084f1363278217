package bot

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/store"
)

// settings returns a server's settings: the saved ones, or the defaults
// where it saved none. While the store cannot say, they fail closed: the
// server's settings as last read, or, for a server never read, the
// defaults made safe (see safeSettings).
func (h *Handler) settings(ctx context.Context, guildID string) store.GuildSettings {
	gs, _ := h.readSettings(ctx, guildID)
	return gs
}

// readSettings is settings, and whether they are the store's own rather
// than a fallback. A change must start from the store's own: saving a
// change to a fallback would overwrite what the server chose.
func (h *Handler) readSettings(ctx context.Context, guildID string) (gs store.GuildSettings, fresh bool) {
	if guildID == "" {
		return h.defaults, true
	}
	gs, ok, err := h.store.Settings(ctx, guildID)
	last, age, seen := h.seen.get(guildID)
	lost := errors.Is(err, store.ErrSettingsLost)
	switch {
	case (err == nil || lost) && !ok && seen && !sameSettings(last, h.defaults):
		// Settings are never deleted: the store lost them (a Redis that
		// evicted the key, or restarted empty). Keep applying them; a
		// change starts from what the store holds.
		h.settingsWarn.Warn("settings missing from the store for guild "+guildID+"; applying those last read", errors.New("no settings saved"))
		return last, true
	case lost:
		// The audit log says there were settings, and they are gone: a
		// channel restriction may be among them. Answer the asker only
		// until a moderator sets them again.
		h.settingsWarn.Warn("settings lost from the store for guild "+guildID+", never read here; answering the asker only, without the LLM, until a moderator changes them", err)
		return h.safeSettings(), true
	case err == nil:
		if !ok {
			gs = h.defaults
		}
		h.seen.put(guildID, gs)
		return gs, true
	case seen:
		h.settingsWarn.Warn(fmt.Sprintf("settings unavailable for guild %s; applying those read %v ago", guildID, age.Round(time.Second)), err)
		return last, false
	}
	h.settingsWarn.Warn("settings unavailable and never read for guild "+guildID+"; answering the asker only, without the LLM, in any channel (channel restrictions cannot be known)", err)
	return h.safeSettings(), false
}

// sameSettings reports whether a and b are the same settings.
func sameSettings(a, b store.GuildSettings) bool {
	if len(a.Channels)+len(b.Channels) == 0 {
		a.Channels, b.Channels = nil, nil // no list and an empty one are the same
	}
	return reflect.DeepEqual(a, b)
}

// safeSettings are the settings of a server whose own cannot be read:
// the defaults, with answers shown to the asker only, no LLM and no
// mention replies, which would be public.
func (h *Handler) safeSettings() store.GuildSettings {
	gs := h.defaults
	gs.Ephemeral, gs.LLM, gs.MentionReplies = true, false, false
	return gs
}

// seenSettings keeps the settings last read for each server, with when,
// so that an outage of the store applies them rather than the defaults.
type seenSettings struct {
	mu sync.Mutex
	m  map[string]seenEntry
}

type seenEntry struct {
	gs store.GuildSettings
	at time.Time
}

// maxSeen bounds the servers remembered; past it, one is forgotten.
const maxSeen = 50_000

func (s *seenSettings) put(guildID string, gs store.GuildSettings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[string]seenEntry)
	}
	if _, ok := s.m[guildID]; !ok && len(s.m) >= maxSeen {
		for k := range s.m {
			delete(s.m, k)
			break
		}
	}
	s.m[guildID] = seenEntry{gs, time.Now()}
}

func (s *seenSettings) get(guildID string) (store.GuildSettings, time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[guildID]
	return e.gs, time.Since(e.at), ok
}

// gate checks what must hold before the bot answers a question here: the
// channel is allowed and neither the user nor the server is over its
// rate limit. When the store cannot count, this process counts alone.
func (h *Handler) gate(ctx context.Context, guildID, channelID, user string, gs store.GuildSettings) error {
	if err := h.allowedHere(ctx, gs, channelID); err != nil {
		return err
	}
	// The server's limit (for direct messages, one limit for them all) is
	// looked at first, without counting: a question it refuses must not
	// spend the user's allowance. Then the user's, then the server's are
	// counted.
	pool := "guild:" + guildID
	if guildID == "" {
		pool = "dm"
	}
	steps := []struct {
		key   string
		limit store.Limit
		peek  bool
	}{
		{pool, gs.GuildLimit, true},
		{"user:" + guildID + ":" + user, gs.UserLimit, false},
		{pool, gs.GuildLimit, false},
	}
	for _, st := range steps {
		d, err := h.rate(ctx, st.key, st.limit, st.peek)
		if err != nil {
			return err
		}
		if !d.Allowed {
			at := time.Now().Add(d.RetryAfter).Add(time.Second - 1).Unix()
			return &userError{
				fr:   fmt.Sprintf("Doucement ! Trop de questions d’un coup ; réessayez <t:%d:R>.", at),
				en:   fmt.Sprintf("Easy there: too many questions at once. Try again <t:%d:R>.", at),
				kind: "rate_limited",
			}
		}
	}
	return nil
}

// rate decides, or with peek only looks, whether an event at key may
// happen under l. When the store cannot count, this process counts alone.
func (h *Handler) rate(ctx context.Context, key string, l store.Limit, peek bool) (store.Decision, error) {
	decide := func(lim store.Limiter) (store.Decision, error) {
		if peek {
			return lim.Peek(ctx, key, l)
		}
		return lim.Allow(ctx, key, l)
	}
	d, err := decide(h.store)
	if err != nil {
		h.warn.Warn("rate limits unavailable; limiting in this process alone", err)
		if d, err = decide(h.local); err != nil {
			return d, fmt.Errorf("rate limits: %w", err)
		}
	}
	return d, nil
}

func channelList(ids []string) string {
	out := ""
	for i, id := range ids[:min(len(ids), 5)] {
		if i > 0 {
			out += ", "
		}
		out += "<#" + id + ">"
	}
	return out
}

// record counts an answered or declined question in the statistics.
func (h *Handler) record(ctx context.Context, guildID string, a answer.Answer) {
	e := store.Event{Asked: true, Answered: !a.Abstained, Declined: a.Abstained,
		CacheHit: a.Cache == answer.CacheHit, CacheMiss: a.Cache == answer.CacheMiss}
	for _, c := range a.Citations {
		if c.Exchange > 0 && !slices.Contains(e.Exchanges, c.Exchange) {
			e.Exchanges = append(e.Exchanges, c.Exchange)
		}
	}
	if a.Abstained {
		e.Unanswered = truncate(answer.Normalize(a.Question), 120)
	}
	if a.Usage != nil && a.Cache != answer.CacheHit { // a cached answer cost nothing this time
		e.PromptTokens, e.CompletionTokens = int64(a.Usage.PromptTokens), int64(a.Usage.CompletionTokens)
	}
	h.recordEvent(ctx, guildID, e)
}

func (h *Handler) recordEvent(ctx context.Context, guildID string, e store.Event) {
	if err := h.store.Record(ctx, guildID, e); err != nil {
		h.warn.Warn("stats unavailable; not counted", err)
	}
}

// canModerate reports whether the member may change the bot's settings:
// Discord hides the commands from others (default_member_permissions),
// and the server checks again, since a request can be forged or the
// server's overrides changed.
func canModerate(i *discordgo.Interaction) bool {
	return i.Member != nil && i.GuildID != "" &&
		i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0
}

// oneVote lets one vote through per user per answer, for a year: a rate
// of one with no refill to speak of.
var oneVote = store.Limit{Rate: 1, Period: 365 * 24 * time.Hour, Burst: 1}

// firstVote reports whether this is the user's first vote on the message.
func (h *Handler) firstVote(ctx context.Context, messageID, user string) bool {
	d, err := h.rate(ctx, "vote:"+messageID+":"+user, oneVote, false)
	return err == nil && d.Allowed
}
