package analysis

import "testing"

func TestEditDistance(t *testing.T) {
	tt := []struct {
		a, b string
		want int
	}{
		{"cyberataqu", "cyberattaqu", 1}, // insertion
		{"democrat", "democrat", 0},
		{"espoinag", "espionag", 1}, // transposition
		{"securit", "sekurit", 1},   // substitution
		{"abc", "xyz", 2},           // capped at limit+1
	}
	for _, tc := range tt {
		if got := editDistance(tc.a, tc.b, 1); got != tc.want {
			t.Errorf("editDistance(%q, %q, 1) = %d; want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestSameStart(t *testing.T) {
	tt := []struct {
		a, b string
		want bool
	}{
		{"gouvernemnts", "gouvernements", true},
		{"ogvernements", "gouvernements", true}, // the first two letters swapped
		{"revolution", "evolution", false},
		{"democratie", "bureaucratie", false},
	}
	for _, tc := range tt {
		if got := sameStart(tc.a, tc.b); got != tc.want {
			t.Errorf("sameStart(%q, %q) = %v; want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
