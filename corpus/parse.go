package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Format is the value of the header's "format" field that this version of
// the loader reads.
const Format = "interviewbot-corpus/1"

// maxLine bounds one line of a corpus file. The longest paragraph of a
// press interview is a few kilobytes; a longer line is a wrong file.
const maxLine = 1 << 20

// maxFile bounds a whole corpus file, for the same reason.
const maxFile = 64 << 20

// ParseError is a defect in a corpus file, located by line and field.
type ParseError struct {
	Name  string // the file's name, if known
	Line  int    // 1-based; 0 when the defect is in the file as a whole
	Field string // the JSON field at fault, if one is
	Msg   string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("corpus: ")
	switch {
	case e.Name != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.Name, e.Line)
	case e.Name != "":
		b.WriteString(e.Name + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, "field %q: ", e.Field)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// header is the first line of a corpus file.
type header struct {
	Format          string   `json:"format"`
	Title           string   `json:"title"`
	Interviewee     string   `json:"interviewee"`
	IntervieweeRole Text     `json:"interviewee_role"`
	Source          Text     `json:"source"`
	Date            string   `json:"date"`
	Language        string   `json:"language"`
	Translation     string   `json:"translation"`
	Context         Text     `json:"context"`
	SubjectTerms    []string `json:"subject_terms"`
}

// record is every later line: one paragraph.
type record struct {
	ID       *string  `json:"id"`
	Exchange *int     `json:"exchange"`
	Role     *string  `json:"role"`
	Speaker  *string  `json:"speaker"`
	FR       []string `json:"fr"`
	EN       []string `json:"en"`
	Topic    *Text    `json:"topic"`
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)

// Open reads the corpus file at path.
func Open(path string) (*Interview, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse reads a corpus in JSON Lines: a header object, then one object per
// paragraph in published order. name labels errors. Every error is a
// *ParseError naming the line and, where it can, the field.
func Parse(r io.Reader, name string) (*Interview, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("corpus: reading %s: %w", name, err)
	}
	if len(data) > maxFile {
		return nil, &ParseError{Name: name, Msg: fmt.Sprintf("file larger than %d bytes", maxFile)}
	}
	p := parser{name: name, ids: make(map[string]bool)}
	iv, err := p.parse(data)
	if err != nil {
		return nil, err
	}
	iv.Version = version(data)
	return iv, nil
}

type parser struct {
	name string
	line int
	ids  map[string]bool // the paragraph IDs seen so far
}

func (p *parser) errorf(field, format string, args ...any) error {
	return &ParseError{Name: p.name, Line: p.line, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) parse(data []byte) (*Interview, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var iv *Interview
	for sc.Scan() {
		p.line++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if !utf8.Valid(line) {
			return nil, p.errorf("", "not valid UTF-8")
		}
		if iv == nil {
			h, err := p.header(line)
			if err != nil {
				return nil, err
			}
			iv = h
			continue
		}
		if err := p.paragraph(iv, line); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, p.errorf("", "line longer than %d bytes", maxLine)
		}
		return nil, &ParseError{Name: p.name, Msg: err.Error()}
	}
	p.line = 0
	if iv == nil {
		return nil, p.errorf("", "empty file: want a header line, then one line per paragraph")
	}
	if err := p.finish(iv); err != nil {
		return nil, err
	}
	return iv, nil
}

// decode unmarshals one line strictly, turning encoding/json's errors into
// ones that name the field.
func (p *parser) decode(line []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && dec.More() {
		return p.errorf("", "want one JSON object per line, found more after it")
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syn):
		return p.errorf("", "invalid JSON at byte %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return p.errorf("", "want a JSON object, got %s", typ.Value)
		}
		return p.errorf(field, "want %s, got %s", jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return p.errorf("", "invalid JSON: unexpected end of line")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return p.errorf(f, "unknown field")
	default:
		return p.errorf("", "invalid JSON: %v", err)
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "slice":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	}
	return goKind
}

func (p *parser) header(line []byte) (*Interview, error) {
	var h header
	if err := p.decode(line, &h); err != nil {
		return nil, err
	}
	switch {
	case h.Format != Format:
		return nil, p.errorf("format", "want %q as the first line's format, got %q", Format, h.Format)
	case strings.TrimSpace(h.Title) == "":
		return nil, p.errorf("title", "missing")
	case strings.TrimSpace(h.Interviewee) == "":
		return nil, p.errorf("interviewee", "missing")
	case h.Interviewee == SpeakerArticle || h.Interviewee == SpeakerInterviewer:
		return nil, p.errorf("interviewee", "%q is reserved for paragraphs that are not the interviewee's", h.Interviewee)
	case h.Language != "fr":
		return nil, p.errorf("language", "only \"fr\" originals are supported, got %q", h.Language)
	case h.Translation != "en":
		return nil, p.errorf("translation", "only \"en\" translations are supported, got %q", h.Translation)
	}
	return &Interview{
		Title:           h.Title,
		Interviewee:     h.Interviewee,
		IntervieweeRole: h.IntervieweeRole,
		Source:          h.Source,
		Date:            h.Date,
		Context:         h.Context,
		SubjectTerms:    h.SubjectTerms,
	}, nil
}

func (p *parser) paragraph(iv *Interview, line []byte) error {
	var r record
	if err := p.decode(line, &r); err != nil {
		return err
	}
	for _, f := range []struct {
		name    string
		missing bool
	}{
		{"id", r.ID == nil}, {"exchange", r.Exchange == nil}, {"role", r.Role == nil},
		{"speaker", r.Speaker == nil}, {"fr", r.FR == nil}, {"en", r.EN == nil},
	} {
		if f.missing {
			return p.errorf(f.name, "missing")
		}
	}
	if !idPattern.MatchString(*r.ID) {
		return p.errorf("id", "%q is not an ID: want 1 to 32 letters, digits, '.', '_' or '-'", *r.ID)
	}
	if p.ids[*r.ID] {
		return p.errorf("id", "%q is used twice", *r.ID)
	}
	p.ids[*r.ID] = true
	para := Paragraph{ID: *r.ID, Exchange: *r.Exchange, Role: Role(*r.Role), Speaker: *r.Speaker, FR: r.FR, EN: r.EN}
	if err := p.placement(iv, &para); err != nil {
		return err
	}
	if err := p.sentences("fr", para.FR); err != nil {
		return err
	}
	if err := p.sentences("en", para.EN); err != nil {
		return err
	}
	if len(para.EN) != len(para.FR) {
		return p.errorf("en", "has %d sentences; want one translation per French sentence (%d)", len(para.EN), len(para.FR))
	}
	if r.Topic != nil {
		if para.Role != RoleQuestion {
			return p.errorf("topic", "only questions carry a topic")
		}
		para.Topic = *r.Topic
	}
	iv.Paragraphs = append(iv.Paragraphs, para)
	return nil
}

// placement checks that role, speaker and exchange agree with each other
// and with the paragraphs before.
func (p *parser) placement(iv *Interview, para *Paragraph) error {
	last := 0 // the exchange the previous paragraph belongs to
	var prev *Paragraph
	if n := len(iv.Paragraphs); n > 0 {
		prev = &iv.Paragraphs[n-1]
		last = prev.Exchange
	}
	switch para.Role {
	case RoleIntro:
		if para.Speaker != SpeakerArticle {
			return p.errorf("speaker", "an intro's speaker must be %q, got %q", SpeakerArticle, para.Speaker)
		}
		if para.Exchange != 0 {
			return p.errorf("exchange", "an intro belongs to exchange 0, got %d", para.Exchange)
		}
		if last != 0 {
			return p.errorf("role", "intro paragraphs must come before the first question")
		}
	case RoleQuestion:
		if para.Speaker != SpeakerInterviewer {
			return p.errorf("speaker", "a question's speaker must be %q, got %q", SpeakerInterviewer, para.Speaker)
		}
		if para.Exchange != last+1 {
			return p.errorf("exchange", "want %d (exchanges are numbered in order from 1), got %d", last+1, para.Exchange)
		}
		if prev != nil && prev.Role == RoleQuestion {
			return p.errorf("role", "question %s has no answer before the next question", prev.ID)
		}
	case RoleAnswer:
		if para.Speaker != iv.Interviewee {
			return p.errorf("speaker", "an answer's speaker must be the interviewee %q, got %q", iv.Interviewee, para.Speaker)
		}
		if prev == nil || prev.Role == RoleIntro || para.Exchange != last {
			return p.errorf("exchange", "an answer must follow its exchange's question (exchange %d)", last)
		}
	default:
		return p.errorf("role", "unknown role %q: want intro, question or answer", para.Role)
	}
	return nil
}

func (p *parser) sentences(field string, ss []string) error {
	if len(ss) == 0 {
		return p.errorf(field, "want at least one sentence")
	}
	for i, s := range ss {
		switch {
		case strings.TrimSpace(s) == "":
			return p.errorf(field, "sentence %d is empty", i+1)
		case strings.TrimFunc(s, unicode.IsSpace) != s:
			return p.errorf(field, "sentence %d starts or ends with white space", i+1)
		case strings.ContainsAny(s, "\n\r\t"):
			return p.errorf(field, "sentence %d contains a line break or tab", i+1)
		case strings.ContainsRune(s, utf8.RuneError):
			return p.errorf(field, "sentence %d is not valid UTF-8", i+1)
		}
	}
	return nil
}

func (p *parser) finish(iv *Interview) error {
	ex := iv.Exchanges()
	if len(ex) == 0 {
		return p.errorf("", "no question/answer exchange")
	}
	if last := ex[len(ex)-1]; len(last.Answers) == 0 {
		return p.errorf("", "question %s has no answer", last.Question.ID)
	}
	return nil
}
