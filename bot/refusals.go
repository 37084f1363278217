package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/interviewbot/interviewbot/bot/gate"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/store"
)

// admit is gate.Admit, its refusal in the user's words.
func (h *Handler) admit(ctx context.Context, guildID, channelID, user string, gs store.GuildSettings) error {
	return refusal(h.gate.Admit(ctx, guildID, channelID, user, gs))
}

// allowed is gate.Allowed, its refusal in the user's words.
func (h *Handler) allowed(ctx context.Context, gs store.GuildSettings, channelID string) error {
	return refusal(h.gate.Allowed(ctx, gs, channelID))
}

// refusal words the gate's refusal for the user; other errors pass.
func refusal(err error) error {
	var r *gate.Refused
	switch {
	case !errors.As(err, &r):
		return err
	case len(r.Channels) > 0:
		return &userError{
			fr:   "Le bot ne répond pas dans ce salon. Essayez " + md.Channels(r.Channels) + ".",
			en:   "The bot does not answer in this channel. Try " + md.Channels(r.Channels) + ".",
			kind: "refused",
		}
	}
	at := r.RetryAt.Add(time.Second - 1).Unix()
	if r.DMs { // counted apart: a budget sized too small shows in the metrics
		return &userError{fr: fmt.Sprintf("Le bot reçoit trop de messages privés en ce moment ; réessayez <t:%d:R>, ou posez la question sur un serveur.", at),
			en: fmt.Sprintf("The bot is getting too many direct messages right now; try again <t:%d:R>, or ask on a server.", at), kind: "dm_budget"}
	}
	return &userError{
		fr:   fmt.Sprintf("Doucement ! Trop de questions d’un coup ; réessayez <t:%d:R>.", at),
		en:   fmt.Sprintf("Easy there: too many questions at once. Try again <t:%d:R>.", at),
		kind: "rate_limited",
	}
}
