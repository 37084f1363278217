package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// userError is an error whose message is meant for the user who caused it.
type userError struct {
	fr, en string
}

func (e *userError) Error() string { return e.en }

func (e *userError) in(lang lang.Language) string { return tr(lang, e.fr, e.en) }

var errUnknownInteraction = &userError{
	fr: "Je ne reconnais pas cette action ; elle vient peut-être d’une ancienne version du bot.",
	en: "I don't recognise this action; it may come from an older version of the bot.",
}

// Reply computes the reply to an interaction. An error is turned into an
// ephemeral message by the caller (see errorReply).
func (h *Handler) Reply(ctx context.Context, i *discordgo.Interaction) (*Reply, error) {
	switch data := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return h.command(ctx, i, data)
	case discordgo.MessageComponentInteractionData:
		return h.component(ctx, i, data)
	}
	return nil, errUnknownInteraction
}

// answerButtons offer the whole exchange, the other language and
// feedback under an answer, or the suggested exchanges under an
// abstention. Every custom ID carries what its click needs, so that any
// instance can serve it.
func (h *Handler) answerButtons(a answer.Answer) []discordgo.MessageComponent {
	lang := a.Language
	if a.Abstained {
		var buttons []discordgo.MessageComponent
		for _, s := range a.Suggestions {
			buttons = append(buttons, discordgo.Button{
				Label:    truncate(fmt.Sprintf("%s %d · %s", tr(lang, "Q&R", "Q&A"), s.Exchange, s.Topic), 80),
				Style:    discordgo.SecondaryButton,
				CustomID: fmt.Sprintf("%s:%d:%s", idExchange, s.Exchange, lang),
			})
		}
		if len(buttons) == 0 {
			return nil
		}
		return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	var buttons []discordgo.MessageComponent
	if a.Meta != "" {
		// An answer about the interview itself: its quotes span exchanges,
		// so neither one exchange nor a bare re-quote would be the answer.
		return []discordgo.MessageComponent{discordgo.ActionsRow{Components: feedbackButtons()}}
	}
	if len(a.Citations) > 0 {
		buttons = append(buttons, discordgo.Button{
			Label:    tr(lang, "Échange complet", "Full exchange"),
			Style:    discordgo.PrimaryButton,
			CustomID: fmt.Sprintf("%s:%d:%s", idExchange, a.Citations[0].Exchange, lang),
		})
	}
	other, label := lang.Other(), "English"
	if other.IsFrench() {
		label = "Français"
	}
	if id := toggleID(other, a.Citations); id != "" {
		buttons = append(buttons, discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: id})
	}
	if a.Mode == answer.LLMMode {
		if id := toggleID(lang, a.Citations); id != "" {
			buttons = append(buttons, discordgo.Button{Label: tr(lang, "Citations exactes", "Show exact quotes"), Style: discordgo.SecondaryButton,
				CustomID: idQuotes + strings.TrimPrefix(id, idToggle)})
		}
	}
	buttons = append(buttons, feedbackButtons()...)
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

func feedbackButtons() []discordgo.MessageComponent {
	return []discordgo.MessageComponent{
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: idFeedback + ":+"},
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: idFeedback + ":-"},
	}
}

// toggleID encodes the citations' places, or "" if they do not fit.
func toggleID(lang lang.Language, cs []answer.Citation) string {
	if len(cs) == 0 {
		return ""
	}
	refs := make([]string, len(cs))
	for i, c := range cs {
		refs[i] = fmt.Sprintf("%s/%d-%d", c.ID, c.From, c.To)
	}
	id := fmt.Sprintf("%s:%s:%s", idToggle, lang, strings.Join(refs, ","))
	if len(id) > maxCustomID {
		return ""
	}
	return id
}

// parseToggleID reads what toggleID wrote. The ID comes back from Discord
// inside a request anyone can forge, so it is checked as untrusted input.
func parseToggleID(id string) (lang.Language, []answer.Citation, error) {
	parts := strings.SplitN(id, ":", 3)
	if len(parts) != 3 || parts[0] != idToggle {
		return "", nil, errUnknownInteraction
	}
	lang, err := lang.Parse(parts[1])
	if err != nil {
		return "", nil, errUnknownInteraction
	}
	var refs []answer.Citation
	for _, r := range strings.Split(parts[2], ",") {
		pid, span, ok := strings.Cut(r, "/")
		from, to, ok2 := strings.Cut(span, "-")
		f, err1 := strconv.Atoi(from)
		t, err2 := strconv.Atoi(to)
		if !ok || !ok2 || err1 != nil || err2 != nil {
			return "", nil, errUnknownInteraction
		}
		refs = append(refs, answer.Citation{ID: pid, From: f, To: t})
	}
	return lang, refs, nil
}

func (h *Handler) component(ctx context.Context, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) (*Reply, error) {
	lang := language(i)
	prefix, rest, _ := strings.Cut(data.CustomID, ":")
	switch prefix {
	case idExchange:
		num, l, _ := strings.Cut(rest, ":")
		n, err := strconv.Atoi(num)
		if _, ok := h.iv.Exchange(n); err != nil || (!ok && n != 0) {
			return nil, errUnknownInteraction
		}
		if pl, err := parseLanguage(l); err == nil {
			lang = pl
		}
		return h.exchange(n, lang, true), nil
	case idToggle:
		target, refs, err := parseToggleID(data.CustomID)
		if err != nil {
			return nil, err
		}
		a, err := h.answers.Requote(refs, target)
		if err != nil {
			return nil, errUnknownInteraction
		}
		text := a.Text
		if q := askedQuestion(i.Message); q != "" {
			text = fmt.Sprintf("**%s** %s\n\n%s", tr(target, "Question :", "Question:"), q, text)
		}
		r := message(text, false, h.answerButtons(a)...)
		r.Type = discordgo.InteractionResponseUpdateMessage
		if len(r.Messages) > 1 { // an update is one message: keep the answer's head
			r.Messages = r.Messages[:1]
		}
		return r, nil
	case idQuotes:
		target, refs, err := parseToggleID(idToggle + strings.TrimPrefix(data.CustomID, idQuotes))
		if err != nil {
			return nil, err
		}
		a, err := h.answers.Requote(refs, target)
		if err != nil {
			return nil, errUnknownInteraction
		}
		return message(a.Text, true), nil
	case idFeedback:
		if rest != "+" && rest != "-" {
			return nil, errUnknownInteraction
		}
		if !h.firstVote(ctx, messageID(i), userID(i)) {
			return message(tr(lang, "Votre avis sur cette réponse est déjà compté. Merci !", "Your feedback on this answer is already counted. Thanks!"), true), nil
		}
		h.log.Info("feedback", "vote", rest, "guild", i.GuildID, "message", messageID(i))
		h.recordEvent(ctx, i.GuildID, store.Event{FeedbackUp: rest == "+", FeedbackDown: rest == "-"})
		return message(tr(lang, "Merci pour votre retour !", "Thanks for your feedback!"), true), nil
	case idTopic:
		if len(data.Values) != 1 {
			return nil, errUnknownInteraction
		}
		n, err := strconv.Atoi(data.Values[0])
		if _, ok := h.iv.Exchange(n); err != nil || !ok {
			return nil, errUnknownInteraction
		}
		return h.exchange(n, lang, true), nil
	}
	return nil, errUnknownInteraction
}

// askedQuestion returns the question echoed (already escaped) at the top
// of an answer message, so that a language toggle keeps it.
func askedQuestion(m *discordgo.Message) string {
	if m == nil {
		return ""
	}
	first, _, _ := strings.Cut(m.Content, "\n")
	for _, label := range []string{"**Question :** ", "**Question:** "} {
		if q, ok := strings.CutPrefix(first, label); ok {
			return q
		}
	}
	return ""
}

func messageID(i *discordgo.Interaction) string {
	if i.Message != nil {
		return i.Message.ID
	}
	return ""
}

// option reads the option name as a T. A forged request may send any
// type, so the type is checked.
func option[T any](opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (T, bool) {
	for _, o := range opts {
		if o.Name == name {
			v, ok := o.Value.(T)
			return v, ok
		}
	}
	var zero T
	return zero, false
}

func stringOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (string, bool) {
	return option[string](opts, name)
}

// intOption reads an integer option. JSON numbers arrive as float64.
func intOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (int, bool) {
	f, ok := option[float64](opts, name)
	if !ok || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}
