package retrieval

import (
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// A request for a translation ("what does 'premiers intervenants' mean in
// English?", "comment traduire « approche pluriacteurs » ?") quotes the
// French words it wants translated: they are looked for in the whole
// text, the journalist's questions and the introduction included, and
// the hit is the sentence that holds them (Hit.Span).

// minPhraseWords is the fewest words a quoted phrase is looked up by: a
// single word is found almost anywhere.
const minPhraseWords = 2

// phraseRun is a sentence, or a run of two, of a paragraph on one side
// (French, or our English translation), as folded words between spaces
// (" nous ne faisons pas la loi "): what a quoted phrase is looked for
// in, word for word, whatever the accents, case and punctuation.
type phraseRun struct {
	p          *corpus.Paragraph
	from, to   int
	translated bool
	words      string
}

// phraseRuns returns the runs of iv in the order they are looked in:
// French before our translation, a sentence before a run of two, and
// the interviewee's answers before the introduction and the questions,
// so that words he says too are his ("l'appel de Paris").
func phraseRuns(iv *corpus.Interview, fr, en *analysis.Analyzer) []phraseRun {
	var paras []*corpus.Paragraph
	for _, answers := range []bool{true, false} {
		for i := range iv.Paragraphs {
			if p := &iv.Paragraphs[i]; p.IsInterviewee() == answers {
				paras = append(paras, p)
			}
		}
	}
	var out []phraseRun
	for side, an := range []*analysis.Analyzer{fr, en} {
		for span := 1; span <= 2; span++ {
			for _, p := range paras {
				ss := p.FR
				if side == 1 {
					ss = p.EN
				}
				for s := 0; s+span <= len(ss); s++ {
					out = append(out, phraseRun{p: p, from: s, to: s + span, translated: side == 1,
						words: " " + strings.Join(an.Tokens(strings.Join(ss[s:s+span], " "), nil), " ") + " "})
				}
			}
		}
	}
	return out
}

// phraseWords returns a quoted phrase as runs hold words, folded by each
// side's analyzer (French, then English), if it has minWords words or
// more.
func (ix *Index) phraseWords(phrase string, minWords int) (want [2]string, ok bool) {
	fr, en := ix.langs[langSlot(French)].an, ix.langs[langSlot(English)].an
	wantFR := fr.Tokens(phrase, nil)
	if len(wantFR) < minWords {
		return want, false
	}
	return [2]string{" " + strings.Join(wantFR, " ") + " ", " " + strings.Join(en.Tokens(phrase, nil), " ") + " "}, true
}

// holds reports whether r holds a phrase, as phraseWords makes it, on
// its side.
func (r phraseRun) holds(want [2]string) bool {
	if r.translated {
		return strings.Contains(r.words, want[1])
	}
	return strings.Contains(r.words, want[0])
}

// phraseHits returns, for each of phrases of minWords words or more,
// the sentence (or run of two) that holds it, each once, in the order
// quoted; missing is true when a phrase is nowhere, and found lists the
// phrases found, as quoted.
func (ix *Index) phraseHits(phrases []string, minWords int) (out []Hit, found []string, missing bool) {
	runs := ix.phrases()
	for _, phrase := range phrases {
		want, ok := ix.phraseWords(phrase, minWords)
		if !ok {
			continue
		}
		i := slices.IndexFunc(runs, func(r phraseRun) bool { return r.holds(want) })
		if i < 0 {
			missing = true
			continue
		}
		r := runs[i]
		found = append(found, phrase)
		h := Hit{Paragraph: r.p, Score: 1, Coverage: 1, Span: [2]int{r.from, r.to}, Translated: r.translated}
		if !slices.ContainsFunc(out, func(o Hit) bool { return o.Paragraph == r.p && o.Span == h.Span }) {
			out = append(out, h)
		}
	}
	return out, found, missing
}

// PhraseIn reports whether text, French or English, holds phrase word
// for word, as a quoted phrase is found: whatever the accents, case and
// punctuation.
func PhraseIn(text, phrase string) bool {
	for _, an := range []*analysis.Analyzer{analysis.New(French), analysis.New(English)} {
		want := an.Tokens(phrase, nil)
		if len(want) > 0 && strings.Contains(" "+strings.Join(an.Tokens(text, nil), " ")+" ", " "+strings.Join(want, " ")+" ") {
			return true
		}
	}
	return false
}

// questionsWith returns the journalist's questions that hold one of the
// phrases (two words or more), as written or in our translation: "la
// question sur les « diplomaties privées »" names the question that says
// it, whichever answer shares a word of it.
func (ix *Index) questionsWith(phrases []string) []Hit {
	var out []Hit
	for _, phrase := range phrases {
		want, ok := ix.phraseWords(phrase, minPhraseWords)
		if !ok {
			continue
		}
		for _, r := range ix.phrases() {
			if r.p.Role == corpus.RoleQuestion && r.holds(want) &&
				!slices.ContainsFunc(out, func(h Hit) bool { return h.Paragraph == r.p }) {
				out = append(out, Hit{Paragraph: r.p, Score: 1, Coverage: 1})
			}
		}
	}
	return out
}
