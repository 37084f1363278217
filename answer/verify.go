package answer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
)

// A quote is verbatim when it is in its paragraph word for word: only
// white space may differ, as it does when text is copied (a no-break
// space, a line break). That is what Verify checks, for the extractive
// answers and for the model's quotes alike, which are then shown in the
// published words.
//
// To find where a model's copy comes from, typography is folded too
// (locate): a model retypes ’ as ', « » as ", — as -. What is shown is
// still the published text at that place, never the model's copy.

// folding says what fold folds besides white space.
type folding bool

const (
	spaceOnly  folding = false // white space: the only change a quote may differ by
	typography folding = true  // also apostrophes, quotation marks, dashes and ellipses
)

// NormalizeSpace folds every run of white space, non-breaking spaces
// included, into one ASCII space and trims the ends.
func NormalizeSpace(s string) string { return fold(s, spaceOnly) }

// fold folds s as f says.
func fold(s string, f folding) string {
	n, _ := foldMap(s, f)
	return n
}

// foldMap returns s folded as f says and, for each byte of the result,
// the offset of the byte of s it came from.
func foldMap(s string, f folding) (string, []int) {
	var b strings.Builder
	var at []int
	space := true // drop leading white space
	for i, r := range s {
		var out string
		switch {
		case unicode.IsSpace(r):
			if !space {
				out = " "
			}
			space = true
		case f == spaceOnly:
			out, space = string(r), false
		case strings.ContainsRune("«»“”„\"", r):
			continue // a quote's own marks are not its words
		case strings.ContainsRune("’‘ʼ′`´", r):
			out, space = "'", false
		case strings.ContainsRune("–—‑", r):
			out, space = "-", false
		case r == '…':
			out, space = "...", false
		default:
			out, space = string(r), false
		}
		for range len(out) {
			at = append(at, i)
		}
		b.WriteString(out)
	}
	n := b.String()
	for strings.HasSuffix(n, " ") {
		n, at = n[:len(n)-1], at[:len(at)-1]
	}
	return n, at
}

// locate finds quote in text, both folded as f says, and returns the
// byte range of text it covers.
func locate(text, quote string, f folding) (from, to int, ok bool) {
	nt, at := foldMap(text, f)
	nq := fold(quote, f)
	if nq == "" {
		return 0, 0, false
	}
	i := strings.Index(nt, nq)
	if i < 0 {
		return 0, 0, false
	}
	from = at[i]
	last := at[i+len(nq)-1]
	_, size := utf8.DecodeRuneInString(text[last:])
	return from, last + size, true
}

// Verify checks that quote is verbatim, up to white space, in the
// paragraph with the given ID, and that the paragraph holds the words of
// speaker: the interviewee for answers, "article" for the introduction,
// "interviewer" for the journalist's questions.
func Verify(iv *corpus.Interview, id, speaker, quote string) error {
	p := iv.Paragraph(id)
	switch {
	case p == nil:
		return fmt.Errorf("no paragraph %q in the interview", id)
	case strings.TrimFunc(quote, unicode.IsSpace) == "":
		return fmt.Errorf("empty quote from %s", id)
	case p.IsInterviewee() && speaker != iv.Interviewee,
		p.Role == corpus.RoleIntro && speaker != corpus.SpeakerArticle,
		p.Role == corpus.RoleQuestion && speaker != corpus.SpeakerInterviewer:
		return fmt.Errorf("quote from %s (%s, %s) attributed to %q", id, p.Role, p.Speaker, speaker)
	}
	if !inSentences(p.FR, quote) {
		if _, _, ok := locate(p.Text(), quote, spaceOnly); !ok {
			return fmt.Errorf("quote is not verbatim in %s: %.200q", id, quote)
		}
	}
	return nil
}

// inSentences reports whether quote is a run of whole sentences of ss,
// joined by single spaces, as our citations are: the quick check, with
// no allocation.
func inSentences(ss []string, quote string) bool {
	for i := range ss {
		rest, j := quote, i
		for j < len(ss) && strings.HasPrefix(rest, ss[j]) {
			if rest = rest[len(ss[j]):]; rest == "" {
				return true
			}
			if rest, j = strings.TrimPrefix(rest, " "), j+1; len(rest) == 0 {
				return false
			}
		}
	}
	return false
}

// verifyAll checks every citation with Verify: what reaches a user as a
// quote has passed the one check, whichever path made it.
func verifyAll(iv *corpus.Interview, cs []Citation) error {
	for _, c := range cs {
		if err := Verify(iv, c.ID, c.Speaker, c.Quote); err != nil {
			return fmt.Errorf("answer: a quote failed its check: %w", err)
		}
	}
	return nil
}
