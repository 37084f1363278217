package classroom

import (
	"errors"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

func load(t testing.TB) *Material {
	t.Helper()
	m, err := Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// seedHas reports whether the published text holds s, spaces normalised.
func seedHas(t *testing.T) func(s string) bool {
	b, err := os.ReadFile("../testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := strings.Join(strings.Fields(string(b)), " ")
	return func(s string) bool { return s != "" && strings.Contains(seed, strings.Join(strings.Fields(s), " ")) }
}

// quotes returns every quote the material shows, named for errors.
func (m *Material) quotes() map[string]Quote {
	out := map[string]Quote{}
	for _, e := range m.Timeline() {
		out["timeline "+e.ID] = e.Quote
	}
	for _, c := range m.ComprehensionQuestions(0) {
		out["comprehension "+c.ID] = c.Quote
	}
	for _, p := range m.Prompts(0, "") {
		out["prompt "+p.ID] = p.Quote
	}
	for _, o := range m.OpenQuestions(0, "") {
		out["open "+o.ID] = o.Quote
	}
	for _, t := range m.Glossary() {
		for i, q := range t.Appears {
			out["glossary "+t.ID+" "+string(rune('a'+i))] = q
		}
	}
	for _, g := range m.gaps {
		out["gap "+g.id] = g.quote
	}
	for _, q := range m.who {
		out[whoID(q)] = q
	}
	for _, n := range m.Notes() {
		out["note "+n.ID] = n.Quote
	}
	return out
}

// TestEveryQuoteVerbatim: every quote the material shows is in the
// published text, and is attributed to the speaker whose words it is.
func TestEveryQuoteVerbatim(t *testing.T) {
	m := load(t)
	has := seedHas(t)
	iv := m.Interview()
	for name, q := range m.quotes() {
		for part := range strings.SplitSeq(q.FR, " "+Omission+" ") {
			if !has(part) {
				t.Errorf("%s quotes %q, which is not in the seed", name, part)
			}
		}
		p := iv.Paragraph(q.Passage)
		if q.Role != p.Role || q.Speaker != p.Speaker || q.Exchange != p.Exchange {
			t.Errorf("%s: quote of %s given as %s/%s/%d; the passage is %s/%s/%d", name, q.Passage, q.Role, q.Speaker, q.Exchange, p.Role, p.Speaker, p.Exchange)
		}
		if q.Interviewee() != (q.Speaker == iv.Interviewee) {
			t.Errorf("%s: %s's words (%s) and the interviewee's?", name, q.Speaker, q.Role)
		}
	}
}

// TestCounts: the material covers every exchange, as the issue asks.
func TestCounts(t *testing.T) {
	m := load(t)
	for _, ex := range m.Interview().Exchanges() {
		if n := len(m.ComprehensionQuestions(ex.Number)); n < 3 {
			t.Errorf("exchange %d has %d comprehension questions; want 3 or more", ex.Number, n)
		}
		if n := len(m.Prompts(ex.Number, "")); n < 2 {
			t.Errorf("exchange %d has %d discussion prompts; want 2 or more", ex.Number, n)
		}
	}
	for _, id := range []string{"paris-call", "wannacry"} {
		if _, ok := m.Term(id); !ok {
			t.Errorf("the glossary has no %q", id)
		}
	}
	if n := len(m.Timeline()); n < 5 {
		t.Errorf("the timeline has %d events; want 5 or more", n)
	}
	if !slices.IsSortedFunc(m.Timeline(), func(a, b *Event) int { return strings.Compare(a.Sort, b.Sort) }) {
		t.Error("the timeline is not in order")
	}
}

// TestUniqueIDs: every item is named once.
func TestUniqueIDs(t *testing.T) {
	m := load(t)
	seen := map[string]bool{}
	var ids []string
	for _, e := range m.Timeline() {
		ids = append(ids, "e-"+e.ID)
	}
	for _, c := range m.ComprehensionQuestions(0) {
		ids = append(ids, "c-"+c.ID)
	}
	for _, p := range m.Prompts(0, "") {
		ids = append(ids, "p-"+p.ID)
	}
	for _, o := range m.OpenQuestions(0, "") {
		ids = append(ids, "o-"+o.ID)
	}
	for _, tm := range m.Glossary() {
		ids = append(ids, "t-"+tm.ID)
	}
	for _, g := range m.gaps {
		ids = append(ids, g.id)
	}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("%s is used twice", id)
		}
		seen[id] = true
	}
}

// TestWhoSaid: the answer of every "who said it?" question is the
// corpus's speaker of the sentence.
func TestWhoSaid(t *testing.T) {
	m := load(t)
	if len(m.who) < 20 {
		t.Fatalf("%d sentences to ask about; want 20 or more", len(m.who))
	}
	roles := map[corpus.Role]int{}
	for _, s := range m.who {
		q, err := m.Question(whoID(s))
		if err != nil {
			t.Fatal(err)
		}
		p := m.Interview().Paragraph(s.Passage)
		want := map[corpus.Role]string{corpus.RoleAnswer: m.Interview().Interviewee, corpus.RoleQuestion: "journaliste", corpus.RoleIntro: "journal,"}[p.Role]
		if !strings.Contains(q.Choices[q.Answer].FR, want) || q.Ask.FR != p.FR[s.Sentences[0]] {
			t.Errorf("Question(%s) = %q, answer %q; the sentence is %s's (%s)", q.ID, q.Ask.FR, q.Choices[q.Answer].FR, p.Speaker, p.Role)
		}
		roles[p.Role]++
	}
	if len(roles) != 3 {
		t.Errorf("who said it asks about %v; want the three roles", roles)
	}
}

// TestFillGap: every item makes a question with four different choices,
// exactly one of which gives back the published sentence.
func TestFillGap(t *testing.T) {
	m := load(t)
	if len(m.gaps) < 30 {
		t.Errorf("%d fill-the-gap items; want 30 or more", len(m.gaps))
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	text := norm(m.Interview().Text())
	var translation []string
	for _, p := range m.Interview().Paragraphs {
		translation = append(translation, p.Translation())
	}
	en := norm(strings.Join(translation, " "))
	for i := range m.gaps {
		g := &m.gaps[i]
		q, err := m.Question(g.id)
		if err != nil {
			t.Error(err)
			continue
		}
		if len(q.Choices) != 4 {
			t.Errorf("%s: %d choices; want 4", g.id, len(q.Choices))
		}
		if strings.Count(q.Ask.FR, Blank) != 1 || strings.Count(q.Ask.EN, Blank) != 1 {
			t.Errorf("%s: %q / %q; want one blank in each", g.id, q.Ask.FR, q.Ask.EN)
		}
		var fr, engl []string
		for c, choice := range q.Choices {
			fr, engl = append(fr, strings.ToLower(choice.FR)), append(engl, strings.ToLower(choice.EN))
			filled := norm(strings.Replace(q.Ask.FR, Blank, choice.FR, 1))
			if got := strings.Contains(text, filled); got != (c == q.Answer) {
				t.Errorf("%s: with %q the sentence is in the interview: %v; want %v", g.id, choice.FR, got, c == q.Answer)
			}
			if c == q.Answer && !strings.Contains(en, norm(strings.Replace(q.Ask.EN, Blank, choice.EN, 1))) {
				t.Errorf("%s: the right choice %q does not give back the translation", g.id, choice.EN)
			}
		}
		slices.Sort(fr)
		slices.Sort(engl)
		if len(slices.Compact(fr)) != len(q.Choices) || len(slices.Compact(engl)) != len(q.Choices) {
			t.Errorf("%s: choices %v; want four different words in each language", g.id, q.Choices)
		}
	}
}

// TestComprehension: each question's right choice is listed first in
// the data, and the quiz finds it wherever the shuffle put it.
func TestComprehension(t *testing.T) {
	m := load(t)
	for _, c := range m.ComprehensionQuestions(0) {
		q, err := m.Question("c-" + c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if q.Choices[q.Answer] != c.Choices[0] {
			t.Errorf("Question(c-%s) answer %q; want %q", c.ID, q.Choices[q.Answer].EN, c.Choices[0].EN)
		}
		if (c.Note.FR == "") != (c.Note.EN == "") {
			t.Errorf("%s: a note in one language only", c.ID)
		}
		for _, ch := range c.Choices {
			if strings.TrimSpace(ch.FR) == "" || strings.TrimSpace(ch.EN) == "" {
				t.Errorf("%s: a choice lacks a language: %+v", c.ID, ch)
			}
		}
	}
}

// TestQuestionStable: a question comes out the same each time it is
// built from its ID, on any instance.
func TestQuestionStable(t *testing.T) {
	a, b := load(t), load(t)
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		q, err := a.Pick(r, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		again, err := b.Question(q.ID)
		if err != nil || again.Version() != q.Version() || again.Answer != q.Answer {
			t.Fatalf("Question(%s) rebuilt = %+v, %v; want %+v", q.ID, again, err, q)
		}
	}
}

// TestPick: every kind is offered on every exchange.
func TestPick(t *testing.T) {
	m := load(t)
	r := rand.New(rand.NewPCG(3, 4))
	for _, k := range Kinds {
		for _, ex := range m.Interview().Exchanges() {
			q, err := m.Pick(r, k, ex.Number)
			// A who-said question on an exchange may show a sentence
			// of the introduction (exchange 0).
			if err != nil || q.Kind != k || (q.Exchange != ex.Number && (k != WhoSaid || q.Exchange != 0)) {
				t.Errorf("Pick(%s, %d) = %s (exchange %d), %v", k, ex.Number, q.Kind, q.Exchange, err)
			}
		}
	}
	if _, err := m.Question("g-00000000"); !errors.Is(err, ErrNoQuestion) {
		t.Errorf("Question(unknown) = %v; want ErrNoQuestion", err)
	}
}

// TestGlossary: terms are found by any of their names, and where they
// appear is listed and found.
func TestGlossary(t *testing.T) {
	m := load(t)
	tt := []struct {
		name, want string
	}{
		{"paris-call", "paris-call"},
		{"Appel de Paris", "paris-call"},
		{"paris call", "paris-call"},
		{"WANNACRY", "wannacry"},
	}
	for _, tc := range tt {
		got, ok := m.Term(tc.name)
		if !ok || got.ID != tc.want {
			t.Errorf("Term(%q) = %v, %v; want %s", tc.name, got, ok, tc.want)
		}
	}
	if _, ok := m.Term("bitcoin"); ok {
		t.Error("Term(bitcoin) found a term")
	}
	if got := m.Complete("geneve", 25); len(got) == 0 {
		t.Error(`Complete("geneve") = none`)
	}
	if got := m.Complete("", 25); len(got) != min(25, len(m.Glossary())) {
		t.Errorf(`Complete("") = %d terms; want all, up to 25`, len(got))
	}
	for _, tm := range m.Glossary() {
		for _, l := range []lang.Language{lang.French, lang.English} {
			var n int
			for _, q := range tm.Appears {
				n += len(tm.Find(q.In(l), l))
			}
			if n == 0 {
				t.Errorf("%s: not found in the %s text", tm.ID, l)
			}
		}
		fr, en := utf8.RuneCountInString(tm.Definition.FR), utf8.RuneCountInString(tm.Definition.EN)
		if fr > 280 || en > 280 || fr == 0 || en == 0 {
			t.Errorf("%s: definition of %d/%d characters; want 1–280", tm.ID, fr, en)
		}
		for _, f := range tm.Facts {
			if strings.TrimSpace(f.Source.FR) == "" || strings.TrimSpace(f.Source.EN) == "" {
				t.Errorf("%s: a fact without its source: %q", tm.ID, f.Text.EN)
			}
		}
	}
}

func TestOtherInterview(t *testing.T) {
	iv := *corpus.Default()
	iv.Paragraphs = iv.Paragraphs[:5]
	if _, err := Load(&iv); !errors.Is(err, ErrOtherInterview) {
		t.Errorf("Load(a shorter interview) = %v; want ErrOtherInterview", err)
	}
}

func BenchmarkPick(b *testing.B) {
	m := load(b)
	r := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		if _, err := m.Pick(r, "", 0); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPickAt: a class at the critical-reading level gets comprehension
// questions of its level only; one at the first level, none of the
// second's; any kind may still be asked for at the first.
func TestPickAt(t *testing.T) {
	m := load(t)
	r := rand.New(rand.NewPCG(7, 8))
	for range 300 {
		q, err := m.PickAt(r, "", 0, University)
		if err != nil {
			t.Fatal(err)
		}
		if c := m.comprehensionOf(q); q.Kind != Understand || c == nil || c.Level != University {
			t.Fatalf("PickAt(university) = %s %s; want a comprehension question of the university level", q.Kind, q.ID)
		}
		q, err = m.PickAt(r, "", 0, Secondary)
		if err != nil {
			t.Fatal(err)
		}
		if c := m.comprehensionOf(q); c != nil && c.Level != Secondary {
			t.Fatalf("PickAt(secondary) = %s, of the %s level", q.ID, c.Level)
		}
	}
	if _, err := m.PickAt(r, "", 0, "University"); err == nil {
		t.Error("PickAt(level University, capitalised) = nil; want an error, not questions of any level")
	}
	if _, err := m.PickAt(r, FillGap, 0, University); !errors.Is(err, ErrNoQuestion) {
		t.Errorf("PickAt(gap, university) = %v; want ErrNoQuestion", err)
	}
}

// comprehensionOf returns the comprehension item q asks, nil if q is of
// another kind.
func (m *Material) comprehensionOf(q Question) *Comprehension {
	for _, c := range m.ComprehensionQuestions(0) {
		if q.Kind == Understand && q.ID == "c-"+c.ID {
			return c
		}
	}
	return nil
}
