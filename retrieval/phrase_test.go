package retrieval

import (
	"strings"
	"testing"
)

// TestTranslationRequest: the words quoted are found wherever they are,
// a journalist's question included, and the reply is in the language of
// the request around them.
func TestTranslationRequest(t *testing.T) {
	ix := newIndex(t)
	tt := []struct {
		q, want string
		span    [2]int
		lang    Language
	}{
		{"What does 'Nous avons été tirés, contre notre gré, au cœur du conflit' mean in English?", "a1.1", [2]int{5, 6}, English},
		{"que veut dire « diplomaties privées » en anglais ?", "q2", [2]int{0, 1}, French},
		{`what does "approche pluriacteurs" mean?`, "a5.1", [2]int{4, 5}, English},
		{`Traduis en français : "we are part of the battlefield"`, "a1.1", [2]int{3, 4}, French},
	}
	for _, tc := range tt {
		res := ix.Search(Query{Text: tc.q})
		if res.Target != TargetTranslate || len(res.Hits) == 0 || res.Hits[0].Paragraph.ID != tc.want || res.Hits[0].Span != tc.span || res.Language != tc.lang {
			t.Errorf("Search(%q) = target %d, %d hits, language %s; want %s %v in %s", tc.q, res.Target, len(res.Hits), res.Language, tc.want, tc.span, tc.lang)
			continue
		}
	}
	// "In English please": the reply is in English, whatever the rest.
	if res := ix.Search(Query{Text: "c'est quoi son point sur la WW1 et Verdun, in English please?"}); res.Language != English {
		t.Errorf("a request in French for an answer in English is answered in %s", res.Language)
	}
}

// TestVerbatim: words a question quotes are looked for in the whole
// interview, in French and in our translation: found, they are the hits;
// missing, the search answers and says so.
func TestVerbatim(t *testing.T) {
	ix := newIndex(t)
	tt := []struct {
		q          string
		want       Verbatim
		id         string // the first hit, when found
		translated bool
	}{
		{"did he really say 'nous ne faisons pas la loi'?", VerbatimFound, "a2.1", false},
		{`did he say "we are part of the battlefield"?`, VerbatimFound, "a1.1", true},
		{"a-t-il dit « Microsoft joue une étonnante partition » ?", VerbatimFound, "intro.1", false},
		{"did he say 'Microsoft bears no responsibility'?", VerbatimMissing, "", false},
		{"did he say 'no'?", VerbatimNone, "", false}, // too short to check
		// Words to translate that are not the interview's: declined.
		{"traduis 'I'm looking forward to seeing you' en français stp", VerbatimMissing, "", false},
	}
	for _, tc := range tt {
		res := ix.Search(Query{Text: tc.q})
		if res.Verbatim != tc.want {
			t.Errorf("Search(%q).Verbatim = %d; want %d", tc.q, res.Verbatim, tc.want)
			continue
		}
		if strings.HasPrefix(tc.q, "traduis") && !res.Abstained {
			t.Errorf("Search(%q) answers with %d hits; want it declined", tc.q, len(res.Hits))
		}
		if tc.id != "" && (len(res.Hits) == 0 || res.Hits[0].Paragraph.ID != tc.id || res.Hits[0].Translated != tc.translated) {
			t.Errorf("Search(%q): %d hits; want %s first, translated %v", tc.q, len(res.Hits), tc.id, tc.translated)
		}
	}
}
