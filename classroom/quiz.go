package classroom

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
)

// Kind is a kind of quiz question.
type Kind string

// The kinds of quiz question.
const (
	// WhoSaid shows a sentence, verbatim, and asks whose words it is:
	// the interviewee's, the interviewer's or the newspaper's.
	WhoSaid Kind = "who"
	// FillGap shows one of the interviewee's sentences with a word
	// blanked, and that word among three of the same kind used elsewhere
	// in the interview.
	FillGap Kind = "gap"
	// Understand asks a comprehension question written as data.
	Understand Kind = "comprehension"
)

// Kinds lists the kinds, in the order a class meets them.
var Kinds = []Kind{WhoSaid, FillGap, Understand}

// ParseKind reads a kind by its name.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Kinds, k) {
		return "", fmt.Errorf("unknown kind of question %q: want who, gap or comprehension", s)
	}
	return k, nil
}

// Blank stands for the word to find in a fill-the-gap sentence.
const Blank = "_____"

// Question is one quiz question. Its ID rebuilds it, the same on every
// instance, so that an answer can be checked anywhere.
type Question struct {
	ID       string
	Kind     Kind
	Exchange int
	// Ask is what the question shows: a sentence (WhoSaid), a sentence
	// with a Blank (FillGap) or a question (Understand). For WhoSaid and
	// FillGap, FR is the published text and EN our translation.
	Ask     Text
	Choices []Text
	Answer  int
	// Source is the passage that answers it, verbatim, shown after.
	Source Quote
	// Note, if any, is the bot's remark on the answer (see
	// Comprehension.Note).
	Note Text
	// Notes are the critical notes on the source's sentences.
	Notes []*Note
	// Why says, for each wrong choice, why it is wrong per the text
	// (empty for the right one), where the item says.
	Why []Text
}

// Version is a short digest of the question's choices: an answer given
// to a question whose choices have changed since (the data was edited)
// is not scored against the new ones.
func (q Question) Version() string {
	h := fnv.New32a()
	for _, c := range q.Choices {
		fmt.Fprintf(h, "%s\x00%s\x00", c.FR, c.EN)
	}
	fmt.Fprint(h, q.Answer)
	return fmt.Sprintf("%04x", h.Sum32()&0xffff)
}

// The three speakers a WhoSaid question offers, in this order.
var whoChoices = []Text{
	{FR: "Brad Smith", EN: "Brad Smith"},
	{FR: "Le journaliste, dans sa question", EN: "The interviewer, in a question"},
	{FR: "Le journal, dans son introduction", EN: "The newspaper, in its introduction"},
}

// whoAnswer returns the index in whoChoices for a role.
func whoAnswer(r corpus.Role) int {
	switch r {
	case corpus.RoleAnswer:
		return 0
	case corpus.RoleQuestion:
		return 1
	}
	return 2
}

// minWhoWords keeps WhoSaid to sentences long enough to weigh.
const minWhoWords = 8

// whoPool returns the sentences a WhoSaid question may show: statements
// long enough to weigh. Not questions: 10 of the interviewer's 13
// sentences end in "?", which would give them away, and the one in the
// introduction could fairly be taken for the interviewer's.
func whoPool(iv *corpus.Interview) []Quote {
	var out []Quote
	for _, p := range iv.Paragraphs {
		for s, fr := range p.FR {
			if len(strings.Fields(fr)) < minWhoWords || strings.HasSuffix(strings.TrimRight(fr, " \u00a0»”\""), "?") {
				continue
			}
			out = append(out, Quote{Ref: Ref{Passage: p.ID, Sentences: []int{s}}, Exchange: p.Exchange, Role: p.Role, Speaker: p.Speaker, FR: fr, EN: p.EN[s]})
		}
	}
	return out
}

// gap is a fill-the-gap item: a word of one of the interviewee's
// sentences, and its kind, which its distractors share.
type gap struct {
	Passage  string `json:"passage"`
	Sentence int    `json:"sentence"`
	FR       string `json:"fr"`
	EN       string `json:"en"`
	Kind     string `json:"kind"`
	// Distractors, if any, are the wrong choices, written for this item
	// where words of its kind drawn from the others would also fit the
	// sentence, or not fit its grammar.
	Distractors []Text `json:"distractors"`

	quote  Quote
	fr, en phrases // the word, whole
	id     string
}

func (g *gap) resolve(m *Material) error {
	var err error
	if g.quote, err = m.quote(Ref{Passage: g.Passage, Sentences: []int{g.Sentence}}); err != nil {
		return err
	}
	if !g.quote.Interviewee() {
		return fmt.Errorf("%s is not the interviewee's answer", g.Passage)
	}
	if g.fr, err = newPhrases([]string{g.FR}); err != nil {
		return err
	}
	if g.en, err = newPhrases([]string{g.EN}); err != nil {
		return err
	}
	if n := len(g.fr.find(g.quote.FR)); n != 1 {
		return fmt.Errorf("%q occurs %d times in the sentence; want once", g.FR, n)
	}
	if n := len(g.en.find(g.quote.EN)); n != 1 {
		return fmt.Errorf("%q occurs %d times in the translation; want once", g.EN, n)
	}
	if err := g.checkDistractors(); err != nil {
		return err
	}
	h := fnv.New32a()
	fmt.Fprintf(h, "%s\x00%d\x00%s", g.Passage, g.Sentence, g.FR)
	g.id = fmt.Sprintf("g-%08x", h.Sum32())
	return nil
}

// checkDistractors checks the item's own wrong choices: three, none of
// them the answer or a word of the sentence.
func (g *gap) checkDistractors() error {
	if len(g.Distractors) == 0 {
		return nil
	}
	if len(g.Distractors) != 3 {
		return fmt.Errorf("%d distractors; want 3", len(g.Distractors))
	}
	for i, d := range g.Distractors {
		if slices.ContainsFunc(g.Distractors[:i], func(o Text) bool { return same(o.FR, d.FR) || same(o.EN, d.EN) }) {
			return fmt.Errorf("distractor %q/%q: twice", d.FR, d.EN)
		}
		w, err := newPhrases([]string{d.FR, d.EN})
		if err != nil {
			return err
		}
		if d.FR == "" || d.EN == "" || strings.EqualFold(d.FR, g.FR) || strings.EqualFold(d.EN, g.EN) || w.in(g.quote.FR) || w.in(g.quote.EN) {
			return fmt.Errorf("distractor %q/%q: empty, the answer, or a word of the sentence", d.FR, d.EN)
		}
	}
	return nil
}

// blank returns s, in which word occurs once, with it replaced by Blank.
func blank(word phrases, s string) string {
	m := word.find(s)[0]
	return s[:m[0]] + Blank + s[m[1]:]
}

// distractors returns the items g's distractors are drawn from: of its
// kind, with words that do not occur in its sentence, each word once.
func (m *Material) distractors(g *gap) []*gap {
	var out []*gap
	for i := range m.gaps {
		d := &m.gaps[i]
		if d.Kind != g.Kind || d.fr.in(g.quote.FR) || d.en.in(g.quote.EN) ||
			strings.EqualFold(d.FR, g.FR) || strings.EqualFold(d.EN, g.EN) ||
			slices.ContainsFunc(out, func(o *gap) bool { return strings.EqualFold(o.FR, d.FR) || strings.EqualFold(o.EN, d.EN) }) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// seeded returns a generator seeded by id, so that a question's choices
// come out the same on every instance.
func seeded(id string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(id))
	return rand.New(rand.NewPCG(h.Sum64(), 0x1e7))
}

// ErrNoQuestion says no question fits what was asked.
var ErrNoQuestion = errors.New("classroom: no quiz question fits")

// Question rebuilds the question with the given ID.
func (m *Material) Question(id string) (Question, error) {
	kind, rest, _ := strings.Cut(id, "-")
	switch kind {
	case "w":
		for _, q := range m.who {
			if whoID(q) == id {
				return m.whoSaid(q), nil
			}
		}
	case "g":
		for i := range m.gaps {
			if m.gaps[i].id == id {
				return m.fillGap(&m.gaps[i])
			}
		}
	case "c":
		for i := range m.comprehension {
			if m.comprehension[i].ID == rest {
				return m.understand(&m.comprehension[i]), nil
			}
		}
	}
	return Question{}, fmt.Errorf("%w: %q", ErrNoQuestion, id)
}

func whoID(q Quote) string { return fmt.Sprintf("w-%s-%d", q.Passage, q.Sentences[0]) }

func (m *Material) whoSaid(q Quote) Question {
	return Question{ID: whoID(q), Kind: WhoSaid, Exchange: q.Exchange, Ask: Text{FR: q.FR, EN: q.EN}, Choices: whoChoices, Answer: whoAnswer(q.Role), Source: q, Notes: m.NotesOn(q.Ref)}
}

func (m *Material) fillGap(g *gap) (Question, error) {
	r := seeded(g.id)
	choices := append([]Text{{FR: g.FR, EN: g.EN}}, g.Distractors...)
	if len(g.Distractors) == 0 {
		pool := m.distractors(g)
		if len(pool) < 3 {
			return Question{}, fmt.Errorf("%w: %s has %d distractors", ErrNoQuestion, g.id, len(pool))
		}
		r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		for _, d := range pool[:3] {
			choices = append(choices, Text{FR: d.FR, EN: d.EN})
		}
	}
	q := Question{ID: g.id, Kind: FillGap, Exchange: g.quote.Exchange, Ask: Text{FR: blank(g.fr, g.quote.FR), EN: blank(g.en, g.quote.EN)}, Source: g.quote, Notes: m.NotesOn(g.quote.Ref)}
	q.Choices, q.Answer = place(r, choices, slices.IndexFunc(m.gaps, func(o gap) bool { return o.id == g.id }))
	return q, nil
}

func (m *Material) understand(c *Comprehension) Question {
	q := Question{ID: "c-" + c.ID, Kind: Understand, Exchange: c.Exchange, Ask: c.Question, Source: c.Quote, Note: c.Note, Notes: m.NotesOn(c.Cite)}
	q.Choices, q.Answer = place(seeded(q.ID), c.Choices, slices.IndexFunc(m.comprehension, func(o Comprehension) bool { return o.ID == c.ID }))
	if len(c.Wrong) == len(c.Choices)-1 {
		q.Why = make([]Text, len(q.Choices))
		for i, ch := range q.Choices {
			if j := slices.Index(c.Choices, ch); j > 0 {
				q.Why[i] = c.Wrong[j-1]
			}
		}
	}
	return q
}

// place returns choices, whose first is right, with the right one at the
// n-th item's letter of its kind, and the others in r's order. The items
// of a kind go by blocks of as many as there are letters, each block
// giving each letter once, in an order of its own: every letter is right
// as often as the others, and no run of items reads A, B, C.
func place(r *rand.Rand, choices []Text, n int) ([]Text, int) {
	k := len(choices)
	n = max(n, 0)
	answer := seeded(fmt.Sprint("letters:", k, ":", n/k)).Perm(k)[n%k]
	others := slices.Clone(choices[1:])
	r.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	out := slices.Insert(others, answer, choices[0])
	return out, answer
}

// Pick returns a question at random: of kind (empty: any) on exchange n
// (0: any; a WhoSaid question on 0 may come from the introduction), of
// any level.
func (m *Material) Pick(r *rand.Rand, kind Kind, n int) (Question, error) {
	return m.PickAt(r, kind, n, "")
}

// PickAt is Pick at a level ("" for any). "Who said it?" and "fill the
// gap" ask what the text says, the first level's skill: at the
// University level, a class gets comprehension questions of its level
// only; at the Secondary level, none of University's.
func (m *Material) PickAt(r *rand.Rand, kind Kind, n int, level string) (Question, error) {
	if level != "" {
		if err := checkLevel(level); err != nil {
			return Question{}, err
		}
	}
	if level == University && kind != Understand && kind != "" {
		return Question{}, ErrNoQuestion
	}
	switch kind {
	case "":
		// Each kind as often as the others, whatever their pool sizes,
		// and another when one has nothing on exchange n.
		for _, i := range r.Perm(len(Kinds)) {
			if q, err := m.PickAt(r, Kinds[i], n, level); err == nil {
				return q, nil
			}
		}
	case WhoSaid:
		// Whose words first, each speaker as often as the others, then
		// one of theirs: drawn from the pool, most would be Smith's,
		// and always answering Smith would score two in three.
		// On an exchange, the introduction's sentences join its own, so
		// that there are always two speakers or more to tell apart.
		pool := slices.DeleteFunc(ptrs(m.who), func(q *Quote) bool { return n != 0 && q.Exchange != n && q.Exchange != 0 })
		var roles []corpus.Role
		for _, q := range pool {
			if !slices.Contains(roles, q.Role) {
				roles = append(roles, q.Role)
			}
		}
		if len(roles) > 0 {
			role := roles[r.IntN(len(roles))]
			pool = slices.DeleteFunc(pool, func(q *Quote) bool { return q.Role != role })
			return m.whoSaid(*pool[r.IntN(len(pool))]), nil
		}
	case FillGap:
		if pool := inExchange(m.gaps, n, func(g *gap) int { return g.quote.Exchange }); len(pool) > 0 {
			return m.fillGap(pool[r.IntN(len(pool))])
		}
	case Understand:
		pool := slices.DeleteFunc(m.ComprehensionQuestions(n), func(c *Comprehension) bool { return level != "" && c.Level != level })
		if len(pool) > 0 {
			return m.understand(pool[r.IntN(len(pool))]), nil
		}
	}
	return Question{}, ErrNoQuestion
}
