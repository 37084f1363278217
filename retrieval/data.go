package retrieval

import (
	"embed"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// The word lists that read what a question asks to see, each with a note
// on its source. Those of the analysis proper are package analysis's.
//
//go:embed data
var dataFS embed.FS

// eachLine calls fn with each line of a data file that is not blank or a
// comment (analysis.EachLine).
func eachLine(name string, fn func(string)) { analysis.EachLine(dataFS, name, fn) }

// loadWordList returns the words of a data file (analysis.WordList).
func loadWordList(name string) map[string]bool { return analysis.WordList(dataFS, name) }
