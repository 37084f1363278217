package classroom

import (
	"regexp"
	"slices"
	"strings"
)

// addresses finds a sentence that speaks to someone ("Vous avez
// défendu…"): on paper it gives its speaker away as surely as a "?".
var addresses = regexp.MustCompile(`(?i)\b(vous|votre|vos)\b`)

// WhoSaidStatements returns sentences of the "who said it?" pool for an
// exercise on paper, of those keep reports true of (nil: all):
// statements only, since a sentence that ends in "?" gives the
// interviewer away, and none that speaks to the other ("vous"); as many
// of the interviewee's as of the newspaper's (its introduction and its
// questions together: few of the questions are statements), at most per
// each, spread over the text; in an order that the passages they come
// from fix, with no pattern of speakers to follow. It returns none when
// one side has no statement: every answer would be the same.
func (m *Material) WhoSaidStatements(keep func(Quote) bool, per int) []Quote {
	var sides [2][]Quote // the interviewee's, the newspaper's
	var passages []string
	for _, q := range m.who {
		if (keep != nil && !keep(q)) || strings.HasSuffix(strings.TrimSpace(q.FR), "?") || addresses.MatchString(q.FR) {
			continue
		}
		side := 1
		if q.Interviewee() {
			side = 0
		}
		sides[side] = append(sides[side], q)
		if !slices.Contains(passages, q.Passage) {
			passages = append(passages, q.Passage)
		}
	}
	k := min(per, len(sides[0]), len(sides[1]))
	var out []Quote
	for _, pool := range sides {
		for i := range k {
			// The middle of each of k equal stretches of the side's
			// statements: from all over the text, not its first lines.
			out = append(out, pool[(2*i+1)*len(pool)/(2*k)])
		}
	}
	if len(out) == 0 {
		return nil
	}
	r := seeded("who-sheet:" + strings.Join(passages, ","))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
