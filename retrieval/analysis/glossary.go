package analysis

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/tsv"
)

// Glossary is a bilingual list of concepts, each with the French and
// English terms that name it. A question using one term also matches the
// others of its language.
type Glossary struct {
	Concepts []Concept
	// stems holds each language's analysis of the terms, made once: it
	// does not depend on the interview, and every index build needs it.
	stems [2]func() [][][]string // by langSlot: concept → term → stems
	once  sync.Once              // sets stems, for a Glossary not made by ParseGlossary
}

// Stems returns the stems of every term of every concept in l, by
// concept and term (Analyzer.Terms), made once.
func (g *Glossary) Stems(l lang.Language) [][][]string {
	g.once.Do(g.init)
	return g.stems[langSlot(l)]()
}

func (g *Glossary) init() {
	for _, l := range []lang.Language{lang.French, lang.English} {
		g.stems[langSlot(l)] = sync.OnceValue(func() [][][]string {
			an := New(l)
			out := make([][][]string, len(g.Concepts))
			for c, con := range g.Concepts {
				for _, term := range con.Terms(l) {
					if stems := an.Terms(term); len(stems) > 0 {
						out[c] = append(out[c], stems)
					}
				}
			}
			return out
		})
	}
}

// Concept is one glossary line.
type Concept struct {
	Name string
	FR   []string
	EN   []string
}

// Terms returns the concept's terms in l.
func (c Concept) Terms(l lang.Language) []string {
	if l == lang.English {
		return c.EN
	}
	return c.FR
}

// DefaultGlossary returns the embedded glossary of the interview's key
// terms. It is parsed once and shared.
var DefaultGlossary = sync.OnceValue(parseDefaultGlossary)

func parseDefaultGlossary() *Glossary {
	f, err := dataFS.Open("data/glossary.tsv")
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	defer f.Close()
	g, err := ParseGlossary(f)
	if err != nil {
		panic(fmt.Sprintf("analysis: embedded glossary is invalid: %v", err))
	}
	return g
}

// ParseGlossary reads a glossary: lines of name, French terms and English
// terms separated by tabs, terms separated by commas; # starts a comment.
func ParseGlossary(r io.Reader) (*Glossary, error) {
	g := &Glossary{}
	err := tsv.Read(r, "glossary", func(l tsv.Line) error {
		cols := l.Fields
		if len(cols) != 3 {
			return fmt.Errorf("glossary: line %d: want 3 tab-separated columns (name, French, English), got %d", l.N, len(cols))
		}
		g.Concepts = append(g.Concepts, Concept{Name: cols[0], FR: splitTerms(cols[1]), EN: splitTerms(cols[2])})
		return nil
	})
	if err != nil {
		return nil, err
	}
	g.once.Do(g.init)
	return g, nil
}

func splitTerms(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
