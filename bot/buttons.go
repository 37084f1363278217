package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/store"
)

// answerButtons offer the whole exchange, the other language and
// feedback under an answer, or the suggested exchanges under an
// abstention. Every custom ID carries what its click needs, so that any
// instance can serve it.
func (h *Handler) answerButtons(a answer.Answer) []discordgo.MessageComponent {
	l := a.Language
	if a.Abstained {
		var buttons []discordgo.MessageComponent
		for _, s := range a.Suggestions {
			buttons = append(buttons, discordgo.Button{
				Label:    md.Truncate(fmt.Sprintf("%s %d · %s", tr(l, "Q&R", "Q&A"), s.Exchange, s.Topic), 80),
				Style:    discordgo.SecondaryButton,
				CustomID: customid.Exchange{Exchange: s.Exchange, Lang: l}.Format(),
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
		return append([]discordgo.MessageComponent{discordgo.ActionsRow{Components: feedbackButtons()}}, h.citationLinks(a)...)
	}
	if len(a.Citations) > 0 {
		buttons = append(buttons, discordgo.Button{
			Label:    tr(l, "Échange complet", "Full exchange"),
			Style:    discordgo.PrimaryButton,
			CustomID: customid.Exchange{Exchange: a.Citations[0].Exchange, Lang: l}.Format(),
		})
	}
	other, label := l.Other(), "English"
	if other.IsFrench() {
		label = "Français"
	}
	if id := (customid.Quotes{Prefix: customid.PrefixToggle, Lang: other, Refs: a.Citations, Answer: a.Ref}).Format(); id != "" {
		buttons = append(buttons, discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: id})
	}
	if a.Mode == answer.LLMMode {
		if id := (customid.Quotes{Prefix: customid.PrefixQuotes, Lang: l, Refs: a.Citations}).Format(); id != "" {
			buttons = append(buttons, discordgo.Button{Label: tr(l, "Citations exactes", "Show exact quotes"), Style: discordgo.SecondaryButton, CustomID: id})
		}
	}
	buttons = append(buttons, feedbackButtons()...)
	return append([]discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}, h.citationLinks(a)...)
}

// citationLinks link an answer's citations to the web reader.
func (h *Handler) citationLinks(a answer.Answer) []discordgo.MessageComponent {
	var ids []string
	for _, c := range a.Citations {
		ids = append(ids, c.ID)
	}
	return h.readerLinks(a.Language, ids...)
}

func feedbackButtons() []discordgo.MessageComponent {
	return []discordgo.MessageComponent{
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👍"}, Style: discordgo.SecondaryButton, CustomID: customid.Feedback{Up: true}.Format()},
		discordgo.Button{Emoji: &discordgo.ComponentEmoji{Name: "👎"}, Style: discordgo.SecondaryButton, CustomID: customid.Feedback{Up: false}.Format()},
	}
}

// requote renders again the quotes of q: in the other language, updating
// the answer in place (a toggle), or the exact quotes alone, to the
// clicker only. A toggle shows the question again if the cache still has
// the answer.
func (h *Handler) requote(ctx context.Context, q customid.Quotes) (*Reply, error) {
	a, err := h.answers.Requote(q.Refs, q.Lang)
	if err != nil {
		return nil, errUnknownInteraction
	}
	if q.Prefix == customid.PrefixQuotes {
		return message(a.Text, true), nil
	}
	a.Ref = q.Answer // the buttons of the updated answer keep it
	text := a.Text
	if asked, ok := h.answers.Question(ctx, q.Answer); ok {
		text = fmt.Sprintf("**%s** %s\n\n%s", tr(q.Lang, "Question :", "Question:"), md.Escape(md.Truncate(asked, 300)), text)
	}
	r := message(text, false, h.answerButtons(a)...)
	if len(r.Messages) > 1 {
		// An update is one message: an answer in several is sent whole,
		// to the clicker alone, rather than cut.
		return message(text, true, h.answerButtons(a)...), nil
	}
	r.Type = discordgo.InteractionResponseUpdateMessage
	return r, nil
}

// vote counts a user's vote on an answer, once.
func (h *Handler) vote(ctx context.Context, i *discordgo.Interaction, f customid.Feedback) *Reply {
	l := language(i)
	if !h.gate.FirstVote(ctx, messageID(i), userID(i)) {
		return message(tr(l, "Votre avis sur cette réponse est déjà compté. Merci !", "Your feedback on this answer is already counted. Thanks!"), true)
	}
	vote := "-"
	if f.Up {
		vote = "+"
	}
	h.recordEvent(ctx, i.GuildID, store.Event{FeedbackUp: f.Up, FeedbackDown: !f.Up})
	r := message(tr(l, "Merci pour votre retour !", "Thanks for your feedback!"), true)
	r.outcome.detail = []any{"vote", vote}
	return r
}

func messageID(i *discordgo.Interaction) string {
	if i.Message != nil {
		return i.Message.ID
	}
	return ""
}
