package retrieval

import "testing"

// TestTargets: what a question asks to see, by its words: the
// journalist's question (by its topic, or by its number), the
// introduction, or Smith's answer even when it names the journalist.
func TestTargets(t *testing.T) {
	firstPassages(t, newIndex(t), []firstPassage{
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
	})
	for _, toks := range [][]string{{"q9"}, {"question", "12"}, {"the", "ninth", "question"}} {
		if n := QuestionNumber(toks, 8); n != 0 {
			t.Errorf("QuestionNumber(%q, 8) = %d; want 0: the interview has 8", toks, n)
		}
	}
}
