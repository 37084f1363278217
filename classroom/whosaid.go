package classroom

import (
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
)

// WhoSaidStatements returns sentences of the "who said it?" pool for an
// exercise on paper, of those keep reports true of (nil: all):
// statements only, since a sentence that ends in "?" gives the
// interviewer away; the same number from each speaker who has one, at
// most per, spread over the text; in an order that the passages they
// come from fix, with no pattern of speakers to follow. It returns none
// when fewer than two speakers have a statement: every answer would be
// the same.
func (m *Material) WhoSaidStatements(keep func(Quote) bool, per int) []Quote {
	byRole := map[corpus.Role][]Quote{}
	var roles []corpus.Role
	var passages []string
	for _, q := range m.who {
		if (keep != nil && !keep(q)) || strings.HasSuffix(strings.TrimSpace(q.FR), "?") {
			continue
		}
		if _, ok := byRole[q.Role]; !ok {
			roles = append(roles, q.Role)
		}
		byRole[q.Role] = append(byRole[q.Role], q)
		if !slices.Contains(passages, q.Passage) {
			passages = append(passages, q.Passage)
		}
	}
	if len(roles) < 2 {
		return nil
	}
	k := per
	for _, r := range roles {
		k = min(k, len(byRole[r]))
	}
	var out []Quote
	for _, r := range roles {
		pool := byRole[r]
		for i := range k {
			// The middle of each of k equal stretches of the speaker's
			// statements: from all over the text, not its first lines.
			out = append(out, pool[(2*i+1)*len(pool)/(2*k)])
		}
	}
	r := seeded("who-sheet:" + strings.Join(passages, ","))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
