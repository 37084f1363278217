package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

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

// requote shows the exact quotes of q's answer, to the clicker alone.
func (h *Handler) requote(q customid.Quotes) (*Reply, error) {
	a, err := h.answers.Requote(q.Refs, q.Lang)
	if err != nil {
		return nil, errUnknownInteraction
	}
	return message(a.Text, true), nil
}

// toggle shows q's answer in the other language: to its asker, in place;
// to anyone else, to them alone, the message untouched. The toggle must
// be a button of the message clicked: a forged one could pair its
// question with another answer. An answer still in the cache is answered
// again in that language, as it was made (a model's answer stays one,
// with its buttons), within the clicker's rate limit; otherwise it is
// rebuilt from its quotes. The question line is the message's own: its
// asker's words.
func (h *Handler) toggle(ctx context.Context, i *discordgo.Interaction, id string, q customid.Quotes) (*Reply, error) {
	if i.Message == nil || !hasButton(i.Message.Components, id) {
		return nil, errUnknownInteraction
	}
	a, err := h.toggled(ctx, i, q)
	if err != nil {
		return nil, errUnknownInteraction
	}
	line := questionLine(i.Message)
	text := a.Text
	if line != "" {
		text = fmt.Sprintf("**%s** %s\n\n%s", tr(q.Lang, "Question :", "Question:"), line, text)
	}
	// In place only for the asker, and only an answer of one message:
	// the buttons of one in several are under its last part.
	who := asker(i.Message)
	mine := who != "" && who == userID(i) && line != ""
	r := message(text, !mine, h.answerButtons(a)...)
	if mine && len(r.Messages) == 1 {
		r.Type = discordgo.InteractionResponseUpdateMessage
	} else {
		r.Ephemeral = true // an update is one message: an answer in several goes whole, to the clicker alone
	}
	return r, nil
}

// toggled is the answer of q in q's language: answered again if the
// cache still has its question and the clicker may ask, and it quotes
// the same passages; rebuilt from q's quotes otherwise.
func (h *Handler) toggled(ctx context.Context, i *discordgo.Interaction, q customid.Quotes) (answer.Answer, error) {
	if asked, ok := h.answers.Question(ctx, q.Answer); ok {
		gs := h.gate.Settings(ctx, i.GuildID)
		if h.gate.Admit(ctx, i.GuildID, i.ChannelID, userID(i), gs) == nil {
			a, err := h.answers.Answer(ctx, answer.Request{Text: asked, Lang: q.Lang, LLM: gs.LLM})
			if err == nil && !a.Abstained && samePassages(a.Citations, q.Refs) {
				return a, nil
			}
		}
	}
	a, err := h.answers.Requote(q.Refs, q.Lang)
	a.Ref = q.Answer // the buttons of the answer shown keep it
	return a, err
}

// samePassages reports whether two answers quote the same passages.
func samePassages(a, b []answer.Citation) bool {
	ids := func(cs []answer.Citation) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		slices.Sort(out)
		return slices.Compact(out)
	}
	return len(a) > 0 && slices.Equal(ids(a), ids(b))
}

// questionLine is the question an answer's message shows, as shown: its
// asker's words, escaped; "" if it shows none.
func questionLine(m *discordgo.Message) string {
	if m == nil {
		return ""
	}
	first, _, _ := strings.Cut(m.Content, "\n")
	for _, label := range []string{"**Question :** ", "**Question:** "} {
		if line, ok := strings.CutPrefix(first, label); ok {
			return line
		}
	}
	return ""
}

// asker is who asked the question m answers: the user of its command,
// or the author of the message a mention's answer replies to.
func asker(m *discordgo.Message) string {
	switch {
	case m.InteractionMetadata != nil && m.InteractionMetadata.User != nil:
		return m.InteractionMetadata.User.ID
	case m.Interaction != nil && m.Interaction.User != nil:
		return m.Interaction.User.ID
	case m.ReferencedMessage != nil && m.ReferencedMessage.Author != nil:
		return m.ReferencedMessage.Author.ID
	}
	return ""
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
