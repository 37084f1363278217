package retrieval

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/interviewbot/interviewbot/retrieval/analysis"
)

// Target is what a question asks to see, besides its topic.
type Target uint8

const (
	// TargetAnswer asks for Smith's answers (and the introduction when it
	// answers better): what most questions want.
	TargetAnswer Target = iota
	// TargetQuestion asks for the journalist's questions: "what did the
	// journalist ask about Google?", "la Q3 c'était quoi ?".
	TargetQuestion
	// TargetIntro asks for the newspaper's introduction: "what does the
	// intro say about WannaCry?".
	TargetIntro
	// TargetTranslate asks for Smith's answers as TargetAnswer does, and
	// for their translation first: "what does 'premiers intervenants'
	// mean in English?".
	TargetTranslate
	// TargetAll asks for every answer of his on the topic: "compare…",
	// "everything he says about democracy".
	TargetAll
)

// targetCue is a run of folded tokens that marks a target, and more
// runs that must stand anywhere in the question too ("journalist +
// ask").
type targetCue struct {
	target Target
	run    []string
	also   [][]string
}

// targetCues holds data/targets.tsv's cues, and by their first word the
// indexes of those that start with it, in file order: a question is
// checked against the few cues its words can start.
type targetCues struct {
	cues    []targetCue
	byFirst map[string][]int
}

var loadTargetCues = sync.OnceValue(func() targetCues {
	tc := targetCues{byFirst: make(map[string][]int)}
	eachLine("data/targets.tsv", func(line string) {
		name, cue, ok := strings.Cut(line, "\t")
		t, known := map[string]Target{"answer": TargetAnswer, "question": TargetQuestion, "intro": TargetIntro, "translate": TargetTranslate, "all": TargetAll}[name]
		var runs [][]string
		for _, part := range strings.Split(cue, "+") {
			runs = append(runs, strings.Fields(part))
		}
		if !ok || !known || slices.ContainsFunc(runs, func(r []string) bool { return len(r) == 0 }) {
			panic(fmt.Sprintf("retrieval: data/targets.tsv: bad line %q", line)) // embedded data: a build defect
		}
		tc.byFirst[runs[0][0]] = append(tc.byFirst[runs[0][0]], len(tc.cues))
		tc.cues = append(tc.cues, targetCue{t, runs[0], runs[1:]})
	})
	return tc
})

// ordinals are the words that number a question ("the third question",
// "la 1re question"), by their folded form.
var ordinals = map[string]int{
	"first": 1, "premiere": 1, "premier": 1, "1re": 1, "1ere": 1, "1st": 1,
	"second": 2, "deuxieme": 2, "seconde": 2, "2e": 2, "2eme": 2, "2nd": 2,
	"third": 3, "troisieme": 3, "3e": 3, "3eme": 3, "3rd": 3,
	"fourth": 4, "quatrieme": 4, "4e": 4, "4eme": 4, "4th": 4,
	"fifth": 5, "cinquieme": 5, "5e": 5, "5eme": 5, "5th": 5,
	"sixth": 6, "sixieme": 6, "6e": 6, "6eme": 6, "6th": 6,
	"seventh": 7, "septieme": 7, "7e": 7, "7eme": 7, "7th": 7,
	"eighth": 8, "huitieme": 8, "8e": 8, "8eme": 8, "8th": 8,
	// The last one, whatever their number.
	"last": lastOrdinal, "final": lastOrdinal, "finale": lastOrdinal, "derniere": lastOrdinal, "dernier": lastOrdinal,
}

// lastOrdinal stands for the last question in ordinals.
const lastOrdinal = -1

// questionWords name a question of the interview; askedWords say that
// something was asked ("the first thing he was asked").
var (
	questionWords = []string{"question", "questions"}
	answerWords   = []string{"answer", "answers", "reponse", "reponses"}
	askedWords    = []string{"asked", "posee", "pose", "demande", "demandee"}
	passiveWords  = []string{"was", "got", "been", "lui", "on"}
)

// readTarget returns what a question, as folded tokens, asks to see (the
// first cue of data/targets.tsv that it holds decides), the words of the
// cues it holds (they frame the question: "the journalist" in "what did
// the journalist ask about Google", not in "the safety of journalists"),
// and
// the number of the journalist's question it names ("Q3", "the first
// question", "question 5"), or 0. n bounds the number: the interview's
// exchanges.
func readTarget(toks []string, n int) (target Target, number int, framing []string, translate bool) {
	number = questionNumber(toks, n)
	tc := loadTargetCues()
	first := len(tc.cues) // the first cue, in file order, that toks hold
	asksQuestion := false // a question cue is among them
	asksAnswer := false   // an answer cue is among them
	for i, t := range toks {
		for _, ci := range tc.byFirst[t] {
			c := tc.cues[ci]
			if i+len(c.run) <= len(toks) && slices.Equal(toks[i:i+len(c.run)], c.run) &&
				!slices.ContainsFunc(c.also, func(run []string) bool { return !containsRun(toks, run) }) &&
				!(c.target == TargetIntro && askersOwn(toks, i, i+len(c.run))) {
				first = min(first, ci)
				asksQuestion = asksQuestion || c.target == TargetQuestion
				asksAnswer = asksAnswer || c.target == TargetAnswer
				translate = translate || c.target == TargetTranslate
				framing = append(framing, c.run...)
				for _, run := range c.also {
					framing = append(framing, run...)
				}
			}
		}
	}
	switch {
	case first < len(tc.cues) && tc.cues[first].target == TargetTranslate && asksQuestion:
		// "Translate the journalist's question about spying": that
		// question, with our translation.
		return TargetQuestion, number, framing, translate
	case number > 0 && asksAnswer:
		// "What did he answer to question 3?", "compare ses réponses à
		// q7 et q8": his answer to it.
		return TargetAnswer, number, framing, translate
	case first < len(tc.cues) && number == 0:
		return tc.cues[first].target, number, framing, translate
	case number > 0:
		return TargetQuestion, number, framing, translate
	}
	return TargetAnswer, 0, framing, translate
}

// possessives make what follows the asker's own (data/possessive.txt).
var possessives = loadWordList("data/possessive.txt")

// IsPossessive reports whether a folded token makes what follows the
// asker's own ("mon texte", "my essay").
func IsPossessive(tok string) bool { return possessives[tok] }

// askersOwn reports whether the words toks[from:to] name the asker's
// own text: "my intro", "l'intro de mon débat", "the introduction of my
// essay".
func askersOwn(toks []string, from, to int) bool {
	if from > 0 && possessives[toks[from-1]] {
		return true
	}
	return to+1 < len(toks) && (toks[to] == "de" || toks[to] == "of" || toks[to] == "for") && possessives[toks[to+1]]
}

// containsRun reports whether run stands in toks as consecutive tokens.
func containsRun(toks, run []string) bool {
	for i := 0; i+len(run) <= len(toks); i++ {
		if slices.Equal(toks[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// questionNumber returns the number of the journalist's question that
// toks name, between 1 and n, or 0.
func questionNumber(toks []string, n int) int {
	valid := func(x int) int {
		if x == lastOrdinal {
			return n
		}
		if x >= 1 && x <= n {
			return x
		}
		return 0
	}
	for i, t := range toks {
		if x, ok := qNumber(t); ok {
			return valid(x)
		}
		if slices.Contains(askedWords, t) {
			// "the very first thing he got asked", "la première chose
			// qu'on lui a demandée": asked of him, not by him.
			passive := false
			for j := i - 1; j >= max(0, i-4); j-- {
				passive = passive || slices.Contains(passiveWords, toks[j])
				if x, ok := ordinals[toks[j]]; ok && passive {
					return valid(x)
				}
			}
			continue
		}
		if slices.Contains(answerWords, t) {
			// "from answer 2 to answer 3", "sa réponse 4": the answer
			// of that exchange (the answer cue asks for it).
			if x, ok := numberAfter(toks, i); ok {
				return valid(x)
			}
			continue
		}
		if !slices.Contains(questionWords, t) {
			continue
		}
		// "the (very) first question", "la 3e question".
		for j := i - 1; j >= max(0, i-2); j-- {
			if x, ok := ordinals[toks[j]]; ok {
				if x == lastOrdinal && j <= 1 && len(toks)-i > 4 {
					// "One last question: what does he think of
					// Google?" opens a question of the asker's.
					break
				}
				return valid(x)
			}
		}
		// "question 5", "question numero 5", "question n 5".
		for j := i + 1; j < min(len(toks), i+3); j++ {
			if x, err := strconv.Atoi(toks[j]); err == nil {
				return valid(x)
			}
			if x, ok := ordinals[toks[j]]; ok && j == i+1 {
				return valid(x)
			}
		}
	}
	return 0
}

// moreNumbers returns the numbers besides first that a question names
// by "answer N", "réponse N", "question N" or "qN", and the numbers
// listed after one ("answers 1, 4 and 8", "q7 et q8"): in order, each
// once.
func moreNumbers(toks []string, n, first int) []int {
	var out []int
	add := func(x int) {
		if x >= 1 && x <= n && x != first && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	inList := false // the last words named exchanges by number
	for i, t := range toks {
		if x, ok := qNumber(t); ok {
			add(x)
			inList = true
			continue
		}
		switch {
		case slices.Contains(answerWords, t) || slices.Contains(questionWords, t):
			if x, ok := numberAfter(toks, i); ok {
				add(x)
				inList = true
			}
		case inList && analysis.IsDigits(t):
			if x, err := strconv.Atoi(t); err == nil {
				add(x) // "answers 1, 4 and 8": commas are not tokens
			}
		case inList && numberJoiners[t]:
		default:
			inList = false
		}
	}
	return out
}

// qNumber returns the number of a token that names a question by it
// ("q3").
func qNumber(t string) (int, bool) {
	if len(t) == 2 && t[0] == 'q' && t[1] >= '1' && t[1] <= '9' {
		return int(t[1] - '0'), true
	}
	return 0, false
}

// numberJoiners join numbers in a list ("answers 2 and 3") or a number
// to what follows it ("answer 2 to answer 3", "la réponse 1 sur…").
var numberJoiners = map[string]bool{
	"and": true, "et": true, "to": true, "or": true, "ou": true, "vs": true, "versus": true, "with": true, "avec": true,
	"on": true, "about": true, "sur": true, "of": true, "de": true, "du": true, "des": true, "in": true, "dans": true,
}

// numberAfter returns the number after the word toks[i] ("answer 2",
// "question 5"), if it names an exchange: the message ends there, or goes
// on with another number or a word that joins ("answer 2 to answer 3").
// "Can you answer 3 quick questions" and "answer 1 thing for me" ask
// for answers.
func numberAfter(toks []string, i int) (int, bool) {
	if i+1 >= len(toks) {
		return 0, false
	}
	x, err := strconv.Atoi(toks[i+1])
	if err != nil {
		return 0, false
	}
	if i+2 < len(toks) && !numberJoiners[toks[i+2]] && !analysis.IsDigits(toks[i+2]) {
		return 0, false
	}
	return x, true
}

// QuestionNumber returns the number, from 1 to n, of the journalist's
// question that a question names ("Q3", "the first question", "question
// 5"), given as folded tokens (Analyzer.Tokens), or 0. Such a question
// is about that question of the interview, never about the interview as
// a whole.
func QuestionNumber(toks []string, n int) int { return questionNumber(toks, n) }
