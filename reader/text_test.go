package reader

import (
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// newReader is the reader of the default interview, with its material.
func newReader(t *testing.T) (*Reader, *classroom.Material) {
	t.Helper()
	iv := corpus.Default()
	m, err := classroom.Load(iv)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(iv, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r, m
}

var (
	// column is a sentence's original or translation in the page.
	column = regexp.MustCompile(`<div lang="(fr|en)" class="(?:original|translation)">(.*?)</div>`)
	// definition is a glossary term's definition, which the page adds
	// to the text, and tag any tag.
	definition = regexp.MustCompile(`<span class="def".*?</span>`)
	tag        = regexp.MustCompile(`<[^>]*>`)
	// folded is a note folded for a phone.
	folded = regexp.MustCompile(`<details class="bot-note narrow">.*?</details>`)
)

// words is the text a reader reads in a column's HTML, without the
// definitions the page adds.
func words(s string) string {
	return html.UnescapeString(tag.ReplaceAllString(definition.ReplaceAllString(s, ""), ""))
}

// sentenceHTML returns the HTML of the sentence anchored id, up to the
// next sentence or the end of its passage: its columns and its notes.
func sentenceHTML(t *testing.T, page, id string) string {
	t.Helper()
	_, s, ok := strings.Cut(page, `<div class="s" id="`+id+`">`)
	if !ok {
		t.Fatalf("no sentence anchored %s", id)
	}
	end := len(s)
	for _, stop := range []string{`<div class="s" id="`, `</article>`} {
		if i := strings.Index(s, stop); i >= 0 && i < end {
			end = i
		}
	}
	return s[:end]
}

// TestSentences: in every view, each sentence is anchored by its
// passage's ID and its index, and its words are the corpus's, verbatim:
// terms, definitions and notes are beside the words, never in them.
func TestSentences(t *testing.T) {
	r, _ := newReader(t)
	for v, page := range r.pages {
		for _, p := range r.iv.Paragraphs {
			for i := range p.FR {
				cols := column.FindAllStringSubmatch(sentenceHTML(t, string(page), sentenceID(p.ID, i)), -1)
				want := [][2]string{{"fr", p.FR[i]}}
				if v.translation {
					want = append(want, [2]string{"en", p.EN[i]})
				}
				if len(cols) != len(want) {
					t.Fatalf("%+v: sentence %s has %d columns; want %d", v, sentenceID(p.ID, i), len(cols), len(want))
				}
				for j, c := range cols {
					if got := words(c[2]); c[1] != want[j][0] || got != want[j][1] {
						t.Errorf("%+v: sentence %s in %s reads %q; want %q", v, sentenceID(p.ID, i), c[1], got, want[j][1])
					}
				}
			}
		}
	}
}

// TestAnchor: a Ref lands on its first sentence, or on its passage.
func TestAnchor(t *testing.T) {
	r, m := newReader(t)
	tt := []struct {
		name string
		ref  classroom.Ref
		want string
	}{
		{"passage", classroom.Ref{Passage: "a6.1"}, "a6.1"},
		{"sentence", classroom.Ref{Passage: "a6.1", Sentences: []int{2}}, "a6.1.2"},
		{"several", classroom.Ref{Passage: "a7.1", Sentences: []int{5, 6}}, "a7.1.5"},
		{"first", classroom.Ref{Passage: "intro.1", Sentences: []int{0}}, "intro.1.0"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.ref.Anchor(); got != tc.want {
				t.Errorf("%+v.Anchor() = %q; want %q", tc.ref, got, tc.want)
			}
		})
	}
	// Every sentence a note or a quiz item cites is in the page.
	page := string(r.pages[view{lang.French, true, true}])
	for _, n := range m.Notes() {
		if !strings.Contains(page, ` id="`+n.Cite.Anchor()+`"`) {
			t.Errorf("note %s cites %+v: no #%s in the page", n.ID, n.Cite, n.Cite.Anchor())
		}
	}
}

// TestCheckIDs: an interview where a passage's ID is another's sentence
// anchor has no reader.
func TestCheckIDs(t *testing.T) {
	iv := &corpus.Interview{Paragraphs: []corpus.Paragraph{{ID: "q8", FR: []string{"Une ?"}, EN: []string{"One?"}}, {ID: "q8.0", FR: []string{"Deux."}, EN: []string{"Two."}}}}
	if err := checkIDs(iv); err == nil || !strings.Contains(err.Error(), "#q8.0") {
		t.Errorf("checkIDs(q8, q8.0) = %v; want the shared anchor #q8.0", err)
	}
	if err := checkIDs(corpus.Default()); err != nil {
		t.Errorf("checkIDs(the default interview) = %v", err)
	}
}

// TestTermsOnce: a passage defines each glossary term where it first
// uses it, once in the original and once in the translation, and every
// term is defined somewhere.
func TestTermsOnce(t *testing.T) {
	r, m := newReader(t)
	page := string(r.pages[view{lang.English, true, true}])
	defined := map[string]bool{}
	for _, article := range strings.Split(page, "<article ")[1:] {
		id := strings.SplitN(article, `"`, 3)[1]
		count := map[string]int{}
		for _, c := range column.FindAllStringSubmatch(article, -1) {
			for _, href := range regexp.MustCompile(`href="#(term-[a-z0-9-]+)"`).FindAllStringSubmatch(c[2], -1) {
				count[c[1]+" "+href[1]]++
				defined[href[1]] = true
			}
		}
		for k, n := range count {
			if n > 1 {
				t.Errorf("passage %s defines %s %d times; want once", id, k, n)
			}
		}
	}
	for _, term := range m.Glossary() {
		if !defined["term-"+term.ID] {
			t.Errorf("the glossary's %s is defined nowhere in the text", term.ID)
		}
	}
	if !strings.Contains(page, `<details class="term"><summary>cyberspace</summary><span class="def" lang="en">`) {
		t.Error("no term's definition opens from its summary")
	}
}

// TestNotes: each note follows the last sentence it cites, labelled as
// the bot's with its kind, its sources listed; context, a word explained
// and a [sic] also fold for a phone, what the text gets wrong does not
// unless it is over 500 characters long.
func TestNotes(t *testing.T) {
	r, m := newReader(t)
	for _, l := range []lang.Language{lang.French, lang.English} {
		page := string(r.pages[view{l, true, true}])
		for _, n := range m.Notes() {
			last := sentenceID(n.Cite.Passage, n.Cite.Sentences[len(n.Cite.Sentences)-1])
			s := sentenceHTML(t, page, last)
			text := html.EscapeString(n.Note.In(l))
			head := `<b>Note (interviewbot)</b> — <span class="kind">` + html.EscapeString(n.Label(l)) + `</span>`
			if !strings.Contains(s, `<aside class="bot-note`) || !strings.Contains(s, head) || !strings.Contains(s, "<p>"+text+"</p>") {
				t.Errorf("%s: note %s is not after sentence %s, as the bot's %s", l, n.ID, last, n.Label(l))
			}
			for _, src := range n.Sources {
				if !strings.Contains(s, "<li>"+html.EscapeString(src.In(l))+"</li>") {
					t.Errorf("%s: note %s does not list its source %q", l, n.ID, src.In(l))
				}
			}
			folds := false
			for _, d := range folded.FindAllString(s, -1) {
				folds = folds || strings.Contains(d, "<p>"+text+"</p>")
			}
			if want := n.Kind == "context" || n.Kind == "vocabulary" || n.Kind == "sic" || len([]rune(text)) > 500; folds != want {
				t.Errorf("%s: note %s (%s) folds on a phone: %v; want %v", l, n.ID, n.Kind, folds, want)
			}
		}
	}
}

// TestGolden: passage a7.1 as the page shows it, with its terms and
// notes, in French with the translation and in English without.
// -update rewrites testdata/.
func TestGolden(t *testing.T) {
	r, _ := newReader(t)
	for _, v := range []view{{lang.French, true, true}, {lang.English, false, true}} {
		page := string(r.pages[v])
		_, article, _ := strings.Cut(page, `<article id="a7.1"`)
		article, _, _ = strings.Cut(article, "</article>")
		got := `<article id="a7.1"` + article + "</article>\n"
		name := filepath.Join("testdata", "a7.1-"+string(v.lang)+map[bool]string{true: "", false: "-tr0"}[v.translation]+".html")
		if *update {
			if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s differs; run go test ./reader -run Golden -update and read the diff\n%s", name, got)
		}
	}
}
