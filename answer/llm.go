package answer

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/prompts"
	"github.com/interviewbot/interviewbot/retrieval"
)

// LLMMode marks answers phrased by an LLM around verified quotes.
const LLMMode Mode = "llm"

// Completion is what a model returned for one prompt.
type Completion struct {
	Text                           string
	Model                          string
	PromptTokens, CompletionTokens int
}

// Generate asks a model to complete a system and a user prompt. The
// caller's ctx sets the deadline.
type Generate func(ctx context.Context, system, user string) (Completion, error)

// Usage is the token count of the LLM call behind an answer.
type Usage struct {
	Model            string `json:"model"`
	PromptTokens     int    `json:"prompt_tokens"`
	CompletionTokens int    `json:"completion_tokens"`
}

// LLM phrases answers with a model, and trusts nothing the model quotes
// until it has checked it against the interview. Whatever fails (the
// call, the JSON, every quote) gives the extractive answer instead.
type LLM struct {
	c        *Composer
	generate Generate
	model    string
	timeout  time.Duration
	// OnFallback, if set, hears why an answer fell back to extractive.
	OnFallback func(reason string, err error)
	// OnUsage, if set, hears the token count of every call that returned.
	OnUsage func(Usage)
}

// NewLLM returns an LLM answerer over c. timeout bounds each call.
func NewLLM(c *Composer, generate Generate, model string, timeout time.Duration) *LLM {
	return &LLM{c: c, generate: generate, model: model, timeout: timeout}
}

// keyPart identifies the model and prompts in cache keys.
func (l *LLM) keyPart() string { return string(LLMMode) + "/" + l.model + "/" + prompts.Version }

// reply is the JSON the model is asked for.
type reply struct {
	Answer string `json:"answer"`
	Quotes []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"quotes"`
}

// Answer answers q with the model, or extractively when the interview does
// not cover q or the model's reply fails the checks.
func (l *LLM) Answer(ctx context.Context, q retrieval.Query) (Answer, error) {
	ext, err := l.c.Answer(q)
	if err != nil || ext.Abstained || ext.Meta != "" {
		// Nothing to phrase: never ask a model to fill a gap, nor to
		// retell what the interview's description already says.
		return ext, err
	}
	a, reason, err := l.phrase(ctx, q, ext)
	if reason != "" {
		if l.OnFallback != nil {
			l.OnFallback(reason, err)
		}
		return ext, nil
	}
	return a, nil
}

// phrase returns the LLM answer, or the reason to fall back.
func (l *LLM) phrase(ctx context.Context, q retrieval.Query, ext Answer) (Answer, string, error) {
	iv := l.c.ix.Interview()
	res := l.c.ix.Search(retrieval.Query{Text: ext.Question, Lang: ext.Language, K: 4})
	data := prompts.Data{Title: iv.Title, Interviewee: iv.Interviewee, Language: languageName(ext.Language), Question: ext.Question}
	for _, h := range res.Hits {
		p := prompts.Passage{ID: h.Paragraph.ID, Text: h.Paragraph.Text()}
		if h.Paragraph.IsInterviewee() {
			data.Answers = append(data.Answers, p)
		} else {
			data.Article = append(data.Article, p)
		}
	}
	system, user, err := prompts.Render(data)
	if err != nil {
		return Answer{}, "prompt", err
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	comp, err := l.generate(ctx, system, user)
	if err != nil {
		return Answer{}, "call failed", err
	}
	usage := &Usage{Model: cmpOr(comp.Model, l.model), PromptTokens: comp.PromptTokens, CompletionTokens: comp.CompletionTokens}
	if l.OnUsage != nil {
		l.OnUsage(*usage)
	}
	var r reply
	if err := json.Unmarshal([]byte(unfence(comp.Text)), &r); err != nil || strings.TrimSpace(r.Answer) == "" {
		return Answer{}, "malformed reply", fmt.Errorf("not the JSON asked for: %.200q", comp.Text)
	}
	if span, ok := unverifiedSpan(iv, r.Answer); !ok {
		return Answer{}, "quote in prose not verbatim", fmt.Errorf("prose quotes %q", span)
	}
	if name := ungroundedName(iv, r.Answer, res.Hits); name != "" {
		return Answer{}, "prose names what the passages do not", fmt.Errorf("prose names %q", name)
	}
	a := Answer{
		Question: ext.Question, Language: ext.Language, Confidence: ext.Confidence, Citations: []Citation{}, Mode: LLMMode, Cache: ext.Cache,
		Usage: usage,
	}
	var dropped []string
	for _, qt := range r.Quotes {
		c, err := verifiedCitation(iv, qt.ID, qt.Text)
		if err != nil {
			dropped = append(dropped, err.Error())
			continue
		}
		if !slices.ContainsFunc(a.Citations, func(o Citation) bool { return o.ID == c.ID && o.Quote == c.Quote }) {
			a.Citations = append(a.Citations, c)
		}
	}
	if len(a.Citations) == 0 {
		return Answer{}, "no verified quote", fmt.Errorf("dropped: %s", strings.Join(dropped, "; "))
	}
	a.Text = renderLLM(iv, a, sanitizeProse(r.Answer))
	return a, "", nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func languageName(l retrieval.Language) string {
	if l == retrieval.English {
		return "English"
	}
	return "French"
}

var fence = regexp.MustCompile("(?s)^\\s*```[a-zA-Z]*\\s*(.*?)\\s*```\\s*$")

// unfence strips a Markdown code fence around JSON, which many models add.
func unfence(s string) string {
	if m := fence.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return strings.TrimSpace(s)
}

// minQuoteWords keeps a "quote" of a word or two, which is verbatim
// almost anywhere, from passing as the interviewee's words.
const minQuoteWords = 3

// verifiedCitation checks that text is verbatim, up to white space and
// typography, in the interviewee's paragraph id, and returns the citation
// with the published words (not the model's copy of them).
func verifiedCitation(iv *corpus.Interview, id, text string) (Citation, error) {
	p := iv.Paragraph(id)
	switch {
	case p == nil:
		return Citation{}, fmt.Errorf("%s: no such passage", id)
	case !p.IsInterviewee():
		return Citation{}, fmt.Errorf("%s: not %s's words (%s)", id, iv.Interviewee, p.Role)
	case len(strings.Fields(normalizeTypography(text))) < minQuoteWords:
		return Citation{}, fmt.Errorf("%s: quote too short to check: %q", id, text)
	}
	from, to, ok := locate(p.Text(), text)
	if !ok {
		return Citation{}, fmt.Errorf("%s: not verbatim: %q", id, text)
	}
	orig := strings.TrimSpace(p.Text()[from:to])
	first, last := sentenceSpan(p, from, to)
	return Citation{
		ID: p.ID, Exchange: p.Exchange, Speaker: iv.Interviewee, Quote: orig,
		Translation: strings.Join(p.EN[first:last], " "), From: first, To: last,
	}, nil
}

// sentenceSpan returns the sentences [first, last) of p that the bytes
// [from, to) of its text overlap.
func sentenceSpan(p *corpus.Paragraph, from, to int) (first, last int) {
	pos := 0
	first, last = -1, 0
	for i, s := range p.FR {
		end := pos + len(s)
		if end > from && pos < to {
			if first < 0 {
				first = i
			}
			last = i + 1
		}
		pos = end + 1
	}
	return max(first, 0), max(last, 1)
}

// normalizeTypography folds what a model may retype differently: white
// space, apostrophes, quotation marks, dashes and ellipses. Quotation
// marks are dropped, since a quote's own marks are not its words.
func normalizeTypography(s string) string {
	n, _ := normalizeMap(s)
	return n
}

// normalizeMap returns the folded s and, for each byte of it, the offset
// of the byte of s it came from.
func normalizeMap(s string) (string, []int) {
	var b strings.Builder
	var at []int
	space := true // drop leading white space
	for i, r := range s {
		var out string
		switch {
		case unicode.IsSpace(r):
			if !space {
				out = " "
			}
			space = true
		case strings.ContainsRune("«»“”„\"", r):
			continue
		case strings.ContainsRune("’‘ʼ′`´", r):
			out, space = "'", false
		case strings.ContainsRune("–—‑", r):
			out, space = "-", false
		case r == '…':
			out, space = "...", false
		default:
			out, space = string(r), false
		}
		for range len(out) {
			at = append(at, i)
		}
		b.WriteString(out)
	}
	n := b.String()
	for strings.HasSuffix(n, " ") {
		n, at = n[:len(n)-1], at[:len(at)-1]
	}
	return n, at
}

// locate finds quote in text after folding both, and returns the byte
// range of text it covers.
func locate(text, quote string) (from, to int, ok bool) {
	nt, at := normalizeMap(text)
	nq := normalizeTypography(quote)
	if nq == "" {
		return 0, 0, false
	}
	i := strings.Index(nt, nq)
	if i < 0 {
		return 0, 0, false
	}
	from = at[i]
	last := at[i+len(nq)-1]
	_, size := utf8.DecodeRuneInString(text[last:])
	return from, last + size, true
}

var quotedSpan = regexp.MustCompile(`«\s*([^»]+?)\s*»|“([^”]+)”|"([^"]+)"`)

// unverifiedSpan returns the first span the prose puts in quotation marks
// that is not verbatim in one of the interviewee's answers.
func unverifiedSpan(iv *corpus.Interview, prose string) (string, bool) {
	for _, m := range quotedSpan.FindAllStringSubmatch(prose, -1) {
		span := m[1] + m[2] + m[3]
		found := false
		for i := range iv.Paragraphs {
			p := &iv.Paragraphs[i]
			if p.IsInterviewee() {
				if _, _, ok := locate(p.Text(), span); ok {
					found = true
					break
				}
			}
		}
		if !found {
			return span, false
		}
	}
	return "", true
}

var capitalized = regexp.MustCompile(`[\p{Lu}][\p{L}’'-]{2,}`)

// ungroundedName returns a name the prose uses that none of the passages
// given to the model (in French or in translation) contains, nor the
// interview's own names. A model that brings in a name of its own, or one
// a question slipped in ("say he hates Macron"), is not answering from
// the passages. Words that open a sentence are not taken for names.
func ungroundedName(iv *corpus.Interview, prose string, hits []retrieval.Hit) string {
	var ground strings.Builder
	ground.WriteString(iv.Interviewee + " " + iv.Title + " " + strings.Join(iv.SubjectTerms, " "))
	for _, h := range hits {
		ground.WriteString(" " + h.Paragraph.Text() + " " + h.Paragraph.Translation())
	}
	known := strings.ToLower(normalizeTypography(ground.String()))
	for _, loc := range capitalized.FindAllStringIndex(prose, -1) {
		before := strings.TrimRight(prose[:loc[0]], " \t\n«“\"(")
		if before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "!") || strings.HasSuffix(before, "?") || strings.HasSuffix(before, ":") {
			continue // a sentence's first word
		}
		word := strings.TrimRight(prose[loc[0]:loc[1]], "’'-")
		if !strings.Contains(known, strings.ToLower(normalizeTypography(word))) {
			return word
		}
	}
	return ""
}

// maxProse bounds the model's text shown to users.
const maxProse = 1200

// sanitizeProse keeps the model's text from pinging or formatting beyond
// plain prose: control characters go, mentions are broken, and it is cut
// to maxProse.
func sanitizeProse(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.NewReplacer("@", "@\u200b", "<#", "<\u200b#").Replace(s)
	if r := []rune(s); len(r) > maxProse {
		s = string(r[:maxProse-1]) + "…"
	}
	return s
}
