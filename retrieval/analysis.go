package retrieval

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

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
// no topic ("really", "vraiment"), or a small number ("11"), which names a
// day or a version as often as anything the interview is about.
func (a *Analyzer) IsCommon(tok string) bool {
	if len(tok) <= 2 && tok[0] >= '0' && tok[0] <= '9' {
		return true
	}
	return a.common[tok]
}

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
	a.eachToken(text, func(tok []byte) { dst = append(dst, string(tok)) })
	return dst
}

// eachToken calls fn with each folded token of text. The slice is reused
// after fn returns: index builds look most tokens up without copying them.
func (a *Analyzer) eachToken(text string, fn func([]byte)) {
	var arr [64]byte
	buf := arr[:0]
	for _, r := range text {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			buf = append(buf, byte(r))
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			buf = foldRune(buf, unicode.ToLower(r))
		case isApostrophe(r) && len(buf) > 0:
			buf = append(buf, '\'')
		default:
			a.flush(buf, fn)
			buf = buf[:0]
		}
	}
	a.flush(buf, fn)
}

// flush passes the cleaned token in buf to fn, unless it is a lone letter.
func (a *Analyzer) flush(buf []byte, fn func([]byte)) {
	if len(buf) == 0 {
		return
	}
	tok := a.clean(buf)
	if len(tok) > 1 || (len(tok) == 1 && tok[0] >= '0' && tok[0] <= '9') {
		fn(tok)
	}
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
// at the ends of a token. It works in place.
func (a *Analyzer) clean(tok []byte) []byte {
	if bytes.IndexByte(tok, '\'') < 0 {
		return tok
	}
	if a.lang == French {
		for _, e := range frenchElisions {
			if len(tok) > len(e) && string(tok[:len(e)]) == e {
				tok = tok[len(e):]
				break
			}
		}
	} else {
		if a.stop[string(tok)] { // "don't", "it's": keep the apostrophe so the stop list matches
			return tok
		}
		tok = bytes.TrimSuffix(tok, []byte("'s"))
	}
	out := tok[:0]
	for _, c := range tok {
		if c != '\'' {
			out = append(out, c)
		}
	}
	return out
}

// foldRune appends r without its diacritics. The table covers the Latin
// letters of French and the Western European languages that users type;
// other letters pass unchanged.
func foldRune(b []byte, r rune) []byte {
	if r < 0x80 {
		return append(b, byte(r))
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return append(b, 'a')
	case 'ç', 'ć', 'č':
		return append(b, 'c')
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě':
		return append(b, 'e')
	case 'ì', 'í', 'î', 'ï', 'ī', 'į':
		return append(b, 'i')
	case 'ñ', 'ń', 'ň':
		return append(b, 'n')
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő':
		return append(b, 'o')
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű':
		return append(b, 'u')
	case 'ý', 'ÿ':
		return append(b, 'y')
	case 'œ':
		return append(b, "oe"...)
	case 'æ':
		return append(b, "ae"...)
	case 'ß':
		return append(b, "ss"...)
	default:
		return utf8.AppendRune(b, r)
	}
}
