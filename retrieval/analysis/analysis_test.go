package analysis

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/lang"
)

func TestFrenchTerms(t *testing.T) {
	an := New(lang.French)
	tt := []struct {
		in   string
		want []string
	}{
		{"l’entreprise", []string{"entrepris"}},       // elision with ’
		{"l'entreprise", []string{"entrepris"}},       // elision with '
		{"qu’Emmanuel", []string{"emmanuel"}},         // qu’
		{"lorsqu’il attaque", []string{"attaqu"}},     // lorsqu’, then a stop word
		{"d’attaques", []string{"attaqu"}},            // d’
		{"aujourd’hui", []string{"aujourdhui"}},       // not an elision
		{"démocratie", []string{"democrat"}},          // accents folded
		{"democratie", []string{"democrat"}},          // the same without them
		{"HÔPITAUX!!", []string{"hopital"}},           // shouting, plural
		{"hopitaux", []string{"hopital"}},             //
		{"cœur", []string{"coeur"}},                   // ligature
		{"sous-marins", []string{"sous", "marin"}},    // hyphen splits
		{"Pourquoi est-ce que", nil},                  // only stop words
		{"cyberattaques", []string{"cyberattaqu"}},    //
		{"les années 1930", []string{"anne", "1930"}}, // numbers kept
		{"a  b  5", []string{"5"}},                    // single letters dropped, digits kept
		{"milite-t-il", []string{"milit"}},            // -t- dropped
		{"espionnage, espionner", []string{"espionnag", "espion"}},
	}
	for _, tc := range tt {
		if got := an.Terms(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("lang.French Terms(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestEnglishTerms(t *testing.T) {
	an := New(lang.English)
	tt := []struct {
		in   string
		want []string
	}{
		{"Microsoft’s role", []string{"microsoft", "role"}}, // possessive with ’
		{"don't spy", []string{"spi"}},                      // stop word with apostrophe
		{"Hospitals", []string{"hospit"}},                   //
		{"democracy", []string{"democraci"}},                //
		{"What does he think about the 1930s?", []string{"1930s"}},
		{"café", []string{"cafe"}}, // accents folded in lang.English too
	}
	for _, tc := range tt {
		if got := an.Terms(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("lang.English Terms(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	tt := []struct {
		in   string
		want lang.Language
		sure bool
	}{
		{"Pourquoi Microsoft milite-t-il pour une convention de Genève numérique ?", lang.French, true},
		{"Why does Microsoft care about cyber diplomacy?", lang.English, true},
		{"democratie et elections", lang.French, true},
		{"l'espionnage", lang.French, true},
		{"what's the weaponization of hacked emails", lang.English, true},
		{"Are we back in the 1930s?", lang.English, true},
		{"WannaCry", lang.French, false},
		{"", lang.French, false},
	}
	for _, tc := range tt {
		if got, sure := DetectLanguage(tc.in); got != tc.want || sure != tc.sure {
			t.Errorf("DetectLanguage(%q) = %s, %v; want %s, %v", tc.in, got, sure, tc.want, tc.sure)
		}
	}
}

func TestParseGlossary(t *testing.T) {
	g, err := ParseGlossary(strings.NewReader("# comment\nwar\tguerre, conflit\twar, conflict\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Concepts) != 1 || !slices.Equal(g.Concepts[0].FR, []string{"guerre", "conflit"}) {
		t.Errorf("ParseGlossary = %+v; want one concept with guerre, conflit", g.Concepts)
	}
	if _, err := ParseGlossary(strings.NewReader("war\tguerre\n")); err == nil {
		t.Error("ParseGlossary accepted a line with two columns")
	}
}

func FuzzAnalyzer(f *testing.F) {
	for _, s := range []string{"l’entreprise", "HÔPITAUX!!", "qu'", "''''", "a-b-c", "\xff\xfe", "œuvre ß", "1930s"} {
		f.Add(s)
	}
	fr, en := New(lang.French), New(lang.English)
	f.Fuzz(func(t *testing.T, s string) {
		for _, an := range []*Analyzer{fr, en} {
			for _, term := range an.Terms(s) {
				if term == "" || !utf8.ValidString(term) {
					t.Fatalf("%s Terms(%q) produced %q", an.Language(), s, term)
				}
			}
		}
		DetectLanguage(s)
	})
}

// TestWordListsFolded checks that every word of the lists compared with
// folded tokens is written as one: an accent, a capital or an apostrophe
// would never match. Single letters are dropped before any list is
// looked at.
func TestWordListsFolded(t *testing.T) {
	for _, l := range []lang.Language{lang.French, lang.English} {
		an := New(l)
		for _, name := range []string{"stop", "common", "framing", "offtopic", "function"} {
			file := "data/" + name + "_" + string(l) + ".txt"
			for w := range loadWordList(file) {
				if len(w) == 1 {
					continue
				}
				if got := an.Tokens(w, nil); len(got) != 1 || got[0] != w {
					t.Errorf("%s: %q reads as %q; write it folded", file, w, got)
				}
			}
		}
	}
}

// TestDetectElisions: the elisions language detection counts are those
// the lang.French analyzer strips (both ask lang, which TestElisions checks).
func TestDetectElisions(t *testing.T) {
	fr := New(lang.French)
	for _, e := range []string{"l'", "d'", "qu'", "c'", "j'", "n'", "s'", "m'", "t'", "lorsqu'", "puisqu'", "jusqu'", "quoiqu'"} {
		if l, sure := DetectLanguage(e + "entreprise"); l != lang.French || !sure {
			t.Errorf("DetectLanguage(%q) = %s, %v; want lang.French, sure", e+"entreprise", l, sure)
		}
		if got := fr.Tokens(e+"entreprise", nil); !slices.Equal(got, []string{"entreprise"}) {
			t.Errorf("lang.French Tokens(%q) = %q; want [entreprise]", e+"entreprise", got)
		}
	}
	for q, want := range map[string]lang.Language{"quʼil pense": lang.French, "is2 the3": lang.English, "٣the best": lang.English} {
		if l, sure := DetectLanguage(q); l != want || !sure {
			t.Errorf("DetectLanguage(%q) = %s, %v; want %s, sure", q, l, sure, want)
		}
	}
	if l, sure := DetectLanguage("aujourd'hui"); sure {
		t.Errorf("DetectLanguage(aujourd'hui) = %s, sure; want unsure (no function word, no accent)", l)
	}
}

func TestWrittenNames(t *testing.T) {
	an := New(lang.English)
	tt := []struct {
		text string
		want map[string]NameKind
	}{
		{"What does Brad Smith think about Huawei?", map[string]NameKind{"brad": NameWord, "smith": NameWord, "huawei": NameWord}},
		{"Did the US sign the GDPR?", map[string]NameKind{"us": NameCapitals, "gdpr": NameCapitals}},
		{"Microsoft and 5G", map[string]NameKind{"5g": NameWord}},
		{"what does he think about democracy", nil},
	}
	for _, tc := range tt {
		got := an.WrittenNames(tc.text)
		if len(got) != len(tc.want) {
			t.Errorf("WrittenNames(%q) = %v; want %v", tc.text, got, tc.want)
			continue
		}
		for k, v := range tc.want {
			if got.Kind(k) != v {
				t.Errorf("WrittenNames(%q).Kind(%q) = %v; want %v", tc.text, k, got.Kind(k), v)
			}
		}
	}
}

func BenchmarkAnalyze(b *testing.B) {
	an := New(lang.French)
	b.ReportAllocs()
	for b.Loop() {
		an.Tokens("Pourquoi Microsoft milite-t-il pour une convention de Genève numérique ?", nil)
	}
}
