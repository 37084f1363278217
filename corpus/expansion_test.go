package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestReadExpansion(t *testing.T) {
	tt := []struct {
		name, input string
		field       string // the field of the expected *ParseError; "" for success
	}{
		{"ok", "# note\na1.1\tfr\tpourquoi, champ de bataille\na1.1\ten\twhy, battlefield\n", ""},
		{"unknown paragraph", "z9\tfr\tx\n", "id"},
		{"question", "q1\tfr\tx\n", "id"},
		{"bad language", "a1.1\tde\tx\n", "lang"},
		{"two columns", "a1.1\tfr\n", ""},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			iv := Default()
			before := iv.Version
			err := ReadExpansion(iv, strings.NewReader(tc.input), "x.tsv")
			var pe *ParseError
			switch {
			case tc.name == "two columns":
				if !errors.As(err, &pe) {
					t.Fatalf("ReadExpansion(%q) = %v; want a *ParseError", tc.input, err)
				}
			case tc.field == "":
				if err != nil {
					t.Fatalf("ReadExpansion(%q) = %v", tc.input, err)
				}
				p := iv.Paragraph("a1.1")
				if !strings.Contains(strings.Join(p.Expansion.In("en"), ","), "battlefield") || iv.Version == before {
					t.Errorf("ReadExpansion(%q): a1.1 expansion %v, version %s → %s; want the phrases added and a new version", tc.input, p.Expansion, before, iv.Version)
				}
			default:
				if !errors.As(err, &pe) || pe.Field != tc.field || pe.Line != 1 {
					t.Errorf("ReadExpansion(%q) = %v; want a *ParseError on line 1, field %q", tc.input, err, tc.field)
				}
			}
		})
	}
}

// TestDefaultExpansion checks the embedded expansion covers every
// passage retrieval indexes, in both languages.
func TestDefaultExpansion(t *testing.T) {
	iv := Default()
	for _, p := range iv.Paragraphs {
		if p.Role == RoleQuestion {
			continue
		}
		if len(p.Expansion.FR) < 5 || len(p.Expansion.EN) < 5 {
			t.Errorf("%s: %d French and %d English expansion phrases; want at least 5 of each", p.ID, len(p.Expansion.FR), len(p.Expansion.EN))
		}
	}
}

func FuzzReadExpansion(f *testing.F) {
	f.Add("a1.1\tfr\tpourquoi, champ de bataille\n")
	f.Add("intro.1\ten\t,,,\n#\n\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		iv := Default()
		if err := ReadExpansion(iv, strings.NewReader(s), "fuzz.tsv"); err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) && !strings.HasPrefix(err.Error(), "corpus: ") {
				t.Fatalf("ReadExpansion(%q) = %v; want a corpus error", s, err)
			}
		}
	})
}
