// Package meta recognises questions about the interview itself rather
// than about what the interviewee says: who was interviewed, by whom,
// when and where, where it was published, what it covers. Such questions
// are answered from the interview's description and the article's
// introduction, never from the interviewee's answers, so that "who is the
// interviewer" is not declined with "he does not talk about it".
//
// The cues are data (data/cues.tsv). The package knows nothing of
// retrieval scoring, of rendering or of Discord.
package meta

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/retrieval/analysis"
	"github.com/interviewbot/interviewbot/tsv"
)

// Kind is what a meta question asks.
type Kind string

// The kinds of meta question.
const (
	Who         Kind = "who"         // who was interviewed
	Interviewer Kind = "interviewer" // who asked the questions, who wrote the article
	When        Kind = "when"
	Where       Kind = "where"
	Publication Kind = "publication" // which newspaper
	Summary     Kind = "summary"     // a summary, tl;dr, the topics
	Count       Kind = "count"       // how many questions
	Questions   Kind = "questions"   // the journalist's questions, listed
	Quiz        Kind = "quiz"
	Language    Kind = "language" // the language it was given in
	// Chat is a greeting or thanks, with no question ("merci !", "salut
	// le bot, ça va ?"): the reply says what the bot answers.
	Chat Kind = "chat"
)

// kinds lists every kind.
var kinds = []Kind{Who, Interviewer, When, Where, Publication, Summary, Count, Questions, Quiz, Language, Chat}

// Known reports whether k is one of the kinds.
func (k Kind) Known() bool { return slices.Contains(kinds, k) }

// Stated reports whether the interview says what a question of kind k
// asks. Its text names neither the journalist nor the newspaper, so the
// answer to those is that it does not say: the question's focus is
// absent, as for a question about something it never names. A greeting
// asks nothing of it.
func (k Kind) Stated() bool {
	return k != Interviewer && k != Publication && k != Chat
}

//go:embed data/cues.tsv
var cueData string

// Detector recognises meta questions about one interview.
type Detector struct {
	an   *analysis.Analyzer // French: cues and questions are read with it
	cues []cue
	// byWord lists, by a word every match of a cue must contain, the
	// cues to try (as indexes into cues, in file order): a question is
	// checked against the few cues its words can match, not all.
	byWord map[string][]int
	// filler holds the words a summary cue may stand beside.
	filler map[string]bool
	// plain holds the words that ask for a summary whatever else the
	// question says of its purpose ("tldr", "recap", "résumé"): beside
	// one, a word the interview lacks says what it is for ("a recap for
	// our weekly newsletter"), as when the question names the
	// interview. They are filler too.
	plain map[string]bool
	// role holds the words for the interviewee's role ("président"),
	// which name him only beside the subject's name ("le président de
	// Microsoft"); subject holds the subject's name's tokens.
	role, subject map[string]bool
	// other holds the words that ask for what a summary does not give
	// ("combien", "traduis"): beside a word for the interview alone,
	// they do not make the question a summary.
	other map[string]bool
	// en tells, with an, which other words name no topic.
	en   *analysis.Analyzer
	name map[string]bool // the interviewee's name's tokens
	// exchanges is the interview's number of questions: "the third
	// question" names one of them (0 for a Detector made by Parse alone:
	// none).
	exchanges int
	// vocabulary returns the stems of the interview's words, French and
	// English, made when a question first needs them: they cost a
	// detector ten times the rest of its making (nil for a Detector made
	// by Parse alone: then every word that is not filler names a topic).
	vocabulary func() map[string]bool
}

// vocabularyOf returns the stems of iv's words, as d's analyzers make
// them: the words of the text, and those people use for them, the
// expansions and the glossary, as retrieval matches them.
func vocabularyOf(d *Detector, iv *corpus.Interview) map[string]bool {
	vocabulary := make(map[string]bool, 2048)
	add := func(an *analysis.Analyzer, texts ...string) {
		for _, text := range texts {
			for _, t := range an.Terms(text) {
				vocabulary[t] = true
			}
		}
	}
	for _, p := range iv.Paragraphs {
		add(d.an, p.Text())
		add(d.an, p.Expansion.FR...)
		add(d.en, p.Translation())
		add(d.en, p.Expansion.EN...)
	}
	for _, c := range analysis.DefaultGlossary().Concepts {
		add(d.an, c.FR...)
		add(d.en, c.EN...)
	}
	return vocabulary
}

// cue is one line of the cue file: all its runs must appear.
type cue struct {
	kind Kind
	lang string     // the language the cue is in, if only one ("quiz me")
	runs [][]string // each run's alternatives are expanded: one slice per run
}

// New returns a detector for iv, with the embedded cues. A summary cue
// may stand beside the words of iv's title and subject terms, since "sum
// up the interview on cyber diplomacy" still asks for a summary.
func New(iv *corpus.Interview) *Detector {
	d, err := Parse(strings.NewReader(cueData), iv.Interviewee)
	if err != nil {
		panic(fmt.Sprintf("meta: embedded cues are invalid: %v", err)) // tested
	}
	for _, about := range append([]string{iv.Title}, iv.SubjectTerms...) {
		for _, t := range d.an.Tokens(about, nil) {
			d.filler[t] = true
		}
	}
	for _, about := range iv.SubjectTerms {
		for _, t := range d.an.Tokens(about, nil) {
			d.subject[t] = true
		}
	}
	d.exchanges = len(iv.Exchanges())
	d.vocabulary = sync.OnceValue(func() map[string]bool { return vocabularyOf(d, iv) })
	return d
}

// Parse reads cues: lines of a kind, a tab and a cue; # starts a comment.
func Parse(r io.Reader, interviewee string) (*Detector, error) {
	d := &Detector{an: analysis.New(lang.French), filler: map[string]bool{}, plain: map[string]bool{}, other: map[string]bool{}, role: map[string]bool{}, subject: map[string]bool{}, name: map[string]bool{}, byWord: map[string][]int{},
		en: analysis.New(lang.English)}
	name := strings.Join(d.an.Tokens(interviewee, nil), " ")
	for _, t := range d.an.Tokens(interviewee, nil) {
		d.name[t] = true
	}
	if err := tsv.Read(r, "meta", func(l tsv.Line) error { return d.parseLine(l, name) }); err != nil {
		return nil, err
	}
	return d, nil
}

// parseLine reads one line of cues; name is the interviewee's name, as
// its cues write it ({interviewee}).
func (d *Detector) parseLine(l tsv.Line, name string) error {
	cols, n := l.Fields, l.N
	if len(cols) < 2 || len(cols) > 3 || strings.TrimSpace(cols[1]) == "" {
		return fmt.Errorf("meta: line %d: want a kind, a tab and a cue, and optionally a tab and its language", n)
	}
	kind, text := cols[0], cols[1]
	if words, ok := map[string]map[string]bool{"other": d.other, "role": d.role}[kind]; ok {
		for _, t := range d.an.Tokens(text, nil) {
			words[t] = true
		}
		return nil
	}
	if kind == "filler" || kind == "plain" {
		for _, t := range d.an.Tokens(text, nil) {
			d.filler[t] = true
			d.plain[t] = d.plain[t] || kind == "plain"
		}
		return nil
	}
	c := cue{kind: Kind(kind)}
	if !c.kind.Known() {
		return fmt.Errorf("meta: line %d: unknown kind %q", n, kind)
	}
	if len(cols) == 3 {
		if c.lang = cols[2]; c.lang != "fr" && c.lang != "en" {
			return fmt.Errorf("meta: line %d: language %q: want fr or en", n, c.lang)
		}
	}
	for _, run := range strings.Split(text, "+") {
		run = strings.ReplaceAll(run, "{interviewee}", name)
		toks := d.an.Tokens(run, nil)
		if strings.TrimSpace(run) == "{doc}" {
			toks = []string{"{doc}"}
		}
		if len(toks) == 0 {
			return fmt.Errorf("meta: line %d: empty cue", n)
		}
		c.runs = append(c.runs, toks)
	}
	key := ""
	for _, run := range c.runs {
		if run[0] != "{doc}" {
			key = run[0]
			break
		}
	}
	if key == "" {
		return fmt.Errorf("meta: line %d: a cue needs a word besides {doc}", n)
	}
	d.byWord[key] = append(d.byWord[key], len(d.cues))
	d.cues = append(d.cues, c)
	return nil
}

// possessive drops the English possessive, which the French analyzer
// would glue to the name ("Brad Smith's job").
var possessive = strings.NewReplacer("'s ", " ", "’s ", " ", "'s?", "?", "’s?", "?")

// Match is a question recognised as one about the interview itself.
type Match struct {
	Kind Kind
	// Lang is the language of the words that gave it away ("quiz me" is
	// English), or "" when they are either.
	Lang string
}

// Detect reports whether q asks about the interview itself, and what.
// The first cue that matches, in file order, decides.
func (d *Detector) Detect(q string) (Match, bool) {
	toks := d.an.Tokens(possessive.Replace(q), make([]string, 0, 16))
	if retrieval.QuestionNumber(toks, d.exchanges) > 0 {
		return Match{}, false // "what was the first question?" asks what it said
	}
	var candidates []int
	for _, t := range toks {
		candidates = append(candidates, d.byWord[t]...)
	}
	slices.Sort(candidates)
	// A number or a translation is not what the journalist asked, nor a
	// summary: "combien de questions on lui pose", "how many questions
	// did the journalist ask", "traduis les questions du journaliste".
	other := slices.ContainsFunc(toks, d.notSummary)
	for _, i := range slices.Compact(candidates) {
		c := d.cues[i]
		if other && (c.kind == Questions || c.kind == Interviewer) {
			continue
		}
		if c.matches(toks) && (c.specific() || !d.namesTopic(q, toks, c, true)) {
			return Match{c.kind, c.lang}, true
		}
	}
	if !other && slices.ContainsFunc(toks, isDocWord) && !d.ownText(toks) && !d.namesTopic(q, toks, cue{}, false) {
		// "Explique-moi l'interview comme si j'avais 10 ans": a question
		// that names the interview and nothing else, with no cue, asks
		// what it says. Every other word must be one that names no
		// topic: "how to prepare for a job interview" is not about it;
		// and it must not ask for a number or a translation ("combien
		// de mots", "traduis l'article").
		return Match{Kind: Summary}, true
	}
	return Match{}, false
}

// Plain reports whether q asks for a summary in so many words ("résumé",
// "recap", "synopsis": the plain lines of the cues) and names nothing the
// interview lacks that could be its topic instead: no name, no year, no
// everyday word far from it ("recap of the football match"), no request
// for a number or a translation. Detect reads such a question as a
// summary only when the rest names no topic of the interview either;
// the caller, once its search has found nothing in the interview for
// the rest ("Un petit résumé de l'article ? merci d'avance"), may read
// it as one too.
func (d *Detector) Plain(q string) bool {
	toks := d.an.Tokens(possessive.Replace(q), make([]string, 0, 16))
	if !slices.ContainsFunc(toks, func(t string) bool { return d.plain[t] }) || d.ownText(toks) {
		return false
	}
	names := d.an.Names(q)
	return !slices.ContainsFunc(toks, func(t string) bool {
		return d.other[t] || d.an.IsOfftopic(t) || d.en.IsOfftopic(t) ||
			names[t] && !d.name[t] && !d.subject[t] && !isDocWord(t) && !d.plain[t] && !d.filler[t] ||
			strings.ContainsFunc(t, unicode.IsDigit) && (len(t) >= 3 || strings.ContainsFunc(t, unicode.IsLetter)) // "1984", "5G"
	})
}

// isDocWord reports whether t names a whole text, for cues with {doc}.
func isDocWord(t string) bool { return retrieval.IsDocWord(t) }

// ownText reports whether toks name a text of the asker's ("traduis mon
// texte", "check my essay") or some other text ("a job interview", "un
// article pour l'école"), not the interview.
func (d *Detector) ownText(toks []string) bool {
	own := false
	for i, t := range toks {
		if !isDocWord(t) {
			continue
		}
		if i == 0 || !retrieval.IsOtherText(toks[i-1]) {
			return false // "compare l'entretien avec mon article"
		}
		own = true
	}
	return own
}

// notSummary reports whether the folded token t asks for something a
// summary does not give: a number or a translation.
func (d *Detector) notSummary(t string) bool { return d.other[t] }

// namesTopic reports whether question q, as tokens toks, holds a word
// that names a topic: not a word of the cue c, a function word, framing,
// filler, the interviewee's name or a word for the interview, and either
// a word of the interview or a name. When lenient and the question names
// the interview, other words say what the summary is for ("for our
// newsletter", "explain this interview to my little brother"): the
// interview has nothing on them to answer instead; otherwise any other
// word names a topic.
func (d *Detector) namesTopic(q string, toks []string, c cue, lenient bool) bool {
	names := d.an.Names(q)
	// Words the interview does not have leave a summary a summary only
	// when the question names the interview or its interviewee: "the
	// bottom line on bitcoin" asks about bitcoin.
	namesDoc := slices.ContainsFunc(toks, isDocWord) && !d.ownText(toks)
	aboutIt := lenient && (namesDoc || slices.ContainsFunc(toks, func(t string) bool { return d.name[t] || d.plain[t] }))
	for _, t := range toks {
		switch {
		case !namesDoc && (d.an.IsOfftopic(t) || d.en.IsOfftopic(t)):
			// "recap of the football match"; but "a recap of the
			// interview for my book club" says what it is for.
			return true
		case slices.ContainsFunc(c.runs, func(run []string) bool { return slices.Contains(run, t) }):
		case d.filler[t] || d.name[t] || isDocWord(t):
		case d.role[t] && slices.ContainsFunc(toks, func(t string) bool { return d.subject[t] }):
			// "le président de Microsoft": him.
		case d.an.IsStop(t) || d.en.IsStop(t) || d.an.IsFraming(t) || d.en.IsFraming(t):
		case d.an.IsCommon(t) || d.en.IsCommon(t):
		case (d.an.IsNumber(t) || d.en.IsNumber(t)) && (lenient || len(t) < 3): // "en trois points"
			// Beside no cue, a year names what the question is about:
			// "quel passage de l'interview sur les années 1930".
		case aboutIt && d.vocabulary != nil && !d.vocabulary()[d.an.Stem(t)] && !d.vocabulary()[d.en.Stem(t)] && !names[t] &&
			!strings.ContainsFunc(t, unicode.IsDigit):
			// Not in the interview, and not a name ("Huawei", "5G"):
			// what the summary is for.
		default:
			return true
		}
	}
	return false
}

// specific reports whether the cue's words ask about the interview
// whatever else the question says ("combien de questions on lui pose").
// Other cues ("when", "newspaper", "tldr") count only when the question
// names no topic: "when did WannaCry spread, according to the article"
// asks about WannaCry.
func (c cue) specific() bool {
	return c.kind == Count || c.kind == Quiz || c.kind == Language
}

func (c cue) matches(toks []string) bool {
	for _, run := range c.runs {
		if !contains(toks, run) {
			return false
		}
	}
	return true
}

// contains reports whether run occurs in toks as consecutive tokens.
func contains(toks, run []string) bool {
	if len(run) == 1 && run[0] == "{doc}" {
		return slices.ContainsFunc(toks, isDocWord)
	}
	for i := 0; i+len(run) <= len(toks); i++ {
		match := true
		for j, w := range run {
			if toks[i+j] != w {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}
