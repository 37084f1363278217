package analysis

import (
	"strings"
	"testing"
)

func TestLastQuestion(t *testing.T) {
	long := "Mes élèves travaillent sur l'appel de Paris de novembre 2018 et ont lu le texte officiel en entier. "
	tt := []struct{ name, text, want string }{
		{"short: all of it is the question", "Que dit Smith de l'appel de Paris ?", ""},
		{"the last asking sentence", long + "Que dit Smith de cet appel ? Merci d'avance.", "Que dit Smith de cet appel ?"},
		{"no question mark: the last sentence", long + "Ils veulent le point de vue d'une entreprise", "Ils veulent le point de vue d'une entreprise"},
		{"one sentence", strings.Repeat("mot ", 30), ""},
		{"an abbreviation ends no sentence", long + "Que pense M. Smith des élections ?", "Que pense M. Smith des élections ?"},
		{"a dot inside a word ends no sentence", long + "Que dit Smith du web 2.0 et de lemonde.fr ?", "Que dit Smith du web 2.0 et de lemonde.fr ?"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			if got := LastQuestion(tc.text); got != tc.want {
				t.Errorf("LastQuestion(%q) = %q; want %q", tc.text, got, tc.want)
			}
		})
	}
}
