package bot

import (
	"context"
	"slices"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/store"
)

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
		e.Unanswered = md.Truncate(answer.Normalize(a.Question), 120)
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
