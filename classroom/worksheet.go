package classroom

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"slices"
	"strconv"
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

// Sheet chooses a worksheet: its language, one exchange, the
// introduction (IntroSheet) or all (0), a level (Secondary, University,
// or "" for both), where the answer key goes, its format (Markdown or
// HTML) and, in HTML, its paper.
type Sheet struct {
	Lang     lang.Language
	Exchange int
	// Exchanges, if set, are several exchanges on one sheet (a
	// lesson's worth), in place of Exchange, which is then 0.
	Exchanges []int
	Level     string
	Key       string
	Format    string
	Paper     string
	// Exercises are the exercises beyond the questions: a list of
	// ExerciseWhoSaid and ExerciseTimeline between commas, or "none".
	// The default ("") is both on a sheet of both levels and none on a
	// sheet of one, which keeps to a page.
	Exercises string
	// Study is the critical study of the document alone: the whole
	// text, its glossary and the instruction, with no questions; its
	// key gives the outline and what a good study does.
	Study bool
	// Lines are the lines to write on under an open question; 0 gives
	// 3 at secondary school and 4 at university, and a research question
	// none (it is answered on a sheet of its own).
	Lines int
}

// IntroSheet is Sheet.Exchange for the introduction alone: the
// newspaper's words, for a lesson on the interview as a document.
const IntroSheet = -1

// The exercises a sheet can add to its questions.
const (
	ExerciseWhoSaid  = "who-said"
	ExerciseTimeline = "timeline"
)

// MaxLines bounds Sheet.Lines: a page holds about 40.
const MaxLines = 20

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

// ErrSheet is the error of a Sheet that asks for what cannot be: an
// unknown level or paper, an exchange the interview does not have…
var ErrSheet = errors.New("classroom: no such worksheet")

// sheetError is an ErrSheet that says what is wrong.
type sheetError string

func (e sheetError) Error() string        { return "classroom: " + string(e) }
func (e sheetError) Is(target error) bool { return target == ErrSheet }

func badSheet(format string, a ...any) error { return sheetError(fmt.Sprintf(format, a...)) }

// check reports what is wrong with s, if anything, and fills its
// defaults.
func (m *Material) check(s *Sheet) error {
	if !m.exchangeOK(s.Exchange) && s.Exchange != IntroSheet {
		return badSheet("no exchange %d: want intro or 1 to %d", s.Exchange, len(m.iv.Exchanges()))
	}
	if len(s.Exchanges) > 0 {
		s.Exchanges = slices.Sorted(slices.Values(s.Exchanges))
		if s.Exchange != 0 || slices.ContainsFunc(s.Exchanges, func(n int) bool { return n == 0 || !m.exchangeOK(n) }) || len(slices.Compact(slices.Clone(s.Exchanges))) < len(s.Exchanges) {
			return badSheet("exchanges %v: want different exchanges from 1 to %d", s.Exchanges, len(m.iv.Exchanges()))
		}
		if len(s.Exchanges) == 1 {
			s.Exchange, s.Exchanges = s.Exchanges[0], nil
		}
	}
	if s.Study && (!s.whole() || m.CriticalStudy() == nil) {
		return badSheet("the critical study is of the whole interview, and needs course.json's study")
	}
	if s.Lines < 0 || s.Lines > MaxLines {
		return badSheet("%d lines to write on: want 1 to %d (0: the level's)", s.Lines, MaxLines)
	}
	if _, _, err := s.exercises(); err != nil {
		return err
	}
	if s.Level != "" && checkLevel(s.Level) != nil {
		return badSheet("unknown level %q: want %s or %s", s.Level, Secondary, University)
	}
	switch s.Key {
	case "":
		s.Key = KeyPage
	case KeyPage, KeyNone, KeyOnly:
	default:
		return badSheet("unknown answer key %q: want page, none or only", s.Key)
	}
	switch s.Format {
	case "":
		s.Format = Markdown
	case Markdown, HTML:
	default:
		return badSheet("unknown worksheet format %q: want md or html", s.Format)
	}
	switch s.Paper {
	case "":
		s.Paper = PaperA4
	case PaperA4, PaperLetter:
	default:
		return badSheet("unknown paper %q: want a4 or letter", s.Paper)
	}
	if s.Lang != lang.English {
		s.Lang = lang.French
	}
	return nil
}

// SetExchange reads what a teacher writes for the exchanges a sheet
// prints: nothing or 0 for the whole interview, intro, a number, or
// numbers between commas ("6,7"). Check says whether they exist.
func (s *Sheet) SetExchange(v string) error {
	s.Exchange, s.Exchanges = 0, nil
	switch v = strings.TrimSpace(v); v {
	case "", "0":
		return nil
	case "intro":
		s.Exchange = IntroSheet
		return nil
	}
	fields := strings.Split(v, ",")
	if len(fields) > maxExchanges {
		return badSheet("%d exchanges: at most %d on a sheet", len(fields), maxExchanges)
	}
	for _, f := range fields {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return badSheet("exchange %q: want intro, a number from 1, or numbers between commas (6,7)", v)
		}
		s.Exchanges = append(s.Exchanges, n)
	}
	slices.Sort(s.Exchanges) // in the text's order, as the sheet prints them
	if len(s.Exchanges) == 1 {
		s.Exchange, s.Exchanges = s.Exchanges[0], nil
	}
	return nil
}

// maxExchanges bounds the exchanges a teacher or a URL may list.
const maxExchanges = 20

// whole reports whether s is the whole interview's sheet.
func (s Sheet) whole() bool { return s.Exchange == 0 && len(s.Exchanges) == 0 }

// prints reports whether s is the sheet of exchange n, alone or with
// others.
func (s Sheet) prints(n int) bool {
	return n > 0 && (n == s.Exchange || slices.Contains(s.Exchanges, n))
}

// exercises reads s.Exercises: whether the sheet has "who said it?"
// and the timeline.
func (s Sheet) exercises() (who, timeline bool, err error) {
	switch v := strings.TrimSpace(s.Exercises); v {
	case "":
		return s.Level == "", s.Level == "", nil
	case "none":
		return false, false, nil
	default:
		for _, e := range strings.Split(v, ",") {
			switch e = strings.TrimSpace(e); e {
			case ExerciseWhoSaid:
				who = true
			case ExerciseTimeline:
				timeline = true
			case "":
				return false, false, badSheet("exercises %q: an empty name between commas", s.Exercises)
			default:
				return false, false, badSheet("unknown exercise %q: want %s, %s, both between commas, or none", e, ExerciseWhoSaid, ExerciseTimeline)
			}
		}
	}
	// The introduction has one speaker, the newspaper: no one to tell
	// apart. Asked for, it is a mistake; by default, it is left out.
	if who && s.Exchange == IntroSheet {
		return false, false, badSheet("no %s on the introduction's sheet: its words are all the newspaper's", ExerciseWhoSaid)
	}
	return who, timeline, nil
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
		"quote": guillemets,
		// colon is a colon, typeset as in l.
		"colon": func(l lang.Language) string { return pick(l, "\u00a0:", ":") },
	}
	mdSheet = template.Must(template.New("worksheet.md.tmpl").Option("missingkey=error").Funcs(funcs).
		ParseFS(templates, "templates/worksheet.md.tmpl"))
	htmlSheet = htmltemplate.Must(htmltemplate.New("worksheet.html.tmpl").Option("missingkey=error").Funcs(htmltemplate.FuncMap(funcs)).
			ParseFS(templates, "templates/worksheet.html.tmpl"))
)
