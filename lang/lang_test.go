package lang

import "testing"

func TestParse(t *testing.T) {
	for in, want := range map[string]Language{"fr": French, " EN ": English, "Français": French, "english": English, "de": "", "": ""} {
		got, err := Parse(in)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tt := []struct {
		in, want string
	}{
		{"Démocratie ?!", "democratie"},
		{"  l’appel de PARIS  ", "appel de paris"}, // elision with ’, case
		{"qu'est-ce que c'est", "est ce que est"},  // elisions, hyphen
		{"aujourd'hui", "aujourdhui"},              // not an elision: the apostrophe goes
		{"a b 5 cœur", "5 coeur"},                  // lone letters dropped, digits kept
		{"", ""},
	}
	for _, tc := range tt {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestElisions: every elision CutElision strips is one IsElision knows,
// so that language detection counts those the analysis strips.
func TestElisions(t *testing.T) {
	for _, e := range frenchElisions {
		if !IsElision([]byte(e)) {
			t.Errorf("IsElision(%q) = false; want true", e)
		}
		if got := string(CutElision([]byte(e + "appel"))); got != "appel" {
			t.Errorf("CutElision(%q) = %q; want %q", e+"appel", got, "appel")
		}
	}
	if got := string(CutElision([]byte("l'"))); got != "l'" {
		t.Errorf("CutElision(%q) = %q; want it whole: no word follows", "l'", got)
	}
}

func TestIsNegation(t *testing.T) {
	for w, want := range map[string]bool{"ne": true, "n": true, "jamais": true, "not": true, "t": true, "pas": true, "nous": false, "no": true, "note": false} {
		if got := IsNegation(w); got != want {
			t.Errorf("IsNegation(%q) = %v; want %v", w, got, want)
		}
	}
}
