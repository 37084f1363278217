package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// replyBudget is how long a reply may take before the bot defers it.
// Discord drops an interaction that gets no response within 3 seconds of
// being created; the rest of the 3 seconds is left for the network.
const replyBudget = 2500 * time.Millisecond

// followupBudget bounds the work on a deferred reply. Discord keeps an
// interaction token valid for 15 minutes, but no user waits that long.
const followupBudget = 30 * time.Second

// Transport sends an interaction's replies. The gateway and the HTTP
// endpoint send the first response differently; both edit and follow up
// through the REST API.
type Transport interface {
	// Respond sends the interaction's first response. It must be called
	// once, within 3 seconds.
	Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error
	// EditOriginal replaces the first response (after a deferral).
	EditOriginal(ctx context.Context, i *discordgo.Interaction, e *discordgo.WebhookEdit) error
	// Followup sends another message after the first.
	Followup(ctx context.Context, i *discordgo.Interaction, p *discordgo.WebhookParams) error
}

type result struct {
	reply *Reply
	err   error
}

// Dispatch replies to one interaction through t: at once if the reply is
// ready within replyBudget, otherwise by deferring and then editing the
// deferred response. A handler error or panic becomes a friendly
// ephemeral message; the details go to the log, one line per interaction.
func (h *Handler) Dispatch(ctx context.Context, t Transport, i *discordgo.Interaction) {
	start := time.Now()
	log := h.log.With("interaction", i.ID, "type", i.Type.String(), "name", interactionName(i), "guild", i.GuildID, "user", userID(i))
	ctx, cancel := context.WithTimeout(ctx, h.budget+followupBudget)
	defer cancel()

	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				log.Error("handler panicked", "panic", p, "stack", string(debug.Stack()))
				done <- result{err: fmt.Errorf("panic: %v", p)}
			}
		}()
		r, err := h.Reply(ctx, i)
		done <- result{r, err}
	}()

	budget := h.budget
	var first *discordgo.InteractionResponse
	if ephemeral, ok := h.defersAtOnce(ctx, i); ok {
		// An LLM answer takes seconds: say "thinking…" at once.
		budget = 0
		first = deferral(i)
		if ephemeral {
			first.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
		}
	}
	timer := time.NewTimer(budget)
	defer timer.Stop()
	var res result
	deferred := false
	select {
	case res = <-done:
	case <-timer.C:
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			log.Warn("autocomplete too slow; no suggestions sent", "after", time.Since(start))
			return
		}
		deferred = true
		if first == nil {
			first = deferral(i)
		}
		if err := t.Respond(ctx, i, first); err != nil {
			log.Error("deferring failed", "err", err)
			return
		}
		select {
		case res = <-done:
		case <-ctx.Done():
			res = result{err: fmt.Errorf("reply took over %v: %w", h.budget+followupBudget, ctx.Err())}
		}
	}
	if res.err != nil {
		lvl := slog.LevelError
		var ue *userError
		if errors.As(res.err, &ue) {
			lvl = slog.LevelInfo
		}
		log.Log(ctx, lvl, "reply failed", "err", res.err)
		res.reply = h.errorReply(i, res.err)
	}
	if err := send(ctx, t, i, res.reply, deferred); err != nil {
		log.Error("sending reply failed", "err", err, "deferred", deferred, "took", time.Since(start))
		return
	}
	log.Info("interaction", "deferred", deferred, "messages", len(res.reply.Messages), "took", time.Since(start))
}

// defersAtOnce reports whether an interaction is a command that a model
// will answer (see slashCommand.llm), and whether the server wants
// answers ephemeral.
func (h *Handler) defersAtOnce(ctx context.Context, i *discordgo.Interaction) (ephemeral, ok bool) {
	d, isCmd := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !isCmd || i.Type != discordgo.InteractionApplicationCommand || !h.answers.HasLLM() {
		return false, false
	}
	if sc := commandNamed(d.Name); sc == nil || !sc.llm {
		return false, false
	}
	gs := h.settings(ctx, i.GuildID)
	return gs.Ephemeral, gs.LLM
}

// deferral is the "thinking…" response. A language toggle updates its
// own message; other components answer with a new ephemeral message, and
// commands with a new public one.
func deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if d, ok := i.Data.(discordgo.MessageComponentInteractionData); ok {
		if strings.HasPrefix(d.CustomID, idToggle+":") {
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
		}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
}

func send(ctx context.Context, t Transport, i *discordgo.Interaction, r *Reply, deferred bool) error {
	if deferred {
		if err := retryOnce(ctx, func() error { return t.EditOriginal(ctx, i, r.edit()) }); err != nil {
			return fmt.Errorf("editing the deferred response: %w", err)
		}
	} else if err := t.Respond(ctx, i, r.response()); err != nil {
		return fmt.Errorf("responding: %w", err)
	}
	for _, p := range r.followups() {
		if err := retryOnce(ctx, func() error { return t.Followup(ctx, i, p) }); err != nil {
			return fmt.Errorf("following up: %w", err)
		}
	}
	return nil
}

// maxRetryWait bounds the wait before a retry, whatever Discord asks: an
// interaction's token lasts 15 minutes, a user's patience less.
const maxRetryWait = 5 * time.Second

// retryOnce calls fn, and once more if Discord answered with a server
// error or 429: after the retry_after it gave, else after a second. The
// first response is never retried this way: it has 3 seconds, and a
// retry could answer twice.
func retryOnce(ctx context.Context, fn func() error) error {
	err := fn()
	wait, ok := retryAfter(err)
	if !ok {
		return err
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return err
	case <-timer.C:
	}
	return fn()
}

// retryAfter reports whether err is a server error or a rate limit from
// Discord, and how long to wait before trying again.
func retryAfter(err error) (time.Duration, bool) {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return 0, false
	}
	switch code := re.Response.StatusCode; {
	case code == http.StatusTooManyRequests:
		var body struct {
			RetryAfter float64 `json:"retry_after"` // seconds
		}
		if json.Unmarshal(re.ResponseBody, &body) == nil && body.RetryAfter > 0 {
			return min(time.Duration(body.RetryAfter*float64(time.Second)), maxRetryWait), true
		}
		return time.Second, true
	case code >= 500:
		return time.Second, true
	}
	return 0, false
}

// errorReply is the one place where an error becomes what the user sees.
func (h *Handler) errorReply(i *discordgo.Interaction, err error) *Reply {
	lang := language(i)
	var ue *userError
	msg := tr(lang, "Désolé, quelque chose s’est mal passé. Réessayez dans un instant.",
		"Sorry, something went wrong. Please try again in a moment.")
	if errors.As(err, &ue) {
		msg = ue.in(lang)
	}
	r := message(msg, true)
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		r = &Reply{Type: discordgo.InteractionApplicationCommandAutocompleteResult}
	}
	return r
}

func interactionName(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return d.Name
	case discordgo.MessageComponentInteractionData:
		return d.CustomID
	}
	return ""
}
