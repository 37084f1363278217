package analysis

import (
	"embed"
	"io/fs"
	"iter"
	"maps"
	"strings"

	"github.com/interviewbot/interviewbot/tsv"
)

// The word lists, phrases, answer types and glossary, each with a note
// on its source.
//
//go:embed data
var dataFS embed.FS

// WordInfo is what the word lists say of one word, gathered so that a
// question's word costs one lookup (Analyzer.Word).
type WordInfo struct {
	// Stop, Framing and Common: a stop word, a word that frames a
	// question (IsFraming), an everyday word (data/common_*.txt). Chat:
	// chat-speak that a question's words rewrite.
	Stop, Framing, Common, Chat bool
	// Offtopic: an everyday word far from any interview's themes
	// ("omelette"), by the off-topic lists.
	Offtopic bool
	// Asks is the kinds of answer the word asks for in a question.
	Asks AnswerType
	Pair bool // the first word of a pair that asks (Analyzer.PairAsks)
}

// Word returns what the word lists say of a folded token.
func (a *Analyzer) Word(tok string) WordInfo { return a.lex[tok] }

// Listed yields each word that the word lists name, once.
func (a *Analyzer) Listed() iter.Seq[string] { return maps.Keys(a.lex) }

// IsFraming reports whether a folded token only frames a question (an
// opinion verb, an evaluative word) without naming its topic.
func (a *Analyzer) IsFraming(tok string) bool { return a.framing[tok] }

// IsNumber reports whether a folded token is a number, in digits or in
// words ("trois", "hundred").
func (a *Analyzer) IsNumber(tok string) bool {
	return IsDigits(tok) || a.marks[tok]&AnswerQuantity != 0
}

// IsStop reports whether a folded token is a stop word.
func (a *Analyzer) IsStop(tok string) bool { return a.stop[tok] }

// IsOfftopic reports whether a folded token is an everyday word far from
// any interview's themes ("omelette", "football").
func (a *Analyzer) IsOfftopic(tok string) bool { return a.lex[tok].Offtopic }

// IsCommon reports whether a folded token is an everyday word that names
// no topic ("really", "vraiment"), or a small number ("11"), which names a
// day or a version as often as anything the interview is about.
func (a *Analyzer) IsCommon(tok string) bool { return a.lex[tok].IsCommon(tok) }

// IsCommon is Analyzer.IsCommon for a token whose word-list entry is w.
func (w WordInfo) IsCommon(tok string) bool {
	return w.Common || len(tok) <= 2 && IsDigits(tok)
}

// IsDigits reports whether s is a number written in digits.
func IsDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// EachLine calls fn with each line of the data file name in fsys that is
// not blank or a comment (#). It is meant for embedded data, which
// cannot fail to open: it panics if the file cannot be read.
func EachLine(fsys fs.FS, name string, fn func(string)) {
	f, err := fsys.Open(name)
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	defer f.Close()
	err = tsv.Read(f, name, func(l tsv.Line) error {
		fn(l.Text)
		return nil
	})
	if err != nil {
		panic(err) // embedded: cannot fail
	}
}

// WordList returns the words of the data file name in fsys, as EachLine
// reads it: the words of each line, separated by white space.
func WordList(fsys fs.FS, name string) map[string]bool {
	words := make(map[string]bool, 256)
	EachLine(fsys, name, func(line string) {
		for _, w := range strings.Fields(line) {
			words[w] = true
		}
	})
	return words
}

// eachLine is EachLine over this package's data.
func eachLine(name string, fn func(string)) { EachLine(dataFS, name, fn) }

// loadWordList is WordList over this package's data.
func loadWordList(name string) map[string]bool { return WordList(dataFS, name) }
