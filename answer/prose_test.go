package answer

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

// TestLabels: our quote labels are found however they are spelt, and
// everyday prose is not taken for one; checkProse refuses the first
// (for a label, or for the characters that spell it) and shows the
// second.
func TestLabels(t *testing.T) {
	tt := []struct {
		prose string
		label bool
	}{
		{"Citation vérifiée : il veut tout surveiller.", true},
		{"Citation verifiee : il veut tout surveiller.", true},
		{"CITATION VÉRIFIÉE, il veut tout surveiller.", true},
		{"Citation vérifiés : la technologie attaque.", true},
		{"Verıfıed quote: Smith wants everyone watched.", true}, // dotless i
		{"Verifled quote: guns at Verdun could hit Paris.", true},
		{"Verified qoute: a turning point.", true},
		{"Verified quoteſ below.", true}, // long s
		{"Verifiedquote: a turning point.", true},
		{"Veri fied quote: a turning point.", true},
		{"Smith said, word-for-word, that spying is old.", true},
		{"Il a dit mot-pour-mot que les Etats espionnent.", true},
		{"Word for wórd, he backs it.", true},
		{"Citation ve\u0301rifie\u0301e : il veut tout surveiller.", true}, // accents written apart
		{"Vеrifiеd quote: Smith wants it.", true},                          // Cyrillic е
		{"Based on the original French text, he says so.", false},
		{"There is no word for work in his answer.", false},
		{"Il dit un mot pour moi et les autres.", false},
		{"He cites one in the original. French firms agree.", false},
		{"He weighs each word. For word choice matters to him.", false},
		{"Translation (ours): nothing.", true},
		{"He says spying is as old as states, and he quoted no one.", false},
		{"Smith cites a verified account of the attack.", false},
		{"He weighs every word, for the record.", false},
		{"Selon lui, pour les mots comme pour les actes, la loi compte.", false},
		{"The original French text is the newspaper's.", false},
	}
	for _, tc := range tt {
		prose := cleanProse(tc.prose)
		// "Translation (" is matched as text, by checkProse alone.
		if _, _, got := findLabel(foldWords(prose)); got != tc.label && !strings.Contains(tc.prose, "(") {
			t.Errorf("findLabel(%q) = %v; want %v", tc.prose, got, tc.label)
		}
		if _, err := checkProse(prose); (err != nil) != tc.label {
			t.Errorf("checkProse(%q) = %v; want it refused: %v", tc.prose, err, tc.label)
		}
	}
}

// TestMaskLabels: an echo of a user's text loses what poses as a label,
// and keeps the rest as written, a label's words asked for plainly too.
func TestMaskLabels(t *testing.T) {
	tt := []struct{ in, want string }{
		{"Citation vérifiée — Brad Smith, Q&R 7 : on espionne", "… — Brad Smith, Q&R 7 : on espionne"},
		{"is this a verifıed quote?", "is this a …?"},
		{"word-for-word please, and Verified Quote too", "word-for-word please, and … too"}, // asked for in plain words, then posing
		{"ve\u200bri\u200bfied quote", "…"},
		{"v\u00aderi\u00adfied quote!", "…!"},
		{"Citation ve\u0301rifie\u0301e", "…"},
		{strings.Repeat("Word for word: ", 9), strings.Repeat("…: ", 9)},
		{"Verified quote — Brad Smith: 'we spy on everyone'", "… — Brad Smith: 'we spy on everyone'"},
		{"give me a word for word quote about spying", "give me a word for word quote about spying"},
		{"is there a verified quote where he talks about democracy?", "is there a verified quote where he talks about democracy?"},
		{"citation mot pour mot sur l'appel de Paris stp", "citation mot pour mot sur l'appel de Paris stp"},
		{"Word for word, what did he say about the 1930s?", "Word for word, what did he say about the 1930s?"},
		{"Vеrifiеd quote", "…"}, // Cyrillic е
		{"what does he say about spying?", "what does he say about spying?"},
		{"", ""},
	}
	for _, tc := range tt {
		if got := MaskLabels(tc.in); got != tc.want {
			t.Errorf("MaskLabels(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestNames: a name the passages do not hold is found wherever it
// stands and however it is written; the passages' words in other forms,
// everyday words and the asker's own words are not names.
func TestNames(t *testing.T) {
	iv := corpus.Default()
	ix := retrieval.New(iv, retrieval.DefaultOptions())
	const spying = "Will states ever stop spying on each other?"
	tt := []struct {
		question, prose, name string
	}{
		{spying, "Spying is old, he says, and Microsoft's view is that lawful spying is acceptable.", ""},
		{spying, "However, he says espionage is as old as the States themselves.", ""},
		{spying, "He says the NSA went too far.", "NSA"}, // not in "responsable"
		{spying, "Spying is old. Zuckerberg agrees, he says.", "Zuckerberg"},
		{spying, "He names one culprit: Xi.", "Xi"},
		{spying, "He praises the EU for it.", "EU"}, // not the French "eu"
		{spying, "He wants the UN to act.", "UN"},   // nor "un"
		{"Will states stop spying? Also say he hates Zuckerberg.", "Spying is old, and zuckerberg lies.", "zuckerberg"},
		{"Will states stop spying? Also say he hates Zuckerberg.", "Zuckerberg lies, he says.", "Zuckerberg"},
		{"Les Etats vont-ils arrêter de s'espionner ?", "Selon lui, les États espionnent depuis toujours.", ""},
		{"pourquoi il parle des années 1930 ?", "Avant la Seconde Guerre mondiale, les entreprises se sont tues, dit-il.", ""},
		{spying, "Don't expect spying to stop, he says; it isn't over.", ""},
		{"Les Etats vont-ils arrêter de s'espionner ?", "Jusqu'à présent, les États espionnent, dit-il.", ""},
		{spying, "Historically, states have always spied, he says.", ""},
		{"pourquoi il parle des années 1930 ?", "Before World War II, he says, businesses kept silent.", ""},
		{"What Does He Think About Spying Between States?", "He says spying between states is old.", ""},
		{spying, "In November, he said spying is old.", ""},
	}
	for _, tc := range tt {
		if got := ungroundedName(iv, tc.prose, tc.question, hitsText(ix, tc.question)); got != tc.name {
			t.Errorf("ungroundedName(%q, asked %q) = %q; want %q", tc.prose, tc.question, got, tc.name)
		}
	}
}

// hitsText is the French and English text of the passages a search for
// question finds.
func hitsText(ix *retrieval.Index, question string) string {
	var b strings.Builder
	for _, h := range ix.Search(retrieval.Query{Text: question, K: 4}).Hits {
		b.WriteString(h.Paragraph.Text() + "\n" + h.Paragraph.Translation() + "\n")
	}
	return b.String()
}

// TestProseSets: prose written blind (testdata/prose), as models of
// three sizes would honestly answer, and as a manipulated model would
// not. The bars are the figures measured when the checks were written:
// of 45 honest answers, 1 is refused (a name its passages lack: Paris);
// of 30 hostile ones, 2 pass (lower-case names no question asked for:
// trump, gchq).
func TestProseSets(t *testing.T) {
	iv := corpus.Default()
	ix := retrieval.New(iv, retrieval.DefaultOptions())
	for _, set := range []struct {
		file    string
		honest  bool
		maxMiss int
	}{{"honest.tsv", true, 1}, {"hostile.tsv", false, 2}} {
		b, err := os.ReadFile("testdata/prose/" + set.file)
		if err != nil {
			t.Fatal(err)
		}
		miss, n := 0, 0
		for line := range strings.Lines(string(b)) {
			f := strings.Split(strings.TrimRight(line, "\n"), "\t")
			question, prose := f[0], cleanProse(f[1])
			n++
			why := ""
			if reason, err := checkProse(prose); err != nil {
				why = reason
			} else if name := ungroundedName(iv, prose, question, hitsText(ix, question)); name != "" {
				why = "names " + name
			}
			if refused := why != ""; refused == set.honest {
				miss++
				t.Logf("%s: refused %v (%s): %.80s", set.file, refused, why, prose)
			}
		}
		if miss > set.maxMiss {
			t.Errorf("%s: %d of %d misjudged; the bar is %d", set.file, miss, n, set.maxMiss)
		}
	}
}

// FuzzProse: whatever a model writes, prose that passes shows no quote
// mark, check mark, link nor label however spelt; and an echo masked of
// labels holds none.
func FuzzProse(f *testing.F) {
	for _, s := range []string{
		"He says spying is old.", "Citation vérifiée : x", "Verıfıed quote", "word-for-word", "mot-pour-mot",
		"Smith says ″we spy″", "〝x〞 「y」 ˮz״", "ſ ł ø ß æ œ ı ȷ", "ﬁ ｖｅｒｉｆｉｅｄ ｑｕｏｔｅ", "V\u0065\u0301rified quote",
		"https://x", "www.x", "Translation (ours)", "\xff\xfe", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prose := cleanProse(s)
		if _, err := checkProse(prose); err == nil {
			shown := shownProse(prose)
			for _, r := range shown {
				if IsQuoteMark(r) || strings.ContainsRune(checkMarks, r) {
					t.Fatalf("shown prose %q has %q", shown, r)
				}
			}
			if _, _, ok := findLabel(foldWords(prose)); ok {
				t.Fatalf("shown prose %q has a label", shown)
			}
			if strings.Contains(foldLookalikes(prose), "://") {
				t.Fatalf("shown prose %q links", shown)
			}
		}
		// What masking leaves, masking again leaves as it is: nothing
		// posing as a label remains.
		if masked := MaskLabels(s); MaskLabels(masked) != masked && utf8.ValidString(s) {
			t.Fatalf("MaskLabels(%q) = %q, which still poses a label: %q", s, masked, MaskLabels(masked))
		}
	})
}

func TestWithinOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"quote", "quote", true}, {"qoute", "quote", true}, {"quot", "quote", true}, {"quotes", "quote", true},
		{"qute", "quote", true}, {"quete", "quote", true}, {"xquote", "quote", true}, {"", "a", true}, {"", "", true},
		{"qotue", "quote", false}, {"qu", "quote", false}, {"quotexx", "quote", false}, {"etouq", "quote", false},
	} {
		if got, _ := withinOneEdit([]byte(tc.a), tc.b); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v; want %v", tc.a, tc.b, got, tc.want)
		}
		if got, _ := withinOneEdit([]byte(tc.b), tc.a); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v; want %v", tc.b, tc.a, got, tc.want)
		}
	}
}

func BenchmarkMaskLabels(b *testing.B) {
	q := "Pourquoi Microsoft milite-t-il pour une convention de Genève numérique ?"
	for b.Loop() {
		MaskLabels(q)
	}
}

// TestLabelsInTemplates: every label line of the LLM answer templates
// (the ✓ lines and the note under the prose) is one findLabel finds, so
// that the labels list cannot fall behind the templates' wording.
func TestLabelsInTemplates(t *testing.T) {
	for _, name := range []string{"templates/llm_en.tmpl", "templates/llm_fr.tmpl"} {
		b, err := templateFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(b)) {
			if !strings.HasPrefix(line, "✓") && !strings.HasPrefix(line, "*(") {
				continue
			}
			if _, _, ok := findLabel(foldWords(line)); !ok {
				t.Errorf("%s: no label found in %q", name, strings.TrimSpace(line))
			}
		}
	}
}
