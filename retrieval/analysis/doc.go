// Package analysis turns French and English text into the words and terms
// that retrieval indexes and matches, as a pipeline of small, pure steps:
// split and fold (package lang), elisions or possessives stripped, a
// question's chat-speak rewritten, multi-word phrases joined, stop words
// dropped, then Snowball stems (analyzer.go, words.go). It also reads
// what a word is (lexicon.go: stop, framing, everyday and off-topic
// words), what kind of answer a question asks for and a sentence gives
// (answertypes.go), which words are written as names (names.go), which
// language a question is in (detect.go), which words it quotes
// (quotes.go), where a long message's last question starts
// (sentences.go), the nearest spelling of a typo among candidate words
// (spelling.go), and the bilingual glossary (glossary.go).
//
// Word lists, phrases, answer types and the glossary are data, in data/,
// each with a note on its source. The package knows nothing of the
// interview, its index or scoring: what it says of a text holds for any
// text.
package analysis
