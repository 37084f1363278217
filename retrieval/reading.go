package retrieval

import (
	"slices"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// reading is what a question asks to see, besides its topic.
type reading struct {
	target Target
	number int // the journalist's question it names by its number, or 0
	// numbers are the other exchanges it names by number ("answers 2
	// and 3").
	numbers []int
	// english is true for a request for a translation that names
	// English ("in English please"): the reply is in English.
	english bool
	// translate is true for a request for our translation in so many
	// words (Result.Translate).
	translate bool
	// foreign counts the words that only the other language's side of
	// the interview has ("cyberwar" in "il pense quoi du cyberwar").
	foreign int
	// others is true for a question about what someone else said ("what
	// did Google say…", "qu'a répondu Apple…").
	others bool
	// own is true for a message about the asker's own matter (asksOwn).
	own bool
	// thing is the kind of thing a "which" asks to name ("quels pays":
	// a place), or 0 for any, and noun the stem of the noun that says so.
	thing analysis.Thing
	noun  string
}

// speechWords say that someone said or answered something, and himWords
// stand for the interviewee (data/speech.txt, data/him.txt).
var speechWords, himWords = loadWordList("data/speech.txt"), loadWordList("data/him.txt")

// quotingWords ask for words to use (data/quoting.txt).
var quotingWords = loadWordList("data/quoting.txt")

// translationWords ask for a translation in so many words
// (data/translation.txt).
var translationWords = loadWordList("data/translation.txt")

// copulas between "which" and a noun make the noun what is described,
// not what is named: "Quel est l'état du cyberespace ?".
var copulas = map[string]bool{"est": true, "sont": true, "etait": true, "is": true, "are": true, "was": true, "were": true}

// isHim reports whether t names the interviewee or stands for him.
func (li *langIndex) isHim(t string) bool { return li.speaker[t] || himWords[t] }

// othersSpeech reports whether the question, as tokens toks, asks what
// someone other than the interviewee said: a name the text gives besides
// the subject's just before a word of speech ("what did Google say",
// "did Apple actually react", "Macron a dit") or, in French, just after
// it ("qu'a répondu Apple"; in English, "he says Google is…" is what he
// says of Google). A question about him is not one ("Sur Apple, que
// dit-il ?", "Is Apple in his answer?", "Que pense Smith de ce qu'a dit
// Macron ?"). The interview holds only his words and the newspaper's:
// it can be the closest, never the answer.
func (li *langIndex) othersSpeech(toks []string) bool {
	for i, t := range toks {
		if !speechWords[t] {
			continue
		}
		if slices.ContainsFunc(toks[:i], li.isHim) || i+1 < len(toks) && li.isHim(toks[i+1]) {
			return false
		}
		for j := i - 1; j >= max(0, i-3); j-- {
			if li.isEntity(toks[j]) {
				return true
			}
		}
		if li.lang == French && i+1 < len(toks) && li.isEntity(toks[i+1]) {
			return true
		}
	}
	return false
}

// isEntity reports whether the token is a name the text gives besides
// the subject's: a word of the text, so known without stemming.
func (li *langIndex) isEntity(t string) bool {
	id, ok := li.known[t]
	return ok && li.entities[id]
}

// countedWords returns the first two content words after a question's
// word asking how many: "how many British hospitals", "combien de jours".
// Either may be what it counts.
func (li *langIndex) countedWords(toks []string) [2]string {
	var out [2]string
	n := 0
	for _, t := range toks {
		if w := li.an.Word(t); w.Stop || w.Framing {
			continue
		}
		out[n] = t
		if n++; n == len(out) {
			break
		}
	}
	return out
}

// read returns what a question, as text and its words toks, asks to see
// besides its topic (see reading), and the words of the cues that say so
// (readTarget), which frame the question rather than name its topic.
func (li *langIndex) read(text string, toks []string) (rd reading, framing []string) {
	var translated bool
	rd.target, rd.number, framing, translated = readTarget(toks, li.exchanges)
	if rd.number > 0 {
		rd.numbers = moreNumbers(toks, li.exchanges, rd.number)
	}
	if rd.target == TargetQuestion {
		if last := analysis.LastQuestion(text); last != "" {
			// "…apparently the journalist asked Smith about it too. How
			// does he link cyberattacks to the 1930s?": the journalist
			// is context; the question asks about him.
			lt := li.an.QuestionWords(last, li.knowsWord, li.intern)
			if t, _, _, _ := readTarget(lt, li.exchanges); t == TargetAnswer && slices.ContainsFunc(lt, li.isHim) {
				rd.target = TargetAnswer
			}
		}
	}
	rd.english = rd.target == TargetTranslate && (slices.Contains(toks, "english") || slices.Contains(toks, "anglais") && !slices.Contains(toks, "en"))
	rd.translate = translated && (rd.target == TargetTranslate || rd.target == TargetQuestion) && slices.ContainsFunc(toks, func(t string) bool { return translationWords[t] })
	rd.others = li.othersSpeech(toks)
	rd.own = rd.target == TargetAnswer && li.asksOwn(text, toks)
	return rd, framing
}
