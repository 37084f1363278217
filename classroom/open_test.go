package classroom

import (
	"slices"
	"strings"
	"testing"
)

// TestOpenResolve: an open question is refused when its skill does not
// belong to its level, when it cites outside its exchange, or when its
// model answer or marking points are missing or too many.
func TestOpenResolve(t *testing.T) {
	m := load(t)
	valid := func() Open {
		return Open{
			ID: "test", Exchange: 4, Level: Secondary, Skill: "literal",
			Question: Text{FR: "q", EN: "q"},
			Cite:     Ref{Passage: "a4.1", Sentences: []int{1}},
			Model:    Text{FR: "m", EN: "m"},
			Points:   []Text{{FR: "a", EN: "a"}, {FR: "b", EN: "b"}},
		}
	}
	tt := []struct {
		name   string
		change func(*Open)
		ok     bool
	}{
		{"valid", func(*Open) {}, true},
		{"secondary vocabulary", func(o *Open) { o.Skill = "vocabulary" }, true},
		{"university source", func(o *Open) { o.Level, o.Skill = University, "source" }, true},
		{"university inference", func(o *Open) { o.Level, o.Skill = University, "inference" }, true},
		// Levels differ by what they ask: inference is university work.
		{"secondary inference", func(o *Open) { o.Skill = "inference" }, false},
		{"university literal", func(o *Open) { o.Level = University }, false},
		{"unknown skill", func(o *Open) { o.Skill = "memory" }, false},
		{"unknown level", func(o *Open) { o.Level = "primary" }, false},
		{"the question of its exchange", func(o *Open) { o.Cite = Ref{Passage: "q4"} }, true},
		{"cite in another exchange", func(o *Open) { o.Cite = Ref{Passage: "a3.1"} }, false},
		{"the introduction in an exchange", func(o *Open) { o.Cite = Ref{Passage: "intro.3"} }, false},
		{"exchange 0 on the introduction", func(o *Open) { o.Exchange, o.Cite = 0, Ref{Passage: "intro.3", Sentences: []int{0}} }, true},
		{"exchange 0 on an answer", func(o *Open) { o.Exchange = 0 }, true},
		{"no exchange 9", func(o *Open) { o.Exchange = 9 }, false},
		{"no such sentence", func(o *Open) { o.Cite.Sentences = []int{7} }, false},
		{"no model answer", func(o *Open) { o.Model = Text{} }, false},
		{"model in French only", func(o *Open) { o.Model.EN = " " }, false},
		{"all in French", func(o *Open) {
			o.Question.EN, o.Model.EN = "", ""
			for i := range o.Points {
				o.Points[i].EN = ""
			}
		}, true},
		{"question in English only", func(o *Open) { o.Question.FR = "" }, false},
		{"one point", func(o *Open) { o.Points = o.Points[:1] }, false},
		{"four points", func(o *Open) { o.Points = append(o.Points, o.Points...) }, true},
		{"five points", func(o *Open) { o.Points = append(o.Points, o.Points[0], o.Points[0], o.Points[0]) }, false},
		{"a point in French only", func(o *Open) { o.Points[1].EN = "" }, false},
		{"a point in English only", func(o *Open) { o.Points[1].FR = "" }, false},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			o := valid()
			tc.change(&o)
			if err := o.resolve(m); (err == nil) != tc.ok {
				t.Errorf("resolve(%+v) = %v; want ok %v", o, err, tc.ok)
			}
		})
	}
}

// TestOpenCounts: every exchange has an open question at each level, the
// introduction two, and each level's questions train each of its skills.
func TestOpenCounts(t *testing.T) {
	m := load(t)
	for _, ex := range m.Interview().Exchanges() {
		for _, level := range []string{Secondary, University} {
			if n := len(m.OpenQuestions(ex.Number, level)); n < 1 {
				t.Errorf("OpenQuestions(%d, %s) = %d; want 1 or more", ex.Number, level, n)
			}
		}
	}
	var intro int
	trained := map[string]int{}
	for _, o := range m.OpenQuestions(0, "") {
		if o.Exchange == 0 {
			intro++
		}
		trained[o.Skill]++
	}
	if intro < 2 {
		t.Errorf("%d open questions on the introduction; want 2 or more", intro)
	}
	for level, skills := range skills {
		for _, s := range skills {
			if trained[s] == 0 {
				t.Errorf("no %s question trains %q", level, s)
			}
		}
	}
	// Every question is at one level or the other, and checking a claim
	// is at both.
	checks := 0
	for _, o := range m.OpenQuestions(0, "") {
		if o.Skill == SkillCheck {
			checks++
		}
	}
	if n := len(m.OpenQuestions(0, Secondary)) + len(m.OpenQuestions(0, University)); n != len(m.OpenQuestions(0, ""))+checks {
		t.Errorf("by level %d questions; in all %d, %d of which check a claim at both levels", n, len(m.OpenQuestions(0, "")), checks)
	}
	for _, level := range []string{Secondary, University} {
		if !slices.ContainsFunc(m.OpenQuestions(7, level), func(o *Open) bool { return o.ID == "o7.3" }) {
			t.Errorf("OpenQuestions(7, %s) lacks o7.3, which checks Verdun", level)
		}
	}
}

// TestModelAnswers: a model answer is two to five sentences, and a
// marking point is shorter than the answer it marks.
func TestModelAnswers(t *testing.T) {
	m := load(t)
	for _, o := range m.OpenQuestions(0, "") {
		for _, text := range []string{o.Model.FR, o.Model.EN} {
			if n := countSentences(text); n < 2 || n > 5 {
				t.Errorf("%s: a model answer of %d sentences; want 2 to 5: %q", o.ID, n, text)
			}
			for _, p := range o.Points {
				if len(p.FR) >= len(o.Model.FR) || len(p.EN) >= len(o.Model.EN) {
					t.Errorf("%s: the point %q is as long as the model answer", o.ID, p.EN)
				}
			}
		}
	}
}

// TestCurriculum: the material names the syllabus it serves.
func TestCurriculum(t *testing.T) {
	c := load(t).Curriculum()
	for _, want := range []string{"HGGSP", "Terminale", "thème 6", "Le cyberespace : conflictualité et coopération entre les acteurs"} {
		if !strings.Contains(strings.Join(strings.Fields(c.FR), " "), want) {
			t.Errorf("Curriculum().FR = %q; want it to name %q", c.FR, want)
		}
	}
	if !strings.Contains(c.EN, "HGGSP") || !strings.Contains(c.EN, "theme 6") {
		t.Errorf("Curriculum().EN = %q; want HGGSP, theme 6", c.EN)
	}
	for _, bad := range []course{
		{Curriculum: Text{FR: "x"}},
		{Curriculum: Text{FR: "x", EN: "x"}, Document: Text{EN: "y"}},
		{Curriculum: Text{FR: "x", EN: "x"}, Study: &Study{Instruction: Text{FR: "i", EN: "i"}}},
		{Curriculum: Text{FR: "x", EN: "x"}, Study: &Study{Instruction: Text{FR: "i", EN: "i"}, Outline: []Text{{FR: "a", EN: "a"}, {FR: "b"}}}},
	} {
		if err := bad.check(); err == nil {
			t.Errorf("check(%+v) = nil; want an error", bad)
		}
	}
	ok := course{Curriculum: Text{FR: "x", EN: "x"}, Document: Text{FR: "d"}, Study: &Study{Instruction: Text{FR: "i"}, Outline: []Text{{FR: "a"}}}}
	if err := ok.check(); err != nil || ok.Document.EN != "d" || ok.Study.Outline[0].EN != "a" {
		t.Errorf("check(a document and a study in French alone) = %v, %+v; want nil, the French for the English", err, ok)
	}
	if m := load(t); m.Document().FR == "" || m.CriticalStudy() == nil {
		t.Error("the material has no document note or no critical study")
	}
}
