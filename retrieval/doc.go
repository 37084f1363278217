// Package retrieval finds the passages of an interview that answer a
// question, by keyword scoring: BM25 over the interviewee's answers and
// the article's introduction, in French over the original and in English
// over the translation, with each exchange's question and each passage's
// document expansion as further fields.
//
// A question goes through a pipeline of small steps (analysis.go):
// tokens, chat-speak rewritten, elisions, phrases joined, stop and
// framing words dropped, Snowball stems; then glossary synonyms and
// spelling corrections. Search grades how well the passages found answer
// it (Confidence) and orders their sentences for quoting.
//
// Word lists, phrases, the glossary and answer types are data, in data/,
// each with a note on its source. The package knows nothing of Discord,
// rendering, caching or the LLM.
package retrieval
