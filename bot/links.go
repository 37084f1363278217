package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

// maxLinks is how many passages a reply links to: one row of buttons.
const maxLinks = 5

// readerLinks is a row of link buttons to passages in the web reader,
// where each citation is anchored by its passage's ID and each sentence
// by a classroom.Ref's Anchor ("a7.1.5"); none without
// Options.PublicURL. An ID may also name a section ("x3": exchange 3).
// A passage gets one button, for the first ID in it.
func (h *Handler) readerLinks(l lang.Language, ids ...string) []discordgo.MessageComponent {
	if h.publicURL == "" {
		return nil
	}
	var buttons []discordgo.MessageComponent
	seen := map[string]bool{}
	for _, id := range ids {
		label := tr(l, "Lire dans le texte", "Read in context")
		key := id
		if p := h.passageOf(id); p != nil {
			label, key = md.LinkLabel(h.iv, p, l), p.ID
		} else if _, err := fmt.Sscanf(id, "x%d", new(int)); err != nil {
			continue // neither a passage, a sentence nor a section
		}
		if seen[key] || len(buttons) == maxLinks {
			continue
		}
		seen[key] = true
		buttons = append(buttons, discordgo.Button{Style: discordgo.LinkButton, Label: md.Truncate(label, 80), URL: h.publicURL + "?lang=" + string(l) + "#" + id})
	}
	if len(buttons) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// passageOf returns the passage id names, itself ("a7.1") or by one of
// its sentences ("a7.1.5"), or nil.
func (h *Handler) passageOf(id string) *corpus.Paragraph {
	if p := h.iv.Paragraph(id); p != nil {
		return p
	}
	passage, sentence, ok := cutLast(id, ".")
	n, err := strconv.Atoi(sentence)
	if p := h.iv.Paragraph(passage); ok && err == nil && p != nil && n >= 0 && n < len(p.FR) && sentence == strconv.Itoa(n) {
		return p
	}
	return nil
}

// cutLast slices s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}
