package classroom

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
)

// TestLettersEven: across the items of a kind, the right answer is at
// each letter as often as at any other, give or take one: no letter is a
// better guess than another.
func TestLettersEven(t *testing.T) {
	m := load(t)
	count := map[Kind]map[int]int{FillGap: {}, Understand: {}}
	for i := range m.gaps {
		if q, err := m.fillGap(&m.gaps[i]); err == nil {
			count[FillGap][q.Answer]++
		}
	}
	for i := range m.comprehension {
		q := m.understand(&m.comprehension[i])
		count[Understand][q.Answer]++
		if q.Choices[q.Answer] != m.comprehension[i].Choices[0] {
			t.Errorf("%s: the answer's letter does not hold the right choice", q.ID)
		}
	}
	for kind, byLetter := range count {
		lo, hi := 1<<30, 0
		choices := 4
		if kind == Understand {
			choices = len(m.comprehension[0].Choices)
		}
		for letter := range choices {
			lo, hi = min(lo, byLetter[letter]), max(hi, byLetter[letter])
		}
		if hi-lo > 1 {
			t.Errorf("%s: answers by letter %v; want each letter within one of the others", kind, byLetter)
		}
	}
}

// TestWhoSaidBalanced: who-said questions are drawn by speaker, each as
// often as the others, so that always answering Smith scores no better
// than any other answer.
func TestWhoSaidBalanced(t *testing.T) {
	m := load(t)
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 3} {
		byRole := map[corpus.Role]int{}
		const draws = 3000
		for range draws {
			q, err := m.Pick(r, WhoSaid, n)
			if err != nil {
				t.Fatal(err)
			}
			byRole[q.Source.Role]++
		}
		for role, c := range byRole {
			if share, want := float64(c)/draws, 1/float64(len(byRole)); share < want-0.05 || share > want+0.05 {
				t.Errorf("exchange %d: %s's words in %.2f of the draws; want %.2f", n, role, share, want)
			}
		}
		if n == 0 && len(byRole) < 3 {
			t.Errorf("exchange 0: speakers %v; want the interviewee, the interviewer and the newspaper", byRole)
		}
	}
	for _, ex := range m.Interview().Exchanges() {
		seen := map[corpus.Role]bool{}
		for range 200 {
			q, err := m.Pick(r, WhoSaid, ex.Number)
			if err != nil {
				t.Fatal(err)
			}
			seen[q.Source.Role] = true
		}
		if len(seen) < 2 {
			t.Errorf("exchange %d: speakers %v; want two or more to tell apart", ex.Number, seen)
		}
	}
}

// TestWhoSaidNoQuestionMark: no who-said sentence ends in "?", which
// would give the interviewer away (and the introduction's question
// could fairly be taken for the interviewer's).
func TestWhoSaidNoQuestionMark(t *testing.T) {
	m := load(t)
	for _, q := range m.who {
		if strings.Contains(q.FR, "?") || strings.Contains(q.EN, "?") {
			t.Errorf("%s: %q asks a question", whoID(q), q.FR)
		}
	}
	if _, err := m.Question("w-intro.3-0"); err == nil {
		t.Error("w-intro.3-0, the introduction's question, is still asked about")
	}
}

// TestGapOneFit: a fill-the-gap item's choices share the answer's
// grammar (an English "-ing" form only among "-ing" forms, a base form
// among base forms, a French infinitive among infinitives), and the wrong words that also fitted
// the sentences a teacher named are offered no more.
func TestGapOneFit(t *testing.T) {
	m := load(t)
	infinitive := regexp.MustCompile(`(er|ir|re)$`)
	for i := range m.gaps {
		q, err := m.fillGap(&m.gaps[i])
		if err != nil {
			t.Fatal(err)
		}
		// "-ing" after three letters or more: "bring" is a base form.
		ing := func(s string) bool { return len(s) > 5 && strings.HasSuffix(s, "ing") }
		for _, c := range q.Choices {
			switch kind := m.gaps[i].Kind; {
			case kind == "verbe-ger" && !ing(c.EN), kind == "verbe-inf" && ing(c.EN):
				t.Errorf("%s (%s): %q does not fit the English sentence's grammar", q.ID, kind, c.EN)
			case strings.HasPrefix(kind, "verbe") && !infinitive.MatchString(c.FR):
				t.Errorf("%s: %q is not an infinitive", q.ID, c.FR)
			}
		}
	}
	for id, fits := range map[string][]string{
		"g-31e95116": {"gouvernements", "principes", "signes"},
		"g-9353ccdd": {"discuter", "mettre"},
		"g-997b6f22": {"idées", "entreprises"},
		"g-64489de2": {"mondialisées"},
		"g-7023abc7": {"mondialisées"},
		"g-0768afbb": {"mondialisées", "civiles"},
		"g-c5b5c14e": {"infrastructures", "entreprises"},
	} {
		q, err := m.Question(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range q.Choices {
			if slices.Contains(fits, c.FR) {
				t.Errorf("%s: %q, which also fits the sentence, is offered", id, c.FR)
			}
		}
	}
}

// demonstrative finds a demonstrative that points at what the question
// does not say ("ce rôle", "this idea", "ainsi"), outside quotation
// marks; "à ce stade" and "at this stage" point at the time.
var demonstrative = regexp.MustCompile(`(?i)\b(ce|cet|cette|ces|this|these|those)\s+(\p{L}+)|\bainsi\b`)

// TestItemsStandAlone: a comprehension question drawn alone by /quiz
// names what it asks about: no "ce domaine", "cette idée", "ainsi" with
// nothing before it to point to.
func TestItemsStandAlone(t *testing.T) {
	m := load(t)
	quoted := regexp.MustCompile(`«[^»]*»|“[^”]*”`)
	for _, c := range m.comprehension {
		for _, q := range []string{c.Question.FR, c.Question.EN} {
			for _, d := range demonstrative.FindAllStringSubmatch(quoted.ReplaceAllString(q, ""), -1) {
				if strings.EqualFold(d[2], "stade") || strings.EqualFold(d[2], "stage") {
					continue
				}
				t.Errorf("%s: %q points at what it does not say: %q", c.ID, q, d[0])
			}
		}
	}
}

// TestGapsRemoved: the gaps whose every wrong word also made a sensible
// sentence (a second right answer the fact-checks found, whatever the
// words tried) are gone, not back with other words.
func TestGapsRemoved(t *testing.T) {
	m := load(t)
	for _, id := range []string{"g-f3e1ce55", "g-d6635eee", "g-2ecfdbc4"} {
		if _, err := m.Question(id); !errors.Is(err, ErrNoQuestion) {
			t.Errorf("Question(%s) = %v; want ErrNoQuestion, the item removed", id, err)
		}
	}
}
