// Package classroom holds what the bot offers a class: quiz questions
// built from the interview's own text, comprehension and open questions,
// discussion prompts with notes for the teacher, a glossary, a timeline
// and the curriculum it serves. Its content is data
// (data/*.json), checked against the interview when it loads, never text
// made up at run time: every quote it gives is sentences of the corpus,
// located by passage and sentence, so it is verbatim by construction.
//
// It knows nothing of Discord or HTTP; bot and the web reader adapt it.
package classroom

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

//go:embed data/*.json
var data embed.FS

// Text is a short text in both languages.
type Text = corpus.Text

// Ref locates sentences of a passage: Sentences are indexes into its
// sentences, in order; none means the whole passage.
type Ref struct {
	Passage   string `json:"passage"`
	Sentences []int  `json:"sentences"`
}

// maxIDLen is the longest an item's ID may be: it travels in the custom
// IDs of Discord's buttons, which take 100 characters.
const maxIDLen = 40

// ValidID reports whether id can name an item: lowercase letters,
// digits, "." and "-", at most maxIDLen, as the buttons that carry it
// expect.
func ValidID(id string) bool {
	return id != "" && len(id) <= maxIDLen && strings.Trim(id, "abcdefghijklmnopqrstuvwxyz0123456789.-") == ""
}

// Anchor is where a link to r lands in the web reader: its first
// sentence ("a6.1.2": the passage, ".", the sentence's index from 0), or
// the passage ("a6.1") when r names no sentence.
func (r Ref) Anchor() string {
	if len(r.Sentences) == 0 {
		return r.Passage
	}
	return r.Passage + "." + strconv.Itoa(r.Sentences[0])
}

// Quote is cited text, taken from the interview by a Ref.
type Quote struct {
	Ref
	Exchange int
	Role     corpus.Role
	// Speaker is the interviewee's name for answers, else the corpus's
	// "article" or "interviewer".
	Speaker string
	// FR is the published French, verbatim; EN its translation (ours).
	FR, EN string
}

// Interviewee reports whether the quote is the interviewee's words.
func (q Quote) Interviewee() bool { return q.Role == corpus.RoleAnswer }

// In returns the quote in l: the original, or the translation.
func (q Quote) In(l lang.Language) string {
	if l.IsEnglish() {
		return q.EN
	}
	return q.FR
}

// Levels of the comprehension questions and prompts.
const (
	Secondary  = "secondary"
	University = "university"
)

// Material is the classroom content for one interview.
type Material struct {
	iv            *corpus.Interview
	glossary      []Term
	timeline      []Event
	comprehension []Comprehension
	prompts       []Prompt
	open          []Open
	course        course
	gaps          []gap
	notes         []Note
	// who is the pool of "who said it?" sentences.
	who []Quote
	// files are the data files as loaded, for Export.
	files []File
}

// sentence is one sentence of the interview, folded in each language.
type sentence struct {
	ref    Ref
	fr, en folded
}

// sentences returns iv's sentences, folded once for all the glossary's
// terms.
func sentences(iv *corpus.Interview) []sentence {
	var out []sentence
	for _, p := range iv.Paragraphs {
		for s := range p.FR {
			out = append(out, sentence{Ref{Passage: p.ID, Sentences: []int{s}}, newFolded(p.FR[s]), newFolded(p.EN[s])})
		}
	}
	return out
}

// ErrOtherInterview says the classroom data does not fit the interview:
// it was written for another text (one loaded with --corpus), or a
// teacher's copy (LoadFS) cites or quotes the text wrong.
var ErrOtherInterview = errors.New("classroom: the classroom material was written for another interview")

// Load reads the embedded material and checks it against iv, as LoadFS
// does.
func Load(iv *corpus.Interview) (*Material, error) {
	fsys, err := fs.Sub(data, "data")
	if err != nil {
		return nil, fmt.Errorf("classroom: %w", err)
	}
	return LoadFS(iv, fsys)
}

// LoadFS reads the material from the JSON files at the root of fsys (an
// edited copy that Export wrote) and checks it against iv: every
// citation must name sentences iv has, and every excerpt the data
// quotes must occur in them. Every file must be there, none other, and
// no field unknown. Each mistake is a *FileError that names the file
// and the line: a missing file wraps ErrMissing, an unknown one
// ErrUnknownFile, and a mistake of the data against iv's text is wrapped
// in ErrOtherInterview too.
func LoadFS(iv *corpus.Interview, fsys fs.FS) (*Material, error) {
	m := &Material{iv: iv}
	l := &loader{fsys: fsys}
	var names []string
	for _, f := range []struct {
		name string
		v    any
	}{
		{"glossary.json", &m.glossary},
		{"timeline.json", &m.timeline},
		{"comprehension.json", &m.comprehension},
		{"discuss.json", &m.prompts},
		{"open.json", &m.open},
		{"course.json", &m.course},
		{"gaps.json", &m.gaps},
		{"notes.json", &m.notes},
	} {
		l.decode(f.name, f.v)
		names = append(names, f.name)
	}
	// Every mistake at once: the files that decode are checked against
	// the interview even when another does not, so that a teacher does
	// not correct one stage to meet the next.
	read := l.finish(names)
	m.files = l.files
	resolved := m.resolve(l.failed)
	switch {
	case read != nil && resolved != nil:
		return nil, errors.Join(fmt.Errorf("classroom: %w", read), fmt.Errorf("%w: %w", ErrOtherInterview, resolved))
	case read != nil:
		return nil, fmt.Errorf("classroom: %w", read)
	case resolved != nil:
		return nil, fmt.Errorf("%w: %w", ErrOtherInterview, resolved)
	}
	order := textOrder(iv)
	slices.SortStableFunc(m.notes, func(a, b Note) int { return order(a.Cite, b.Cite) })
	m.who = whoPool(iv)
	return m, nil
}

// textOrder compares two references by where they are in iv: by
// passage, then by sentence.
func textOrder(iv *corpus.Interview) func(a, b Ref) int {
	index := map[string]int{}
	for i, p := range iv.Paragraphs {
		index[p.ID] = i
	}
	return func(a, b Ref) int {
		return cmp.Or(cmp.Compare(index[a.Passage], index[b.Passage]), slices.Compare(a.Sentences, b.Sentences))
	}
}

// Interview returns the interview the material is about.
func (m *Material) Interview() *corpus.Interview { return m.iv }

// quote resolves r in the interview.
func (m *Material) quote(r Ref) (Quote, error) {
	p := m.iv.Paragraph(r.Passage)
	if p == nil {
		return Quote{}, fmt.Errorf("no passage %q", r.Passage)
	}
	q := Quote{Ref: r, Exchange: p.Exchange, Role: p.Role, Speaker: p.Speaker}
	if len(r.Sentences) == 0 {
		q.FR, q.EN = p.Text(), p.Translation()
		return q, nil
	}
	var fr, en strings.Builder
	for i, s := range r.Sentences {
		if s < 0 || s >= len(p.FR) || (i > 0 && s <= r.Sentences[i-1]) {
			return Quote{}, fmt.Errorf("%s: sentence %d: out of range or order", r.Passage, s)
		}
		switch {
		case i > 0 && s > r.Sentences[i-1]+1:
			fr.WriteString(" " + Omission + " ")
			en.WriteString(" " + Omission + " ")
		case i > 0:
			fr.WriteString(" ")
			en.WriteString(" ")
		}
		fr.WriteString(p.FR[s])
		en.WriteString(p.EN[s])
	}
	q.FR, q.EN = fr.String(), en.String()
	return q, nil
}

// Omission marks sentences left out between two quoted ones.
const Omission = "[…]"

// resolve fills every item's quotes and checks its excerpts. Its errors
// name the file and the line of each item at fault.
func (m *Material) resolve(skip map[string]bool) error {
	var errs []error
	type place struct {
		file string
		i    int
	}
	seen := map[string]place{}
	// check records the error of the i-th item of file (-1: the file,
	// when it is one object), named id, and that of a second item of the
	// file with the same id.
	// Prompts and open questions share one namespace: a /discuss button
	// names its item by ID alone.
	space := func(file string) string {
		if file == "open.json" {
			return "discuss.json"
		}
		return file
	}
	check := func(file string, i int, id string, err error) {
		if skip[file] {
			return
		}
		if id == "" {
			errs = append(errs, m.itemError(file, i, errors.New("an item without an id")))
			id = "(no id)"
		} else if file != "gaps.json" && i >= 0 && !ValidID(id) { // a gap is named by its word
			errs = append(errs, m.itemError(file, i, fmt.Errorf("id %q: want lowercase letters, digits, '.' and '-', at most %d", id, maxIDLen)))
		} else if first, ok := seen[space(file)+"\x00"+id]; ok {
			errs = append(errs, m.itemError(file, i, fmt.Errorf("%s: a second item with this id (the first is %s, line %d)", id, first.file, m.itemLine(first.file, first.i))))
		} else {
			seen[space(file)+"\x00"+id] = place{file, i}
		}
		if err != nil {
			errs = append(errs, m.itemError(file, i, fmt.Errorf("%s: %w", id, err)))
		}
	}
	for i := range m.timeline {
		e := &m.timeline[i]
		check("timeline.json", i, e.ID, e.resolve(m))
	}
	for i := range m.comprehension {
		c := &m.comprehension[i]
		check("comprehension.json", i, c.ID, c.resolve(m))
	}
	for i := range m.prompts {
		p := &m.prompts[i]
		check("discuss.json", i, p.ID, p.resolve(m))
	}
	for i := range m.notes {
		n := &m.notes[i]
		check("notes.json", i, n.ID, n.resolve(m))
	}
	for i := range m.open {
		o := &m.open[i]
		check("open.json", i, o.ID, o.resolve(m))
	}
	check("course.json", -1, "curriculum", m.course.check())
	sents := sentences(m.iv)
	for i := range m.glossary {
		t := &m.glossary[i]
		check("glossary.json", i, t.ID, t.resolve(m, sents))
	}
	for i := range m.gaps {
		g := &m.gaps[i]
		check("gaps.json", i, fmt.Sprintf("gap %s/%d %q", g.Passage, g.Sentence, g.FR), g.resolve(m))
	}
	return errors.Join(errs...)
}

// contains reports whether excerpt occurs in text, spaces normalised.
func contains(text, excerpt string) bool {
	return excerpt != "" && strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(excerpt), " "))
}

// exchangeOK reports whether n is 0 (any) or an exchange of iv.
func (m *Material) exchangeOK(n int) bool {
	_, ok := m.iv.Exchange(n)
	return n == 0 || ok
}

// ptrs returns pointers to items, so that callers share them.
func ptrs[T any](items []T) []*T {
	out := make([]*T, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out
}

// inExchange filters items by exchange (0: all).
func inExchange[T any](items []T, n int, exchange func(*T) int) []*T {
	out := ptrs(items)
	if n == 0 {
		return out
	}
	return slices.DeleteFunc(out, func(p *T) bool { return exchange(p) != n })
}
