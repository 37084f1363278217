package classroom

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/lang"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestWorksheetGolden: the worksheets, as written, in both formats.
func TestWorksheetGolden(t *testing.T) {
	m := load(t)
	tt := []struct {
		name  string
		sheet Sheet
	}{
		{"worksheet_fr_3.md", Sheet{Lang: lang.French, Exchange: 3, Format: Markdown}},
		{"worksheet_en_6.html", Sheet{Lang: lang.English, Exchange: 6, Format: HTML}},
		{"../../docs/worksheet-example.md", Sheet{Lang: lang.French, Exchange: 6, Format: Markdown}}, // the README's example
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := m.Worksheet(&b, tc.sheet); err != nil {
				t.Fatal(err)
			}
			path := "testdata/" + tc.name
			if *update {
				os.MkdirAll("testdata", 0o755)
				os.WriteFile(path, b.Bytes(), 0o644)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./classroom -update to create it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("Worksheet(%+v) differs from %s; run go test ./classroom -update and review the diff", tc.sheet, path)
			}
		})
	}
}

// TestWorksheet: every worksheet has its parts, the answer key last,
// and quotes every passage of its exchanges verbatim.
func TestWorksheet(t *testing.T) {
	m := load(t)
	for _, format := range []string{Markdown, HTML} {
		for _, l := range []lang.Language{lang.French, lang.English} {
			for n := range len(m.Interview().Exchanges()) + 1 {
				var b bytes.Buffer
				if err := m.Worksheet(&b, Sheet{Lang: l, Exchange: n, Format: format}); err != nil {
					t.Fatal(err)
				}
				s := b.String()
				lb := sheetLabels[l]
				parts := []string{lb.Passages, lb.Comprehension, lb.Key, lb.Teacher}
				last := -1
				for _, p := range parts {
					i := strings.Index(s, p)
					if i <= last {
						t.Errorf("%s %s exchange %d: %q missing or out of order", format, l, n, p)
					}
					last = i
				}
				for _, ex := range m.Interview().Exchanges() {
					if n != 0 && ex.Number != n {
						continue
					}
					text := ex.Answers[0].Text()
					if format == HTML {
						text = strings.NewReplacer("’", "’").Replace(text) // html/template leaves these alone
					}
					if !strings.Contains(s, text) && format == Markdown {
						t.Errorf("%s %s exchange %d lacks the answer of exchange %d verbatim", format, l, n, ex.Number)
					}
				}
			}
		}
	}
	for _, tc := range []struct {
		sheet       Sheet
		has, hasNot []string
	}{
		{Sheet{Exchange: 3}, []string{"(intro.2) — L’entreprise a notamment proposé", "## Corrigé"}, nil}, // a question cites the introduction: it is printed
		{Sheet{Exchange: 3, Key: KeyNone}, []string{"## Le texte"}, []string{"## Corrigé"}},
		{Sheet{Exchange: 3, Key: KeyOnly}, []string{"## Corrigé"}, []string{"## Le texte", "Nom :"}},
		// The level is said once: in the title of a sheet of one level,
		// as the heading of its part on a sheet of both; never per item.
		{Sheet{Exchange: 0, Level: Secondary}, []string{"de Microsoft — lycée\n", "## Questions de compréhension"}, []string{"université", "Niveau", "*lycée*"}},
		{Sheet{Exchange: 0, Level: University}, []string{"de Microsoft — université\n"}, []string{"lycée", "Niveau", "*université*"}},
		{Sheet{Exchange: 7}, []string{"## Niveau lycée\n", "## Niveau université\n", "### Questions de compréhension"}, []string{"*lycée*", "*université*"}},
		{Sheet{Lang: lang.English, Exchange: 1}, []string{"# Worksheet — Interview with Brad Smith, president and chief legal officer of Microsoft", "names neither the newspaper"}, nil},
		// A prompt names the passage printed above it, not quote it
		// again, and is for class (no lines); lines to write on follow an
		// open question, boxes to tick the choices.
		{Sheet{Exchange: 3, Level: Secondary, Key: KeyNone}, []string{"\n   _____", "   - ☐ A. ", "## Questions ouvertes"}, []string{"  > ", "(a3.1) Selon Brad Smith"}},
		// Discussion prompts are for class: the teacher's copy gives them,
		// each with what a good answer finds.
		{Sheet{Exchange: 3, Level: Secondary, Key: KeyOnly}, []string{"### À discuter en classe", "\n- (a3.1) Selon Brad Smith", "*Programme\u00a0: "}, nil},
		// Who said it and the timeline: what the exchange has, answers in
		// the key, and no section without an item.
		{Sheet{Exchange: 6}, []string{"## Qui l’a dit\u00a0?", "☐ Brad Smith   ☐ Le journaliste, dans sa question   ☐ Le journal, dans son introduction", "## Chronologie", "Mots du texte\u00a0: ____", "**«\u00a0il y a un an\u00a0»** → vers novembre"}, nil},
		{Sheet{Exchange: 4}, nil, []string{"Qui l’a dit", "Chronologie"}},
		// Both are on the sheets of both levels: a sheet of one level
		// keeps to a page.
		{Sheet{Exchange: 6, Level: University}, nil, []string{"Qui l’a dit", "Chronologie"}},
		{Sheet{Exchange: 6, Level: Secondary}, nil, []string{"Qui l’a dit", "Chronologie"}},
		{Sheet{Exchange: 2, Key: KeyNone}, []string{"## Qui l’a dit\u00a0?"}, []string{"## Chronologie"}},
		// The key gives each critical note on the sentences an answer
		// cites, once: after that, where it is.
		{Sheet{Exchange: 7, Key: KeyOnly}, []string{"*Inexact* — ", "(sources\u00a0: "}, nil},
		{Sheet{Exchange: 5, Key: KeyOnly}, []string{"*Inexact* — voir plus haut\u00a0: Chronologie, 2"}, nil},
		// The glossary's facts beyond the interview are the teacher's, in
		// the key: the students' glossary is definitions.
		{Sheet{Exchange: 1, Key: KeyNone}, []string{"**Cyberespace** — "}, []string{"hors de l’entretien", "source\u00a0:"}},
		{Sheet{Exchange: 1, Key: KeyOnly}, []string{"### Glossaire\u00a0: hors de l’entretien", "William Gibson"}, nil},
		// An exchange's sheet glosses its own passages' words, not those
		// of an introduction's paragraph printed for a question.
		{Sheet{Exchange: 3, Key: KeyNone}, []string{"**Diplomatie** — "}, []string{"**Appel de Paris** — "}},
		{Sheet{Exchange: 3, Format: HTML}, []string{`<body class="a4">`}, []string{"Niveau lycée</h2><h2>"}},
		{Sheet{Exchange: 3, Format: HTML, Paper: PaperLetter}, []string{`<body class="letter">`}, nil},
	} {
		var b bytes.Buffer
		if err := m.Worksheet(&b, tc.sheet); err != nil {
			t.Fatal(err)
		}
		for _, want := range tc.has {
			if !strings.Contains(b.String(), want) {
				t.Errorf("Worksheet(%+v) lacks %q", tc.sheet, want)
			}
		}
		for _, not := range tc.hasNot {
			if strings.Contains(b.String(), not) {
				t.Errorf("Worksheet(%+v) has %q", tc.sheet, not)
			}
		}
	}
	for _, bad := range []Sheet{{Level: "primary"}, {Key: "maybe"}, {Paper: "a5"}} {
		if err := m.Worksheet(new(bytes.Buffer), bad); err == nil {
			t.Errorf("Worksheet(%+v) = nil; want an error", bad)
		}
	}
	if err := m.Worksheet(new(bytes.Buffer), Sheet{Exchange: 99}); err == nil {
		t.Error("Worksheet(exchange 99) = nil; want an error")
	}
	if err := m.Worksheet(new(bytes.Buffer), Sheet{Format: "pdf"}); err == nil {
		t.Error("Worksheet(pdf) = nil; want an error")
	}
}

// TestWhoSaidStatements: a "who said it?" exercise on paper asks about
// statements only, as many of each speaker's as of any other's, and none
// when one speaker alone has any.
func TestWhoSaidStatements(t *testing.T) {
	m := load(t)
	tt := []struct {
		name  string
		keep  func(Quote) bool
		per   int
		count int // how many sentences
	}{
		{"whole interview", nil, 3, 9},
		{"two each", nil, 2, 6},
		{"exchange 6", func(q Quote) bool { return q.Exchange == 6 }, 2, 2},     // the interviewer has one statement
		{"exchange 1", func(q Quote) bool { return q.Exchange == 1 }, 2, 0},     // Smith alone: the answer would be given
		{"short", func(q Quote) bool { return len([]rune(q.FR)) <= 160 }, 3, 9}, // what the sheet keeps
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			got := m.WhoSaidStatements(tc.keep, tc.per)
			if len(got) != tc.count {
				t.Fatalf("WhoSaidStatements(%s, %d) = %d sentences; want %d", tc.name, tc.per, len(got), tc.count)
			}
			roles := map[string]int{}
			for _, q := range got {
				roles[string(q.Role)]++
				if strings.HasSuffix(strings.TrimSpace(q.FR), "?") {
					t.Errorf("WhoSaidStatements(%s) has the question %q; a question mark gives the interviewer away", tc.name, q.FR)
				}
				if tc.keep != nil && !tc.keep(q) {
					t.Errorf("WhoSaidStatements(%s) has %s, which keep refuses", tc.name, whoID(q))
				}
			}
			for r, n := range roles {
				if n != tc.count/len(roles) {
					t.Errorf("WhoSaidStatements(%s): %d of %s's among %d; want as many of each speaker's (%v)", tc.name, n, r, len(got), roles)
				}
			}
			again := m.WhoSaidStatements(tc.keep, tc.per)
			for i := range got {
				if whoID(got[i]) != whoID(again[i]) {
					t.Fatalf("WhoSaidStatements(%s) differs from one call to the next", tc.name)
				}
			}
		})
	}
}
