package retrieval

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/interviewbot/interviewbot/lang"
)

// Language is the language of a question or a reply (see package lang).
type Language = lang.Language

// The two languages of the bot: the interview's and its translation's.
const (
	French  = lang.French
	English = lang.English
)

// ParseLanguage reads "fr" or "en" (see lang.Parse).
func ParseLanguage(s string) (Language, error) { return lang.Parse(s) }

//go:embed data
var dataFS embed.FS

// Analyzer turns text into index terms with a pipeline of small steps:
// split into lowercase tokens, strip elisions (French) or possessives
// (English), fold accents, drop stop words, then stem with Snowball.
//
// Accents are folded before stemming, on both the text and the questions,
// so that "démocratie" and "democratie" always meet: consistency matters
// more here than the stemmer's finer handling of accented suffixes.
type Analyzer struct {
	lang   Language
	stop   map[string]bool
	common map[string]bool
	// framing holds the words that frame a question without naming its
	// topic ("worried", "avis"); questions drop them like stop words.
	framing map[string]bool
	// chat maps a chat-speak word of a question to the words it stands
	// for ("pk" → "pourquoi"); an empty replacement drops it.
	chat map[string][]string
	// phrases maps the key of a phrase's first word to the phrases that
	// start with it, each as its words' keys (see key), longest first.
	phrases map[string][][]string
	// phraseLeads holds the first two bytes of every phrase's first key:
	// a stem starts like its word, so a token that starts otherwise
	// cannot open a phrase and skips the stemmer.
	phraseLeads map[string]bool
	// lex gathers stop, framing, common, chat, off-topic and asks by word.
	lex map[string]wordInfo
	// months holds the months' names, which make a number a date.
	months map[string]bool
	// asks and marks map folded words to the answer types they ask for
	// in a question or give in a sentence (data/answertypes.tsv).
	asks, marks map[string]answerType
	// nouns maps the nouns that make "which" ask for a name to the
	// kind of thing named ("pays": a place); namesByKind, the words that
	// name one in a sentence ("Verdun", "britanniques").
	nouns, namesByKind map[string]thing
	// pairs maps two words that ask together ("depuis quand", "how
	// long") to what they ask for.
	pairs map[[2]string]answerType
	stem  func(*snowballstem.Env) bool
	// stems memoises Stem: Snowball costs about a microsecond a word,
	// and the same few thousand words come back in every index build and
	// most questions. It stops growing at maxStems entries.
	stems     sync.Map // folded token → stem
	stemCount atomic.Int64
}

// maxStems bounds the stem memo. The interview has about a thousand
// distinct words per language; the rest is room for questions' words.
const maxStems = 50_000

var analyzers = [2]func() *Analyzer{
	sync.OnceValue(func() *Analyzer { return newAnalyzer(French) }),
	sync.OnceValue(func() *Analyzer { return newAnalyzer(English) }),
}

// NewAnalyzer returns the analyzer for lang. Analyzers are immutable but
// for their memo, and shared: one per language per process.
func NewAnalyzer(lang Language) *Analyzer { return analyzers[langSlot(lang)]() }

func newAnalyzer(lang Language) *Analyzer {
	a := &Analyzer{lang: lang}
	switch lang {
	case English:
		a.stop = loadWordList("data/stop_en.txt")
		a.common = loadWordList("data/common_en.txt")
		a.framing = loadWordList("data/framing_en.txt")
		a.stem = english.Stem
	default:
		a.lang = French
		a.stop = loadWordList("data/stop_fr.txt")
		a.common = loadWordList("data/common_fr.txt")
		a.framing = loadWordList("data/framing_fr.txt")
		a.stem = french.Stem
	}
	a.chat = a.loadChat("data/chat_" + string(a.lang) + ".txt")
	a.phrases = a.loadPhrases("data/phrases.tsv")
	a.asks, a.marks, a.months, a.nouns, a.namesByKind, a.pairs = loadAnswerTypes("data/answertypes.tsv")
	a.lex = make(map[string]wordInfo)
	for _, l := range []struct {
		words map[string]bool
		set   func(*wordInfo)
	}{
		{a.stop, func(w *wordInfo) { w.stop = true }},
		{a.framing, func(w *wordInfo) { w.framing = true }},
		{a.common, func(w *wordInfo) { w.common = true }},
		{loadWordList("data/offtopic_" + string(a.lang) + ".txt"), func(w *wordInfo) { w.offtopic = true }},
	} {
		for word := range l.words {
			w := a.lex[word]
			l.set(&w)
			a.lex[word] = w
		}
	}
	for word := range a.chat {
		w := a.lex[word]
		w.chat = true
		a.lex[word] = w
	}
	for word, t := range a.asks {
		w := a.lex[word]
		w.asks = t
		a.lex[word] = w
	}
	for p := range a.pairs {
		w := a.lex[p[0]]
		w.pair = true
		a.lex[p[0]] = w
	}
	return a
}

// wordInfo is what the word lists say of one word, gathered so that a
// question's word costs one lookup.
type wordInfo struct {
	stop, framing, common, chat bool
	// offtopic: an everyday word far from any interview's themes
	// ("omelette"), by the off-topic lists.
	offtopic bool
	asks     answerType
	pair     bool // the first word of a pair that asks (Analyzer.pairs)
}

// answerType is a set of the kinds of answer a question asks for or a
// sentence gives.
type answerType uint8

const (
	answerQuantity answerType = 1 << iota // how many, combien
	answerTime                            // when, quand
	answerReason                          // why, pourquoi
	answerManner                          // how, comment
	answerEntity                          // which, quels: named things
	// answerLead marks an asking word that asks only at the start or
	// the end of a question.
	answerLead
	// answerWhich marks a word ("which", "quels") that asks for a name
	// only before a noun of a named thing ("quels pays", "which
	// minister"): "quels principes" asks for ideas, which the text gives
	// in words.
	answerWhich
	// answerNamed marks such a noun; it asks nothing by itself.
	answerNamed
)

// answerGiven are the kinds of answer a sentence can be seen to give.
const answerGiven = answerQuantity | answerTime | answerEntity

// thing is a set of kinds of named things.
type thing uint8

const (
	thingPlace   thing = 1 << iota // a country, a city: "quels pays"
	thingPerson                    // "quel ministre"
	thingOrg                       // a company, a group: "which companies"
	thingProduct                   // software, a virus: "which version"
	thingEvent                     // a war, an attack: "which events"
)

var thingKinds = map[string]thing{"place": thingPlace, "person": thingPerson, "org": thingOrg, "product": thingProduct, "event": thingEvent}

// loadAnswerTypes reads the answer types: the words that ask for each in a
// question, those that mark one in a sentence, the months' names, and the
// kinds of thing that nouns after "which" ask for and that words name.
func loadAnswerTypes(name string) (asks, marks map[string]answerType, months map[string]bool, nouns, things map[string]thing, pairs map[[2]string]answerType) {
	asks, marks, months = make(map[string]answerType), make(map[string]answerType), make(map[string]bool)
	nouns, things, pairs = make(map[string]thing), make(map[string]thing), make(map[[2]string]answerType)
	eachLine(name, func(line string) {
		f := strings.Fields(line)
		if len(f) < 3 {
			return
		}
		if role, kind, ok := strings.Cut(f[1], ":"); ok && f[0] == "entity" {
			m := map[string]map[string]thing{"noun": nouns, "name": things}[role]
			k := thingKinds[kind]
			if m == nil || k == 0 {
				panic(fmt.Sprintf("retrieval: %s: bad line %q", name, line)) // embedded data: a build defect
			}
			for _, w := range f[2:] {
				m[w] |= k
			}
			if role == "noun" {
				for _, w := range f[2:] {
					asks[w] |= answerNamed
				}
			}
			return
		}
		var t answerType
		switch f[0] {
		case "quantity":
			t = answerQuantity
		case "time":
			t = answerTime
		case "reason":
			t = answerReason
		case "manner":
			t = answerManner
		case "entity":
			t = answerEntity
		default:
			return
		}
		m := marks
		switch f[1] {
		case "ask":
			m = asks
		case "lead":
			m = asks
			t |= answerLead
		case "which":
			m = asks
			t |= answerWhich
		case "month":
			for _, w := range f[2:] {
				months[w] = true
			}
		case "pair":
			for _, w := range f[2:] {
				first, second, ok := strings.Cut(w, "+")
				if !ok {
					panic(fmt.Sprintf("retrieval: %s: bad pair %q", name, w)) // embedded data: a build defect
				}
				pairs[[2]string{first, second}] |= t
			}
			return
		}
		for _, w := range f[2:] {
			m[w] |= t
		}
	})
	return asks, marks, months, nouns, things, pairs
}

// marked returns the answer types a sentence's folded tokens give.
func (a *Analyzer) marked(toks []string) answerType {
	var t answerType
	for i, tok := range toks {
		t |= a.marks[tok]
		if tok[0] < '0' || tok[0] > '9' {
			continue
		}
		switch {
		case len(tok) == 4 && (strings.HasPrefix(tok, "1") || strings.HasPrefix(tok, "20")):
			t |= answerTime // a year
		case i > 0 && a.isMonth(toks[i-1]), i+1 < len(toks) && a.isMonth(toks[i+1]):
			t |= answerTime // a day: "12 novembre", "November 12"
		default:
			t |= answerQuantity
		}
	}
	return t
}

// isMonth reports whether tok is a month's name, as the time marks list
// them.
func (a *Analyzer) isMonth(tok string) bool {
	return a.months[tok]
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
		if len(cols) < 2 || Language(cols[0]) != a.lang {
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

// eachLine calls fn with each line of an embedded data file that is not
// blank or a comment.
func eachLine(name string, fn func(string)) {
	f, err := dataFS.Open(name)
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			fn(line)
		}
	}
}

// key is how a phrase compares a word: stop words as written, others by
// their stem, so that "appels de Paris" is still the Paris Call.
func (a *Analyzer) key(tok string) string {
	if a.stop[tok] {
		return tok
	}
	return a.Stem(tok)
}

// phraseSep joins the words of a phrase into one term. It is a byte no
// token holds, so a joined term is never mistaken for a word.
const phraseSep = "_"

// Words returns the folded words of text, stop words included, with the
// multi-word expressions of the phrase list joined into one word each.
// A question's chat-speak is rewritten first (see Analyzer.chat).
func (a *Analyzer) Words(text string, question bool) []string {
	return a.words(text, question, nil, nil)
}

// words is Words with, for a French question, elisions typed without
// their apostrophe ("lappel", "sespionner") split off where known says
// the rest is a word and the whole is not.
//
// intern, if not nil, holds the strings of known tokens, so that those
// cost no allocation.
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
		if known != nil && a.lang == French {
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
	i := slices.IndexFunc(toks, func(t string) bool { return a.lex[t].chat })
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
			out = append(out, strings.Join(keys, phraseSep))
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

// nameKind says how a word was written as a name.
type nameKind uint8

const (
	nameWord     nameKind = 1 + iota // "Huawei", "5G"
	nameCapitals                     // "RGPD", "US"
)

// names returns the folded tokens of the words of text written as names:
// capitalised other than first in a sentence ("Huawei", "Tim Cook"), in
// capitals ("RGPD", "NSA"), or mixing letters and digits ("5G", "W11").
// A question typed in lower case has none, and loses nothing; nor does
// one shouted in capitals ("DEMOCRATIE EN DANGER ???"), whose capitals
// mark no name.
func (a *Analyzer) names(text string) nameSet {
	shouted := !strings.ContainsFunc(text, unicode.IsLower) && len(strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })) >= 3
	var out nameSet
	first := true
	start := -1
	var upper, lower, digit int
	var leadUpper bool
	end := func(i int) {
		if start < 0 {
			return
		}
		var kind nameKind
		switch {
		case upper >= 2 && lower == 0 && !shouted:
			kind = nameCapitals
		case leadUpper && !first && lower > 0, digit > 0 && upper+lower > 0:
			kind = nameWord
		}
		first = false
		if kind != 0 {
			for _, t := range a.Tokens(text[start:i], nil) {
				out = append(out, nameEntry{t, kind})
			}
		}
		start, upper, lower, digit, leadUpper = -1, 0, 0, 0, false
	}
	for i, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !lang.IsApostrophe(r) && r != '-' {
			end(i)
			if r == '.' || r == '?' || r == '!' {
				first = true // "Quick one. Thoughts on elections?"
			}
			continue
		}
		if start < 0 {
			start = i
			leadUpper = unicode.IsUpper(r)
		}
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case unicode.IsDigit(r):
			digit++
		}
	}
	end(len(text))
	return out
}

// Names returns the folded tokens of the words of text written as names,
// as a set: capitalised other than first in a sentence, in capitals
// (unless the whole text is shouted), or mixing letters and digits.
func (a *Analyzer) Names(text string) map[string]bool {
	out := make(map[string]bool)
	for _, e := range a.names(text) {
		out[e.tok] = true
	}
	return out
}

// nameSet is the few names of a question, with how each was written.
type nameSet []nameEntry

type nameEntry struct {
	tok  string
	kind nameKind
}

// kind returns how tok was written as a name, or 0.
func (ns nameSet) kind(tok string) nameKind {
	for _, e := range ns {
		if e.tok == tok {
			return e.kind
		}
	}
	return 0
}

// IsFraming reports whether a folded token only frames a question (an
// opinion verb, an evaluative word) without naming its topic.
func (a *Analyzer) IsFraming(tok string) bool { return a.framing[tok] }

func loadWordList(name string) map[string]bool {
	words := make(map[string]bool, 256)
	eachLine(name, func(line string) {
		for _, w := range strings.Fields(line) {
			words[w] = true
		}
	})
	return words
}

// Language returns the analyzer's language.
func (a *Analyzer) Language() Language { return a.lang }

// Terms returns the stemmed index terms of text, in order.
func (a *Analyzer) Terms(text string) []string {
	var out []string
	for _, tok := range a.Words(text, false) {
		if !a.IsStop(tok) {
			out = append(out, a.Stem(tok))
		}
	}
	return out
}

// IsNumber reports whether a folded token is a number, in digits or in
// words ("trois", "hundred").
func (a *Analyzer) IsNumber(tok string) bool {
	return isNumber(tok) || a.marks[tok]&answerQuantity != 0
}

// IsStop reports whether a folded token is a stop word.
func (a *Analyzer) IsStop(tok string) bool { return a.stop[tok] }

// IsOfftopic reports whether a folded token is an everyday word far from
// any interview's themes ("omelette", "football").
func (a *Analyzer) IsOfftopic(tok string) bool { return a.lex[tok].offtopic }

// IsCommon reports whether a folded token is an everyday word that names
// no topic ("really", "vraiment"), or a small number ("11"), which names a
// day or a version as often as anything the interview is about.
func (a *Analyzer) IsCommon(tok string) bool { return a.lex[tok].isCommon(tok) }

// isCommon is IsCommon for a token whose word-list entry is w.
func (w wordInfo) isCommon(tok string) bool {
	return w.common || len(tok) <= 2 && isNumber(tok)
}

// Stem returns the Snowball stem of a folded token. A joined phrase is
// its own stem.
func (a *Analyzer) Stem(tok string) string {
	if strings.Contains(tok, phraseSep) {
		return tok
	}
	if s, ok := a.stems.Load(tok); ok {
		return s.(string)
	}
	env := snowballstem.NewEnv(tok)
	a.stem(env)
	stem := env.Current()
	if a.stemCount.Load() < maxStems {
		if _, loaded := a.stems.LoadOrStore(tok, stem); !loaded {
			a.stemCount.Add(1)
		}
	}
	return stem
}

// Tokens appends to dst the folded tokens of text, stop words included: the
// caller needs their positions to join split compounds ("cyber attaques").
// Tokens of a single letter carry nothing and are dropped.
func (a *Analyzer) Tokens(text string, dst []string) []string {
	a.eachToken(text, func(tok []byte) { dst = append(dst, string(tok)) })
	return dst
}

// eachToken calls fn with each folded token of text: the analysis
// pipeline's first steps, lang.SplitWords, then lang.Fold, then clean. The
// slice is reused after fn returns: index builds look most tokens up
// without copying them.
func (a *Analyzer) eachToken(text string, fn func([]byte)) {
	lang.SplitWords(text, func(w []byte, _ int) { a.flush(lang.Fold(w), fn) })
}

// flush passes the cleaned token in buf to fn, unless it is a lone letter.
func (a *Analyzer) flush(buf []byte, fn func([]byte)) {
	if len(buf) == 0 {
		return
	}
	if tok := a.clean(buf); lang.KeepToken(tok) {
		fn(tok)
	}
}

// clean strips elisions or possessives and any apostrophe left inside or
// at the ends of a token. It works in place.
func (a *Analyzer) clean(tok []byte) []byte {
	if bytes.IndexByte(tok, '\'') < 0 {
		return tok
	}
	if a.lang == French {
		tok = lang.CutElision(tok)
	} else {
		if a.stop[string(tok)] { // "don't", "it's": keep the apostrophe so the stop list matches
			return tok
		}
		tok = bytes.TrimSuffix(tok, []byte("'s"))
	}
	return lang.DropApostrophes(tok)
}
