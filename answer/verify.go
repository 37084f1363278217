package answer

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/interviewbot/interviewbot/corpus"
)

// NormalizeSpace folds every run of white space, non-breaking spaces
// included, into one ASCII space and trims the ends. It is the only
// change a quote may differ from the published text by.
func NormalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Verify checks that quote is verbatim, up to white space, in the
// paragraph with the given ID, and that the paragraph holds the words of
// speaker: the interviewee for answers, "article" for the introduction.
func Verify(iv *corpus.Interview, id, speaker, quote string) error {
	p := iv.Paragraph(id)
	switch {
	case p == nil:
		return fmt.Errorf("no paragraph %q in the interview", id)
	case NormalizeSpace(quote) == "":
		return fmt.Errorf("empty quote from %s", id)
	case !strings.Contains(NormalizeSpace(p.Text()), NormalizeSpace(quote)):
		return fmt.Errorf("quote is not verbatim in %s: %q", id, quote)
	case p.IsInterviewee() && speaker != iv.Interviewee,
		p.Role == corpus.RoleIntro && speaker != corpus.SpeakerArticle,
		p.Role == corpus.RoleQuestion:
		return fmt.Errorf("quote from %s (%s, %s) attributed to %q", id, p.Role, p.Speaker, speaker)
	}
	return nil
}
