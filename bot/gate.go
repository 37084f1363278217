package bot

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store"
)

// settings returns a server's settings, or the defaults where it saved
// none or the store cannot say.
func (h *Handler) settings(ctx context.Context, guildID string) store.GuildSettings {
	if guildID == "" {
		return h.defaults
	}
	gs, ok, err := h.store.Settings(ctx, guildID)
	if err != nil {
		h.warn.Warn("settings unavailable; using the defaults", err)
	}
	if !ok || err != nil {
		return h.defaults
	}
	return gs
}

// gate checks what must hold before the bot answers a question here: the
// channel is allowed and neither the user nor the server is over its
// rate limit. A store that cannot answer lets the question through.
func (h *Handler) gate(ctx context.Context, guildID, channelID, user string, gs store.GuildSettings, lang retrieval.Language) error {
	if len(gs.Channels) > 0 && !slices.Contains(gs.Channels, channelID) {
		return &userError{
			fr: "Le bot ne répond pas dans ce salon. Essayez " + channelList(gs.Channels) + ".",
			en: "The bot does not answer in this channel. Try " + channelList(gs.Channels) + ".",
		}
	}
	for _, lim := range []struct {
		key   string
		limit store.Limit
	}{
		{"user:" + guildID + ":" + user, gs.UserLimit},
		{"guild:" + guildID, gs.GuildLimit},
	} {
		if guildID == "" && lim.key[0] == 'g' {
			continue
		}
		d, err := h.store.Allow(ctx, lim.key, lim.limit)
		if err != nil {
			h.warn.Warn("rate limits unavailable; not limiting", err)
			return nil
		}
		if !d.Allowed {
			at := time.Now().Add(d.RetryAfter).Add(time.Second - 1).Unix()
			return &userError{
				fr: fmt.Sprintf("Doucement ! Trop de questions d’un coup ; réessayez <t:%d:R>.", at),
				en: fmt.Sprintf("Easy there: too many questions at once. Try again <t:%d:R>.", at),
			}
		}
	}
	return nil
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
		e.Unanswered = truncate(retrieval.Normalize(a.Question), 120)
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
