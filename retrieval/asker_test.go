package retrieval

import "testing"

func TestHasDroppedFirstPerson(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Should I buy the new iPhone?", true},
		{"how do i fix my laptop", true},
		{"I'm stuck", true},
		{"I’m stuck", true},
		{"j'ai un virus", true},
		{"J’ai un virus", true},
		{"what about World War I and the 1930s", false},
		{"WW I and WW II", false},
		{"iPhone", false},
		{"Is it true?", false},
		{"", false},
		{"I", false},
	} {
		if got := hasDroppedFirstPerson(tc.text); got != tc.want {
			t.Errorf("hasDroppedFirstPerson(%q) = %v; want %v", tc.text, got, tc.want)
		}
	}
}

// TestAsksOwn: the asker's own matter is declined when the closest is
// all it would get; asking to know something, or about him or the
// interview, is not that.
func TestAsksOwn(t *testing.T) {
	ix := newIndex(t)
	for _, tc := range []struct {
		q    string
		want Confidence
	}{
		{"my windows update is stuck at 35% for an hour, help", None},
		{"Mon téléphone Android ne charge plus, je fais quoi ?", None},
		{"I have a job interview tomorrow any tips", None},
		{"tell me about the digital Geneva Convention", Answer},
		{"explique-moi l'appel de Paris", Answer},
		{"help me understand why companies stayed silent before ww2", Answer},
		{"I need the part on Google and Apple", Answer},
		{"I wonder whether states will stop spying", Answer},
		{"what about World War I and the 1930s", Answer},
	} {
		if got := ix.Search(Query{Text: tc.q}).Confidence; got != tc.want {
			t.Errorf("Search(%q).Confidence = %q; want %q", tc.q, got, tc.want)
		}
	}
}
