package answer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/prompts"
)

// A model's answer is a few claims, each with the IDs of the sentences
// that support it, as Anthropic's Citations API returns them, asked of
// any OpenAI-compatible server. The model points at sentences; it never
// quotes them: what is shown under the claims is the published
// sentences the bot holds.

// claim is one claim of a model's reply, as read.
type claim struct {
	Text  string
	Cites []string
	// quotes are an old-style reply's quotes, located in the text to
	// find the sentences they come from.
	quotes []oldQuote
}

type oldQuote struct{ ID, Text string }

// parsedReply is a model's reply, read tolerantly.
type parsedReply struct {
	covered bool // false: the model says the sentences do not answer
	claims  []claim
}

// replySchema is the JSON schema of the reply asked for, with the IDs
// offered as an enum, for servers that take response_format json_schema.
func replySchema(ids []string) json.RawMessage {
	schema := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"covered": map[string]any{"type": "boolean"},
			"claims": map[string]any{
				"type": "array",
				"items": map[string]any{
					"type": "object",
					"properties": map[string]any{
						"text":  map[string]any{"type": "string"},
						"cites": map[string]any{"type": "array", "items": map[string]any{"type": "string", "enum": ids}},
					},
					"required":             []string{"text", "cites"},
					"additionalProperties": false,
				},
			},
		},
		"required":             []string{"covered", "claims"},
		"additionalProperties": false,
	}
	b, _ := json.Marshal(schema) // maps of strings: cannot fail
	return b
}

// parseReply reads a model's reply: the JSON asked for, inside a code
// fence or after a preamble; the keys models use instead ("claim",
// "citations", "ids", cites as numbers); the old shape ("answer" and
// "quotes"); or, with no JSON at all, prose whose sentences end with
// their IDs in brackets.
func parseReply(text string) (parsedReply, error) {
	var list []json.RawMessage
	if json.Unmarshal([]byte(unfence(text)), &list) == nil {
		// A bare list of claims, as small models write them.
		r := parsedReply{covered: true}
		for _, it := range list {
			if c, ok := readClaim(it); ok {
				r.claims = append(r.claims, c)
			}
		}
		if len(r.claims) == 0 {
			return parsedReply{}, fmt.Errorf("an empty list of claims: %.200q", text)
		}
		return r, nil
	}
	obj, ok := firstObject(unfence(text))
	if !ok {
		return plainReply(text)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(obj), &raw); err != nil {
		return plainReply(text)
	}
	r := parsedReply{covered: true}
	if v, ok := raw["covered"]; ok {
		var covered bool
		if json.Unmarshal(v, &covered) == nil {
			r.covered = covered
		}
	}
	if v, ok := raw["claims"]; ok {
		var items []json.RawMessage
		if err := json.Unmarshal(v, &items); err != nil {
			return parsedReply{}, fmt.Errorf(`"claims" is not a list: %.200q`, v)
		}
		for _, it := range items {
			if c, ok := readClaim(it); ok {
				r.claims = append(r.claims, c)
			}
		}
		return r, nil
	}
	// The old shape: an answer, and quotes to locate.
	var old struct {
		Answer string     `json:"answer"`
		Quotes []oldQuote `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(obj), &old); err == nil && strings.TrimSpace(old.Answer) != "" {
		r.claims = []claim{{Text: old.Answer, quotes: old.Quotes}}
		return r, nil
	}
	if !r.covered {
		return r, nil
	}
	return parsedReply{}, fmt.Errorf("no claims in %.200q", obj)
}

// readClaim reads one claim: an object with its text and its cites under
// one of the names models use, or a bare string with IDs in brackets.
func readClaim(it json.RawMessage) (claim, bool) {
	var s string
	if json.Unmarshal(it, &s) == nil {
		cs := plainClaims(s)
		if len(cs) == 1 {
			return cs[0], true
		}
		return claim{Text: s}, strings.TrimSpace(s) != ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(it, &m) != nil {
		return claim{}, false
	}
	var c claim
	for _, k := range []string{"text", "claim", "statement", "answer"} {
		if json.Unmarshal(m[k], &c.Text) == nil && c.Text != "" {
			break
		}
	}
	for _, k := range []string{"cites", "citations", "ids", "sources", "refs", "cite", "id"} {
		if v, ok := m[k]; ok {
			c.Cites = append(c.Cites, readIDs(v)...)
		}
	}
	return c, strings.TrimSpace(c.Text) != ""
}

// readIDs reads a list of IDs, or one, as strings or numbers.
func readIDs(v json.RawMessage) []string {
	var list []json.RawMessage
	if json.Unmarshal(v, &list) != nil {
		list = []json.RawMessage{v}
	}
	var out []string
	for _, e := range list {
		var s string
		var n json.Number
		switch {
		case json.Unmarshal(e, &s) == nil:
			out = append(out, s)
		case json.Unmarshal(e, &n) == nil:
			out = append(out, n.String())
		}
	}
	return out
}

// firstObject returns the first balanced JSON object of s, strings and
// their escapes respected.
func firstObject(s string) (string, bool) {
	start := strings.IndexByte(s, '{')
	if start < 0 {
		return "", false
	}
	depth, inString, escaped := 0, false, false
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '{':
			depth++
		case c == '}':
			if depth--; depth == 0 {
				return s[start : i+1], true
			}
		}
	}
	return "", false
}

// bracketIDs finds the IDs a model writes in brackets or parentheses in
// prose: [a7.1/2], [a7.1/2, a7.1/3], [intro.1], (a2.1 #1), [a8.1-3].
var bracketIDs = regexp.MustCompile(`[\[(]((?:(?:a[0-9]+\.[0-9]+|q[0-9]+|intro\.[0-9]+)(?:\s*[/#-]\s*[0-9]+(?:-[0-9]+)?)?\s*[,;]?\s*)+)[\])]`)

// plainReply reads a reply that is not JSON: its sentences, each with
// the IDs it ends with.
func plainReply(text string) (parsedReply, error) {
	cs := plainClaims(text)
	if len(cs) == 0 {
		return parsedReply{}, fmt.Errorf("neither JSON nor cited sentences: %.200q", text)
	}
	return parsedReply{covered: true, claims: cs}, nil
}

// plainClaims splits prose into claims at the IDs in brackets: the text
// before a run of IDs is the claim they support.
func plainClaims(text string) []claim {
	var out []claim
	last := 0
	for _, m := range bracketIDs.FindAllStringSubmatchIndex(text, -1) {
		body := strings.TrimSpace(text[last:m[0]])
		var ids []string
		for _, id := range strings.FieldsFunc(text[m[2]:m[3]], func(r rune) bool { return r == ',' || r == ';' }) {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
		last = m[1]
		if body == "" && len(out) > 0 {
			out[len(out)-1].Cites = append(out[len(out)-1].Cites, ids...)
			continue
		}
		out = append(out, claim{Text: strings.TrimLeft(body, ".;: "), Cites: ids})
	}
	if rest := strings.Trim(text[last:], " .\n"); rest != "" && len(out) > 0 {
		out[len(out)-1].Text += " " + rest
	}
	return out
}

// dashed is a sentence ID written with a dash for the slash: a8.1-3.
var dashed = regexp.MustCompile(`^((?:a[0-9]+\.[0-9]+|q[0-9]+|intro\.[0-9]+))-([0-9]+)$`)

// offered are the sentences a prompt offers, by ID.
type offered map[string]sentenceRef

// sentenceRef is one sentence of a paragraph.
type sentenceRef struct {
	p *corpus.Paragraph
	i int // from 0
}

// sentenceID is how a prompt names sentence i (from 0) of p.
func sentenceID(p *corpus.Paragraph, i int) string { return p.ID + "/" + strconv.Itoa(i+1) }

func newOffered(iv *corpus.Interview, ss []prompts.Sentence) offered {
	o := offered{}
	for _, s := range ss {
		id, n, _ := strings.Cut(s.ID, "/")
		i, err := strconv.Atoi(n)
		if p := iv.Paragraph(id); p != nil && err == nil && i >= 1 && i <= len(p.FR) {
			o[s.ID] = sentenceRef{p, i - 1}
		}
	}
	return o
}

// resolve returns the offered sentences an ID a model wrote names: one,
// a run of them ("a7.1/2-3"), or, for a paragraph's ID alone, every
// offered sentence of it. IDs are read loosely: brackets, spaces and
// case do not matter, and "#" or "-" may stand for "/" ("a8.1-3").
func (o offered) resolve(id string) []sentenceRef {
	id = strings.ToLower(strings.Trim(strings.TrimSpace(id), "[](){}<> "))
	id = strings.ReplaceAll(strings.ReplaceAll(id, " ", ""), "#", "/")
	if m := dashed.FindStringSubmatch(id); m != nil {
		id = m[1] + "/" + m[2]
	}
	if r, ok := o[id]; ok {
		return []sentenceRef{r}
	}
	if para, span, ok := strings.Cut(id, "/"); ok {
		// A run of sentences: a7.1/2-3.
		from, to, ok := strings.Cut(span, "-")
		f, err1 := strconv.Atoi(from)
		l, err2 := strconv.Atoi(to)
		if !ok || err1 != nil || err2 != nil || l < f || l-f > 20 {
			return nil
		}
		var out []sentenceRef
		for i := f; i <= l; i++ {
			if r, ok := o[para+"/"+strconv.Itoa(i)]; ok {
				out = append(out, r)
			}
		}
		return out
	}
	var out []sentenceRef
	for _, r := range o {
		if r.p.ID == id {
			out = append(out, r)
		}
	}
	return out
}
