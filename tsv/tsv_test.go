package tsv

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

func TestRead(t *testing.T) {
	in := "# a comment\n\n  a\tb \r\n   \n#x\tskipped\nc\n"
	var got []string
	err := Read(strings.NewReader(in), "f.tsv", func(l Line) error {
		got = append(got, strings.Join(l.Fields, "|")+"@"+string(rune('0'+l.N)))
		return nil
	})
	if err != nil || strings.Join(got, " ") != "a|b@3 c@6" {
		t.Errorf("Read = %q, %v; want a|b on line 3 and c on line 6", got, err)
	}
}

func TestReadErrors(t *testing.T) {
	stop := errors.New("stop")
	err := Read(strings.NewReader("a\nb\n"), "f.tsv", func(l Line) error {
		if l.Text == "b" {
			return l.Errorf("want %d columns", 3)
		}
		return nil
	})
	if err == nil || err.Error() != "f.tsv:2: want 3 columns" {
		t.Errorf("Errorf = %v; want the file and the line", err)
	}
	if err := Read(strings.NewReader("a\n"), "f", func(Line) error { return stop }); err != stop {
		t.Errorf("fn's error = %v; want it as it is", err)
	}
	if err := Read(iotest.ErrReader(errors.New("disk")), "f.tsv", func(Line) error { return nil }); err == nil || !strings.Contains(err.Error(), "f.tsv:1: disk") {
		t.Errorf("a read error = %v; want it, with the file and the line", err)
	}
	if err := Read(strings.NewReader(strings.Repeat("x", MaxLine+1)), "f.tsv", func(Line) error { return nil }); err == nil {
		t.Error("a line over MaxLine read without an error")
	}
}

func FuzzRead(f *testing.F) {
	f.Add("a\tb\n# c\n\nd")
	f.Fuzz(func(t *testing.T, s string) {
		Read(strings.NewReader(s), "f", func(l Line) error {
			if l.Text == "" || strings.HasPrefix(l.Text, "#") || len(l.Fields) == 0 || l.N < 1 {
				t.Fatalf("line %+v should have been skipped", l)
			}
			return nil
		})
	})
}
