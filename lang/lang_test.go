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
