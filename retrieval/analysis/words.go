package analysis

import (
	"slices"
	"strings"

	"github.com/interviewbot/interviewbot/lang"
)

// key is how a phrase compares a word: stop words as written, others by
// their stem, so that "appels de Paris" is still the Paris Call.
func (a *Analyzer) key(tok string) string {
	if a.stop[tok] {
		return tok
	}
	return a.Stem(tok)
}

// PhraseSep joins the words of a phrase into one term. It is a byte no
// token holds, so a joined term is never mistaken for a word.
const PhraseSep = "_"

// Words returns the folded words of text, stop words included, with the
// multi-word expressions of the phrase list joined into one word each.
// A question's chat-speak is rewritten first (see Analyzer.chat).
func (a *Analyzer) Words(text string, question bool) []string {
	return a.words(text, question, nil, nil)
}

// QuestionWords is Words for a question with, in French, elisions typed
// without their apostrophe ("lappel", "sespionner") split off where known
// says the rest is a word and the whole is not.
//
// intern, if not nil, holds the strings of known tokens, so that those
// cost no allocation.
func (a *Analyzer) QuestionWords(text string, known func(string) bool, intern map[string]string) []string {
	return a.words(text, true, known, intern)
}

// words is Words, and QuestionWords when question is true.
func (a *Analyzer) words(text string, question bool, known func(string) bool, intern map[string]string) []string {
	toks := make([]string, 0, 16)
	a.eachToken(text, func(tok []byte) {
		if s, ok := intern[string(tok)]; ok {
			toks = append(toks, s)
			return
		}
		toks = append(toks, string(tok))
	})
	if question {
		toks = a.rewriteChat(toks)
		if known != nil && a.lang == lang.French {
			for i, t := range toks {
				if len(t) > 3 && strings.IndexByte("cdjlmnqst", t[0]) >= 0 && !a.stop[t] && !known(t) {
					toks[i] = a.repairElision(t, known)
				}
			}
		}
	}
	return a.joinPhrases(toks)
}

// bareElisions are the French elisions as typed without an apostrophe,
// longest first.
var bareElisions = []string{"qu", "l", "d", "j", "s", "n", "c", "m", "t"}

func (a *Analyzer) repairElision(tok string, known func(string) bool) string {
	for _, e := range bareElisions {
		if rest, ok := strings.CutPrefix(tok, e); ok && len(rest) >= 3 && known(rest) {
			return rest
		}
	}
	return tok
}

func (a *Analyzer) rewriteChat(toks []string) []string {
	i := slices.IndexFunc(toks, func(t string) bool { return a.lex[t].Chat })
	if i < 0 {
		return toks
	}
	out := slices.Clone(toks[:i])
	for _, t := range toks[i:] {
		if r, ok := a.chat[t]; ok {
			out = append(out, r...)
		} else {
			out = append(out, t)
		}
	}
	return out
}

func (a *Analyzer) joinPhrases(toks []string) []string {
	out := toks[:0:0]
	joined := false
	for i := 0; i < len(toks); i++ {
		if n := a.phraseAt(toks, i); n > 0 {
			if !joined {
				out = append(make([]string, 0, len(toks)), toks[:i]...)
				joined = true
			}
			keys := make([]string, n)
			for j := range n {
				keys[j] = a.key(toks[i+j])
			}
			out = append(out, strings.Join(keys, PhraseSep))
			i += n - 1
			continue
		}
		if joined {
			out = append(out, toks[i])
		}
	}
	if !joined {
		return toks
	}
	return out
}

// phraseAt returns the length of the longest phrase starting at toks[i],
// or 0.
func (a *Analyzer) phraseAt(toks []string, i int) int {
	if t := toks[i]; len(a.phrases) == 0 || !a.phraseLeads[t[:min(2, len(t))]] || a.stop[t] && a.phrases[t] == nil {
		return 0
	}
	for _, p := range a.phrases[a.key(toks[i])] {
		if i+len(p) > len(toks) {
			continue
		}
		match := true
		for j := 1; j < len(p) && match; j++ {
			match = a.key(toks[i+j]) == p[j]
		}
		if match {
			return len(p)
		}
	}
	return 0
}

// loadChat reads a chat-speak list: a word, a tab, what it stands for.
func (a *Analyzer) loadChat(name string) map[string][]string {
	m := make(map[string][]string)
	eachLine(name, func(line string) {
		word, meaning, _ := strings.Cut(line, "\t")
		if toks := a.Tokens(word, nil); len(toks) == 1 {
			m[toks[0]] = a.Tokens(meaning, nil)
		}
	})
	return m
}

// loadPhrases reads the phrases of the analyzer's language from a list of
// language, tab, phrase lines.
func (a *Analyzer) loadPhrases(name string) map[string][][]string {
	m := make(map[string][][]string)
	eachLine(name, func(line string) {
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || lang.Language(cols[0]) != a.lang {
			return
		}
		phrase := cols[1]
		toks := a.Tokens(phrase, nil)
		if len(toks) < 2 {
			return
		}
		keys := make([]string, len(toks))
		for i, t := range toks {
			keys[i] = a.key(t)
		}
		m[keys[0]] = append(m[keys[0]], keys)
	})
	a.phraseLeads = make(map[string]bool)
	for k, ps := range m {
		slices.SortStableFunc(ps, func(x, y []string) int { return len(y) - len(x) })
		a.phraseLeads[k[:min(2, len(k))]] = true
	}
	return m
}
