package reply

import (
	"slices"
	"testing"
)

func TestParseVerdict(t *testing.T) {
	tt := []struct {
		name, reply string
		want        Verdict
	}{
		{"as asked", `{"verdict": "supported", "cites": ["a7.1/1"], "text_says": "Spying is old."}`, Verdict{Supported, []string{"a7.1/1"}, "Spying is old."}},
		{"fenced, other keys", "```json\n{\"label\": \"Contradicted\", \"citations\": \"a2.1/3\", \"explanation\": \"They do not.\"}\n```", Verdict{Contradicted, []string{"a2.1/3"}, "They do not."}},
		{"a preamble, words for not addressed", `Here: {"verdict": "does not say", "cites": []}`, Verdict{NotAddressed, nil, ""}},
		{"spelled another way", `{"verdict": "NOT-ADDRESSED"}`, Verdict{NotAddressed, nil, ""}},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseVerdict(tc.reply)
			if err != nil {
				t.Fatalf("ParseVerdict(%q): %v", tc.reply, err)
			}
			if got.Verdict != tc.want.Verdict || !slices.Equal(got.Cites, tc.want.Cites) || got.TextSays != tc.want.TextSays {
				t.Errorf("ParseVerdict(%q) = %+v; want %+v", tc.reply, got, tc.want)
			}
		})
	}
	for _, bad := range []string{"", "Supported.", `{"verdict": "probably true"}`, `{"verdict": "false"}`, `{"cites": ["a7.1/1"]}`, `{"verdict": 3}`} {
		if v, err := ParseVerdict(bad); err == nil {
			t.Errorf("ParseVerdict(%q) = %+v; want an error", bad, v)
		}
	}
}

// FuzzParseVerdict: whatever a model returns, reading it never panics,
// and a verdict read is one of the three.
func FuzzParseVerdict(f *testing.F) {
	f.Add(`{"verdict": "supported", "cites": ["a7.1/1"], "text_says": "x"}`)
	f.Add("```\n{\"label\": \"contradicts\", \"ids\": [3]}\n```")
	f.Add(`{"verdict": "not addressed"} {"verdict": "supported"}`)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVerdict(s)
		if err != nil {
			return
		}
		if !slices.Contains([]string{Supported, Contradicted, NotAddressed}, v.Verdict) {
			t.Fatalf("ParseVerdict(%q): verdict %q", s, v.Verdict)
		}
	})
}
