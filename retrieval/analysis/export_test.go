package analysis

import "github.com/interviewbot/interviewbot/lang"

// ForgetStems empties both analyzers' stem memos, as at the start of a
// process, for BenchmarkBuildCold.
func ForgetStems() {
	for _, l := range []lang.Language{lang.French, lang.English} {
		an := New(l)
		an.stems.Clear()
		an.stemCount.Store(0)
	}
}

// ParseDefaultGlossary parses the embedded glossary afresh, without the
// shared copy's analysis, for BenchmarkBuildCold.
var ParseDefaultGlossary = parseDefaultGlossary
