// Package retrieval finds the passages of an interview that answer a
// question, by keyword scoring: BM25 over the interviewee's answers and
// the article's introduction, in French over the original and in English
// over the translation, with each exchange's question and each passage's
// document expansion as further fields.
//
// A question's words come from package analysis (tokens, chat-speak,
// elisions, phrases, stop and framing words, Snowball stems); this
// package matches them against the index with glossary synonyms and
// spelling corrections, reads what the question asks to see (an answer,
// the journalist's question, a translation, an exchange by number),
// grades how well the passages found answer it (Confidence) and orders
// their sentences for quoting.
//
// The word lists that read what a question asks to see are data, in
// data/, each with a note on its source. The package knows nothing of
// Discord, rendering, caching or the LLM.
package retrieval
