package classroom

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/interviewbot/interviewbot/corpus"
)

// embedded returns the embedded data files, to change in a test.
func embedded(t testing.TB) fstest.MapFS {
	t.Helper()
	names, err := fs.Glob(data, "data/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("the embedded data: %v, %d files", err, len(names))
	}
	out := fstest.MapFS{}
	for _, n := range names {
		b, err := data.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[path.Base(n)] = &fstest.MapFile{Data: b}
	}
	return out
}

// changed returns the embedded files with file's text changed by edit
// (nil removes it), and its new text.
func changed(t *testing.T, file string, edit func(string) string) (fstest.MapFS, string) {
	fsys := embedded(t)
	var text string
	if f, ok := fsys[file]; ok {
		text = string(f.Data)
	}
	if edit == nil {
		delete(fsys, file)
		return fsys, ""
	}
	text = edit(text)
	fsys[file] = &fstest.MapFile{Data: []byte(text)}
	return fsys, text
}

// nth returns the line of the n-th occurrence (from 0) of s in text.
func nth(s string, n int) func(text string) int {
	return func(text string) int {
		off := 0
		for range n + 1 {
			i := strings.Index(text[off:], s)
			if i < 0 {
				return -1
			}
			off += i + len(s)
		}
		return 1 + strings.Count(text[:off-len(s)], "\n")
	}
}

func first(s string) func(string) int { return nth(s, 0) }

func lastLine(text string) int { return 1 + strings.Count(strings.TrimSuffix(text, "\n"), "\n") }

// ids matches an item's id and captures it.
var ids = regexp.MustCompile(`"id": "([^"]*)"`)

func TestLoadFSErrors(t *testing.T) {
	tt := []struct {
		name string
		file string              // the file changed, added or removed
		edit func(string) string // its new text from the old; nil removes it
		at   func(string) int    // the line the error names, in the new text; nil for none
		want string              // in the error, after the file and line
		is   error               // the error wraps it, if not nil
	}{
		{name: "BOM accepted", file: "glossary.json",
			edit: func(s string) string { return "\ufeff" + s }},
		{name: "syntax error", file: "discuss.json",
			edit: func(s string) string { return strings.Replace(s, `"level": "`, `"level" "`, 1) },
			at:   first(`"level" "`), want: "invalid JSON: invalid character"},
		{name: "evidence not in the cited sentences", file: "comprehension.json",
			edit: func(s string) string {
				i := strings.Index(s, `"evidence"`)
				j := i + strings.Index(s[i:], `"fr": "`) + len(`"fr": "`)
				return s[:j] + "XX " + s[j:]
			},
			at: first(`"id"`), want: ": the evidence (\"XX ", is: ErrOtherInterview},
		{name: "a prompt's id on an open question", file: "open.json",
			edit: func(s string) string { return strings.Replace(s, `"id": "o0.1"`, `"id": "d1.1"`, 1) },
			at:   first(`"id"`), want: "d1.1: a second item with this id (the first is discuss.json, line ", is: ErrOtherInterview},
		{name: "a typographic quote for a straight one", file: "discuss.json",
			edit: func(s string) string { return strings.Replace(s, `"level": "`, `"level": “`, 1) },
			at:   first(`"level": “`), want: `invalid JSON: the character '“' is not allowed here; JSON puts a text between straight quotes`},
		{name: "an id a button cannot carry", file: "discuss.json",
			edit: func(s string) string { return strings.Replace(s, `"id": "d`, `"id": "Débat d`, 1) },
			at:   first(`"id"`), want: "want lowercase letters, digits", is: ErrOtherInterview},
		{name: "no such passage", file: "timeline.json",
			edit: func(s string) string { return strings.Replace(s, `"passage": "`, `"passage": "zz`, 1) },
			at:   first(`"id"`), want: `: no passage "zz`, is: ErrOtherInterview},
		{name: "gap not in its sentence", file: "gaps.json",
			edit: func(s string) string { return strings.Replace(s, `"fr": "`, `"fr": "zz`, 1) },
			at:   first(`"zz`), want: "occurs 0 times in the sentence; want once", is: ErrOtherInterview},
		{name: "unknown field", file: "comprehension.json",
			edit: func(s string) string { return strings.Replace(s, `"question":`, `"questoin":`, 1) },
			at:   first(`"questoin"`), want: `unknown field "questoin"`},
		{name: "wrong type", file: "discuss.json",
			edit: func(s string) string {
				return regexp.MustCompile(`"exchange": (\d+)`).ReplaceAllString(s, `"exchange": "$1"`)
			},
			at: first(`"exchange": "`), want: `field "exchange": want a number, got string`},
		{name: "an id twice", file: "discuss.json",
			edit: func(s string) string {
				m := ids.FindAllStringSubmatchIndex(s, 2)
				return s[:m[1][2]] + s[m[0][2]:m[0][3]] + s[m[1][3]:]
			},
			at: nth(`"id"`, 1), want: "a second item with this id (the first is discuss.json, line 3)"},
		{name: "an item without id", file: "notes.json",
			edit: func(s string) string { return ids.ReplaceAllLiteralString(s, `"id": ""`) },
			at:   first(`"id"`), want: ": an item without an id"},
		{name: "one object", file: "course.json",
			edit: func(s string) string { return regexp.MustCompile(`"fr": "[^"]*"`).ReplaceAllString(s, `"fr": ""`) },
			want: "curriculum: the curriculum link in each language is needed", is: ErrOtherInterview},
		{name: "a source neither a string nor a text in each language", file: "notes.json",
			edit: func(s string) string { return strings.Replace(s, `"sources": [`, `"sources": [3, `, 1) },
			at:   first(`"id"`), want: "source 1: a source is a string", is: ErrOtherInterview},
		{name: "a glossary fact's source in French alone", file: "glossary.json",
			edit: func(s string) string {
				return regexp.MustCompile(`"source": "[^"]*"`).ReplaceAllLiteralString(s, `"source": {"fr": "Britannica"}`)
			},
			at: nth(`"id"`, 0), want: "fact 1: source 1: a source given in two languages needs both", is: ErrOtherInterview},
		{name: "missing file", file: "gaps.json", want: "missing: a classroom directory holds every file", is: ErrMissing},
		{name: "unknown file", file: "glossaire.json",
			edit: func(string) string { return "[]" },
			want: "not a file of the material (a misspelt name?); the files are comprehension.json", is: ErrUnknownFile},
		{name: "not UTF-8", file: "glossary.json",
			edit: func(s string) string { return strings.Replace(s, "é", "\xe9", 1) },
			at:   first("\xe9"), want: "not UTF-8 text"},
		{name: "more after the list", file: "timeline.json",
			edit: func(s string) string { return s + "\n]\n" },
			at:   lastLine, want: "more after the end of the JSON value"},
		{name: "empty", file: "notes.json",
			edit: func(string) string { return "" },
			want: "empty: a file holds one JSON value"},
		{name: "cut short", file: "discuss.json",
			edit: func(s string) string { return s[:len(s)/2] },
			at:   lastLine, want: "the file ends inside a value"},
	}
	iv := corpus.Default()
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			fsys, text := changed(t, tc.file, tc.edit)
			_, err := LoadFS(iv, fsys)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("LoadFS(%s changed) = %v; want no error", tc.file, err)
				}
				return
			}
			prefix := tc.file + ": "
			if tc.at != nil {
				prefix = fmt.Sprintf("%s:%d: ", tc.file, tc.at(text))
			}
			if err == nil || !strings.Contains(err.Error(), prefix) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("LoadFS(%s changed) = %v; want %q… with %q", tc.file, err, prefix, tc.want)
			}
			var fe *FileError
			if !errors.As(err, &fe) || (tc.is != nil && !errors.Is(err, tc.is)) {
				t.Errorf("LoadFS(%s changed) = %#v; want a *FileError wrapping %v", tc.file, err, tc.is)
			}
		})
	}
}

// TestExportRoundTrip writes the material out, changes a definition as a
// teacher would, and loads the copy: the change is there, and the copy
// exports the same files.
func TestExportRoundTrip(t *testing.T) {
	m := load(t)
	files, err := m.Export()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	term := m.Glossary()[0]
	p := filepath.Join(dir, "glossary.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	const edited = "Définition revue par l’enseignante."
	b = bytes.Replace(b, []byte(term.Definition.FR), []byte(edited), 1)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadFS(corpus.Default(), os.DirFS(dir))
	if err != nil {
		t.Fatalf("LoadFS(the exported copy) = %v", err)
	}
	if d := got.Glossary()[0].Definition.FR; d != edited {
		t.Errorf("LoadFS(the edited copy): %s is defined %q; want %q", term.ID, d, edited)
	}
	again, err := got.Export()
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range again {
		want := files[i].Data
		switch f.Name {
		case "glossary.json":
			want = b
		case GlossaryCSV:
			// Quoted or not, as the new definition needs.
			if !bytes.Contains(f.Data, []byte(edited)) {
				t.Errorf("Export() of the copy: %s does not hold the new definition", f.Name)
			}
			continue
		}
		if f.Name != files[i].Name || !bytes.Equal(f.Data, want) {
			t.Errorf("Export() of the copy: file %d is %s (%d bytes); want %s (%d bytes) as loaded", i, f.Name, len(f.Data), files[i].Name, len(want))
		}
	}
}

// TestExportEveryDataFile: Export writes every embedded data file,
// whatever their names, then the CSV and the README.
func TestExportEveryDataFile(t *testing.T) {
	files, err := load(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, f := range files {
		got = append(got, f.Name)
	}
	for name := range embedded(t) {
		want = append(want, name)
	}
	slices.Sort(want)
	want = append(want, GlossaryCSV, ReadmeTXT, SentencesTXT)
	if !slices.Equal(got, want) {
		t.Errorf("Export() = %v; want %v", got, want)
	}
}

// TestSentencesTXT: the export lists every sentence after the
// reference an item cites it by, so that a teacher need not count.
func TestSentencesTXT(t *testing.T) {
	files, err := load(t).Export()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(files, func(f File) bool { return f.Name == SentencesTXT })
	if i < 0 {
		t.Fatalf("no %s in the export", SentencesTXT)
	}
	s := string(files[i].Data)
	for _, want := range []string{"a7.1 — Brad Smith / Brad Smith\n", "q8 — Le journaliste / The interviewer\n", "\n  a7.1.5  C’était à cause de l’artillerie", "\n  intro.1.0  Dans le cyberespace"} {
		if !strings.Contains(s, want) {
			t.Errorf("%s lacks %q", SentencesTXT, want)
		}
	}
}

func TestGlossaryCSV(t *testing.T) {
	m := load(t)
	files, err := m.Export()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(files, func(f File) bool { return f.Name == GlossaryCSV })
	b := files[i].Data
	if bytes.HasPrefix(b, bom) || !bytes.Contains(b, []byte("\r\n")) {
		t.Errorf("%s starts %q; want no byte-order mark and CRLF line ends", GlossaryCSV, b[:min(20, len(b))])
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("csv.ReadAll(%s) = %v", GlossaryCSV, err)
	}
	if !slices.Equal(rows[0], glossaryHeader) || len(rows) != len(m.Glossary())+1 {
		t.Fatalf("%s: header %q and %d rows; want %q and one row per term (%d)", GlossaryCSV, rows[0], len(rows)-1, glossaryHeader, len(m.Glossary()))
	}
	for i, term := range m.Glossary() {
		want := []string{term.Term.FR, term.Definition.FR, term.Term.EN, term.Definition.EN, term.ID}
		if !slices.Equal(rows[i+1], want) {
			t.Errorf("%s row %d = %q; want %q", GlossaryCSV, i+1, rows[i+1], want)
		}
	}
}

// FuzzLoadFS loads the material with one file replaced by anything: no
// panic, and an error names the file at fault.
func FuzzLoadFS(f *testing.F) {
	files := embedded(f)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range files {
			if !yield(n) {
				return
			}
		}
	})
	for i, n := range names {
		text := files[n].Data
		f.Add(uint8(i), text)
		f.Add(uint8(i), text[:len(text)/3])
		f.Add(uint8(i), []byte(`[{"id": "x", "cite": {"passage": "a1.1", "sentences": [-1, 99]}}]`))
	}
	f.Add(uint8(0), []byte("\ufeff[]"))
	f.Add(uint8(1), []byte(`[{"passage": "a1.1", "sentence": 0, "fr": "", "en": "", "kind": ""}]`))
	iv := corpus.Default()
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		fsys := embedded(t)
		name := names[int(which)%len(names)]
		fsys[name] = &fstest.MapFile{Data: b}
		m, err := LoadFS(iv, fsys)
		var fe *FileError
		switch {
		case err != nil && !errors.As(err, &fe):
			t.Fatalf("LoadFS(%s = %q) = %v; want a *FileError", name, b, err)
		case err == nil:
			if _, err := m.Export(); err != nil {
				t.Fatalf("Export() after LoadFS(%s = %q) = %v", name, b, err)
			}
		}
	})
}

// TestLoadFSAllAtOnce: a file that does not decode does not hide the
// mistakes of the others against the interview, and is not checked
// further itself (what was read of it may be partial).
func TestLoadFSAllAtOnce(t *testing.T) {
	fsys := embedded(t)
	cut := string(fsys["discuss.json"].Data)
	fsys["discuss.json"] = &fstest.MapFile{Data: []byte(cut[:len(cut)/2])}
	delete(fsys, "course.json")
	comp := string(fsys["comprehension.json"].Data)
	i := regexp.MustCompile(`"evidence": \{\s*"fr": "`).FindStringIndex(comp)[1]
	fsys["comprehension.json"] = &fstest.MapFile{Data: []byte(comp[:i] + "XX " + comp[i:])}
	_, err := LoadFS(corpus.Default(), fsys)
	if err == nil {
		t.Fatal("LoadFS(three mistakes) = nil")
	}
	msg := err.Error()
	for _, want := range []string{"discuss.json:", "the file ends inside a value", "course.json: missing", "comprehension.json:", `the evidence ("XX `} {
		if !strings.Contains(msg, want) {
			t.Errorf("LoadFS(three mistakes) lacks %q:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "discuss.json:"); n != 1 {
		t.Errorf("LoadFS(three mistakes) names discuss.json %d times; want once (the items of a file cut short are not checked):\n%s", n, msg)
	}
	if strings.Contains(msg, "curriculum") {
		t.Errorf("LoadFS(three mistakes) checks the missing course.json's curriculum:\n%s", msg)
	}
	if !errors.Is(err, ErrMissing) || !errors.Is(err, ErrOtherInterview) {
		t.Errorf("LoadFS(three mistakes) = %v; want ErrMissing and ErrOtherInterview", err)
	}
}

// TestFoundSource: once a teacher writes the source found in
// course.json, the students' sheets print it.
func TestFoundSource(t *testing.T) {
	fsys, _ := changed(t, "course.json", func(s string) string {
		return regexp.MustCompile(`"source": \{[^}]*\}`).ReplaceAllLiteralString(s, `"source": {"fr": "Journal X, 13 novembre 2018", "en": "Newspaper X, 13 November 2018"}`)
	})
	m, err := LoadFS(corpus.Default(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{Markdown, HTML} {
		var b bytes.Buffer
		if err := m.Worksheet(&b, Sheet{Exchange: 3, Key: KeyNone, Format: format}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "Source\u00a0: Journal X, 13 novembre 2018.") || strings.Contains(b.String(), "kelnews") {
			t.Errorf("a %s sheet with the source found does not print it in place of the repost", format)
		}
	}
}

// TestNoSource: a course.json without a source leaves students a line
// to fill in.
func TestNoSource(t *testing.T) {
	fsys, _ := changed(t, "course.json", func(s string) string {
		return regexp.MustCompile(`"source": \{[^}]*\},`).ReplaceAllLiteralString(s, "")
	})
	m, err := LoadFS(corpus.Default(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := m.Worksheet(&b, Sheet{Exchange: 3, Key: KeyNone}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Source (journal, date, auteur)\u00a0: ____") {
		t.Error("a sheet without a source leaves no line to fill in")
	}
}
