package retrieval

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
)

func newIndex(tb testing.TB) *Index {
	tb.Helper()
	return New(corpus.Default(), DefaultOptions())
}

func TestSearch(t *testing.T) {
	ix := newIndex(t)
	tt := []struct {
		q    string
		lang Language
		want string // the first hit's ID, or "" to abstain
	}{
		{"Les Etats vont-ils arrêter de s'espionner ?", French, "a7.1"},
		{"Will governments ever stop spying?", English, "a7.1"},
		{"cyberataques contre les HOPITAUX!!", French, "a7.1"}, // typo and shouting
		{"democratie et elections", French, "a8.1"},            // no accents
		{"pluriacteurs", French, "a5.1"},
		{"WannaCry", French, "intro.1"}, // only the article mentions it
		{"Que pense Brad Smith de la 5G ?", French, ""},
		{"Where is Microsoft headquartered?", English, ""},
		{"Microsoft", French, "a1.1"}, // a subject name alone still finds something
		// "révolution" is a word, not a typo of the text's "évolution".
		{"quand est-ce que la révolution française a commencé", French, ""},
		// A name it lacks outweighs the one word it shares ("écrit").
		{"Qui a écrit Les Misérables ?", French, ""},
		{"who wrote Harry Potter", English, ""},
		{"DEMOCRATIE EN DANGER ???", French, "a8.1"}, // shouted: no names
		// The words to translate are French, the request English.
		{"how do you say approche pluriacteurs in english", English, "a5.1"},
		{"Can you translate the journalist's question about whether states will stop spying on each other?", English, "q7"},
		// "In which exchanges" asks where, not for a name.
		{"In which exchanges does he talk about responsibility?", English, "a4.1"},
		// Context first, outweighing the question, then the question.
		{"Je suis prof de SES et on a eu un long débat hier en classe sur les GAFAM, Netflix, Spotify et TikTok. Un élève pensait que Smith dit le contraire. Comment les gouvernements voient-ils Microsoft selon lui ?", French, "a3.1"},
		{"My nephew plays Fortnite and Minecraft all day and his school sent a note about Roblox scams. Anyway. Does Smith say companies are on the battlefield?", English, "a1.1"},
		{"My nephew plays Fortnite and Minecraft all day and his school sent a note about Roblox scams. Anyway. What's the best pizza topping?", English, ""},
		// The last question's pronoun stands for the sentence before.
		{"Context: I'm a teacher preparing a reading comprehension on corporate responsibility with my class. I want students to find the three components of Microsoft's security role. What are they according to Smith?", English, "a4.1"},
		// The last question names no topic of its own.
		{"Mon frère joue au foot et au tennis tous les week-ends avec ses copains du lycée. Il se demande un truc. Qu'a répondu Smith ?", French, ""},
	}
	for _, tc := range tt {
		t.Run(tc.q, func(t *testing.T) {
			res := ix.Search(Query{Text: tc.q})
			got := ""
			if len(res.Hits) > 0 {
				got = res.Hits[0].Paragraph.ID
			}
			if got != tc.want || res.Abstained != (tc.want == "") || res.Language != tc.lang {
				t.Errorf("Search(%q) = %q (abstained %v, %s); want %q in %s", tc.q, got, res.Abstained, res.Language, tc.want, tc.lang)
			}
		})
	}
}

func TestSearchLanguageOptions(t *testing.T) {
	ix := newIndex(t)
	if res := ix.Search(Query{Text: "WannaCry", Hint: English}); res.Language != English {
		t.Errorf("Search with an English hint answered in %s", res.Language)
	}
	if res := ix.Search(Query{Text: "Les Etats vont-ils arrêter de s'espionner ?", Lang: English}); res.Language != English {
		t.Errorf("Search with Lang forced to English answered in %s", res.Language)
	}
	if res := ix.Search(Query{Text: "Les Etats vont-ils arrêter de s'espionner ?", Hint: English}); res.Language != French {
		t.Errorf("a hint overrode a sure detection: answered in %s", res.Language)
	}
}

func TestSearchK(t *testing.T) {
	ix := newIndex(t)
	for _, k := range []int{1, 2, 5} {
		if res := ix.Search(Query{Text: "les entreprises et les gouvernements", K: k}); len(res.Hits) != k {
			t.Errorf("Search(K=%d) returned %d hits", k, len(res.Hits))
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "WannaCry", "cyber attaques", strings.Repeat("guerre ", 100), "l'l'l'", "\x00\xff",
		"pk msft fait de la diplo", "lappel de paris", "appel de appel de paris paris", "how many 2017", "<@&1180000000000000900> 11"} {
		f.Add(s)
	}
	ix := New(corpus.Default(), DefaultOptions())
	f.Fuzz(func(t *testing.T, s string) {
		res := ix.Search(Query{Text: s})
		if res.Abstained && len(res.Hits) > 0 {
			t.Fatalf("Search(%q) abstained with hits", s)
		}
		switch res.Confidence {
		case Answer, Closest, None:
		default:
			t.Fatalf("Search(%q): confidence %q", s, res.Confidence)
		}
		if res.Abstained != (res.Confidence == None) {
			t.Fatalf("Search(%q): abstained %v with confidence %q", s, res.Abstained, res.Confidence)
		}
		for _, h := range res.Hits {
			scores, picks, gains := h.Sentences()
			if len(scores) != len(h.Paragraph.FR) || h.Coverage < 0 || h.Coverage > 1.000001 || len(picks) != len(gains) {
				t.Fatalf("Search(%q): malformed hit %+v", s, h)
			}
			for _, p := range picks {
				if p < 0 || p >= len(h.Paragraph.FR) {
					t.Fatalf("Search(%q): pick %d outside %s", s, p, h.Paragraph.ID)
				}
			}
		}
	})
}

func devQuestions(tb testing.TB) []string {
	tb.Helper()
	return questionsOf(tb, "../testdata/devset.tsv")
}

// questionsOf returns the questions of the TSV question sets at paths.
func questionsOf(tb testing.TB, paths ...string) []string {
	tb.Helper()
	var qs []string
	for _, path := range paths {
		qs = append(qs, readQuestions(tb, path)...)
	}
	return qs
}

func readQuestions(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			q, _, _ := strings.Cut(line, "\t")
			qs = append(qs, q)
		}
	}
	return qs
}

// BenchmarkBuild measures building the index from the parsed interview,
// analysis and stemming of both languages included.
func BenchmarkBuild(b *testing.B) {
	iv := corpus.Default()
	opts := DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		New(iv, opts)
	}
}

// BenchmarkSearch measures one query, cycling through the dev set's
// questions, so ns/op is the mean time per question.
func BenchmarkSearch(b *testing.B) {
	ix := newIndex(b)
	qs := devQuestions(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(Query{Text: qs[i%len(qs)]})
		i++
	}
}

// BenchmarkSearchRequests is BenchmarkSearch over the request styles of
// the dev parts written for them (dev4 to dev12): quote requests, long
// messages with context, mixed languages, translations, summaries, near
// misses and off-topic messages, which take the longer paths (a long
// message's last question, a mixed reading).
func BenchmarkSearchRequests(b *testing.B) {
	ix := newIndex(b)
	var paths []string
	for _, n := range []string{"4", "5", "6", "7", "8", "9", "10", "11", "12"} {
		paths = append(paths, "../testdata/bank/dev"+n+".tsv")
	}
	qs := questionsOf(b, paths...)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(Query{Text: qs[i%len(qs)]})
		i++
	}
}

// TestConcurrentSearch shares one index and its analyzers' stem memo
// between goroutines; run it with -race.
func TestConcurrentSearch(t *testing.T) {
	ix := newIndex(t)
	qs := devQuestions(t)
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range qs {
				ix.Search(Query{Text: qs[(i+g*7)%len(qs)] + " zorglub" + string(rune('a'+g))})
			}
		}()
	}
	for range 4 {
		<-done
	}
}

// TestMixedLanguages: a question in French and English at once is read
// word by word in the language each belongs to, not declined for the
// other language's words.
func TestMixedLanguages(t *testing.T) {
	firstPassages(t, newIndex(t), []firstPassage{
		{"est-ce que Smith says something about la démocratie dans les années 1930?", "a8.1"},
		{"So l'appel de Paris, what does he think of it?", "a6.1"},
		{"il dit quoi about spying between countries?", "a7.1"},
	})
}

// firstPassage is a question and the passage that should come first.
type firstPassage struct{ q, want string }

// firstPassages checks that each question's first hit is its passage.
func firstPassages(t *testing.T, ix *Index, tt []firstPassage) {
	t.Helper()
	for _, tc := range tt {
		res := ix.Search(Query{Text: tc.q})
		if res.Abstained || res.Hits[0].Paragraph.ID != tc.want {
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Paragraph.ID)
			}
			t.Errorf("Search(%q) = %v (%s); want %s first", tc.q, got, res.Confidence, tc.want)
		}
	}
}

// TestCuratedSynonyms: words the text means without writing them find
// the passage that answers (corpus/expansion.tsv): states hacking each
// other is their spying; fake news is the attack on elections;
// companies speaking up or staying silent, the business world's silence.
func TestCuratedSynonyms(t *testing.T) {
	firstPassages(t, newIndex(t), []firstPassage{
		{"does he think governments should stop hacking each other?", "a7.1"},
		{"what does he say about fake news and elections", "a8.1"},
		{"que dit-il de la désinformation pendant les élections ?", "a8.1"},
		{"should companies speak up politically", "a5.2"},
		{"a quote on whether companies should stay silent when democracy is threatened", "a5.2"},
		{"what are the three threats to democracy he mentions?", "a8.1"},
	})
}
