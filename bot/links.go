package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
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
			label = linkLabel(h.iv, p, l)
		} else if _, err := fmt.Sscanf(id, "x%d", new(int)); err != nil {
			continue // neither a passage nor a section
		}
		buttons = append(buttons, discordgo.Button{Style: discordgo.LinkButton, Label: truncate(label, 80), URL: h.publicURL + "?lang=" + string(l) + "#" + id})
	}
	if len(buttons) == 0 {
		return nil
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
}

// linkLabel names a passage on its link: where it is and whose words.
func linkLabel(iv *corpus.Interview, p *corpus.Paragraph, l lang.Language) string {
	switch p.Role {
	case corpus.RoleAnswer:
		return fmt.Sprintf("%s %d · %s", tr(l, "Q&R", "Q&A"), p.Exchange, iv.Interviewee)
	case corpus.RoleQuestion:
		return fmt.Sprintf("%s %d · %s", tr(l, "Question", "Question"), p.Exchange, tr(l, "le journaliste", "the interviewer"))
	}
	return tr(l, "Introduction · le journal", "Introduction · the newspaper")
}
