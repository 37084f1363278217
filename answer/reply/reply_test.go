package reply

import (
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tt := []struct {
		name, reply string
		covered     bool
		claims      []string // text|cite,cite
	}{
		{"as asked", `{"covered": true, "claims": [{"text": "Spying is old.", "cites": ["a7.1/1"]}]}`, true, []string{"Spying is old.|a7.1/1"}},
		{"fenced, with a preamble", "Here is the JSON:\n```json\n{\"covered\": true, \"claims\": [{\"text\": \"A.\", \"cites\": [\"a7.1/1\", \"a7.1/2\"]}]}\n```", true, []string{"A.|a7.1/1,a7.1/2"}},
		{"other keys", `{"claims": [{"claim": "A.", "citations": "a7.1/1"}, {"statement": "B.", "ids": [2]}]}`, true, []string{"A.|a7.1/1", "B.|2"}},
		{"not covered", `{"covered": false, "claims": []}`, false, nil},
		{"a list of strings", `{"claims": ["Spying is old [a7.1/1].", "No ID here"]}`, true, []string{"Spying is old|a7.1/1", "No ID here|"}},
		{"plain text", "Spying is old [a7.1/1]. Companies must speak [a3.1/2, a3.1/3].", true, []string{"Spying is old|a7.1/1", "Companies must speak|a3.1/2,a3.1/3"}},
		{"IDs in parentheses, other shapes", "Oui. personne ne devrait être au-dessus des lois (a2.1 #1). Smith: an idea [a6.1-1]", true, []string{"Oui. personne ne devrait être au-dessus des lois|a2.1 #1", "Smith: an idea|a6.1-1"}},
		{"a bare list", `["Le journal dit X [intro.1/2]", "elle milite [intro.1/3]"]`, true, []string{"Le journal dit X|intro.1/2", "elle milite|intro.1/3"}},
		{"braces in a string", `{"claims": [{"text": "Set {x} aside.", "cites": ["a7.1/1"]}]} trailing`, true, []string{"Set {x} aside.|a7.1/1"}},
		{"the old shape", `{"answer": "Old.", "quotes": [{"id": "a7.1", "text": "L’espionnage"}]}`, true, []string{"Old.|"}},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse(tc.reply)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.reply, err)
			}
			var got []string
			for _, c := range r.Claims {
				got = append(got, strings.TrimSpace(c.Text)+"|"+strings.Join(c.Cites, ","))
			}
			if r.Covered != tc.covered || !slices.Equal(got, tc.claims) {
				t.Errorf("Parse(%q) = covered %v, %q; want %v, %q", tc.reply, r.Covered, got, tc.covered, tc.claims)
			}
		})
	}
	for _, bad := range []string{"", "I don't know.", `{"claims": 3}`} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded; want an error", bad)
		}
	}
}

// FuzzParse: whatever a model returns, reading it never panics, and
// every claim read has text.
func FuzzParse(f *testing.F) {
	f.Add(`{"covered": true, "claims": [{"text": "A.", "cites": ["a7.1/1"]}]}`)
	f.Add("```json\n{\"claims\": [\"B [a7.1/2]\"]}\n```")
	f.Add(`["x (a2.1 #1)", {"claim": "y", "ids": [1, "a8.1-3"]}]`)
	f.Add(`{"answer": "z", "quotes": [{"id": "a7.1", "text": "L’espionnage"}]}`)
	f.Add("Spying is old [a7.1/1]. [a7.1/2]")
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			return
		}
		for _, c := range r.Claims {
			if strings.TrimSpace(c.Text) == "" && len(c.Cites) == 0 {
				t.Fatalf("Parse(%q): a claim with neither text nor IDs", s)
			}
		}
	})
}
