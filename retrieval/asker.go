package retrieval

import (
	"slices"
	"strings"
)

// The asker's own matter: a message in the first person that names
// neither the interviewee, the interview nor anything said ("mon câble
// hdmi marche plus", "should I buy the new iPhone?") shares a word with
// the interview at most, and is declined when the closest passage is all
// it would get.
var (
	// askerWords are the asker as the subject of the message: "je",
	// "jsuis", "my", "im" (data/asker.txt).
	askerWords = loadWordList("data/asker.txt")
	// knowingWords ask to know or understand something ("je voudrais
	// savoir", "I wonder", "help me understand"): a question about a
	// topic, whoever asks it (data/knowing.txt).
	knowingWords = loadWordList("data/knowing.txt")
	// docWords name a whole text, the interview or another, and
	// partWords a part of it or who wrote it (data/doc.txt,
	// data/part.txt).
	docWords, partWords = loadWordList("data/doc.txt"), loadWordList("data/part.txt")
	// otherText are the words that, before a word for a whole text,
	// make it some other text: "a job interview", "un article"
	// (data/othertext.txt).
	otherText = loadWordList("data/othertext.txt")
)

// IsDocWord reports whether a folded token names a whole text: the
// interview, or another ("entretien", "article", "itw").
func IsDocWord(tok string) bool { return docWords[tok] }

// IsOtherText reports whether a folded token, before a word for a text,
// makes it the asker's or some other text, not the interview: "my
// essay", "a job interview", "un article pour l'école".
func IsOtherText(tok string) bool { return possessives[tok] || otherText[tok] }

// asksOwn reports whether a message, as text and its tokens toks, is
// about the asker's own matter: the asker its subject ("my windows update
// is stuck", "j'ai un virus, je fais quoi ?"), with no word that points
// at the interview (him, his subject, the text or its parts, quoting,
// speech) and none that asks to know something ("je voudrais savoir ce
// qu'est l'appel de Paris").
func (li *langIndex) asksOwn(text string, toks []string) bool {
	if !slices.ContainsFunc(toks, func(t string) bool { return askerWords[t] }) && !hasDroppedFirstPerson(text) {
		return false
	}
	for i, t := range toks {
		if docWords[t] && i > 0 && IsOtherText(toks[i-1]) {
			continue // "a job interview", "un article", "my text": not this one
		}
		if docWords[t] || partWords[t] || knowingWords[t] || li.isHim(t) || li.subject[li.an.Stem(t)] || quotingWords[t] || speechWords[t] {
			return false
		}
	}
	return true
}

// hasDroppedFirstPerson reports whether text has a first person subject
// that its tokens drop: the French "j'" elided before a vowel ("j'ai"), or
// the one-letter "I" ("Should I buy…", "how do i"), but not the numeral of
// "World War I". An elided object ("m'aider") asks the bot something.
func hasDroppedFirstPerson(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		if i > 0 && isLetterByte(text[i-1]) {
			continue
		}
		switch c := text[i] | 0x20; {
		case c == 'j' && (text[i+1] == '\'' || strings.HasPrefix(text[i+1:], "’")):
			return true
		case c == 'i' && (text[i+1] == ' ' || text[i+1] == '\'' || strings.HasPrefix(text[i+1:], "’")) && !afterNumbered(text[:i]):
			return true
		}
	}
	return false
}

// afterNumbered reports whether before, the text before a lone "I",
// ends with a word that numbers it: "World War I", "Part I", "WW I".
func afterNumbered(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(strings.TrimRight(f[len(f)-1], ",.:;")) {
	case "war", "ww", "part", "chapter", "phase", "guerre", "partie", "chapitre":
		return true
	}
	return false
}

func isLetterByte(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' || b >= 0x80 }
