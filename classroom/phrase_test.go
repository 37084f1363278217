package classroom

import (
	"slices"
	"testing"
)

func TestPhrases(t *testing.T) {
	tt := []struct {
		name    string
		phrases []string
		text    string
		want    []string // the matches, as written in text
	}{
		{"any case", []string{"appel de Paris"}, "L’Appel de PARIS est…", []string{"Appel de PARIS"}},
		{"either apostrophe", []string{"l'appel"}, "Selon l’appel, oui", []string{"l’appel"}},
		{"any spacing", []string{"appel de Paris"}, "appel\u00a0de  Paris", []string{"appel\u00a0de  Paris"}},
		{"whole words only", []string{"Etats"}, "Etats-Unis, les Etats, lesEtats", []string{"Etats", "Etats"}},
		{"accented letters are letters", []string{"cyber"}, "cyberespace, cyberé", nil},
		{"longest first", []string{"Genève", "convention de Genève"}, "la convention de Genève, Genève", []string{"convention de Genève", "Genève"}},
		{"adjacent", []string{"a"}, "a a", []string{"a", "a"}},
		{"at the ends", []string{"paix"}, "paix", []string{"paix"}},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := newPhrases(tc.phrases)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range ps.find(tc.text) {
				got = append(got, tc.text[r[0]:r[1]])
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("find(%q) in %q = %q; want %q", tc.phrases, tc.text, got, tc.want)
			}
		})
	}
	if _, err := newPhrases([]string{" "}); err == nil {
		t.Error("newPhrases(blank) = nil error")
	}
}
