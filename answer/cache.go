package answer

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/meta"
	"github.com/interviewbot/interviewbot/retrieval"
)

// keyPrefix begins every cache key, and names the form of the entries
// (entry): a new form is a new prefix, and entries of the old one are
// never read again (they expire with their TTL).
const keyPrefix = "answer:v2:"

func keyOf(ref string) string { return keyPrefix + ref }

// entry is a cached answer: what rebuilding it takes and nothing that the
// interview holds (quotes, translations, topics) or that rendering makes
// (the text). An extractive answer is about 150 bytes of JSON, where the
// answer itself is 1.4 KB; an LLM's adds its prose.
type entry struct {
	// Question is the question folded (Normalize), for Service.Question.
	Question   string               `json:"q"`
	Language   retrieval.Language   `json:"l"`
	Confidence retrieval.Confidence `json:"c"`
	// Meta is the kind of a question about the interview, whose answer
	// is made again from it.
	Meta string `json:"m,omitempty"`
	// Quotes locate the citations, in order.
	Quotes []quoteRef `json:"r,omitempty"`
	// Suggest are the exchanges an abstention offers.
	Suggest []int `json:"s,omitempty"`
	// Prose is an LLM's answer, checked, as shown; "" for an extractive
	// answer.
	Prose string `json:"p,omitempty"`
	// Translated puts the translation first (Answer.translated).
	Translated bool `json:"t,omitempty"`
	// Check is the verdict on words the question quoted (Answer.check),
	// and Quoted those words, which the quotes must hold.
	Check  string   `json:"k,omitempty"`
	Quoted []string `json:"w,omitempty"`
}

// quoteRef locates a quote: sentences [From, To) of a paragraph.
type quoteRef struct {
	ID   string `json:"id"`
	From int    `json:"f"`
	To   int    `json:"t"`
}

// entryOf is what the cache keeps of a.
func entryOf(a Answer) entry {
	e := entry{Question: Normalize(a.Question), Language: a.Language, Confidence: a.Confidence, Meta: a.Meta, Prose: a.prose,
		Translated: a.translated, Check: a.check, Quoted: a.quoted}
	if a.Meta != "" {
		return e // made again from its kind
	}
	for _, c := range a.Citations {
		e.Quotes = append(e.Quotes, quoteRef{ID: c.ID, From: c.From, To: c.To})
	}
	for _, s := range a.Suggestions {
		e.Suggest = append(e.Suggest, s.Exchange)
	}
	return e
}

// errEntry is rebuild's error for an entry that does not make an answer:
// of another version, or written by something else. The answer is made
// afresh.
var errEntry = errors.New("answer: a cached entry that makes no answer")

// decode rebuilds the answer that raw, a cached entry, keeps, and returns
// its folded question. Everything is checked as if it came from outside:
// each quote's place, speaker and words, and an LLM's prose.
func (c *composer) decode(raw []byte) (Answer, string, error) {
	var e entry
	if err := json.Unmarshal(raw, &e); err != nil {
		return Answer{}, "", fmt.Errorf("%w: %w", errEntry, err)
	}
	a, err := c.rebuild(e)
	return a, e.Question, err
}

// rebuild makes the answer that e keeps.
func (c *composer) rebuild(e entry) (Answer, error) {
	iv := c.ix.Interview()
	if e.Language != retrieval.French && e.Language != retrieval.English {
		return Answer{}, fmt.Errorf("%w: language %q", errEntry, e.Language)
	}
	if e.Meta != "" {
		kind := meta.Kind(e.Meta)
		if !kind.Known() || e.Prose != "" {
			return Answer{}, fmt.Errorf("%w: meta %q", errEntry, e.Meta)
		}
		a := c.metaAnswer(e.Question, kind, e.Language)
		if err := verifyAll(iv, a.Citations); err != nil {
			return Answer{}, fmt.Errorf("%w: %w", errEntry, err)
		}
		return a, nil
	}
	a := Answer{Language: e.Language, Confidence: e.Confidence, Abstained: e.Confidence == retrieval.None, Citations: []Citation{},
		Mode: Extractive, Cache: CacheDisabled}
	switch {
	case e.Confidence != retrieval.Answer && e.Confidence != retrieval.Closest && e.Confidence != retrieval.None:
		return Answer{}, fmt.Errorf("%w: confidence %q", errEntry, e.Confidence)
	case a.Abstained != (len(e.Quotes) == 0), a.Abstained && e.Prose != "", !a.Abstained && len(e.Suggest) > 0:
		return Answer{}, fmt.Errorf("%w: %d quotes, %d suggestions and prose %v with confidence %q",
			errEntry, len(e.Quotes), len(e.Suggest), e.Prose != "", e.Confidence)
	}
	exchanges := len(iv.Exchanges())
	for _, n := range e.Suggest {
		if n < 1 || n > exchanges || len(e.Suggest) > suggestions {
			return Answer{}, fmt.Errorf("%w: suggestions %v", errEntry, e.Suggest)
		}
	}
	if a.Abstained {
		a.Suggestions = suggest(iv, e.Suggest, e.Language)
	}
	for _, r := range e.Quotes {
		p := iv.Paragraph(r.ID)
		if p == nil || e.Prose != "" && p.Role == corpus.RoleQuestion ||
			r.From < 0 || r.To > len(p.FR) || r.From >= r.To || len(e.Quotes) > maxReplyQuotes {
			return Answer{}, fmt.Errorf("%w: no quote at %s[%d:%d]", errEntry, r.ID, r.From, r.To)
		}
		a.Citations = append(a.Citations, sentencesOf(iv, p, r.From, r.To))
	}
	if err := verifyAll(iv, a.Citations); err != nil {
		return Answer{}, fmt.Errorf("%w: %w", errEntry, err)
	}
	if e.Prose == "" {
		a.translated = e.Translated && !a.Abstained
		if err := checkVerdict(iv, a.Citations, e.Check, e.Quoted); err != nil {
			return Answer{}, err
		}
		a.check, a.quoted = e.Check, e.Quoted
		a.Text = render(iv, a)
		return a, nil
	}
	// The prose was checked before it was cached; it is a model's
	// words all the same, read back from a shared store, and checked
	// again as on a miss, but with the question folded: a name the
	// question holds may then open a sentence of the prose.
	if n := utf8.RuneCountInString(e.Prose); n > maxProse+16 {
		return Answer{}, fmt.Errorf("%w: prose longer than shown (%d characters)", errEntry, n)
	}
	if err := recheck(iv, e.Question, e.Prose, a.Citations); err != nil {
		return Answer{}, fmt.Errorf("%w: prose: %w", errEntry, err)
	}
	a.Mode, a.prose = LLMMode, e.Prose
	a.Text = renderLLM(iv, a, e.Prose)
	return a, nil
}

// checkVerdict checks a cached verdict on quoted words against the quotes
// it stands above: every word quoted is in one of them (in French, or in
// our translation for that verdict), and each is of the speaker the
// verdict names.
func checkVerdict(iv *corpus.Interview, cs []Citation, check string, quoted []string) error {
	switch check {
	case "", checkMissing:
		return nil
	case checkHis, checkTranslation, checkNewspaper, checkNewspaperTranslation:
	default:
		return fmt.Errorf("%w: verdict %q", errEntry, check)
	}
	if len(cs) == 0 || len(quoted) == 0 {
		return fmt.Errorf("%w: verdict %q on %d quotes of %d phrases", errEntry, check, len(cs), len(quoted))
	}
	for _, c := range cs {
		if his := iv.Paragraph(c.ID).IsInterviewee(); his == (check == checkNewspaper || check == checkNewspaperTranslation) {
			return fmt.Errorf("%w: verdict %q on a quote from %s", errEntry, check, c.ID)
		}
	}
	for _, phrase := range quoted {
		if !slices.ContainsFunc(cs, func(c Citation) bool {
			switch check {
			case checkTranslation, checkNewspaperTranslation:
				return retrieval.PhraseIn(c.Translation, phrase)
			case checkNewspaper: // its French, or our translation of it
				return retrieval.PhraseIn(c.Quote, phrase) || retrieval.PhraseIn(c.Translation, phrase)
			}
			return retrieval.PhraseIn(c.Quote, phrase)
		}) {
			return fmt.Errorf("%w: verdict %q, and no quote holds %q", errEntry, check, phrase)
		}
	}
	return nil
}
