// Package reply reads what a language model replies to the bot's prompt:
// claims, each with the IDs of the sentences it rests on, as Anthropic's
// Citations API returns them, asked of any OpenAI-compatible server. It
// reads tolerantly (a code fence, a preamble, other key names, a bare
// list, plain text with bracketed IDs, the older answer-and-quotes
// shape): what is read is checked elsewhere, against the interview.
package reply

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// Claim is one claim of a model's reply, as read.
type Claim struct {
	Text  string
	Cites []string // the IDs of the sentences it rests on, as written
	// Quotes are an old-style reply's quotes, to be located in the text
	// to find the sentences they come from.
	Quotes []Quote
}

// Quote is a quote of an old-style reply: a paragraph's ID and words.
type Quote struct{ ID, Text string }

// Reply is a model's reply, read tolerantly.
type Reply struct {
	Covered bool // false: the model says the sentences do not answer
	Claims  []Claim
}

// Schema is the JSON schema of the reply asked for, with the IDs
// offered as an enum, for servers that take response_format json_schema.
func Schema(ids []string) json.RawMessage {
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

// Parse reads a model's reply: the JSON asked for, inside a code
// fence or after a preamble; the keys models use instead ("claim",
// "citations", "ids", cites as numbers); the old shape ("answer" and
// "quotes"); or, with no JSON at all, prose whose sentences end with
// their IDs in brackets.
func Parse(text string) (Reply, error) {
	var list []json.RawMessage
	if json.Unmarshal([]byte(unfence(text)), &list) == nil {
		// A bare list of claims, as small models write them.
		r := Reply{Covered: true}
		for _, it := range list {
			if c, ok := readClaim(it); ok {
				r.Claims = append(r.Claims, c)
			}
		}
		if len(r.Claims) == 0 {
			return Reply{}, fmt.Errorf("an empty list of claims: %.200q", text)
		}
		return r, nil
	}
	obj, ok := firstObject(unfence(text))
	if !ok {
		return plain(text)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(obj), &raw); err != nil {
		return plain(text)
	}
	r := Reply{Covered: true}
	if v, ok := raw["covered"]; ok {
		var covered bool
		if json.Unmarshal(v, &covered) == nil {
			r.Covered = covered
		}
	}
	if v, ok := raw["claims"]; ok {
		var items []json.RawMessage
		if err := json.Unmarshal(v, &items); err != nil {
			return Reply{}, fmt.Errorf(`"claims" is not a list: %.200q`, v)
		}
		for _, it := range items {
			if c, ok := readClaim(it); ok {
				r.Claims = append(r.Claims, c)
			}
		}
		return r, nil
	}
	// The old shape: an answer, and quotes to locate.
	var old struct {
		Answer string  `json:"answer"`
		Quotes []Quote `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(obj), &old); err == nil && strings.TrimSpace(old.Answer) != "" {
		r.Claims = []Claim{{Text: old.Answer, Quotes: old.Quotes}}
		return r, nil
	}
	if !r.Covered {
		return r, nil
	}
	return Reply{}, fmt.Errorf("no claims in %.200q", obj)
}

// readClaim reads one claim: an object with its text and its cites under
// one of the names models use, or a bare string with IDs in brackets.
func readClaim(it json.RawMessage) (Claim, bool) {
	var s string
	if json.Unmarshal(it, &s) == nil {
		cs := plainClaims(s)
		if len(cs) == 1 {
			return cs[0], true
		}
		return Claim{Text: s}, strings.TrimSpace(s) != ""
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(it, &m) != nil {
		return Claim{}, false
	}
	var c Claim
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

// plain reads a reply that is not JSON: its sentences, each with
// the IDs it ends with.
func plain(text string) (Reply, error) {
	cs := plainClaims(text)
	if len(cs) == 0 {
		return Reply{}, fmt.Errorf("neither JSON nor cited sentences: %.200q", text)
	}
	return Reply{Covered: true, Claims: cs}, nil
}

// plainClaims splits prose into claims at the IDs in brackets: the text
// before a run of IDs is the claim they support.
func plainClaims(text string) []Claim {
	var out []Claim
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
		out = append(out, Claim{Text: strings.TrimLeft(body, ".;: "), Cites: ids})
	}
	if rest := strings.Trim(text[last:], " .\n"); rest != "" && len(out) > 0 {
		out[len(out)-1].Text += " " + rest
	}
	return out
}

var fence = regexp.MustCompile("(?s)^\\s*```[a-zA-Z]*\\s*(.*?)\\s*```\\s*$")

// unfence strips a Markdown code fence around JSON, which many models add.
func unfence(s string) string {
	if m := fence.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return strings.TrimSpace(s)
}
