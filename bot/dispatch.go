package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/transport"
	"github.com/interviewbot/interviewbot/check"
)

// replyBudget is how long a reply may take before the bot defers it.
// Discord drops an interaction that gets no response within 3 seconds of
// being created; the rest of the 3 seconds is left for the network.
const replyBudget = 2500 * time.Millisecond

// followupBudget bounds the work on a deferred reply. Discord keeps an
// interaction token valid for 15 minutes, but no user waits that long.
const followupBudget = 30 * time.Second

// sendBudget bounds the sending of a reply once it is ready (an edit,
// follow-ups, their retries), apart from the time it took to make.
const sendBudget = 30 * time.Second

// tokenLife is how long Discord accepts edits and follow-ups of an
// interaction.
const tokenLife = 15 * time.Minute

type result struct {
	reply *Reply
	err   error
}

// Interaction answers one interaction that a transport received: it
// notes what the interaction says of its channel, for the allow-list,
// then dispatches it.
func (h *Handler) Interaction(ctx context.Context, t transport.Responder, i *discordgo.Interaction, ch transport.Channel) {
	parent := ""
	if ch.IsThread() {
		parent = ch.ParentID
	}
	h.gate.Learn(ch.ID, parent)
	h.dispatch(ctx, t, i)
}

var _ transport.Handler = (*Handler)(nil)

// dispatch replies to one interaction through t: at once if the reply is
// ready within replyBudget, otherwise by deferring and then editing the
// deferred response. A handler error or panic becomes a friendly
// ephemeral message. The log gets one line per interaction, with its
// outcome; the meter hears the outcome and the latencies.
func (h *Handler) dispatch(ctx context.Context, t transport.Responder, i *discordgo.Interaction) {
	start := time.Now()
	log := interactionLog{h.log, []any{"interaction", i.ID, "type", transport.TypeName(i.Type), "name", transport.InteractionName(i), "guild", i.GuildID, "user", userID(i)}}
	ctx, cancel := context.WithTimeout(ctx, h.budget+followupBudget)
	defer cancel()
	d := &delivery{Responder: t, start: start}
	defer func() { h.finish(ctx, log, i, d) }()
	t = d // it times the first response

	// The quick checks run first: their refusal is the first response,
	// to the user alone, never a deferred public one.
	p, err := h.prepare(ctx, i)
	if err != nil {
		d.err, d.reply = err, h.errorReply(i, err)
		d.sendErr = transport.Send(ctx, t, i, &d.reply.Reply, nil)
		return
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				log.log(ctx, slog.LevelError, "handler panicked", "panic", p, "stack", string(debug.Stack()))
				done <- result{err: fmt.Errorf("panic: %v", p)}
			}
		}()
		r, err := p.reply()
		done <- result{r, err}
	}()

	budget := h.budget
	if p.slow {
		budget = 0 // a model's answer takes seconds: say "thinking…" at once
	}
	timer := time.NewTimer(budget)
	defer timer.Stop()
	var res result
	select {
	case res = <-done:
	case <-timer.C:
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			d.err = errors.New("autocomplete too slow; no suggestions sent")
			return
		}
		d.deferred = deferral(i, p.ephemeral)
		d.sendErr = t.Respond(ctx, i, d.deferred)
		if d.sendErr != nil {
			d.sendErr = fmt.Errorf("deferring: %w", d.sendErr)
			return
		}
		select {
		case res = <-done:
		case <-ctx.Done():
			res = result{err: fmt.Errorf("reply took over %v: %w", h.budget+followupBudget, ctx.Err())}
		}
	}
	d.reply, d.err = res.reply, res.err
	if res.err != nil {
		d.reply = h.errorReply(i, res.err)
	}
	// The reply goes out with sendBudget before it: one that took its
	// whole budget to make is still sent, on a deadline of its own.
	sctx := ctx
	if deadline, _ := ctx.Deadline(); time.Until(deadline) < sendBudget {
		var cancel context.CancelFunc
		sctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), min(sendBudget, tokenLife-time.Since(start)))
		defer cancel()
	}
	d.sendErr = transport.Send(sctx, t, i, &d.reply.Reply, d.deferred)
}

// delivery is what became of one interaction, for its log line. It
// sends through the interaction's transport, and notes when the first
// response went out.
type delivery struct {
	transport.Responder
	start    time.Time
	first    time.Duration // to the first response (0: none sent)
	deferred *discordgo.InteractionResponse
	reply    *Reply
	err      error // the reply's: a user's mistake, or a failure
	sendErr  error // Discord's, sending it
}

func (d *delivery) Respond(ctx context.Context, i *discordgo.Interaction, r *discordgo.InteractionResponse) error {
	err := d.Responder.Respond(ctx, i, r)
	if d.first == 0 && err == nil {
		d.first = time.Since(d.start)
	}
	return err
}

// finish logs the interaction's one line and tells the meter.
func (h *Handler) finish(ctx context.Context, log interactionLog, i *discordgo.Interaction, d *delivery) {
	took := time.Since(d.start)
	var ue *userError
	result, level := "shown", slog.LevelInfo
	switch {
	case errors.As(d.err, &ue):
		result = ue.outcome() // a refusal is an outcome, not a failure
		if ue.cause != nil {
			level = slog.LevelWarn // a store that failed, say
		}
	case d.err != nil:
		result, level = "error", slog.LevelError
	case d.reply != nil && d.reply.outcome.result != "":
		result = d.reply.outcome.result
	}
	if d.sendErr != nil {
		result, level = "error", slog.LevelError
	}
	h.meter.Interaction(h.meterName(i), result, d.first, took)
	args := []any{"outcome", result}
	if d.reply != nil {
		o := d.reply.outcome
		if o.exchange > 0 {
			args = append(args, "exchange", o.exchange)
		}
		if o.cache != "" {
			h.meter.Cache(o.cache)
			args = append(args, "cache", o.cache, "lang", o.lang)
		}
		args = append(args, "messages", len(d.reply.Messages))
		args = append(args, o.detail...)
	}
	args = append(args, "deferred", d.deferred != nil, "first", d.first, "took", took)
	if d.err != nil {
		args = append(args, "err", d.err)
		if ue != nil && ue.cause != nil {
			args = append(args, "cause", ue.cause)
		}
	}
	if d.sendErr != nil {
		args = append(args, "send_err", d.sendErr)
	}
	log.log(ctx, level, "interaction", args...)
}

// meterName names an interaction for the metrics from the bot's own
// table (a command's name, a component's kind), so that the label's
// values stay few whatever arrives.
func (h *Handler) meterName(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		if h.commands.named(d.Name) != nil {
			if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
				return d.Name + ":autocomplete"
			}
			return d.Name
		}
	case discordgo.MessageComponentInteractionData:
		if k := h.commands.kindOf(d.CustomID); k != nil {
			return "component:" + k.name
		}
	}
	return "unknown"
}

// MeterLabels are what the meter may hear: the commands meterName names
// and every outcome, a check's verdicts among them. The metrics show
// each at zero from the start.
func MeterLabels() (commands, outcomes []string) {
	commands = []string{"mention", "unknown"}
	for _, c := range newCommandTable() {
		if commands = append(commands, c.name); c.complete != nil {
			commands = append(commands, c.name+":autocomplete")
		}
		for _, k := range c.components {
			commands = append(commands, "component:"+k.name)
		}
	}
	outcomes = []string{"answered", "closest", "declined", "meta", "shown", "refused", "rate_limited", "dm_budget", "invalid", "unavailable", "error"}
	for _, v := range check.Verdicts() {
		outcomes = append(outcomes, string(v))
	}
	return commands, outcomes
}

// interactionLog writes log lines about one interaction, each with the
// interaction's attributes after its own. It costs less than a
// Logger.With, which formats the attributes ahead for lines that mostly
// never come: an interaction usually logs one line.
type interactionLog struct {
	l     *slog.Logger
	attrs []any
}

func (l interactionLog) log(ctx context.Context, level slog.Level, msg string, args ...any) {
	if l.l.Enabled(ctx, level) {
		l.l.Log(ctx, level, msg, append(args, l.attrs...)...)
	}
}

// deferral is the "thinking…" response. A language toggle updates its
// own message; other components answer with a new ephemeral message, and
// commands with a new one, ephemeral when the reply will be.
func deferral(i *discordgo.Interaction, ephemeral bool) *discordgo.InteractionResponse {
	if d, ok := i.Data.(discordgo.MessageComponentInteractionData); ok {
		if strings.HasPrefix(d.CustomID, customid.PrefixToggle+":") {
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		ephemeral = true
	}
	r := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		r.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	return r
}

// errorReply is the one place where an error becomes what the user sees.
func (h *Handler) errorReply(i *discordgo.Interaction, err error) *Reply {
	l := language(i)
	var ue *userError
	msg := tr(l, "Désolé, quelque chose s’est mal passé. Réessayez dans un instant.",
		"Sorry, something went wrong. Please try again in a moment.")
	if errors.As(err, &ue) {
		msg = ue.in(l)
	}
	r := message(msg, true)
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		r = suggestions(nil)
	}
	return h.localNames(i, r)
}
