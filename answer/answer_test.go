package answer

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/eval"
	"github.com/interviewbot/interviewbot/retrieval"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func newService(t testing.TB, o Options) *Service {
	t.Helper()
	return NewService(retrieval.New(corpus.Default(), retrieval.DefaultOptions()), o)
}

func TestGolden(t *testing.T) {
	c := newService(t, Options{})
	tt := []struct {
		name     string
		question string
	}{
		{"fr_geneva", "Pourquoi Microsoft milite-t-il pour une convention de Genève numérique ?"},
		{"en_spying", "Will states stop spying on each other?"},
		{"fr_typos", "cyberataques contre les HOPITAUX!!"},
		{"en_1930s", "Are we back in the 1930s?"},
		{"en_intro_only", "What was the WannaCry attack?"},
		{"fr_abstain", "Que pense Brad Smith de la 5G ?"},
		{"en_abstain", "Where is Microsoft headquartered?"},
		{"fr_closest", "Combien de soldats sont morts à Verdun ?"},
		{"en_closest", "How many people died at Verdun?"},
		{"fr_meta_summary", "résume l'entretien"},
		{"en_meta_summary", "tl;dr"},
		{"en_meta_interviewer", "who is the interviewer"},
		{"fr_meta_where", "où a eu lieu l'entretien ?"},
		{"fr_opinion", "Brad Smith a-t-il peur pour la démocratie ?"},
		{"en_chat", "is msft just doing this pr stuff to dodge blame for windows bugs"},
		{"en_asked", "What did the journalist ask about the Geneva convention?"},
		{"fr_asked_number", "la Q3 c'était quoi déjà ?"},
		{"fr_intro_target", "Qu'est-ce que l'introduction dit de WannaCry ?"},
		{"en_quote_request", "a good quote on the responsibility of tech companies for a class debate"},
		{"mixed_languages", "So l'appel de Paris, what does he think of it?"},
		{"en_translate", "What does 'premiers intervenants' mean in English?"},
		{"fr_translate_question", "que veut dire « diplomaties privées » en anglais ?"},
		{"en_everything", "all the passages about protecting civilians"},
		{"en_check_his", "Did he really say 'nous ne faisons pas la loi' ?"},
		{"fr_check_newspaper", "Est-ce que Smith a dit « Microsoft joue une étonnante partition » ?"},
		{"en_check_translation", `did he say "we are part of the battlefield"?`},
		{"en_check_missing", "Did Smith say 'Microsoft bears no responsibility for WannaCry'?"},
		{"fr_compare", "Tous les passages sur la responsabilité de Microsoft et des entreprises tech"},
		{"en_translate_unquoted", "how do you say approche pluriacteurs in english"},
		{"en_translate_question", "Can you translate the journalist's question about whether states will stop spying on each other?"},
		{"en_which_exchanges", "In which exchanges does he talk about responsibility?"},
		{"fr_translate_question_asked", "Traduis la question du journaliste sur l'espionnage"},
		{"en_mean_not_translate", "What does the Paris Call mean for companies?"},
		{"fr_translate_missing", "traduis 'I'm looking forward to seeing you' en français stp"},
		{"fr_for_or_against", "Brad Smith est-il pour ou contre l'espionnage ?"}, // the sentence that completes it
		{"fr_chat_thanks", "merci beaucoup !"},
		{"fr_plain_summary", "Un petit résumé de l'article ? merci d'avance"},
		{"en_chat_hello", "hi there"},
		{"en_meta_questions", "list all the questions the journalist asked"},
		{"fr_meta_questions", "quelles questions le journaliste a posé ?"},
		{"en_compare_numbered", "how does his view of governments shift from answer 2 to answer 3"},
		{"en_list_countries", "which countries does smith mention?"},
		{"en_check_newspaper_translation", "did he say 'Microsoft is playing a surprising part'?"},
		{"fr_questions_on_lui", "c quoi les questions qu'on lui a posées ?"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			a, err := c.Answer(context.Background(), Request{Text: tc.question})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tc.name+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(a.Text+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./answer -update to create it)", err)
			}
			if got := a.Text + "\n"; got != string(want) {
				t.Errorf("Answer(%q).Text =\n%s\nwant:\n%s", tc.question, got, want)
			}
		})
	}
}

// questionSets returns the questions of every part of the bank and of
// the earlier sets.
func questionSets(t testing.TB) []eval.Item {
	t.Helper()
	bank, err := filepath.Glob("../testdata/bank/*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var items []eval.Item
	for _, path := range append([]string{"../testdata/devset.tsv", "../testdata/heldout.tsv"}, bank...) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		set, err := eval.Parse(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, set...)
	}
	if len(items) < 2500 {
		t.Fatalf("%d questions; want the bank and the earlier sets, over 2,500", len(items))
	}
	return items
}

// TestEveryQuoteVerbatim answers every question of every question set,
// the whole bank included, and checks the promise the bot makes: each
// quote is verbatim in the seed, and only the interviewee's answers are
// attributed to him.
func TestEveryQuoteVerbatim(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	items := questionSets(t)
	c := newService(t, Options{})
	iv := c.index().Interview()
	for _, it := range items {
		for _, l := range []retrieval.Language{"", retrieval.French, retrieval.English} {
			a, err := c.Answer(context.Background(), Request{Text: it.Question, Lang: l})
			if err != nil {
				t.Fatalf("Answer(%q): %v", it.Question, err)
			}
			if a.Abstained != (a.Confidence == retrieval.None) {
				t.Errorf("Answer(%q): abstained %v with confidence %q", it.Question, a.Abstained, a.Confidence)
			}
			if a.Abstained != (len(a.Citations) == 0) && a.Meta == "" {
				t.Errorf("Answer(%q): abstained %v with %d citations", it.Question, a.Abstained, len(a.Citations))
			}
			for _, cit := range a.Citations {
				if !strings.Contains(string(seed), cit.Quote) {
					t.Errorf("Answer(%q) quotes %q, which is not in the seed", it.Question, cit.Quote)
				}
				if err := Verify(iv, cit.ID, cit.Speaker, cit.Quote); err != nil {
					t.Errorf("Answer(%q): %v", it.Question, err)
				}
				open, close := "« ", " »"
				if a.Language == retrieval.English {
					open, close = "“", "”"
				}
				if !strings.Contains(a.Text, open+cit.Quote+close) {
					t.Errorf("Answer(%q).Text does not show quote %q in %s…%s", it.Question, cit.Quote, open, close)
				}
			}
		}
	}
}

func TestVerify(t *testing.T) {
	iv := corpus.Default()
	tt := []struct {
		name, id, speaker, quote string
		ok                       bool
	}{
		{"verbatim", "a2.1", "Brad Smith", "C’est fondamental.", true},
		{"whitespace folded", "a1.1", "Brad Smith", "Le cyberespace  est\ndevenu", true},
		{"nbsp folded", "intro.1", "article", "la « paix dans le cyberespace »", true},
		{"altered", "a2.1", "Brad Smith", "C’est essentiel.", false},
		{"wrong paragraph", "a3.1", "Brad Smith", "C’est fondamental.", false},
		{"question as his words", "q1", "Brad Smith", "Pourquoi, chez Microsoft", false},
		{"intro as his words", "intro.1", "Brad Smith", "Dans le cyberespace", false},
		{"unknown id", "a99", "Brad Smith", "x", false},
		{"empty", "a2.1", "Brad Smith", "  ", false},
		// Verbatim means up to white space only: typography is words.
		{"straight apostrophe", "a2.1", "Brad Smith", "C'est fondamental.", false},
		{"no-break space", "a2.1", "Brad Smith", "C’est\u00a0fondamental.", true},
		{"dash retyped", "a5.2", "Brad Smith", "de manière responsable - c’est-à-dire", false},
		{"guillemets dropped", "intro.1", "article", "la paix dans le cyberespace", false},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(iv, tc.id, tc.speaker, tc.quote)
			if (err == nil) != tc.ok {
				t.Errorf("Verify(%q, %q, %q) = %v; want ok=%v", tc.id, tc.speaker, tc.quote, err, tc.ok)
			}
		})
	}
}

// TestLocate: a model's copy is found where it comes from, with its
// typography retyped, and the published words are what it covers.
func TestLocate(t *testing.T) {
	text := "Il faut – dit-il – « la paix », l’arrêt… et\u00a0vite."
	tt := []struct {
		quote, want string
		f           folding
	}{
		{"la paix", "la paix", spaceOnly},
		{"l'arrêt", "", spaceOnly},
		{"l'arrêt...", "l’arrêt…", typography},
		{"Il faut - dit-il - \"la paix\"", "Il faut – dit-il – « la paix", typography},
		{"et vite", "et\u00a0vite", spaceOnly},
		{"  ", "", typography},
	}
	for _, tc := range tt {
		from, to, ok := locate(text, tc.quote, tc.f)
		if got := text[from:to]; ok != (tc.want != "") || ok && got != tc.want {
			t.Errorf("locate(%q, %v) = %q, %v; want %q", tc.quote, tc.f, got, ok, tc.want)
		}
	}
}

func TestCheckQuestion(t *testing.T) {
	tt := []struct {
		in   string
		want error
	}{
		{"", ErrEmptyQuestion},
		{"   \n\t", ErrEmptyQuestion},
		{"?!…", ErrEmptyQuestion},
		{strings.Repeat("a", MaxQuestionLen+1), ErrQuestionTooLong},
		{strings.Repeat("é", MaxQuestionLen), nil},
		{"  WannaCry  ", nil},
	}
	for _, tc := range tt {
		if _, err := CheckQuestion(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("CheckQuestion(%.20q) = %v; want %v", tc.in, err, tc.want)
		}
	}
}

// TestRequestCheck: a request checked once is trimmed and passes again
// as is; one whose text changed after its check is checked afresh.
func TestRequestCheck(t *testing.T) {
	r, err := Request{Text: "  WannaCry  "}.Check()
	if err != nil || r.Text != "WannaCry" {
		t.Fatalf("Request{%q}.Check() = %q, %v; want %q, nil", "  WannaCry  ", r.Text, err, "WannaCry")
	}
	if again, err := r.Check(); err != nil || again != r {
		t.Errorf("Check() of a checked request = %+v, %v; want it unchanged", again, err)
	}
	r.Text = "?!"
	if _, err := r.Check(); !errors.Is(err, ErrEmptyQuestion) {
		t.Errorf("Check() after Text = %q: %v; want %v", r.Text, err, ErrEmptyQuestion)
	}
}

func TestAbstainSuggestsTopics(t *testing.T) {
	tt := []struct {
		question string
		want     []int // the exchanges suggested, best first
	}{
		// Nothing in common with the interview: no list that would look
		// like an answer, a pointer to the summary instead.
		{"Quel est le salaire de Brad Smith ?", nil},
		// Declined (no election result is discussed), but near the
		// elections of Q&A 8.
		{"Qui a gagné les élections américaines de 2016 ?", []int{8}},
	}
	for _, tc := range tt {
		a, err := newService(t, Options{}).Answer(context.Background(), Request{Text: tc.question})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, s := range a.Suggestions {
			got = append(got, s.Exchange)
		}
		bad := len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) || (tc.want == nil && len(got) > 0)
		if !a.Abstained || len(a.Citations) != 0 || bad {
			t.Errorf("Answer(%q) = abstained %v, suggestions %v, %d citations; want an abstention suggesting %v first", tc.question, a.Abstained, got, len(a.Citations), tc.want)
		}
		if !strings.Contains(a.Text, "n’aborde pas") && !strings.Contains(a.Text, "does not address") {
			t.Errorf("abstention text %q does not say the interview does not address it", a.Text)
		}
	}
}

func BenchmarkAnswer(b *testing.B) {
	c := newService(b, Options{})
	q := retrieval.Query{Text: "Les Etats vont-ils arrêter de s'espionner ?"}
	for b.Loop() {
		if _, err := c.Answer(context.Background(), Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRequote(t *testing.T) {
	c := newService(t, Options{})
	a, err := c.Answer(context.Background(), Request{Text: "Are we back in the 1930s?"})
	if err != nil {
		t.Fatal(err)
	}
	fr, err := c.Requote(a.Citations, retrieval.French)
	if err != nil {
		t.Fatal(err)
	}
	if len(fr.Citations) != len(a.Citations) || fr.Citations[0].Quote != a.Citations[0].Quote || !strings.Contains(fr.Text, "« "+a.Citations[0].Quote+" »") {
		t.Errorf("Requote in French = %+v; want the same quotes in « »", fr)
	}
	asked, err := c.Requote([]Citation{{ID: "q1", From: 0, To: 1}}, retrieval.English)
	if err != nil || asked.Citations[0].Speaker != corpus.SpeakerInterviewer || !strings.Contains(asked.Text, "The journalist’s question 1") {
		t.Errorf("Requote(q1) = %q, %v; want the journalist's question, as theirs", asked.Text, err)
	}
	for _, bad := range [][]Citation{
		{{ID: "a1.1", From: 2, To: 99}}, // out of range
		{{ID: "zz", From: 0, To: 1}},
		nil,
	} {
		if _, err := c.Requote(bad, retrieval.English); err == nil {
			t.Errorf("Requote(%+v) succeeded; want an error", bad)
		}
	}
}

// TestAddCitation: overlapping pieces of a paragraph become one quote of
// whole sentences, in the place of the first, and none is shown twice.
func TestAddCitation(t *testing.T) {
	iv := corpus.Default()
	p := iv.Paragraph("a1.1")
	span := func(from, to int) Citation { return sentencesOf(iv, p, from, to) }
	var cs []Citation
	for _, c := range []Citation{span(0, 1), span(2, 3), span(4, 5), span(0, 3)} {
		cs = addCitation(iv, cs, c)
	}
	if len(cs) != 2 || cs[0].From != 0 || cs[0].To != 3 || cs[1].From != 4 {
		t.Errorf("spans %v; want [0,3) then [4,5)", spans(cs))
	}
}

func spans(cs []Citation) [][2]int {
	var out [][2]int
	for _, c := range cs {
		out = append(out, [2]int{c.From, c.To})
	}
	return out
}

func TestRefersBack(t *testing.T) {
	tt := []struct {
		s    string
		want bool
	}{
		{"Nous ne défendons pas l’arrêt de cette activité quand elle est faite légalement.", true},
		{"Cela n’altère en rien nos responsabilités.", true},
		{"C’est fondamental.", false},
		{"Le cyberespace est devenu un nouveau vecteur d’attaques et un moyen de mener la guerre, sans que cette idée soit neuve.", false}, // too far in
	}
	for _, tc := range tt {
		if got := refersBack(tc.s); got != tc.want {
			t.Errorf("refersBack(%q) = %v; want %v", tc.s, got, tc.want)
		}
	}
}
