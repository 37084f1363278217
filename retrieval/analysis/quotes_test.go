package analysis

import (
	"slices"
	"strings"
	"testing"
)

func TestQuotedPhrases(t *testing.T) {
	tt := []struct {
		q    string
		want []string
	}{
		{"que veut dire « diplomaties privées » ?", []string{"diplomaties privées"}},
		{"What does 'premiers intervenants' mean?", []string{"premiers intervenants"}},
		{"translate 'le nuage de l'oppression est apparu' pls", []string{"le nuage de l'oppression est apparu"}},
		{`what does "approche pluriacteurs" mean`, []string{"approche pluriacteurs"}},
		{"what’s the “main” point", []string{"main"}},
		{"l'appel de Paris, c'est quoi ?", nil},
		{"« unclosed", nil},
	}
	for _, tc := range tt {
		if got := QuotedPhrases(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("QuotedPhrases(%q) = %q; want %q", tc.q, got, tc.want)
		}
	}
}

// FuzzQuotedPhrases: whatever a user types, the phrases found are pieces
// of it, and finding them does not panic.
func FuzzQuotedPhrases(f *testing.F) {
	for _, s := range []string{"que veut dire « diplomaties privées » ?", "What does 'x y' mean?", `"a" "b`, "''", "'", "‘ouvert", "«»"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, p := range QuotedPhrases(q) {
			if !strings.Contains(q, p) {
				t.Errorf("QuotedPhrases(%q) found %q, not in it", q, p)
			}
		}
		WithoutQuoted(q, QuotedPhrases(q))
	})
}
