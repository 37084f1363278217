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
				parts := []string{lb.Passages, lb.Comprehension, lb.Discussion, lb.Key}
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
		{Sheet{Exchange: 0, Level: Secondary}, []string{"*lycée*"}, []string{"*université*"}},
		{Sheet{Exchange: 0, Level: University}, []string{"*université*"}, []string{"*lycée*"}},
		{Sheet{Lang: lang.English, Exchange: 1}, []string{"# Worksheet — Interview with Brad Smith, president and chief legal officer of Microsoft", "names neither the newspaper"}, nil},
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
	for _, bad := range []Sheet{{Level: "primary"}, {Key: "maybe"}} {
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
