package classroom

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
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
		// A level is named by what it asks, and the classes it suits:
		// Terminale's source criticism is the second level's.
		{Sheet{Exchange: 0, Level: Secondary}, []string{"de Microsoft — compréhension\n", "## Questions de compréhension"}, []string{"## Niveau", "*compréhension*", "## Étude critique"}},
		{Sheet{Exchange: 0, Level: University}, []string{"de Microsoft — analyse critique\n"}, []string{"collège\n", "## Niveau", "*analyse critique*"}},
		{Sheet{Exchange: 7}, []string{"## Niveau 1\u00a0: compréhension (", "## Niveau 2\u00a0: analyse critique (", "### Questions de compréhension"}, []string{"*compréhension*", "*analyse critique*"}},
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
		{Sheet{Exchange: 8}, []string{"## Qui l’a dit\u00a0?", "☐ Brad Smith   ☐ Le journaliste, dans sa question   ☐ Le journal, dans son introduction", "## Chronologie", "Mots du texte\u00a0: ____"}, nil},
		{Sheet{Exchange: 6}, []string{"## Chronologie", "**«\u00a0il y a un an\u00a0»** → vers novembre"}, []string{"Qui l’a dit"}}, // its one question's statement says « Vous »
		{Sheet{Exchange: 4}, nil, []string{"Qui l’a dit", "Chronologie"}},
		// Both are on the sheets of both levels: a sheet of one level
		// keeps to a page.
		{Sheet{Exchange: 6, Level: University}, nil, []string{"Qui l’a dit", "Chronologie"}},
		{Sheet{Exchange: 6, Level: Secondary}, nil, []string{"Qui l’a dit", "Chronologie"}},
		{Sheet{Exchange: 1, Key: KeyNone}, []string{"## Qui l’a dit\u00a0?"}, []string{"## Chronologie"}},
		// The key gives the critical notes on the text in a section of
		// their own, numbered; an answer on their sentences names them.
		{Sheet{Exchange: 7, Key: KeyOnly}, []string{"### Notes critiques", "\n1. **Discuté** — «\u00a0", "*sources\u00a0: ", "*Inexact* — voir la note critique "}, nil},
		{Sheet{Exchange: 5, Key: KeyOnly}, []string{"*Inexact* — voir la note critique 1, «\u00a0"}, []string{"voir plus haut"}},
		{Sheet{Exchange: 3, Key: KeyNone}, nil, []string{"Notes critiques"}},
		// The introduction alone: the newspaper's words, its open
		// questions, and the key's prompts on the interview as a
		// document; one speaker, so no "who said it?".
		{Sheet{Exchange: IntroSheet}, []string{"### Introduction (le journal)", "## Chronologie", "### Questions de compréhension", "Qui écrit qu’aujourd’hui Microsoft", "(intro.3) Avant même que Brad Smith parle", "- (intro.2) Dans son introduction"}, []string{"Q&R 1", "Qui l’a dit", "**Brad Smith** ("}},
		// A research question says so; the class's time in the key
		// leaves it out.
		{Sheet{Exchange: 7, Level: University, Key: KeyNone}, []string{"Vérifiez sur une carte la distance entre Verdun et Paris", "Vérifiez dans une encyclopédie"}, nil},
		{Sheet{Exchange: 7, Key: KeyNone}, nil, nil}, // see TestCheckOnce
		{Sheet{Exchange: 7, Level: Secondary, Key: KeyNone}, []string{"Vérifiez", "*(recherche au CDI ou à la maison, sur une feuille à part)*"}, nil},
		{Sheet{Exchange: 7, Key: KeyOnly}, []string{"*Durée indicative pour la classe\u00a0: environ ", "*Le document\u00a0: Le texte dont nous disposons", "kelnews.fr"}, nil},
		// The critical study is the whole document's, at the level that
		// writes one: its instruction for students, its outline in the
		// key.
		{Sheet{Level: University}, []string{"## Étude critique de document (épreuve du baccalauréat)", "Consigne\u00a0: en analysant le document", "### Étude critique\u00a0: une proposition de plan", "\n- III. Un regard critique"}, nil},
		{Sheet{Level: Secondary}, nil, []string{"Étude critique", "Pour aller plus loin"}},
		{Sheet{Exchange: 5, Level: University, Key: KeyOnly}, []string{"### Pour aller plus loin (niveau\u00a02)", "Tallinn Manual 2.0"}, nil},
		{Sheet{Exchange: 6}, nil, []string{"Étude critique de document"}},
		// Two exchanges for one lesson: both texts, both exchanges'
		// questions, and the introduction only as they cite it.
		{Sheet{Exchanges: []int{7, 6}, Level: University, Key: KeyNone}, []string{"### Q&R 6 — ", "### Q&R 7 — ", "(a7.1) "}, []string{"### Q&R 5 — ", "### Q&R 8 — ", "Étude critique"}},
		// The critical study alone: the whole text and its instruction,
		// no questions; its outline and criteria in the key.
		{Sheet{Study: true}, []string{"— étude critique de document\n", "### Q&R 8 — ", "## Étude critique de document (épreuve du baccalauréat)", "### Étude critique\u00a0: une proposition de plan", "**Ce que l’on attend d’une bonne étude**", "*Durée\u00a0: environ deux heures"}, []string{"Questions de compréhension", "Questions ouvertes", "Qui l’a dit", "Chronologie"}},
		// The exercises and the lines to write on, as a teacher asks.
		{Sheet{Exchange: 8, Level: Secondary, Exercises: "who-said,timeline"}, []string{"## Qui l’a dit\u00a0?", "## Chronologie"}, nil},
		{Sheet{Exchange: 8, Level: Secondary, Exercises: "timeline"}, []string{"## Chronologie"}, []string{"Qui l’a dit"}},
		{Sheet{Exchange: 6, Exercises: "none"}, nil, []string{"Qui l’a dit", "Chronologie"}},
		{Sheet{Exchange: 8, Level: University, Exercises: " timeline , who-said "}, []string{"## Qui l’a dit\u00a0?", "## Chronologie"}, nil},
		{Sheet{Exchange: IntroSheet, Exercises: "timeline"}, []string{"## Chronologie"}, nil},
		// The glossary's facts beyond the interview are the teacher's, in
		// the key: the students' glossary is definitions.
		{Sheet{Exchange: 1, Key: KeyNone}, []string{"**Cyberespace** — "}, []string{"hors de l’entretien", "source\u00a0:"}},
		{Sheet{Exchange: 1, Key: KeyOnly}, []string{"### Glossaire\u00a0: hors de l’entretien", "William Gibson"}, nil},
		// An exchange's sheet glosses its own passages' words, not those
		// of an introduction's paragraph printed for a question.
		{Sheet{Exchange: 3, Key: KeyNone}, []string{"**Diplomatie** — "}, []string{"**Appel de Paris** — "}},
		{Sheet{Exchange: 3, Format: HTML}, []string{`<body class="a4">`}, []string{"ses mots)</h2><h2>"}},
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
	for _, bad := range []Sheet{{Level: "primary"}, {Key: "maybe"}, {Paper: "a5"}, {Exercises: "who-said,quiz"}, {Exercises: "who-said,"}, {Exchange: IntroSheet, Exercises: "who-said"}, {Exchange: 3, Study: true}, {Exchanges: []int{6, 6}}, {Exchanges: []int{6, 9}}, {Exchange: 5, Exchanges: []int{6, 7}}, {Lines: -1}, {Lines: MaxLines + 1}, {Exchange: -2}} {
		if err := m.Worksheet(new(bytes.Buffer), bad); !errors.Is(err, ErrSheet) {
			t.Errorf("Worksheet(%+v) = %v; want ErrSheet", bad, err)
		}
	}
	for _, lines := range []int{0, 1, 7} {
		var b bytes.Buffer
		if err := m.Worksheet(&b, Sheet{Exchange: 3, Level: University, Key: KeyNone, Lines: lines}); err != nil {
			t.Fatal(err)
		}
		want := lines
		if lines == 0 {
			want = 4
		}
		want *= len(m.OpenQuestions(3, University))
		if got := strings.Count(b.String(), "\n   _____"); got != want {
			t.Errorf("Worksheet(lines %d) has %d lines to write on; want %d", lines, got, want)
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
// statements only, none that speaks to the other ("vous"), as many of
// the interviewee's as of the newspaper's, and none when one side alone
// has any.
func TestWhoSaidStatements(t *testing.T) {
	m := load(t)
	tt := []struct {
		name  string
		keep  func(Quote) bool
		per   int
		count int // how many sentences
	}{
		{"whole interview", nil, 3, 6},
		{"two each", nil, 2, 4},
		{"exchange 6", func(q Quote) bool { return q.Exchange == 6 }, 2, 0},     // the interviewer's one statement says « Vous »
		{"exchange 1", func(q Quote) bool { return q.Exchange == 1 }, 2, 0},     // Smith alone: the answer would be given
		{"short", func(q Quote) bool { return len([]rune(q.FR)) <= 160 }, 3, 6}, // what the sheet keeps
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			got := m.WhoSaidStatements(tc.keep, tc.per)
			if len(got) != tc.count {
				t.Fatalf("WhoSaidStatements(%s, %d) = %d sentences; want %d", tc.name, tc.per, len(got), tc.count)
			}
			roles := map[string]int{}
			for _, q := range got {
				if q.Interviewee() {
					roles["interviewee"]++
				} else {
					roles["newspaper"]++
				}
				if addresses.MatchString(q.FR) {
					t.Errorf("WhoSaidStatements(%s) has %q, which speaks to the other", tc.name, q.FR)
				}
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

// TestKeyNotesOnce: the key prints each critical note on its text
// whole, once, in its own section, in the text's order, and every
// answer that meets one names a note the section has.
func TestKeyNotesOnce(t *testing.T) {
	m := load(t)
	order := textOrder(m.Interview())
	if notes := m.Notes(); !slices.IsSortedFunc(notes, func(a, b *Note) int { return order(a.Cite, b.Cite) }) {
		t.Errorf("Notes() is not in the text's order: %v", notes)
	}
	for n := IntroSheet; n <= len(m.Interview().Exchanges()); n++ {
		var b bytes.Buffer
		if err := m.Worksheet(&b, Sheet{Exchange: n, Key: KeyOnly}); err != nil {
			t.Fatal(err)
		}
		key := b.String()
		numbered := 0
		for _, note := range m.Notes() {
			switch c := strings.Count(key, note.Note.FR); {
			case n == 0 && c != 1:
				t.Errorf("the whole interview's key prints note %s %d times; want once", note.ID, c)
			case c > 1:
				t.Errorf("exchange %d's key prints note %s %d times; want once at most", n, note.ID, c)
			case c == 1:
				numbered++
			}
		}
		for _, ref := range regexp.MustCompile(`voir la note critique (\d+)`).FindAllStringSubmatch(key, -1) {
			if i, _ := strconv.Atoi(ref[1]); i < 1 || i > numbered || !strings.Contains(key, fmt.Sprintf("\n%d. **", i)) {
				t.Errorf("exchange %d's key names note %s, which its %d notes lack", n, ref[1], numbered)
			}
		}
	}
}

// TestMinutes: the time in the key counts two minutes a multiple-choice
// question, five or ten an open question by level, and nothing for a
// research question, which is not done in the lesson.
func TestMinutes(t *testing.T) {
	m := load(t)
	s := Sheet{Exchange: 7, Level: Secondary}
	if err := m.check(&s); err != nil {
		t.Fatal(err)
	}
	d := m.sheetData(s)
	want := 0
	for _, c := range m.ComprehensionQuestions(7) {
		if c.Level == Secondary {
			want += minutesQuestion
		}
	}
	research := 0
	for _, o := range m.OpenQuestions(7, Secondary) {
		if o.Skill == SkillCheck {
			research++
			continue
		}
		want += minutesOpen[Secondary]
	}
	if research == 0 {
		t.Fatal("exchange 7 has no research question at secondary school; the test needs one")
	}
	if got := d.minutes(); !strings.Contains(got, fmt.Sprintf("exercices et questions\u00a0: %d)", want)) {
		t.Errorf("minutes() = %q; want %d for the exercises and questions", got, want)
	}
	// The whole is rounded up to five minutes: never less than its parts.
	total, reading, work := 0, 0, 0
	if _, err := fmt.Sscanf(strings.ReplaceAll(d.minutes(), "\u00a0", " "), "Durée indicative pour la classe : environ %d minutes (lire le texte : %d ; exercices et questions : %d)", &total, &reading, &work); err != nil {
		t.Fatal(err)
	}
	if total%5 != 0 || total < reading+work || total >= reading+work+5 {
		t.Errorf("minutes() totals %d for %d + %d; want the sum rounded up to five", total, reading, work)
	}
}

// FuzzSetExchange: whatever a teacher or a URL writes for the exchanges,
// SetExchange never panics, and what it accepts names the whole
// interview, the introduction, or exchanges from 1.
func FuzzSetExchange(f *testing.F) {
	for _, s := range []string{"", "0", "intro", "6", "6,7", " 6 , 7 ", "6,", ",", "-1", "x", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		var s Sheet
		if err := s.SetExchange(v); err != nil {
			if !errors.Is(err, ErrSheet) {
				t.Errorf("SetExchange(%q) = %v; want an ErrSheet", v, err)
			}
			return
		}
		if s.Exchange < IntroSheet || slices.ContainsFunc(s.Exchanges, func(n int) bool { return n < 1 }) || len(s.Exchanges) == 1 {
			t.Errorf("SetExchange(%q) = %d, %v", v, s.Exchange, s.Exchanges)
		}
	})
}

// TestCheckOnce: a sheet of both levels asks each check of a claim once,
// under the level it is filed under.
func TestCheckOnce(t *testing.T) {
	m := load(t)
	var b bytes.Buffer
	if err := m.Worksheet(&b, Sheet{Exchange: 7, Key: KeyNone}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "Vérifiez sur une carte la distance entre Verdun et Paris"); n != 1 {
		t.Errorf("exchange 7's sheet of both levels asks o7.3 %d times; want once", n)
	}
}

// TestSetExchange: what a teacher writes for the exchanges, read.
func TestSetExchange(t *testing.T) {
	for _, tc := range []struct {
		in        string
		exchange  int
		exchanges []int
		err       bool
	}{
		{"", 0, nil, false},
		{"0", 0, nil, false},
		{"intro", IntroSheet, nil, false},
		{" 6 ", 6, nil, false},
		{"7,6", 0, []int{6, 7}, false},
		{"6,", 0, nil, true},
		{"-1", 0, nil, true},
		{strings.Repeat("1,", maxExchanges) + "1", 0, nil, true},
	} {
		var s Sheet
		err := s.SetExchange(tc.in)
		if (err != nil) != tc.err || (err == nil && (s.Exchange != tc.exchange || !slices.Equal(s.Exchanges, tc.exchanges))) {
			t.Errorf("SetExchange(%q) = %d, %v, %v; want %d, %v, error %v", tc.in, s.Exchange, s.Exchanges, err, tc.exchange, tc.exchanges, tc.err)
		}
	}
}
