package classroom

import (
	"strings"
	"testing"
)

// TestComprehensionResolve: an item loads only with an explanation for
// each wrong choice, and a skill of its level; its English may be left
// out, and then shows its French.
func TestComprehensionResolve(t *testing.T) {
	m := load(t)
	base := func() Comprehension {
		c := m.comprehension[0]
		c.Choices = []Text{{FR: "a", EN: "a"}, {FR: "b", EN: "b"}, {FR: "c", EN: "c"}}
		c.Wrong = []Text{{FR: "pas b", EN: "not b"}, {FR: "pas c", EN: "not c"}}
		c.Level, c.Skill = Secondary, SkillLiteral
		return c
	}
	tt := []struct {
		name   string
		change func(c *Comprehension)
		want   string // a part of the error; empty: no error
	}{
		{"well formed", func(c *Comprehension) {}, ""},
		{"university inference", func(c *Comprehension) { c.Level, c.Skill = University, SkillInference }, ""},
		{"secondary vocabulary", func(c *Comprehension) { c.Skill = SkillVocabulary }, ""},
		{"no explanations", func(c *Comprehension) { c.Wrong = nil }, "0 explanations of wrong choices"},
		{"two choices the same", func(c *Comprehension) { c.Choices[2] = Text{FR: "A ", EN: "x"} }, "choices 3 and 1 are the same"},
		{"French missing, not the same", func(c *Comprehension) { c.Choices[1].FR, c.Choices[2].FR = "", "" }, "choice 2: a choice in French"},
		// An item written in French alone loads: English shows its French.
		{"French only", func(c *Comprehension) {
			c.Question.EN, c.Evidence.EN, c.Note.EN = "", "", ""
			for i := range c.Choices {
				c.Choices[i].EN = ""
			}
			for i := range c.Wrong {
				c.Wrong[i].EN = " "
			}
		}, ""},
		// Half of it would show one French choice among English ones.
		{"English for some texts", func(c *Comprehension) { c.Choices[0].EN = "" }, "English is missing from 1 of its"},
		{"straight apostrophe", func(c *Comprehension) { c.Evidence.FR = "C'est fondamental." }, "typographic apostrophes"},
		{"one explanation short", func(c *Comprehension) { c.Wrong = c.Wrong[:1] }, "1 explanations of wrong choices"},
		{"one explanation too many", func(c *Comprehension) { c.Wrong = append(c.Wrong, Text{FR: "x", EN: "x"}) }, "3 explanations of wrong choices"},
		{"evidence not in the English", func(c *Comprehension) { c.Evidence.EN = "not there" }, "the evidence"},
		{"explanation without French", func(c *Comprehension) { c.Wrong[0].FR = "" }, "wrong choice 1"},
		{"no skill", func(c *Comprehension) { c.Skill = "" }, `skill ""`},
		{"unknown skill", func(c *Comprehension) { c.Skill = "recall" }, `skill "recall"`},
		{"inference at the secondary level", func(c *Comprehension) { c.Skill = SkillInference }, "skill inference at the secondary level"},
		{"literal at the university level", func(c *Comprehension) { c.Level = University }, "skill literal at the university level"},
		{"source at the secondary level", func(c *Comprehension) { c.Skill = SkillSource }, "skill source at the secondary level"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			tc.change(&c)
			err := c.resolve(m)
			if tc.name == "French only" && (c.Choices[1].EN != "b" || c.Wrong[1].EN != "pas c" || c.Question.EN != c.Question.FR) {
				t.Errorf("resolve(French only) left English %q, %q, %q; want the French", c.Question.EN, c.Choices[1].EN, c.Wrong[1].EN)
			}
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("resolve(%s) = %v; want nil", tc.name, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("resolve(%s) = %v; want an error with %q", tc.name, err, tc.want)
			}
		})
	}
}

// TestParseLevel: a level by what it asks, its number or its value.
func TestParseLevel(t *testing.T) {
	for in, want := range map[string]string{"": "", "comprehension": Secondary, " Compréhension ": Secondary, "1": Secondary, "secondary": Secondary,
		"critical": University, "2": University, "university": University} {
		if got, err := ParseLevel(in); err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"3", "primary", "lycée"} {
		if _, err := ParseLevel(bad); err == nil {
			t.Errorf("ParseLevel(%q) = nil error; want one", bad)
		}
	}
}
