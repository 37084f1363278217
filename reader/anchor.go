package reader

import (
	"fmt"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// sentenceID is the anchor of a passage's sentence, where a link to a
// classroom.Ref of it lands (Ref.Anchor). The page highlights the
// sentence it lands on, the original and its translation.
func sentenceID(passage string, i int) string {
	return classroom.Ref{Passage: passage, Sentences: []int{i}}.Anchor()
}

// checkIDs makes sure no sentence's anchor is a passage's too: an
// interview loaded with --corpus could name a passage "q8.0".
func checkIDs(iv *corpus.Interview) error {
	passages := map[string]bool{}
	for _, p := range iv.Paragraphs {
		passages[p.ID] = true
	}
	for _, p := range iv.Paragraphs {
		for i := range p.FR {
			if id := sentenceID(p.ID, i); passages[id] {
				return fmt.Errorf("sentence %d of passage %s and passage %s would share the anchor #%s", i, p.ID, id, id)
			}
		}
	}
	return nil
}
