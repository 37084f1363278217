package classroom

import (
	"math/rand/v2"
	"regexp"
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
