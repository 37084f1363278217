package answer

import (
	"context"
	"testing"

	"github.com/interviewbot/interviewbot/answer/reply"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/prompts"
)

func TestResolveIDs(t *testing.T) {
	iv := corpus.Default()
	p := iv.Paragraph("a7.1")
	var ss []prompts.Sentence
	for i := range p.FR {
		ss = append(ss, prompts.Sentence{ID: sentenceID(p, i)})
	}
	o := newOffered(iv, ss)
	for id, want := range map[string]int{"a7.1/1": 1, "[a7.1/2]": 1, "A7.1 # 2": 1, "a7.1-2": 1, "a7.1/1-3": 3, "a7.1": len(p.FR), "a7.1/99": 0, "a8.1/1": 0, "intro.1": 0} {
		if got := len(o.resolve(id)); got != want {
			t.Errorf("resolve(%q) = %d sentences; want %d", id, got, want)
		}
	}
}

// TestClaims: each claim is held to its own sentences. The cases are the
// unfaithful replies that used to be shown, and honest ones that used to
// be refused.
func TestClaims(t *testing.T) {
	iv := corpus.Default()
	s := newService(t, Options{})
	l := &phraser{c: s.c, events: NoEvents{}}
	offer := offered{}
	for _, id := range []string{"a7.1", "a4.1", "intro.1", "a8.1", "a5.2", "a2.1", "a1.1"} {
		p := iv.Paragraph(id)
		for i := range p.FR {
			offer[sentenceID(p, i)] = sentenceRef{p, i}
		}
	}
	tt := []struct {
		name, question, text string
		cites                []string
		keep                 bool
	}{
		{"a paraphrase in English", "Will states stop spying?", "He says espionage has been part of what states do since they first existed.", []string{"a7.1/1"}, true},
		{"a paraphrase in French", "Les Etats vont-ils arrêter de s'espionner ?", "Selon lui, les États espionnent depuis leur apparition.", []string{"a7.1/1"}, true},
		{"his own words in quotation marks", "Will states stop spying?", "He says “L’espionnage fait partie de l’activité des Etats”.", []string{"a7.1/1"}, true},
		{"the asker's words in quotation marks", "Will states stop spying?", "Asked whether states will 'stop spying', he says espionage is as old as states.", []string{"a7.1/1"}, true},
		{"a possessive and an accent", "Microsoft and security?", "Microsoft's role in security is threefold, Smith's answer says.", []string{"a4.1/2"}, true},
		{"a fact the text lacks", "What did Microsoft do about WannaCry?", "Microsoft released emergency patches for Windows XP.", []string{"a4.1/1"}, false},
		{"an opinion the text lacks", "What about AI?", "Brad Smith thinks AI should be regulated by governments.", []string{"a7.1/1"}, false},
		{"the newspaper's words as his", "What does Microsoft do?", "Brad Smith says Microsoft plays a surprising part in cyberspace.", []string{"intro.1/1"}, false},
		{"the newspaper's words as the newspaper's", "What does Microsoft do?", "The newspaper writes that Microsoft plays a surprising part in cyberspace.", []string{"intro.1/1"}, true},
		{"invented words in quotation marks", "Will states stop spying?", "He says “spying must end now”.", []string{"a7.1/1"}, false},
		{"no sentence offered", "Will states stop spying?", "Spying is old.", []string{"a9.9/1"}, false},
		{"the question's words in quotation marks, as his", "Did Smith say governments should be above the law?", "Brad Smith said \"governments should be above the law\".", []string{"a2.1/1"}, false},
		{"a fragment that turns his sentence around", "Is technology above the law?", "Smith says technology « devrait être au-dessus des lois ».", []string{"a2.1/1"}, false},
		{"the newspaper's words as his, unnamed", "What happened with WannaCry?", "He says WannaCry swept through hundreds of thousands of computers.", []string{"intro.1/4"}, false},
		{"the newspaper's and his, all given to him", "Is Microsoft lobbying?", "Brad Smith says Microsoft is lobbying very actively for peace in cyberspace.", []string{"intro.1/2", "a1.1/6"}, false},
		{"a politician slipped in", "Are we back in the 1930s?", "Smith agrees with Macron that democracy weakened in the 1930s.", []string{"a8.1/1"}, false},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			kept, reason, err := l.checkClaims(context.Background(), iv, tc.question, offer, []reply.Claim{{Text: tc.text, Cites: tc.cites}})
			if (len(kept) == 1) != tc.keep {
				t.Errorf("claim %q citing %v: kept %v (%s: %v); want kept %v", tc.text, tc.cites, len(kept) == 1, reason, err, tc.keep)
			}
			if len(kept) != 1 {
				return
			}
			if spans, closed := quotedSpans(kept[0].text); len(spans) > 0 || !closed {
				t.Errorf("claim %q shown as %q; want no quotation marks: only the bot quotes", tc.text, kept[0].text)
			}
		})
	}
}
