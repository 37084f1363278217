package answer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/prompts"
)

// A model's answer is a few claims, each with the IDs of the sentences
// that support it, as Anthropic's Citations API returns them, asked of
// any OpenAI-compatible server. The model points at sentences; it never
// quotes them: what is shown under the claims is the published
// sentences the bot holds.

// dashed is a sentence ID written with a dash for the slash: a8.1-3.
var dashed = regexp.MustCompile(`^((?:a[0-9]+\.[0-9]+|q[0-9]+|intro\.[0-9]+))-([0-9]+)$`)

// offered are the sentences a prompt offers, by ID.
type offered map[string]sentenceRef

// sentenceRef is one sentence of a paragraph.
type sentenceRef struct {
	p *corpus.Paragraph
	i int // from 0
}

// sentenceID is how a prompt names sentence i (from 0) of p.
func sentenceID(p *corpus.Paragraph, i int) string { return p.ID + "/" + strconv.Itoa(i+1) }

func newOffered(iv *corpus.Interview, ss []prompts.Sentence) offered {
	o := offered{}
	for _, s := range ss {
		id, n, _ := strings.Cut(s.ID, "/")
		i, err := strconv.Atoi(n)
		if p := iv.Paragraph(id); p != nil && err == nil && i >= 1 && i <= len(p.FR) {
			o[s.ID] = sentenceRef{p, i - 1}
		}
	}
	return o
}

// resolve returns the offered sentences an ID a model wrote names: one,
// a run of them ("a7.1/2-3"), or, for a paragraph's ID alone, every
// offered sentence of it. IDs are read loosely: brackets, spaces and
// case do not matter, and "#" or "-" may stand for "/" ("a8.1-3").
func (o offered) resolve(id string) []sentenceRef {
	id = strings.ToLower(strings.Trim(strings.TrimSpace(id), "[](){}<> "))
	id = strings.ReplaceAll(strings.ReplaceAll(id, " ", ""), "#", "/")
	if m := dashed.FindStringSubmatch(id); m != nil {
		id = m[1] + "/" + m[2]
	}
	if r, ok := o[id]; ok {
		return []sentenceRef{r}
	}
	if para, span, ok := strings.Cut(id, "/"); ok {
		// A run of sentences: a7.1/2-3.
		from, to, ok := strings.Cut(span, "-")
		f, err1 := strconv.Atoi(from)
		l, err2 := strconv.Atoi(to)
		if !ok || err1 != nil || err2 != nil || l < f || l-f > 20 {
			return nil
		}
		var out []sentenceRef
		for i := f; i <= l; i++ {
			if r, ok := o[para+"/"+strconv.Itoa(i)]; ok {
				out = append(out, r)
			}
		}
		return out
	}
	var out []sentenceRef
	for _, r := range o {
		if r.p.ID == id {
			out = append(out, r)
		}
	}
	return out
}
