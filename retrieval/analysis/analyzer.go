package analysis

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/interviewbot/interviewbot/lang"
)

// Analyzer turns text into index terms with a pipeline of small steps:
// split into lowercase tokens, strip elisions (French) or possessives
// (English), fold accents, drop stop words, then stem with Snowball.
//
// Accents are folded before stemming, on both the text and the questions,
// so that "démocratie" and "democratie" always meet: consistency matters
// more here than the stemmer's finer handling of accented suffixes.
type Analyzer struct {
	lang   lang.Language
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
	lex map[string]WordInfo
	// months holds the months' names, which make a number a date.
	months map[string]bool
	// asks and marks map folded words to the answer types they ask for
	// in a question or give in a sentence (data/answertypes.tsv).
	asks, marks map[string]AnswerType
	// nouns maps the nouns that make "which" ask for a name to the
	// kind of thing named ("pays": a place); namesByKind, the words that
	// name one in a sentence ("Verdun", "britanniques").
	nouns, namesByKind map[string]Thing
	// pairs maps two words that ask together ("depuis quand", "how
	// long") to what they ask for.
	pairs map[[2]string]AnswerType
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
	sync.OnceValue(func() *Analyzer { return newAnalyzer(lang.French) }),
	sync.OnceValue(func() *Analyzer { return newAnalyzer(lang.English) }),
}

// New returns the analyzer for l. Analyzers are immutable but for their
// memo, and shared: one per language per process.
func New(l lang.Language) *Analyzer { return analyzers[langSlot(l)]() }

// langSlot is l's index in arrays by language: French first.
func langSlot(l lang.Language) int {
	if l == lang.English {
		return 1
	}
	return 0
}

func newAnalyzer(l lang.Language) *Analyzer {
	a := &Analyzer{lang: l}
	switch l {
	case lang.English:
		a.stop = loadWordList("data/stop_en.txt")
		a.common = loadWordList("data/common_en.txt")
		a.framing = loadWordList("data/framing_en.txt")
		a.stem = english.Stem
	default:
		a.lang = lang.French
		a.stop = loadWordList("data/stop_fr.txt")
		a.common = loadWordList("data/common_fr.txt")
		a.framing = loadWordList("data/framing_fr.txt")
		a.stem = french.Stem
	}
	a.chat = a.loadChat("data/chat_" + string(a.lang) + ".txt")
	a.phrases = a.loadPhrases("data/phrases.tsv")
	a.asks, a.marks, a.months, a.nouns, a.namesByKind, a.pairs = loadAnswerTypes("data/answertypes.tsv")
	a.lex = make(map[string]WordInfo)
	for _, l := range []struct {
		words map[string]bool
		set   func(*WordInfo)
	}{
		{a.stop, func(w *WordInfo) { w.Stop = true }},
		{a.framing, func(w *WordInfo) { w.Framing = true }},
		{a.common, func(w *WordInfo) { w.Common = true }},
		{loadWordList("data/offtopic_" + string(a.lang) + ".txt"), func(w *WordInfo) { w.Offtopic = true }},
	} {
		for word := range l.words {
			w := a.lex[word]
			l.set(&w)
			a.lex[word] = w
		}
	}
	for word := range a.chat {
		w := a.lex[word]
		w.Chat = true
		a.lex[word] = w
	}
	for word, t := range a.asks {
		w := a.lex[word]
		w.Asks = t
		a.lex[word] = w
	}
	for p := range a.pairs {
		w := a.lex[p[0]]
		w.Pair = true
		a.lex[p[0]] = w
	}
	return a
}

// Language returns the analyzer's language.
func (a *Analyzer) Language() lang.Language { return a.lang }

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

// Stem returns the Snowball stem of a folded token. A joined phrase is
// its own stem.
func (a *Analyzer) Stem(tok string) string {
	if strings.Contains(tok, PhraseSep) {
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
	if a.lang == lang.French {
		tok = lang.CutElision(tok)
	} else {
		if a.stop[string(tok)] { // "don't", "it's": keep the apostrophe so the stop list matches
			return tok
		}
		tok = bytes.TrimSuffix(tok, []byte("'s"))
	}
	return lang.DropApostrophes(tok)
}
