package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
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
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			return h.autocomplete(i, data), nil
		}
		return h.command(ctx, i, data)
	case discordgo.MessageComponentInteractionData:
		return h.component(ctx, i, data)
	}
	return nil, errUnknownInteraction
}

func (h *Handler) command(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (*Reply, error) {
	lang := language(i)
	var gs store.GuildSettings
	switch data.Name {
	case cmdSource, cmdQuote, cmdTopics, cmdAbout:
		// What shows the interview follows the server's channel list
		// and visibility, as answers do.
		gs = h.settings(ctx, i.GuildID)
		if err := allowedHere(gs, i.ChannelID); err != nil {
			return nil, err
		}
	}
	switch data.Name {
	case cmdAsk:
		q, _ := stringOption(data.Options, "question")
		return h.askIn(ctx, i.GuildID, i.ChannelID, userID(i), q, lang)
	case cmdSource:
		n, ok := intOption(data.Options, "exchange")
		if _, exists := h.iv.Exchange(n); !ok || !exists {
			last := len(h.iv.Exchanges())
			return nil, &userError{
				fr: fmt.Sprintf("Choisissez un échange de 1 à %d.", last),
				en: fmt.Sprintf("Pick an exchange from 1 to %d.", last),
			}
		}
		return h.exchange(n, lang, gs.Ephemeral), nil
	case cmdQuote:
		topic, _ := stringOption(data.Options, "topic")
		return h.quote(ctx, i, topic, lang)
	case cmdTopics:
		return h.topics(lang), nil
	case cmdAbout:
		return h.about(lang), nil
	case cmdSettings:
		return h.settingsCommand(ctx, i, data, lang)
	case cmdStats:
		return h.statsCommand(ctx, i, lang)
	}
	return nil, errUnknownInteraction
}

// askIn answers a question asked in a server's channel, within its
// settings and rate limits, in the question's own language or, when it
// cannot tell (a lone name), the user's locale.
func (h *Handler) askIn(ctx context.Context, guildID, channelID, user, q string, locale lang.Language) (*Reply, error) {
	gs := h.settings(ctx, guildID)
	if err := h.gate(ctx, guildID, channelID, user, gs, locale); err != nil {
		return nil, err
	}
	a, err := h.ask(ctx, q, locale, gs.LLM)
	if err != nil {
		return nil, err
	}
	h.record(ctx, guildID, a)
	text := fmt.Sprintf("**%s** %s\n\n%s", tr(a.Language, "Question :", "Question:"), escape(truncate(a.Question, 300)), a.Text)
	return message(text, gs.Ephemeral, h.answerButtons(a)...), nil
}

// ask answers q, turning bad questions into messages for the user.
func (h *Handler) ask(ctx context.Context, q string, locale lang.Language, useLLM bool) (answer.Answer, error) {
	a, err := h.answer(ctx, answer.Request{Text: q, Hint: locale, LLM: useLLM})
	switch {
	case errors.Is(err, answer.ErrEmptyQuestion):
		return a, &userError{fr: "Posez une question : le texte est vide.", en: "Please ask a question: the text is empty."}
	case errors.Is(err, answer.ErrQuestionTooLong):
		return a, &userError{
			fr: fmt.Sprintf("Votre question dépasse %d caractères ; raccourcissez-la.", answer.MaxQuestionLen),
			en: fmt.Sprintf("Your question is longer than %d characters; please shorten it.", answer.MaxQuestionLen),
		}
	}
	return a, err
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

// exchange shows exchange n whole, in both languages.
func (h *Handler) exchange(n int, lang lang.Language, ephemeral bool) *Reply {
	return message(exchangeText(h.iv, n, lang), ephemeral)
}

// quote gives one verbatim quote on topic, or a random one.
func (h *Handler) quote(ctx context.Context, i *discordgo.Interaction, topic string, locale lang.Language) (*Reply, error) {
	gs := h.settings(ctx, i.GuildID)
	if strings.TrimSpace(topic) == "" {
		return h.randomQuote(locale, gs.Ephemeral), nil
	}
	if err := h.gate(ctx, i.GuildID, i.ChannelID, userID(i), gs, locale); err != nil {
		return nil, err
	}
	a, err := h.ask(ctx, topic, locale, false) // a quote is the interview's words alone
	if err != nil {
		return nil, err
	}
	h.record(ctx, i.GuildID, a)
	for _, c := range a.Citations {
		if c.Speaker == h.iv.Interviewee {
			return message(quoteText(h.iv, c, a.Language), gs.Ephemeral), nil
		}
	}
	if a.Abstained {
		return message(a.Text, gs.Ephemeral, h.answerButtons(a)...), nil
	}
	return nil, &userError{
		fr: fmt.Sprintf("%s ne parle pas de ce sujet dans ses réponses ; essayez /ask.", h.iv.Interviewee),
		en: fmt.Sprintf("%s’s answers do not cover this; try /ask.", h.iv.Interviewee),
	}
}

// minQuoteLen keeps random quotes to sentences that stand on their own.
const minQuoteLen = 60

func (h *Handler) randomQuote(lang lang.Language, ephemeral bool) *Reply {
	// Sentences that stand on their own, or any of his sentences in an
	// interview that has none that long.
	var pool, all []answer.Citation
	for _, p := range h.iv.Paragraphs {
		if !p.IsInterviewee() {
			continue
		}
		for s, fr := range p.FR {
			c := answer.Citation{ID: p.ID, Exchange: p.Exchange, Speaker: p.Speaker, Quote: fr, Translation: p.EN[s], From: s, To: s + 1}
			all = append(all, c)
			if len(fr) >= minQuoteLen {
				pool = append(pool, c)
			}
		}
	}
	if len(pool) == 0 {
		pool = all
	}
	if len(pool) == 0 {
		return message(tr(lang, "L’entretien n’a pas encore de réponse à citer.", "The interview has no answer to quote."), true)
	}
	return message(quoteText(h.iv, pool[rand.IntN(len(pool))], lang), ephemeral)
}

func quoteText(iv *corpus.Interview, c answer.Citation, lang lang.Language) string {
	ex, _ := iv.Exchange(c.Exchange)
	if lang.IsEnglish() {
		return fmt.Sprintf("> “%s”\n> Translation (ours, not %s’s words): %s\n— %s, Q&A %d (%s)", c.Quote, iv.Interviewee, c.Translation, iv.Interviewee, c.Exchange, ex.Topic("en"))
	}
	return fmt.Sprintf("> « %s »\n— %s, Q&R %d (%s)", c.Quote, iv.Interviewee, c.Exchange, ex.Topic("fr"))
}

func (h *Handler) topics(lang lang.Language) *Reply {
	var b strings.Builder
	b.WriteString(tr(lang, "**Les échanges de l’entretien**\n", "**The interview’s exchanges**\n"))
	var options []discordgo.SelectMenuOption
	for _, ex := range h.iv.Exchanges() {
		topic := ex.Topic(lang)
		fmt.Fprintf(&b, "%d. %s\n", ex.Number, topic)
		options = append(options, discordgo.SelectMenuOption{
			Label: truncate(fmt.Sprintf("%d. %s", ex.Number, topic), maxSelectLabel),
			Value: strconv.Itoa(ex.Number),
		})
	}
	b.WriteString(tr(lang, "\nChoisissez un échange pour le lire en entier, ou posez une question avec /ask.",
		"\nPick an exchange to read it whole, or ask a question with /ask."))
	menu := discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{
		CustomID:    idTopic,
		Placeholder: tr(lang, "Ouvrir un échange…", "Open an exchange…"),
		Options:     options[:min(len(options), 25)],
	}}}
	return message(b.String(), false, menu)
}

func (h *Handler) about(lang lang.Language) *Reply {
	iv := h.iv
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n", iv.Title)
	fmt.Fprintf(&b, "%s, %s. %s\n", iv.Interviewee, iv.IntervieweeRole.In(lang), iv.Source.In(lang))
	if c := iv.Context.In(lang); c != "" {
		fmt.Fprintf(&b, "%s\n", c)
	}
	b.WriteString(tr(lang, fmt.Sprintf(`
**Ce que fait le bot** : il répond aux questions (en français ou en anglais) en citant mot pour mot les réponses de %[1]s, avec le numéro de l’échange (/ask, /quote), et montre les échanges entiers (/source, /topics).
**Ce qu’il ne fait pas** : il ne paraphrase pas, ne devine pas et ne prête jamais à %[1]s les mots du journaliste ou de l’article. Si l’entretien n’aborde pas une question, il le dit.
**Vérification** : chaque citation est un passage continu du texte publié, pris phrase entière dans une réponse de %[1]s ; les traductions anglaises sont les nôtres et signalées comme telles.`, iv.Interviewee),
		fmt.Sprintf(`
**What the bot does**: it answers questions (in French or English) by quoting %[1]s's answers word for word, with the exchange number (/ask, /quote), and shows whole exchanges (/source, /topics).
**What it does not do**: it never paraphrases, guesses, or attributes the interviewer's or the article's words to %[1]s. When the interview does not address a question, it says so.
**How quotes are checked**: every quote is a continuous run of whole sentences from one of %[1]s's answers in the published French text; English translations are ours and labelled as such.`, iv.Interviewee)))
	return message(b.String(), false)
}

// autocomplete suggests the interview's topics and questions that share
// a word with what the user has typed so far.
func (h *Handler) autocomplete(i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) *Reply {
	lang := language(i)
	typed := ""
	for _, o := range data.Options {
		if o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	words := strings.Fields(answer.Normalize(typed))
	var choices []*discordgo.ApplicationCommandOptionChoice
	seen := map[string]bool{}
	add := func(s string) {
		s = truncate(s, maxChoiceLen)
		if s == "" || seen[s] || len(choices) == maxChoices {
			return
		}
		f := answer.Normalize(s)
		for _, w := range words {
			if !strings.Contains(f, w) {
				return
			}
		}
		seen[s] = true
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: s, Value: s})
	}
	if len(words) > 0 && data.Name == cmdAsk {
		add(typed) // what they typed comes first, so Enter asks it as is
	}
	for _, ex := range h.iv.Exchanges() {
		add(ex.Topic(lang))
	}
	if data.Name == cmdAsk {
		for _, ex := range h.iv.Exchanges() {
			if lang.IsEnglish() {
				add(ex.Question.Translation())
			} else {
				add(ex.Question.Text())
			}
		}
	}
	return &Reply{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Choices: choices}
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
