package retrieval

import (
	"slices"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
)

// TestTargets: what a question asks to see, by its words: the
// journalist's question (by its topic, or by its number), the
// introduction, or Smith's answer even when it names the journalist.
func TestTargets(t *testing.T) {
	ix := newIndex(t)
	firstPassages(t, ix, []firstPassage{
		{"What did the journalist ask him about Google and Apple?", "q5"},
		{"Quelle question lui a-t-on posée sur l'espionnage ?", "q7"},
		{"what was the third question", "q3"},
		{"la Q8 c'était quoi ?", "q8"},
		{"question numéro 2 ?", "q2"},
		{"What does the intro say about WannaCry?", "intro.1"},
		{"When the journalist asked about Google, what did Smith answer?", "a5.1"},
		{"Will states stop spying on each other?", "a7.1"},
		{"what's the first thing they asked him?", "q1"},
		{"which question is about spying between states?", "q7"},
		{"how does the article describe Microsoft's lobbying?", "intro.1"},
		{"what's the last question of the interview?", "q8"},
		{"la question sur les « diplomaties privées » c'était quoi exactement ?", "q2"},
		{"ok so someone brought up Macron's remark about the 1930s in our channel, and apparently the journalist asked Smith about it too. How does he link cyberattacks to the 1930s?", "a8.1"},
		{"la dernière question c'était quoi", "q8"},
		{"la question finale du journaliste", "q8"},
		{"compare ses réponses à q7 et q8, what links them", "a7.1"},
		{"Did Smith literally tell the journalist to go ask Google and Apple themselves?", "a5.1"},
		{"une phrase choc de Smith sur le cyberespace comme champ de bataille ? c'est pour l'intro de mon débat", "a1.1"}, // the asker's intro
		{"did the journalist challenge him on using activism to limit liability for software flaws?", "q4"},
		// An answer by its number; dodging a question is how he answers
		// it; two quoted words and nothing else, where they are.
		{"how does his view of governments shift from answer 2 to answer 3", "a2.1"},
		{"What ties the second paragraph of answer 5 to answer 8?", "a5.1"},
		{"can you answer 2 questions about democracy", "a8.1"},
		{"wsh il esquive la question sur la responsabilité ou pas", "a4.1"},
		{`"ask them" lmao did he rly say that`, "a5.1"},
		{"did smith say 'ask them'?", "a5.1"},
		{"who should big tech team up with acc to smith", "a5.1"},
	})
	// Words that only look like requests.
	for _, q := range []string{"Que pense-t-il de la question de l'espionnage ?", "What's the first thing he asked governments to do?",
		"Does he talk about the safety of journalists?", "One last question: what does he think about Google?",
		"Dernière question : que pense Smith de la cybersécurité ?"} {
		if res := ix.Search(Query{Text: q}); len(res.Hits) > 0 && res.Hits[0].Paragraph.Role == corpus.RoleQuestion {
			t.Errorf("Search(%q) gives the journalist's question %s; want Smith's answers, or none", q, res.Hits[0].Paragraph.ID)
		}
	}
	if res := ix.Search(Query{Text: "What did Smith answer to question 3?"}); len(res.Hits) == 0 || res.Hits[0].Paragraph.ID != "a3.1" {
		t.Errorf("his answer to question 3: %d hits; want a3.1", len(res.Hits))
	}
	for _, toks := range [][]string{{"q9"}, {"question", "12"}, {"the", "ninth", "question"}} {
		if n := QuestionNumber(toks, 8); n != 0 {
			t.Errorf("QuestionNumber(%q, 8) = %d; want 0: the interview has 8", toks, n)
		}
	}
}

// TestNumbered: a question naming several exchanges by number gets each,
// in order; "answer N" followed by anything but a list or a joining word
// is the verb.
func TestNumbered(t *testing.T) {
	ix := newIndex(t)
	for _, tc := range []struct {
		q    string
		want []string // nil: not numbered
	}{
		{"compare answers 2 and 3", []string{"a2.1", "a3.1"}},
		{"compare ses réponses à q7 et q8, what links them", []string{"a7.1", "a8.1"}},
		{"What ties the second paragraph of answer 5 to answer 8?", []string{"a5.1", "a5.2", "a8.1"}},
		{"answers 1, 4 and 8", []string{"a1.1", "a4.1", "a8.1"}},
		{"réponses 1, 2 et 3", []string{"a1.1", "a2.1", "a3.1"}},
		{"compare questions 2 and 3", []string{"q2", "q3"}},
		{"can you answer 3 quick questions about democracy", nil},
		{"answer 1 thing for me", nil},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res := ix.Search(Query{Text: tc.q, K: 5})
			if tc.want == nil {
				if res.Numbered {
					t.Fatalf("Search(%q) reads exchanges by number; want none", tc.q)
				}
				return
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Paragraph.ID)
			}
			if !slices.Equal(got, tc.want) || !res.Numbered {
				t.Errorf("Search(%q) = %v (numbered %v); want %v, numbered", tc.q, got, res.Numbered, tc.want)
			}
		})
	}
}
