package reader

import (
	"fmt"
	"strconv"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// Fragment returns the fragment of the reader's URL that lands on r: its
// first sentence ("a6.1.2"), or the passage ("a6.1") when r names no
// sentence. A link to r is the reader's address, "#", and the fragment.
// The page highlights the sentence it lands on, the original and its
// translation.
func Fragment(r classroom.Ref) string {
	if len(r.Sentences) == 0 {
		return r.Passage
	}
	return sentenceID(r.Passage, r.Sentences[0])
}

// sentenceID is the anchor of a passage's sentence: the passage's ID,
// ".", and the sentence's index from 0, as in a classroom.Ref.
func sentenceID(passage string, i int) string { return passage + "." + strconv.Itoa(i) }

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
