package answer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
	"golang.org/x/text/unicode/norm"
)

// The checks of a model's prose: what it may contain, which of our
// labels it must not imitate, and which names it must not bring in. A
// model's reply is hostile input: the prose is shown only when it passes
// every one, and only our code renders a quote.

// maxProse bounds the model's text shown to users, in runes.
const maxProse = 1200

// quoteMarks are quotation devices, named in the log when prose uses
// one; checkProse refuses them and anything else it does not allow.
const quoteMarks = "«»“”„‟\"＂‹›‘‚「」『』〝〞〟❝❞❛❜⹂〃″ˮ《》≪≫＇‛״❮❯🙶🙷🙸"

// IsQuoteMark reports whether r is a quotation mark, or passes for one:
// an echo of a user's text turns them into plain apostrophes.
func IsQuoteMark(r rune) bool {
	return strings.ContainsRune(quoteMarks, r) || unicode.In(r, unicode.Pi, unicode.Pf)
}

// checkMarks are the marks we put on verified quotes, and lookalikes.
const checkMarks = "✓✔☑✅🗸🗹🮱√"

// labels are the words of our own quote labels (see templates/llm_*.tmpl),
// as foldWords folds them: prose using them, or a word of them with one
// letter changed, added or dropped, imitates a verified quote.
var labels = []label{
	{"citation", "verifiee"}, {"citations", "verifiees"}, {"verified", "quote"}, {"verified", "quotes"},
	{"mot", "pour", "mot"}, {"word", "for", "word"}, {"in", "the", "original", "french"}, {"dans", "le", "texte", "original"},
}

// label is a label's words.
type label []string

// joined are labels' words joined by spaces, as findLabel compares them.
var joined = func() []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = strings.Join(l, " ")
	}
	return out
}()

// translationLabels open our translations' lines: "Translation (ours".
var translationLabels = []string{"traduction (", "translation ("}

// links are what starts a link.
var links = []string{"://", "www.", "discord.gg"}

// proseMarks is the punctuation prose may use, besides apostrophes
// inside words.
const proseMarks = " .,;:!?()%-–—/&+=€$£°…"

// checkProse returns why prose, cleaned (see cleanProse), cannot be shown,
// or nil. It allows Latin letters, digits and plain punctuation only, so
// that no quotation mark, check mark or lookalike of either, of any
// script, can make it look like a quote; nor our labels' words, however
// spelt, nor a link. Only our code renders a quote, and only from a
// verified citation.
func checkProse(prose string) (reason string, err error) {
	for i, r := range prose {
		switch {
		case proseRune(r):
		case (r == '\'' || r == '’') && !opensQuote(prose, i):
		case IsQuoteMark(r), r == '\'' || r == '’':
			return "quotation marks in prose", fmt.Errorf("prose quotes with %q: %.200q", r, prose)
		case strings.ContainsRune(checkMarks, r):
			return "prose imitates a verified quote", fmt.Errorf("prose has the mark %q: %.200q", r, prose)
		default:
			return "unexpected character in prose", fmt.Errorf("prose has %U %q: %.200q", r, r, prose)
		}
	}
	if from, to, ok := findLabel(foldWords(prose)); ok {
		return "prose imitates a verified quote", fmt.Errorf("prose has the label %q: %.200q", prose[from:to], prose)
	}
	folded := foldLookalikes(prose)
	for _, l := range translationLabels {
		if strings.Contains(folded, l) {
			return "prose imitates a verified quote", fmt.Errorf("prose has the label %q: %.200q", l, prose)
		}
	}
	for _, l := range links {
		if strings.Contains(folded, l) {
			return "link in prose", fmt.Errorf("prose links (%q): %.200q", l, prose)
		}
	}
	return "", nil
}

// MaskLabels returns s, a user's text to echo, with what imitates our
// quote labels ("Citation vérifiée", "Verıfıed quote", "word-for-word")
// replaced by "…".
func MaskLabels(s string) string {
	for range 8 { // a few labels at most; each pass masks one
		from, to, ok := findLabel(foldWords(s))
		if !ok {
			break
		}
		s = s[:from] + "…" + s[to:]
	}
	return s
}

// findLabel returns the bytes of the original text that the first
// imitation of a label among words spans.
func findLabel(words []word) (from, to int, ok bool) {
	var space [64]byte
	buf := space[:0]
	for li, l := range labels {
		want := joined[li]
		// One word more or fewer: a space added ("veri fied") or
		// dropped ("verifiedquote") is one edit too.
		for n := max(len(l)-1, 1); n <= len(l)+1; n++ {
			for i := 0; i+n <= len(words); i++ {
				size := n - 1
				for _, w := range words[i : i+n] {
					size += len(w.text)
				}
				if size < len(want)-1 || size > len(want)+1 {
					continue
				}
				buf = buf[:0]
				for k, w := range words[i : i+n] {
					if k > 0 {
						buf = append(buf, ' ')
					}
					buf = append(buf, w.text...)
				}
				if withinOneEdit(buf, want) {
					return words[i].from, words[i+n-1].to, true
				}
			}
		}
	}
	return 0, 0, false
}

// withinOneEdit reports whether a becomes b with at most one byte
// inserted, deleted or replaced, or two neighbours swapped ("qoute").
// The words compared are folded to ASCII.
func withinOneEdit(a []byte, b string) bool {
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		return i == la || string(a[i+1:]) == b[i+1:] ||
			i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == b[i+2:]
	case la < lb:
		return string(a[i:]) == b[i+1:]
	}
	return string(a[i+1:]) == b[i:]
}

// word is a word of a text, folded by foldLookalikes, with the bytes it
// spans in the text and whether it was written with a capital, or in
// capitals (an acronym: EU, NSA).
type word struct {
	text            string
	from, to        int
	capital, capped bool
	at              int // where its folding starts, while foldWords works
}

// foldWords returns the words of s: runs of letters and digits, once
// folded (so "vérifiée", "verifiee" and "VERIFIÉE" are one word, and
// "word-for-word" three).
func foldWords(s string) []word {
	var (
		out    = make([]word, 0, len(s)/6+1)
		folded = make([]byte, 0, len(s)) // every word's folding, one after the other
		w      word
		in     bool
		buf    [utf8.UTFMax * 4]byte
	)
	end := func(i int) {
		if in {
			w.to, in = i, false
			w.capped = w.capped && utf8.RuneCount(folded[w.at:]) > 1
			out = append(out, w)
		}
	}
	for i, r := range s {
		var f []byte
		if r < utf8.RuneSelf {
			if !('a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9') {
				end(i)
				continue
			}
			f = append(buf[:0], byte(unicode.ToLower(r)))
		} else if f = foldRune(buf[:0], r); len(f) == 0 || !isWordByte(f) {
			end(i)
			continue
		}
		if !in {
			in = true
			w = word{from: i, capital: unicode.IsUpper(r) || unicode.IsTitle(r), at: len(folded)}
			w.capped = w.capital
		} else if w.capped && unicode.IsLetter(r) && !unicode.IsUpper(r) {
			w.capped = false
		}
		folded = append(folded, f...)
	}
	end(len(s))
	all := string(folded)
	for k := range out {
		to := len(all)
		if k+1 < len(out) {
			to = out[k+1].at
		}
		out[k].text = all[out[k].at:to]
	}
	return out
}

// isWordByte reports whether the folding of a rune, f, is a letter or a
// digit.
func isWordByte(f []byte) bool {
	r, _ := utf8.DecodeRune(f)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldLookalikes folds s as foldWords folds its words, keeping what is
// between them.
func foldLookalikes(s string) string {
	var (
		out []byte
		buf [utf8.UTFMax * 4]byte
	)
	for _, r := range s {
		out = append(out, foldRune(buf[:0], r)...)
	}
	return string(out)
}

// foldRune appends r folded to dst: its compatibility decomposition
// (NFKD: a ligature, a fullwidth or styled letter becomes plain ones)
// without combining marks (accents), in lower case, with the Latin
// letters that pass for others (ı, ſ, ł, ø) as those others.
func foldRune(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		return append(dst, byte(unicode.ToLower(r)))
	}
	if s, ok := latinFolds[r]; ok {
		return append(dst, s...)
	}
	return slowFold(dst, r)
}

// slowFold is foldRune's work, which latinFolds keeps done for the
// letters prose and questions use most.
func slowFold(dst []byte, r rune) []byte {
	if s, ok := lookalikes[unicode.ToLower(r)]; ok {
		return append(dst, s...)
	}
	var in [utf8.UTFMax]byte
	for _, d := range norm.NFKD.String(string(in[:utf8.EncodeRune(in[:], r)])) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		d = unicode.ToLower(d)
		if s, ok := lookalikes[d]; ok {
			dst = append(dst, s...)
		} else {
			dst = utf8.AppendRune(dst, d)
		}
	}
	return dst
}

// latinFolds are the foldings of the Latin-1 and Latin Extended letters
// and of Latin Extended Additional (ạ, ẞ), made once.
var latinFolds = func() map[rune]string {
	m := map[rune]string{}
	for _, block := range [][2]rune{{0x80, 0x24F}, {0x1E00, 0x1EFF}} {
		for r := block[0]; r <= block[1]; r++ {
			m[r] = string(slowFold(nil, r))
		}
	}
	return m
}()

// lookalikes are Latin letters that NFKD leaves alone but that pass for
// others, and what they pass for.
var lookalikes = map[rune]string{
	'ı': "i", 'ȷ': "j", 'ſ': "s", 'ł': "l", 'ƚ': "l", 'ŀ': "l", 'ø': "o", 'đ': "d", 'ħ': "h", 'ŧ': "t",
	'ƀ': "b", 'ɨ': "i", 'ɩ': "i", 'ǀ': "l", 'ĸ': "k", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ð': "d", 'þ': "th",
	'ƒ': "f", 'ƶ': "z", 'ɇ': "e", 'ȼ': "c", 'ɍ': "r", 'ɏ': "y", 'ʉ': "u", 'ƙ': "k", 'ƴ': "y",
}

// proseRune reports whether r may stand anywhere in prose: an ASCII
// letter or digit, a letter of the Latin-1 and Latin Extended blocks
// (é, ç, œ), or plain punctuation. Fullwidth, mathematical and
// other-script lookalikes of letters are not.
func proseRune(r rune) bool {
	switch {
	case r < 0x80:
		return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(proseMarks, r)
	case r >= 0xC0 && r <= 0x24F, r >= 0x1E00 && r <= 0x1EFF:
		return unicode.IsLetter(r)
	}
	return strings.ContainsRune(proseMarks, r)
}

// opensQuote reports whether the apostrophe at byte i of s opens a quote:
// nothing precedes it but a non-letter (a space, a colon, a bracket) and
// something follows. An apostrophe inside a word (l’espionnage,
// Microsoft's) or after one (states') does not.
func opensQuote(s string, i int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	_, size := utf8.DecodeRuneInString(s[i:])
	return (i == 0 || !unicode.IsLetter(prev) && !unicode.IsDigit(prev)) && i+size < len(s)
}

// cleanProse makes the model's text plain before it is checked: one
// paragraph, with no Markdown, no control or invisible characters. The
// templates put it after a label on its line, so nothing it starts with
// is a line's start (a list, a heading, a quote block).
func cleanProse(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r): // bidi overrides, zero-width characters
			return -1
		case strings.ContainsRune("*_~|`[]<>#\\", r): // Markdown: emphasis, spoilers, code, links, headings, escapes
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// shownProse is the checked prose as shown, cut to maxProse. It has no
// mention to break: checkProse allows no "@" nor "<".
func shownProse(s string) string {
	if r := []rune(s); len(r) > maxProse {
		s = string(r[:maxProse-1]) + "…"
	}
	return s
}

// ungroundedName returns a name the prose uses that none of the passages
// given to the model (in French or in translation) contains, nor the
// interview's own names: a model that brings in a name of its own, or
// one a question slipped in ("say he hates Macron"), is not answering
// from the passages. Words are compared folded (case, accents,
// lookalikes) and whole, and a word the passages use in another form
// (États for Etats, Seconde for second) is theirs. A name is a word of
// two letters or more written with a capital that is not an everyday
// word ("However", "Selon"), wherever it stands, and any acronym (EU is
// not the French "eu"); but a sentence's first
// word that the question wrote in lower case ("Spying is old", asked
// about spying) is the asker's word, not a name. And a word that the
// question wrote with a capital inside a sentence, and the passages do
// not hold, is a name in the prose in any case.
func ungroundedName(iv *corpus.Interview, prose, question string, hits []retrieval.Hit) string {
	var ground strings.Builder
	ground.WriteString(iv.Interviewee + " " + iv.Title + " " + strings.Join(iv.SubjectTerms, " "))
	for _, h := range hits {
		ground.WriteString(" " + h.Paragraph.Text() + " " + h.Paragraph.Translation())
	}
	g := newGround(ground.String())
	asked, lower := map[string]bool{}, map[string]bool{}
	for _, w := range foldWords(question) {
		switch {
		case !w.capital:
			lower[w.text] = true
		case !opensSentence(question, w.from) && g.name(w.text):
			asked[w.text] = true
		}
	}
	for _, w := range foldWords(prose) {
		switch {
		case asked[w.text]:
			return prose[w.from:w.to]
		case w.capped && !g.acronyms[w.text] && w.text != "ok":
			return prose[w.from:w.to] // an acronym the passages do not write: EU is not "eu", nor UN "un"
		case !w.capital || !g.name(w.text):
		case opensSentence(prose, w.from) && lower[w.text]:
		default:
			return prose[w.from:w.to]
		}
	}
	return ""
}

// opensSentence reports whether the word at byte i of text opens a
// sentence, a line or a clause after a colon: nothing but spaces,
// opening marks and Markdown stands between it and one's end.
func opensSentence(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t«“\"(#>*_`-")
	return before == "" || strings.ContainsRune(".!?:\n", rune(before[len(before)-1]))
}

// ground is what the passages given to a model hold: their words,
// those words' stems in French and English, and their acronyms.
type ground struct {
	words, stems, acronyms map[string]bool
	en, fr                 *retrieval.Analyzer
}

func newGround(text string) *ground {
	g := &ground{words: map[string]bool{}, stems: map[string]bool{}, acronyms: map[string]bool{},
		en: retrieval.NewAnalyzer(retrieval.English), fr: retrieval.NewAnalyzer(retrieval.French)}
	for _, w := range foldWords(text) {
		if w.capped {
			g.acronyms[w.text] = true
		}
		if !g.words[w.text] {
			g.words[w.text] = true
			g.stems[g.en.Stem(w.text)] = true
			g.stems[g.fr.Stem(w.text)] = true
		}
	}
	return g
}

// name reports whether w, a folded word written with a capital, is a
// name the passages do not hold: not theirs in any form, not an
// everyday word, and more than a letter.
func (g *ground) name(w string) bool {
	switch {
	case len(w) < 2, everyday[w]:
		return false
	case g.en.IsStop(w), g.fr.IsStop(w), g.en.IsCommon(w), g.fr.IsCommon(w), g.en.IsFraming(w), g.fr.IsFraming(w):
		return false
	}
	return !g.holds(w)
}

// holds reports whether the passages hold w, a folded word, in any form.
func (g *ground) holds(w string) bool {
	return g.words[w] || g.stems[g.en.Stem(w)] || g.stems[g.fr.Stem(w)]
}

// everyday are words that open a model's sentences, or are written with
// a capital for other reasons, in English and French, folded: never
// names. The retrieval's stop, common and framing words are too.
var everyday = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		however moreover furthermore overall instead therefore thus hence meanwhile although though
		whereas yet still also besides indeed nevertheless nonetheless finally first second third firstly
		secondly lastly today now then here there in short brief summary sum conclusion essence fact
		addition contrast particular general other words rather simply clearly ultimately notably
		specifically importantly interestingly similarly likewise accordingly consequently given since
		unlike like while when where whether which who whom whose what why how this that these those
		such it its they them their he she his her him we our us you your i me my one ones
		a an the and or but nor so for to of at by on in into from with without within about
		as after before during until unless because if not no yes all any both each every either
		neither some many much more most few several only just even ever never always often sometimes
		perhaps maybe per via according based regarding concerning despite throughout toward towards
		answer answers question questions interview interviewer journalist newspaper article text reply
		asked asks says said argues argued explains explained notes noted stresses stressed believes
		thinks warns warned adds added points recalls recalled suggests insists calls called sees
		cependant toutefois pourtant neanmoins ainsi donc enfin bref finalement egalement aussi
		en effet outre plus par ailleurs autrement dit resume somme conclusion selon pour lui elle
		il ils elles on nous vous je tu le la les un une des du de d l au aux ce cet cette ces
		son sa ses leur leurs notre nos votre vos mon ma mes ton ta tes qui que quoi dont ou
		quand comme si mais et car or ni puis alors lorsque puisque parce tandis bien meme
		aujourd hui hier demain desormais deja encore toujours jamais souvent parfois peut etre
		d apres face quant entre sans avec chez vers depuis pendant avant apres
		entretien journaliste journal article texte question questions reponse reponses
		explique affirme souligne rappelle estime pense juge insiste ajoute note considere
		dit declare precise avance defend critique regrette appelle plaide
		oui non ok
	`) {
		m[w] = true
	}
	return m
}()
