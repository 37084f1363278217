package md

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	quote := "> « " + strings.Repeat("Une phrase de l’entretien. ", 20) + "»"
	tt := []struct {
		name  string
		text  string
		limit int
		want  int // messages
	}{
		{"short", "hello", 2000, 1},
		{"exact", strings.Repeat("a", 2000), 2000, 1},
		{"two blocks", quote + "\n\n" + quote, len([]rune(quote)) + 10, 2},
		{"lines of a long block", quote + "\n" + quote + "\n" + quote, len([]rune(quote))*2 + 1, 2},
		{"overlong line", quote, 100, 7}, // three 27-character sentences a message
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			got := Split(tc.text, tc.limit)
			if len(got) != tc.want {
				t.Errorf("split into %d messages; want %d: %q", len(got), tc.want, got)
			}
			for _, m := range got {
				if utf8.RuneCountInString(m) > tc.limit {
					t.Errorf("message of %d characters; limit %d", utf8.RuneCountInString(m), tc.limit)
				}
			}
		})
	}
}

// FuzzSplit checks that no message breaks the limit, that nothing is lost
// but white space, and that no line short enough to fit is ever cut.
func FuzzSplit(f *testing.F) {
	f.Add("> « Une citation. »\n> Translation: a quote.\n\nBrad Smith, Q&R 1 :", 40)
	f.Add(strings.Repeat("Phrase. ", 600), 2000)
	f.Add("a\n\n\n\nb", 1)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if limit < 1 || limit > 4000 || !utf8.ValidString(text) {
			t.Skip()
		}
		msgs := Split(text, limit)
		var all []string
		for _, m := range msgs {
			if n := utf8.RuneCountInString(m); n > limit {
				t.Fatalf("message of %d characters; limit %d", n, limit)
			}
			all = append(all, m)
		}
		if got, want := strings.Join(strings.Fields(strings.Join(all, " ")), ""), strings.Join(strings.Fields(text), ""); got != want {
			t.Fatalf("split lost text:\n got %q\nwant %q", got, want)
		}
		joined := "\n" + strings.Join(all, "\n") + "\n"
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if line != "" && utf8.RuneCountInString(line) <= limit && !strings.Contains(joined, line) {
				t.Fatalf("line %q, short enough to fit, was cut", line)
			}
		}
	})
}

func TestEscape(t *testing.T) {
	tt := []struct{ in, want string }{
		{"plain question ?", "plain question ?"},
		{"@everyone look", "@\u200beveryone look"},
		{"<@&123> and <#456>", "\\<@\u200b&123> and \\<#456>"},
		{"**bold** _it_ `code` ||spoiler||", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\|"},
		{"[link](https://x)", "\\[link\\]\\(https\\://x\\)"},
		{"two\nlines", "two lines"},
		{"nul\x00 esc\x1b[31m bidi\u202eevil zero\u200bwidth", "nul esc\\[31m bidievil zerowidth"},
		{"✓ Verified quote: “we spy” « oui » l’État", " …\\: 'we spy' ' oui ' l’État"},
	}
	for _, tc := range tt {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("escape(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzComponent feeds forged custom IDs and select values to the
// component handler: it must answer or refuse, never panic.

// FuzzEscape checks that an echoed question can carry no line break, no
// invisible character, no symbol and no quotation mark but an apostrophe
// inside a word, and no Markdown mark unescaped.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"✓ “x”", "l’État", "**a**\n> b", "@everyone \u202e", "\xff’"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		rs := []rune(out)
		for i, r := range rs {
			prev, next := ' ', ' '
			if i > 0 {
				prev = rs[i-1]
			}
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			switch {
			case r == '\n' || r == '\r':
				t.Fatalf("escape(%q) = %q: a line break", s, out)
			case (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) && !(r == '\u200b' && prev == '@'):
				t.Fatalf("escape(%q) = %q: an invisible %U", s, out, r)
			case unicode.Is(unicode.So, r), r == '"', unicode.In(r, unicode.Pi, unicode.Pf) && !(r == '’' && unicode.IsLetter(prev) && unicode.IsLetter(next)):
				t.Fatalf("escape(%q) = %q: %q passes", s, out, r)
			case strings.ContainsRune("*_~`|[]()<:", r) && prev != '\\':
				t.Fatalf("escape(%q) = %q: %q unescaped", s, out, r)
			}
		}
	})
}

func TestCommands(t *testing.T) {
	names := map[string]string{"/ask": "/question", "/quiz": "/quiz", "/quiz reset": "/quiz effacer", "/stats": "/statistiques"}
	for _, tc := range []struct{ in, want string }{
		{"Essayez /ask.", "Essayez /question."},
		{"(/stats), /quiz reset et /quiz question", "(/statistiques), /quiz effacer et /quiz question"},
		{"https://discord.com/ask /asking /ask-me a/ask", "https://discord.com/ask /asking /ask-me a/ask"},
		{"/quiz resetting", "/quiz resetting"},
		{"**Question :** comment utiliser /ask ?\nEssayez /ask.", "**Question :** comment utiliser /ask ?\nEssayez /question."},
		{"> « /stats »\nhttps://example.org/wiki/Foo_/stats et « /ask » puis /ask", "> « /stats »\nhttps://example.org/wiki/Foo_/stats et « /ask » puis /question"},
		{"no slash", "no slash"},
	} {
		if got := Commands(tc.in, names); got != tc.want {
			t.Errorf("Commands(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestSplitKeepsEntriesWhole: a line and the indented lines under it go
// into the same message.
func TestSplitKeepsEntriesWhole(t *testing.T) {
	var b strings.Builder
	b.WriteString("**Timeline**\n")
	for i := range 40 {
		fmt.Fprintf(&b, "\n**« date %d »** — an event of the interview, told at some length to fill the message\n  ↳ the newspaper, introduction", i)
	}
	parts := Split(b.String(), 2000)
	if len(parts) < 2 {
		t.Fatalf("%d parts; want the text split", len(parts))
	}
	for i, p := range parts {
		if strings.HasPrefix(strings.TrimSpace(p), "↳") {
			t.Errorf("part %d starts with a line of the previous part's entry: %.80q", i+1, p)
		}
		if n := utf8.RuneCountInString(p); n > 2000 {
			t.Errorf("part %d has %d characters", i+1, n)
		}
	}
}
