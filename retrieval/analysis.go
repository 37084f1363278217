package retrieval

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
)

// Language is a language the bot reads and answers in.
type Language string

// The two languages of the bot: the interview's and its translation's.
const (
	French  Language = "fr"
	English Language = "en"
)

// ParseLanguage reads "fr" or "en" (any case).
func ParseLanguage(s string) (Language, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "fr", "french", "français", "francais":
		return French, nil
	case "en", "english", "anglais":
		return English, nil
	}
	return "", fmt.Errorf("unknown language %q: want fr or en", s)
}

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
	stem   func(*snowballstem.Env) bool
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
		a.stem = english.Stem
	default:
		a.lang = French
		a.stop = loadWordList("data/stop_fr.txt")
		a.common = loadWordList("data/common_fr.txt")
		a.stem = french.Stem
	}
	return a
}

func loadWordList(name string) map[string]bool {
	f, err := dataFS.Open(name)
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	defer f.Close()
	stop := make(map[string]bool, 256)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			stop[w] = true
		}
	}
	return stop
}

// Language returns the analyzer's language.
func (a *Analyzer) Language() Language { return a.lang }

// Terms returns the stemmed index terms of text, in order.
func (a *Analyzer) Terms(text string) []string {
	var out []string
	for _, tok := range a.Tokens(text, nil) {
		if !a.IsStop(tok) {
			out = append(out, a.Stem(tok))
		}
	}
	return out
}

// IsStop reports whether a folded token is a stop word.
func (a *Analyzer) IsStop(tok string) bool { return a.stop[tok] }

// IsCommon reports whether a folded token is an everyday word that names
// no topic ("really", "vraiment").
func (a *Analyzer) IsCommon(tok string) bool { return a.common[tok] }

// Stem returns the Snowball stem of a folded token.
func (a *Analyzer) Stem(tok string) string {
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
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		tok := a.clean(b.String())
		b.Reset()
		if len(tok) > 1 || (len(tok) == 1 && tok[0] >= '0' && tok[0] <= '9') {
			dst = append(dst, tok)
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			foldRune(&b, unicode.ToLower(r))
		case isApostrophe(r) && b.Len() > 0:
			b.WriteByte('\'')
		default:
			flush()
		}
	}
	flush()
	return dst
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '′', '`', '´':
		return true
	}
	return false
}

// frenchElisions are the articles and pronouns that French writes
// joined to the next word with an apostrophe.
var frenchElisions = []string{"l'", "d'", "qu'", "c'", "j'", "n'", "s'", "m'", "t'", "lorsqu'", "puisqu'", "jusqu'", "quoiqu'"}

// clean strips elisions or possessives and any apostrophe left inside or
// at the ends of a token.
func (a *Analyzer) clean(tok string) string {
	if a.lang == French {
		for _, e := range frenchElisions {
			if strings.HasPrefix(tok, e) && len(tok) > len(e) {
				tok = tok[len(e):]
				break
			}
		}
	} else {
		if a.stop[tok] { // "don't", "it's": keep the apostrophe so the stop list matches
			return tok
		}
		tok = strings.TrimSuffix(tok, "'s")
	}
	if strings.IndexByte(tok, '\'') >= 0 {
		tok = strings.ReplaceAll(tok, "'", "")
	}
	return tok
}

// foldRune writes r without its diacritics. The table covers the Latin
// letters of French and the Western European languages that users type;
// other letters pass unchanged.
func foldRune(b *strings.Builder, r rune) {
	if r < 0x80 {
		b.WriteByte(byte(r))
		return
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		b.WriteByte('a')
	case 'ç', 'ć', 'č':
		b.WriteByte('c')
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		b.WriteByte('e')
	case 'ì', 'í', 'î', 'ï', 'ī', 'į':
		b.WriteByte('i')
	case 'ñ', 'ń', 'ň':
		b.WriteByte('n')
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		b.WriteByte('o')
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		b.WriteByte('u')
	case 'ý', 'ÿ':
		b.WriteByte('y')
	case 'œ':
		b.WriteString("oe")
	case 'æ':
		b.WriteString("ae")
	case 'ß':
		b.WriteString("ss")
	default:
		b.WriteRune(r)
	}
}
