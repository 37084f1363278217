package reply

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The verdicts a model may give of a claim.
const (
	Supported    = "supported"
	Contradicted = "contradicted"
	NotAddressed = "not_addressed"
)

// Verdict is a model's judgement of a claim, as read: the verdict, the
// IDs of the sentences it rests on, and what the model says they say.
type Verdict struct {
	Verdict  string
	Cites    []string
	TextSays string
}

// VerdictSchema is the JSON schema of a judgement, with the IDs offered
// as an enum, for servers that take response_format json_schema.
func VerdictSchema(ids []string) json.RawMessage {
	schema := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"verdict":   map[string]any{"type": "string", "enum": []string{Supported, Contradicted, NotAddressed}},
			"cites":     map[string]any{"type": "array", "items": map[string]any{"type": "string", "enum": ids}},
			"text_says": map[string]any{"type": "string"},
		},
		"required":             []string{"verdict", "cites", "text_says"},
		"additionalProperties": false,
	}
	b, _ := json.Marshal(schema) // maps of strings: cannot fail
	return b
}

// verdictNames are the words models use for each verdict, folded to
// lower case with spaces and hyphens as underscores. "true" and "false"
// are not among them: "false" may mean "not supported" as well as
// "contradicted".
var verdictNames = map[string]string{
	"supported": Supported, "support": Supported, "supports": Supported,
	"contradicted": Contradicted, "contradicts": Contradicted, "contradiction": Contradicted, "opposite": Contradicted,
	"not_addressed": NotAddressed, "not_supported": NotAddressed, "does_not_say": NotAddressed, "unaddressed": NotAddressed,
	"not_covered": NotAddressed, "unknown": NotAddressed, "not_mentioned": NotAddressed, "unverifiable": NotAddressed,
}

// ParseVerdict reads a model's judgement: the JSON asked for, inside a
// code fence or after a preamble, with the key names models use instead
// ("label", "citations", "ids", "explanation"). A verdict it does not
// know is an error, never a guess.
func ParseVerdict(text string) (Verdict, error) {
	obj, ok := firstObject(unfence(text))
	if !ok {
		return Verdict{}, fmt.Errorf("no JSON object in %.200q", text)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(obj), &raw); err != nil {
		return Verdict{}, fmt.Errorf("not a JSON object: %w", err)
	}
	var v Verdict
	for _, k := range []string{"verdict", "label", "judgement", "judgment", "answer"} {
		var s string
		if json.Unmarshal(raw[k], &s) == nil && s != "" {
			key := strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
			if v.Verdict = verdictNames[key]; v.Verdict == "" {
				return Verdict{}, fmt.Errorf("an unknown verdict %.100q", s)
			}
			break
		}
	}
	if v.Verdict == "" {
		return Verdict{}, fmt.Errorf("no verdict in %.200q", obj)
	}
	for _, k := range []string{"cites", "citations", "ids", "sources", "refs", "evidence"} {
		if r, ok := raw[k]; ok {
			v.Cites = append(v.Cites, readIDs(r)...)
		}
	}
	for _, k := range []string{"text_says", "says", "explanation", "reason", "text"} {
		if json.Unmarshal(raw[k], &v.TextSays) == nil && v.TextSays != "" {
			break
		}
	}
	return v, nil
}
