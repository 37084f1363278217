package bot

import (
	"errors"
	"math/rand/v2"
	"slices"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/customid"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/lang"
)

// discussCommand gives discussion prompts anchored to the interviewee's
// words, prompts on the interview as a document, and open questions;
// each with a button that shows what a good answer finds.
var discussCommand = &slashCommand{
	name:   "discuss",
	fr:     "débat",
	define: define.Discuss,
	run: func(h *Handler, c *call) (*Reply, error) {
		m, err := h.material()
		if err != nil {
			return nil, err
		}
		n, _ := intOption(c.data.Options, "exchange")
		level, _ := stringOption(c.data.Options, "level")
		kind, _ := stringOption(c.data.Options, "kind")
		if level != "" && level != classroom.Secondary && level != classroom.University {
			return nil, errUnknownInteraction
		}
		switch kind {
		case define.DiscussOpen:
			return h.openQuestions(c, m, n, level)
		case "", define.DiscussPrompts, define.DiscussSource:
		default:
			return nil, errUnknownInteraction
		}
		prompts := m.Prompts(n, level)
		if kind == define.DiscussSource {
			prompts = slices.DeleteFunc(prompts, func(p *classroom.Prompt) bool { return p.Angle != classroom.AngleSource })
		}
		prompts = oneIfAll(prompts, n)
		if len(prompts) == 0 {
			return nil, &userError{fr: "Aucun sujet de discussion de ce type pour cet échange.", en: "No discussion prompt of this kind for this exchange."}
		}
		ids, anchors := idsAndAnchors(prompts, func(p *classroom.Prompt) (string, classroom.Ref) { return p.ID, p.Cite })
		return message(md.Discuss(m, prompts, c.lang), c.gs.Ephemeral, h.hints(c.lang, tr(c.lang, "Pistes", "Notes"), ids, anchors)...), nil
	},
	components:     []*componentKind{hintButton},
	showsInterview: true,
}

// openQuestions answers /discuss for open questions.
func (h *Handler) openQuestions(c *call, m *classroom.Material, n int, level string) (*Reply, error) {
	open := oneIfAll(m.OpenQuestions(n, level), n)
	if len(open) == 0 {
		return nil, &userError{fr: "Aucune question ouverte pour cet échange.", en: "No open question for this exchange."}
	}
	ids, anchors := idsAndAnchors(open, func(o *classroom.Open) (string, classroom.Ref) { return o.ID, o.Cite })
	return message(md.OpenQuestions(m, open, c.lang), c.gs.Ephemeral, h.hints(c.lang, tr(c.lang, "Corrigé", "Model answer"), ids, anchors)...), nil
}

// idsAndAnchors returns the items' IDs, and the anchors in the reader of
// the passages they cite.
func idsAndAnchors[T any](items []T, of func(T) (string, classroom.Ref)) (ids, anchors []string) {
	for _, it := range items {
		id, r := of(it)
		ids, anchors = append(ids, id), append(anchors, r.Anchor())
	}
	return ids, anchors
}

// oneIfAll keeps one item, drawn at random, of the whole interview's
// (n is 0): all of them would flood the channel.
func oneIfAll[T any](items []T, n int) []T {
	if n == 0 && len(items) > 0 {
		return items[rand.IntN(len(items)):][:1]
	}
	return items
}

// hints are a row of buttons, one per item, that show what a good answer
// finds, then the links to the passages the items cite.
func (h *Handler) hints(l lang.Language, label string, ids, anchors []string) []discordgo.MessageComponent {
	var buttons []discordgo.MessageComponent
	for _, id := range ids[:min(len(ids), maxLinks)] {
		buttons = append(buttons, discordgo.Button{Label: md.Truncate(label+" · "+id, 80), Style: discordgo.SecondaryButton, CustomID: customid.Hint{Item: id, Lang: l}.Format()})
	}
	return append([]discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}, h.readerLinks(l, anchors...)...)
}

// hintButton shows, to the clicker alone and only to whoever may lead
// the class (canTeach), a prompt's notes for the teacher or an open
// question's model answer and marking points.
var hintButton = &componentKind{name: "hint", prefix: customid.PrefixHint, click: func(h *Handler, c *click) (*Reply, error) {
	hint, err := customid.ParseHint(c.data.CustomID)
	if err != nil {
		return nil, errUnknownInteraction
	}
	// Model answers and notes for the teacher are the teacher's: a
	// student who could click them would have the answers.
	if !canTeach(c.i, h.gate.Settings(c.ctx, c.i.GuildID)) {
		return nil, errNotTeacherHint
	}
	m, err := h.material()
	if err != nil {
		return nil, err
	}
	// Prompts and open questions share no ID (the material checks it),
	// whatever a teacher's copy names them.
	var text string
	if o := find(m.OpenQuestions(0, ""), func(o *classroom.Open) bool { return o.ID == hint.Item }); o != nil {
		text = md.ModelAnswer(m, o, hint.Lang)
	} else if p := find(m.Prompts(0, ""), func(p *classroom.Prompt) bool { return p.ID == hint.Item }); p != nil {
		text = md.TeacherNotes(p, hint.Lang)
	}
	if text == "" {
		return nil, errHintGone
	}
	return message(text, true), nil
}}

// errNotTeacherHint refuses a model answer or notes for the teacher to a
// student.
var errNotTeacherHint = &userError{
	fr:   "Les corrigés et les pistes sont réservés à qui mène la classe (gérer les messages, ou le rôle choisi avec /settings quizrole) ; la fiche de l’enseignant (worksheet --key only) les donne aussi.",
	en:   "Model answers and teacher notes are for whoever leads the class (manage messages, or the role set with /settings quizrole); the teacher’s worksheet (worksheet --key only) has them too.",
	kind: "refused",
}

// errHintGone answers a click on an item the classroom material no
// longer has (it was edited since the message was posted).
var errHintGone = &userError{
	fr: "Cet exercice n’est plus dans le matériel de la classe ; relancez /discuss.",
	en: "This item is no longer in the class material; run /discuss again.",
}

func find[T any](items []*T, match func(*T) bool) *T {
	for _, it := range items {
		if match(it) {
			return it
		}
	}
	return nil
}

// isNoQuestion reports a quiz that has no question to ask.
func isNoQuestion(err error) bool { return errors.Is(err, classroom.ErrNoQuestion) }
