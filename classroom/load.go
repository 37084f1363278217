package classroom

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// File is one file of the material: its name in the material's directory
// and its bytes.
type File struct {
	Name string
	Data []byte
}

// FileError is a mistake in one file of the material, at a line (0 when
// the mistake is the file's, such as its absence). File is the name in
// the directory loaded: a caller that knows the directory's path puts it
// before, so that an editor can open the file at the line.
type FileError struct {
	File string
	Line int
	Err  error
}

// Error gives the file, the line if known, and the mistake, as
// compilers do: "comprehension.json:502: c4.4: …".
func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

// Unwrap returns the mistake.
func (e *FileError) Unwrap() error { return e.Err }

// ErrMissing says a file of the material is not in the directory. A
// directory holds every file: a teacher's copy is then complete and says
// all that the bot will use, never half of it from the program.
var ErrMissing = errors.New("missing: a classroom directory holds every file of the material, as 'interviewbot classroom export' writes them")

// ErrUnknownFile says a directory holds a JSON file the material has no
// use for: a misspelt name, which would otherwise be left unread.
var ErrUnknownFile = errors.New("not a file of the material (a misspelt name?)")

// bom is the byte-order mark some Windows editors put at the start of a
// UTF-8 file; encoding/json would take it for a syntax error.
var bom = []byte("\ufeff")

// loader reads the material's JSON files from a directory, keeping every
// mistake, so that a teacher sees them all at once.
type loader struct {
	fsys  fs.FS
	files []File // as read, each once
	errs  []error
	// failed are the files that did not decode: their items are not
	// checked further, as what was read of them may be partial.
	failed map[string]bool
}

// fail records the mistake of a file that did not decode.
func (l *loader) fail(err *FileError) {
	l.errs = append(l.errs, err)
	if l.failed == nil {
		l.failed = map[string]bool{}
	}
	l.failed[err.File] = true
}

// decode reads the file name into v, strictly: unknown fields are
// errors, so that a misspelt one is caught, and so is anything after the
// one JSON value a file holds.
func (l *loader) decode(name string, v any) {
	b, err := fs.ReadFile(l.fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.fail(&FileError{File: name, Err: ErrMissing})
		return
	case err != nil:
		l.fail(&FileError{File: name, Err: err})
		return
	}
	b = bytes.TrimPrefix(b, bom)
	l.files = append(l.files, File{Name: name, Data: b})
	if off := invalidUTF8(b); off >= 0 {
		l.fail(&FileError{File: name, Line: lineAt(b, int64(off)), Err: errors.New("not UTF-8 text: save the file as UTF-8 (a file saved as Latin-1 or Windows-1252 would lose its accents)")})
		return
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		line, err := jsonError(b, err)
		l.fail(&FileError{File: name, Line: line, Err: err})
		return
	}
	if _, err := dec.Token(); err != io.EOF {
		end := dec.InputOffset()
		l.fail(&FileError{File: name, Line: lineAt(b, end+skipSpace(b[end:])), Err: errors.New("more after the end of the JSON value: a file holds one")})
	}
}

// finish reports the directory's JSON files that are none of those
// decoded, and returns every mistake found, or nil.
func (l *loader) finish(names []string) error {
	all, err := fs.Glob(l.fsys, "*.json")
	if err != nil {
		return err
	}
	known := slices.Sorted(slices.Values(names))
	for _, name := range all {
		if !slices.Contains(known, name) {
			l.errs = append(l.errs, &FileError{File: name, Err: fmt.Errorf("%w; the files are %s", ErrUnknownFile, strings.Join(known, ", "))})
		}
	}
	slices.SortFunc(l.files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return errors.Join(l.errs...)
}

// jsonError turns encoding/json's error on b into the line it is on and
// a message that names the field, as a teacher reads it.
func jsonError(b []byte, err error) (int, error) {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// encoding/json names the first byte of a character that is not
		// ASCII ('â' for “): say the character, and what a typographic
		// quote there means.
		if off := syn.Offset - 1; off >= 0 && off < int64(len(b)) && b[off] >= utf8.RuneSelf {
			r, _ := utf8.DecodeRune(b[off:])
			msg := fmt.Sprintf("invalid JSON: the character %q is not allowed here", r)
			if strings.ContainsRune("“”«»‘’", r) {
				msg += `; JSON puts a text between straight quotes "…" (typographic ones go inside it)`
			}
			return lineAt(b, off), readable{msg, err}
		}
		return lineAt(b, syn.Offset-1), fmt.Errorf("invalid JSON: %w", err)
	case errors.As(err, &typ):
		msg := fmt.Sprintf("want %s, got %s", jsonKind(typ.Type.Kind().String()), typ.Value)
		if typ.Field != "" {
			msg = fmt.Sprintf("field %q: %s", typ.Field, msg)
		}
		return lineAt(b, typ.Offset-1), readable{msg, err}
	case errors.Is(err, io.EOF):
		return 0, readable{"empty: a file holds one JSON value ([] for an empty list)", err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return lineAt(b, int64(len(b))), readable{"the file ends inside a value (a ] or } missing?)", err}
	}
	// encoding/json gives an unknown field no offset: the line is its
	// first use as a key.
	if q, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if name, uerr := strconv.Unquote(q); uerr == nil {
			return keyLine(b, name), readable{fmt.Sprintf("unknown field %q (a misspelt name?)", name), err}
		}
	}
	return 0, fmt.Errorf("invalid JSON: %w", err)
}

// readable is an error of encoding/json said in a teacher's words.
type readable struct {
	msg string
	err error
}

func (e readable) Error() string { return e.msg }

func (e readable) Unwrap() error { return e.err }

// jsonKind names a Go kind as JSON writes its values.
func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "float64":
		return "a number"
	case "string":
		return "a string in quotes"
	case "slice":
		return "a list [ … ]"
	case "struct", "map", "ptr":
		return "an object { … }"
	case "bool":
		return "true or false"
	}
	return goKind
}

// lineAt returns the line of b's byte at off, from 1.
func lineAt(b []byte, off int64) int {
	off = max(0, min(off, int64(len(b))))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

// skipSpace returns how many bytes of b are white space and commas
// before a JSON value.
func skipSpace(b []byte) int64 {
	return int64(len(b) - len(bytes.TrimLeft(b, " \t\r\n,")))
}

// keyLine returns the line on which name is first used as a key in b,
// 0 if it is not.
func keyLine(b []byte, name string) int {
	q, _ := json.Marshal(name)
	loc := regexp.MustCompile(regexp.QuoteMeta(string(q)) + `\s*:`).FindIndex(b)
	if loc == nil {
		return 0
	}
	return lineAt(b, int64(loc[0]))
}

// itemLine returns the line of the i-th item of b's top-level list: that
// of its "id", where an editor shows which item it is, or else the line
// it starts on; 0 if b has no such item.
func itemLine(b []byte, i int) int {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return 0
	}
	for n := 0; dec.More(); n++ {
		start := dec.InputOffset()
		start += skipSpace(b[start:])
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return 0
		}
		if n == i {
			if id := keyLine(raw, "id"); id > 0 {
				return lineAt(b, start) + id - 1
			}
			return lineAt(b, start)
		}
	}
	return 0
}

// itemError is the error of the i-th item of a file, at its line.
func (m *Material) itemError(file string, i int, err error) error {
	return &FileError{File: file, Line: m.itemLine(file, i), Err: err}
}

// itemLine returns the line on which the i-th item of a file starts, 0
// if unknown.
func (m *Material) itemLine(file string, i int) int {
	for _, f := range m.files {
		if f.Name == file {
			return itemLine(f.Data, i)
		}
	}
	return 0
}

// invalidUTF8 returns the offset of b's first byte that is not UTF-8,
// or -1. encoding/json would read it as U+FFFD without a word.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
