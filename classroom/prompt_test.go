package classroom

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestPromptResolve: every prompt needs teacher notes; a source prompt
// may cite the newspaper's words, the other angles only the
// interviewee's; a prompt's exchange is its passage's.
func TestPromptResolve(t *testing.T) {
	m := load(t)
	valid := func() Prompt {
		return Prompt{
			ID: "test", Exchange: 4, Level: University, Angle: "weigh",
			Cite:    Ref{Passage: "a4.1", Sentences: []int{1}},
			Prompt:  Text{FR: "p", EN: "p"},
			Teacher: Text{FR: "t", EN: "t"},
		}
	}
	intro := func(p *Prompt) { p.Exchange, p.Cite = 0, Ref{Passage: "intro.1", Sentences: []int{0}} }
	question := func(p *Prompt) { p.Cite = Ref{Passage: "q4"} }
	tt := []struct {
		name   string
		change func(*Prompt)
		ok     bool
	}{
		{"valid", func(*Prompt) {}, true},
		{"no teacher notes", func(p *Prompt) { p.Teacher = Text{} }, false},
		{"teacher notes in French only", func(p *Prompt) { p.Teacher.EN = "  " }, false},
		{"all in French", func(p *Prompt) { p.Prompt.EN, p.Teacher.EN = "", "" }, true},
		{"teacher notes in English only", func(p *Prompt) { p.Teacher.FR = "" }, false},
		{"no prompt", func(p *Prompt) { p.Prompt = Text{} }, false},
		{"source on an answer", func(p *Prompt) { p.Angle = AngleSource }, true},
		{"source on the introduction", func(p *Prompt) { intro(p); p.Angle = AngleSource }, true},
		{"source on a question", func(p *Prompt) { question(p); p.Angle = AngleSource }, true},
		{"weigh on the introduction", intro, false},
		{"missing on the introduction", func(p *Prompt) { intro(p); p.Angle = "missing" }, false},
		{"since on a question", func(p *Prompt) { question(p); p.Angle = "since" }, false},
		{"unknown angle", func(p *Prompt) { p.Angle = "opinion" }, false},
		{"introduction given as exchange 1", func(p *Prompt) { intro(p); p.Angle, p.Exchange = AngleSource, 1 }, false},
		{"answer given as another exchange", func(p *Prompt) { p.Exchange = 3 }, false},
		{"unknown level", func(p *Prompt) { p.Level = "" }, false},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			p := valid()
			tc.change(&p)
			if err := p.resolve(m); (err == nil) != tc.ok {
				t.Errorf("resolve(%+v) = %v; want ok %v", p, err, tc.ok)
			}
		})
	}
}

// TestSourcePrompts: the interview is questioned as a document at both
// levels, its introduction included.
func TestSourcePrompts(t *testing.T) {
	m := load(t)
	byLevel := map[string]int{}
	var intro, newspaper int
	for _, p := range m.Prompts(0, "") {
		if p.Angle != AngleSource {
			continue
		}
		byLevel[p.Level]++
		if p.Exchange == 0 {
			intro++
		}
		if !p.Quote.Interviewee() {
			newspaper++
		}
	}
	if n := byLevel[Secondary] + byLevel[University]; n < 6 || byLevel[Secondary] == 0 || byLevel[University] == 0 {
		t.Errorf("source prompts by level %v; want 6 or more, at both levels", byLevel)
	}
	if intro < 3 || newspaper < intro+1 {
		t.Errorf("%d source prompts on the introduction, %d on the newspaper's words; want 3 or more, and a question too", intro, newspaper)
	}
}

var (
	// quotedFR and quotedEN find what a text quotes.
	quotedFR = regexp.MustCompile(`«([^»]*)»`)
	quotedEN = regexp.MustCompile(`“([^”]*)”`)
	// sentenceEnd ends a sentence, closing marks included.
	sentenceEnd = regexp.MustCompile(`[.?!…]+[»”)]*(\s|$)`)
)

// outside are the quotes of other documents that teacher notes may make,
// with their source; anything else quoted must be the interview's.
var outside = map[string]string{
	"No private hack back": "Paris Call for Trust and Security in Cyberspace, 12 November 2018, principle 8",
	"stolen from the NSA":  "Brad Smith, Microsoft On the Issues blog, 14 May 2017",
	"The need for urgent collective action to keep people safe online: Lessons from last week’s cyberattack": "the title of that post",
	"from submarine cables to datacenters, servers, laptops and smartphones":                                 "Brad Smith, “The need for a Digital Geneva Convention”, Microsoft On the Issues blog, 14 February 2017",
	"private property owned by civilians":                                                                    "the same post",
	"a potential new and global battleground":                                                                "the same post",
	"weaponize": "the same post",
	"The Digital Geneva Convention: A Critical Appraisal of Microsoft’s Proposal": "the title of Valentin Jeutner’s article, Journal of International Humanitarian Legal Studies, 2019",
	"exploit or even weaponize software":                                          "the same post",
}

// TestQuotedExactly: whatever the prompts, teacher notes, open
// questions and the critical study put in quotation marks is the published French (« ») or its
// translation (“ ”), word for word; a quote may only capitalise its first
// letter.
func TestQuotedExactly(t *testing.T) {
	m := load(t)
	has := seedHas(t)
	var translation []string
	for _, p := range m.Interview().Paragraphs {
		translation = append(translation, p.Translation())
	}
	en := strings.Join(strings.Fields(strings.Join(translation, " ")), " ")
	inEN := func(s string) bool { return strings.Contains(en, strings.Join(strings.Fields(s), " ")) }
	check := func(id, text string, teacher bool) {
		for _, q := range quotedFR.FindAllStringSubmatch(text, -1) {
			s := strings.TrimSpace(q[1])
			if !has(s) && !has(lowerFirst(s)) && (!teacher || outside[s] == "") {
				t.Errorf("%s quotes « %s », which is not in the published text", id, s)
			}
		}
		for _, q := range quotedEN.FindAllStringSubmatch(text, -1) {
			s := strings.TrimSpace(q[1])
			if !inEN(s) && !inEN(lowerFirst(s)) && !has(s) && (!teacher || outside[s] == "") {
				t.Errorf("%s quotes “%s”, which is not in the translation", id, s)
			}
		}
	}
	for _, p := range m.Prompts(0, "") {
		check(p.ID, p.Prompt.FR+" "+p.Prompt.EN, false)
		check(p.ID+" teacher", p.Teacher.FR+" "+p.Teacher.EN, true)
	}
	check("course.json document", m.Document().FR+" "+m.Document().EN, false)
	for _, r := range m.Readings() {
		check("course.json reading", r.FR+" "+r.EN, true)
	}
	if st := m.CriticalStudy(); st != nil {
		check("course.json study", st.Instruction.FR+" "+st.Instruction.EN, false)
		for _, o := range st.Outline {
			check("course.json outline", o.FR+" "+o.EN, false)
		}
	}
	for _, o := range m.OpenQuestions(0, "") {
		check(o.ID, o.Question.FR+" "+o.Question.EN, false)
		check(o.ID+" model", o.Model.FR+" "+o.Model.EN, false)
		for _, p := range o.Points {
			check(o.ID+" point", p.FR+" "+p.EN, false)
		}
	}
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// countSentences counts the sentences of text, leaving out what it
// quotes: a question quoted is not a sentence of the text.
func countSentences(text string) int {
	text = quotedEN.ReplaceAllString(quotedFR.ReplaceAllString(text, "«»"), "“”")
	return len(sentenceEnd.FindAllString(strings.TrimSpace(text), -1))
}

// TestTeacherNotes: teacher notes are two to four sentences: what a good
// answer finds, not an essay.
func TestTeacherNotes(t *testing.T) {
	for _, p := range load(t).Prompts(0, "") {
		for _, text := range []string{p.Teacher.FR, p.Teacher.EN} {
			if n := countSentences(text); n < 2 || n > 4 {
				t.Errorf("%s: teacher notes of %d sentences; want 2 to 4: %q", p.ID, n, text)
			}
		}
	}
}

// pronoun are the words after which "ce" or "this" points at nothing
// unsaid: "ce que", "à ce stade", "pour ce faire".
var pronoun = map[string]bool{"que": true, "qui": true, "qu": true, "dont": true, "fut": true, "sont": true, "faire": true, "stade": true, "stage": true}

// TestPromptsStandAlone: /discuss may draw one prompt alone, and an open
// question stands on a sheet by itself: neither opens by pointing at what
// it has not said ("cette idée", "ce domaine").
func TestPromptsStandAlone(t *testing.T) {
	m := load(t)
	texts := map[string]Text{}
	for _, p := range m.Prompts(0, "") {
		texts[p.ID] = p.Prompt
	}
	for _, o := range m.OpenQuestions(0, "") {
		texts[o.ID] = o.Question
	}
	for id, text := range texts {
		for _, s := range []string{text.FR, text.EN} {
			s = quotedEN.ReplaceAllString(quotedFR.ReplaceAllString(s, "«»"), "“”")
			if end := sentenceEnd.FindStringIndex(s); end != nil {
				s = s[:end[0]]
			}
			for _, d := range demonstrative.FindAllStringSubmatch(s, -1) {
				if !pronoun[strings.ToLower(d[2])] {
					t.Errorf("%s opens with %q, pointing at what it has not said: %q", id, d[0], s)
				}
			}
		}
	}
}

// TestPromptAngleFirst: a misspelt angle on a prompt about the
// introduction is named as such, not as a passage that is not the
// interviewee's (a teacher's trial met the second).
func TestPromptAngleFirst(t *testing.T) {
	m := load(t)
	p := Prompt{ID: "test", Exchange: 0, Level: University, Angle: "sorce", Cite: Ref{Passage: "intro.1", Sentences: []int{0}},
		Prompt: Text{FR: "p", EN: "p"}, Teacher: Text{FR: "t", EN: "t"}}
	if err := p.resolve(m); err == nil || !strings.Contains(err.Error(), `angle "sorce"`) {
		t.Errorf("resolve(angle sorce on intro.1) = %v; want the angle named", err)
	}
}
