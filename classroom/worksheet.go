package classroom

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io"
	"strings"
	"text/template"

	"github.com/interviewbot/interviewbot/lang"
)

//go:embed templates/worksheet.md.tmpl templates/worksheet.html.tmpl
var templates embed.FS

// WorksheetCSS is an HTML worksheet's stylesheet, inline in the file so
// that it stands alone (a page that serves one allows it by its hash).
// It holds every paper size as a named page, so that it is the same
// for all sheets and one hash allows them all.
//
//go:embed templates/worksheet.css
var WorksheetCSS string

// Formats a worksheet can be written in.
const (
	Markdown = "md"
	HTML     = "html"
)

// Sheet chooses a worksheet: its language, one exchange or all (0),
// a level (Secondary, University, or "" for both), where the answer key
// goes, its format (Markdown or HTML) and, in HTML, its paper.
type Sheet struct {
	Lang     lang.Language
	Exchange int
	Level    string
	Key      string
	Format   string
	Paper    string
}

// Where a worksheet's answer key goes.
const (
	KeyPage = "page" // on a page of its own at the end (the default)
	KeyNone = "none" // nowhere: the students' copy
	KeyOnly = "only" // alone: the teacher's copy
)

// Paper sizes an HTML worksheet prints on: its CSS names the page, and
// a browser that prints to PDF takes the size from it. Markdown has no
// page size.
const (
	PaperA4     = "a4" // the default: French and most other schools'
	PaperLetter = "letter"
)

// Parts of a sheet kept short: an exchange's sheet has room for a few
// sentences of each speaker, the whole interview's a few more.
const (
	whoPerSpeaker      = 1
	whoPerSpeakerWhole = 3
	// whoMaxChars keeps a "who said it?" item to a line or two: the
	// longest sentences (300 characters) would take four with their
	// translation.
	whoMaxChars = 160
)

// check reports what is wrong with s, if anything, and fills its
// defaults.
func (m *Material) check(s *Sheet) error {
	if !m.exchangeOK(s.Exchange) {
		return fmt.Errorf("classroom: no exchange %d", s.Exchange)
	}
	if s.Level != "" && checkLevel(s.Level) != nil {
		return fmt.Errorf("classroom: unknown level %q: want %s or %s", s.Level, Secondary, University)
	}
	switch s.Key {
	case "":
		s.Key = KeyPage
	case KeyPage, KeyNone, KeyOnly:
	default:
		return fmt.Errorf("classroom: unknown answer key %q: want page, none or only", s.Key)
	}
	switch s.Format {
	case "":
		s.Format = Markdown
	case Markdown, HTML:
	default:
		return fmt.Errorf("classroom: unknown worksheet format %q: want md or html", s.Format)
	}
	switch s.Paper {
	case "":
		s.Paper = PaperA4
	case PaperA4, PaperLetter:
	default:
		return fmt.Errorf("classroom: unknown paper %q: want a4 or letter", s.Paper)
	}
	if s.Lang != lang.English {
		s.Lang = lang.French
	}
	return nil
}

// Worksheet writes a printable worksheet: the passages, a glossary,
// comprehension and open questions by level (with both levels, short
// "who said it?" and timeline exercises too), and an answer key on a
// page of its own, which gives the discussion prompts with the notes for
// the teacher. In HTML, no question is split from its choices across pages and
// no heading is left at the foot of one; an exchange's sheet for one
// level fits on one A4 page.
func (m *Material) Worksheet(w io.Writer, s Sheet) error {
	if err := m.check(&s); err != nil {
		return err
	}
	d := m.sheetData(s)
	var buf bytes.Buffer
	var err error
	if s.Format == HTML {
		err = htmlSheet.Execute(&buf, d)
	} else {
		err = mdSheet.Execute(&buf, d)
	}
	if err != nil {
		return fmt.Errorf("classroom: worksheet: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

var (
	funcs = template.FuncMap{
		"letter": func(i int) string { return string(rune('A' + i)) },
		"join":   strings.Join,
		// lines is n lines to write on (a range over it).
		"lines": func(n int) []struct{} { return make([]struct{}, n) },
		// boxes is the choices of a Markdown "who said it?" item.
		"boxes": func(choices []string) string { return "☐ " + strings.Join(choices, "   ☐ ") },
		// quote puts French words between guillemets, the spaces inside
		// them unbreakable.
		"quote": func(s string) string { return "«\u00a0" + s + "\u00a0»" },
		// colon is a colon, typeset as in l.
		"colon": func(l lang.Language) string { return pick(l, "\u00a0:", ":") },
	}
	mdSheet = template.Must(template.New("worksheet.md.tmpl").Option("missingkey=error").Funcs(funcs).
		ParseFS(templates, "templates/worksheet.md.tmpl"))
	htmlSheet = htmltemplate.Must(htmltemplate.New("worksheet.html.tmpl").Option("missingkey=error").Funcs(htmltemplate.FuncMap(funcs)).
			ParseFS(templates, "templates/worksheet.html.tmpl"))
)
