package retrieval

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
)

func TestDebugTmp(t *testing.T) {
	qs := os.Getenv("Q")
	if qs == "" {
		t.Skip()
	}
	ix := New(corpus.Default(), DefaultOptions())
	for _, q := range strings.Split(qs, "|") {
		lang, sure := DetectLanguage(q)
		if !sure {
			lang, sure = ix.vocabularyLanguage(q)
		}
		li := ix.langs[langSlot(lang)]
		sc := ix.score(li, q)
		fmt.Printf("%q lang=%s sure=%v total=%.2f best=%.2f conf=%s ev=%.2f\n", q, lang, sure, sc.total, sc.bestCoverage(), sc.confidence(), sc.evidence())
		for _, c := range sc.concepts {
			var alts []string
			for _, a := range c.alts {
				alts = append(alts, fmt.Sprintf("%s/%.2f/%d", li.stems[a.id], a.w, a.kind))
			}
			fmt.Printf("   %-16s w=%.2f content=%v %v\n", c.stem, c.weight, c.content, alts)
		}
		for _, d := range sc.ranked[:min(5, len(sc.ranked))] {
			fmt.Printf("   %-8s score=%.2f cov=%.2f\n", ix.docs[d].p.ID, sc.scores[d], sc.coverage[d])
		}
	}
}

func TestDebugPicks(t *testing.T) {
	qs := os.Getenv("P")
	if qs == "" {
		t.Skip()
	}
	ix := New(corpus.Default(), DefaultOptions())
	for _, q := range strings.Split(qs, "|") {
		res := ix.Search(Query{Text: q})
		for _, h := range res.Hits {
			fmt.Printf("%q %s sents=%.2f picks=%v gains=%.2f\n", q, h.Paragraph.ID, h.Sentences, h.Picks, h.Gains)
		}
	}
}
