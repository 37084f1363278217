package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/lang"
)

// maxLinks is how many passages a reply links to: one row of buttons.
const maxLinks = 5

// readerLinks is a row of link buttons to passages in the web reader,
// where each citation is anchored by its passage's ID; none without
// Options.PublicURL. An ID may also name a section ("x3": exchange 3).
func (h *Handler) readerLinks(l lang.Language, ids ...string) []discordgo.MessageComponent {
	if h.publicURL == "" {
		return nil
	}
	var buttons []discordgo.MessageComponent
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] || len(buttons) == maxLinks {
			continue
		}
		seen[id] = true
		label := tr(l, "Lire dans le texte", "Read in context")
		if p := h.iv.Paragraph(id); p != nil {
			label = md.LinkLabel(h.iv, p, l)
		} else if _, err := fmt.Sscanf(id, "x%d", new(int)); err != nil {
			continue // neither a passage nor a section
		}
		buttons = append(buttons, discordgo.Button{Style: discordgo.LinkButton, Label: md.Truncate(label, 80), URL: h.publicURL + "?lang=" + string(l) + "#" + id})
	}
	if len(buttons) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}
