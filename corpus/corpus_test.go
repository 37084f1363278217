package corpus

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestDefaultReassemblesSeed(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	iv := Default()
	if got := iv.Text(); got != string(seed) {
		i := 0
		for i < len(got) && i < len(seed) && got[i] == seed[i] {
			i++
		}
		t.Fatalf("corpus text differs from the seed at byte %d:\n got: %q\nwant: %q", i, excerpt(got, i), excerpt(string(seed), i))
	}
}

func excerpt(s string, i int) string {
	lo, hi := max(0, i-40), min(len(s), i+40)
	return s[lo:hi]
}

func TestDefaultShape(t *testing.T) {
	iv := Default()
	if got := len(iv.Intro()); got != 3 {
		t.Errorf("intro paragraphs = %d; want 3", got)
	}
	ex := iv.Exchanges()
	if len(ex) != 8 {
		t.Fatalf("exchanges = %d; want 8", len(ex))
	}
	for _, e := range ex {
		want := 1
		if e.Number == 5 {
			want = 2 // the fifth answer has two paragraphs
		}
		if len(e.Answers) != want {
			t.Errorf("exchange %d has %d answer paragraphs; want %d", e.Number, len(e.Answers), want)
		}
		for _, a := range e.Answers {
			if a.Speaker != "Brad Smith" || !a.IsInterviewee() {
				t.Errorf("answer %s speaker = %q; want Brad Smith", a.ID, a.Speaker)
			}
		}
		if e.Question.IsInterviewee() {
			t.Errorf("question %s counted as the interviewee's words", e.Question.ID)
		}
		if e.Topic("fr") == "" || e.Topic("en") == "" {
			t.Errorf("exchange %d has no topic", e.Number)
		}
	}
	if iv.Version == "" {
		t.Error("Version is empty")
	}
}

func TestExchangeLookup(t *testing.T) {
	iv := Default()
	for _, n := range []int{-1, 0, 9} {
		if _, ok := iv.Exchange(n); ok {
			t.Errorf("Exchange(%d) exists; want not", n)
		}
	}
	if e, ok := iv.Exchange(6); !ok || e.Question.ID != "q6" {
		t.Errorf("Exchange(6) = %v, %v; want q6", e.Question, ok)
	}
}

const validHeader = `{"format":"interviewbot-corpus/1","title":"T","interviewee":"Ada","language":"fr","translation":"en"}`

func TestParseErrors(t *testing.T) {
	q := `{"id":"q1","exchange":1,"role":"question","speaker":"interviewer","fr":["Pourquoi ?"],"en":["Why?"]}`
	a := `{"id":"a1","exchange":1,"role":"answer","speaker":"Ada","fr":["Parce que."],"en":["Because."]}`
	tt := []struct {
		name  string
		input string
		line  int    // want this line in the error
		field string // and this field
		msg   string // and this text in the message
	}{
		{"empty", "", 0, "", "empty file"},
		{"bad format", `{"format":"v0"}`, 1, "format", "want"},
		{"header not json", `format: 1`, 1, "", "invalid JSON"},
		{"unknown field", validHeader + "\n" + `{"id":"q1","exchnage":1}`, 2, "exchnage", "unknown field"},
		{"wrong type", validHeader + "\n" + `{"id":"q1","exchange":"one"}`, 2, "exchange", "want a number"},
		{"missing field", validHeader + "\n" + `{"id":"q1","exchange":1,"role":"question","speaker":"interviewer","fr":["x"]}`, 2, "en", "missing"},
		{"bad role", validHeader + "\n" + strings.Replace(q, `"question"`, `"anwser"`, 1), 2, "role", "unknown role"},
		{"bad id", validHeader + "\n" + strings.Replace(q, `"q1"`, `"q 1"`, 1), 2, "id", "not an ID"},
		{"duplicate id", validHeader + "\n" + q + "\n" + strings.Replace(a, `"a1"`, `"q1"`, 1), 3, "id", "used twice"},
		{"answer before question", validHeader + "\n" + a, 2, "exchange", "must follow"},
		{"misattributed answer", validHeader + "\n" + q + "\n" + strings.Replace(a, `"Ada"`, `"interviewer"`, 1), 3, "speaker", "interviewee"},
		{"exchange skipped", validHeader + "\n" + strings.Replace(q, `"exchange":1`, `"exchange":2`, 1), 2, "exchange", "want 1"},
		{"untranslated sentence", validHeader + "\n" + strings.Replace(q, `"en":["Why?"]`, `"en":[]`, 1), 2, "en", "at least one"},
		{"sentence count", validHeader + "\n" + strings.Replace(q, `"en":["Why?"]`, `"en":["Why?","So?"]`, 1), 2, "en", "2 sentences"},
		{"padded sentence", validHeader + "\n" + strings.Replace(q, `"Pourquoi ?"`, `" Pourquoi ?"`, 1), 2, "fr", "white space"},
		{"no answer", validHeader + "\n" + q, 0, "", "no answer"},
		{"two objects", validHeader + "\n" + q + q, 2, "", "more after it"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.input), "x.jsonl")
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v; want a *ParseError", tc.input, err)
			}
			if pe.Line != tc.line || pe.Field != tc.field || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("Parse(%q) = line %d, field %q, %q; want line %d, field %q, containing %q",
					tc.input, pe.Line, pe.Field, pe.Msg, tc.line, tc.field, tc.msg)
			}
			if want := "corpus: x.jsonl:"; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestParseMinimal(t *testing.T) {
	in := validHeader + "\n\n" +
		`{"id":"q1","exchange":1,"role":"question","speaker":"interviewer","fr":["Pourquoi ?"],"en":["Why?"]}` + "\n" +
		`{"id":"a1","exchange":1,"role":"answer","speaker":"Ada","fr":["Parce que.","Voilà."],"en":["Because.","There."]}` + "\n"
	iv, err := Parse(strings.NewReader(in), "min.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := iv.Text(), "Pourquoi ?\n\nParce que. Voilà."; got != want {
		t.Errorf("Text() = %q; want %q", got, want)
	}
	if iv.Paragraph("a1").Speaker != "Ada" {
		t.Errorf("a1 speaker = %q; want Ada", iv.Paragraph("a1").Speaker)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(string(defaultData))
	f.Add(validHeader + "\n" + `{"id":"q1","exchange":1,"role":"question","speaker":"interviewer","fr":["a"],"en":["b"]}`)
	f.Add("{}\n{}")
	f.Fuzz(func(t *testing.T, in string) {
		iv, err := Parse(strings.NewReader(in), "fuzz")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		for _, p := range iv.Paragraphs {
			for _, s := range append(p.FR, p.EN...) {
				if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' }) {
					t.Fatalf("accepted an empty sentence in %s", p.ID)
				}
			}
		}
		_ = iv.Exchanges()
		_ = iv.Text()
	})
}
