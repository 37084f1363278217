// Package reader serves the interview as a web page: the French text
// and our English translation side by side, sentence by sentence, each
// passage and each sentence anchored by its ID (where the bot's
// citations link: see Fragment), whose words each holds made plain, the
// glossary's terms defined where they first occur, the classroom's
// critical notes beside the sentences they are about, and the
// worksheets to download. The translation can be hidden (?tr=0), and
// the notes (?notes=0); Options.HideKeys keeps the answer keys off. It is
// html/template over embedded assets, with no JavaScript at all, and a
// strict Content Security Policy.
//
// It knows nothing of Discord; cmd mounts it beside the interactions
// endpoint or on WEB_ADDR.
package reader

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
)

//go:embed templates/page.html.tmpl static
var assets embed.FS

// Reader serves the interview. Make one with New.
type Reader struct {
	iv *corpus.Interview
	m  *classroom.Material // nil: no glossary or worksheets
	o  Options
	// pages are the page in each view, rendered once: the text never
	// changes while the process runs.
	pages map[view][]byte
	// sheetCSP is the worksheets' policy: the page's, and the hash of
	// the one stylesheet inline in an HTML worksheet (a printable file
	// must stand alone, so it carries its style).
	sheetCSP string
}

// Options are what a reader serves beyond the text.
type Options struct {
	// HideKeys leaves out the answer keys: no link to them, and a
	// worksheet asked for with its key is refused. A page that students
	// read should not hand them the answers; a teacher prints the keys
	// with the CLI.
	HideKeys bool
}

// New returns a reader of iv, with m's glossary and worksheets when m is
// not nil.
func New(iv *corpus.Interview, m *classroom.Material, o Options) (*Reader, error) {
	if err := checkIDs(iv); err != nil {
		return nil, fmt.Errorf("reader: %w", err)
	}
	r := &Reader{iv: iv, m: m, o: o, pages: map[view][]byte{}}
	for _, l := range []lang.Language{lang.French, lang.English} {
		for _, tr := range []bool{true, false} {
			for _, notes := range []bool{true, false} {
				v := view{l, tr, notes}
				var b bytes.Buffer
				if err := page.Execute(&b, r.data(v)); err != nil {
					return nil, fmt.Errorf("reader: %w", err)
				}
				r.pages[v] = b.Bytes()
			}
		}
	}
	sum := sha256.Sum256([]byte(classroom.WorksheetCSS))
	r.sheetCSP = strings.Replace(csp, "style-src 'self'", "style-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'", 1)
	return r, nil
}

// Handler serves the reader under prefix ("/" or a path ending in "/"):
// the page, its stylesheet and the worksheets.
func (r *Reader) Handler(prefix string) http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "static")
	mux.Handle("GET "+prefix+"static/", http.StripPrefix(prefix+"static/", http.FileServerFS(static)))
	mux.HandleFunc("GET "+prefix+"{$}", r.serveHTML)
	mux.HandleFunc("GET "+prefix+"worksheet", r.serveWorksheet)
	// Browsers ask for /favicon.ico on pages that name none, such as a
	// worksheet, which must stand alone.
	mux.HandleFunc("GET "+prefix+"favicon.ico", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		http.ServeFileFS(w, req, static, "favicon.svg")
	})
	return secure(mux)
}

// csp allows the page its own stylesheet and nothing else: no script,
// no frame, no form.
const csp = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// secure adds the security headers to every response.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, req)
	})
}

// language is the page's language: ?lang=, else the browser's first
// choice between French and English, else French.
func language(req *http.Request) lang.Language {
	if l, err := lang.Parse(req.URL.Query().Get("lang")); err == nil {
		return l
	}
	for _, part := range strings.Split(req.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(part))
		switch {
		case strings.HasPrefix(tag, "fr"):
			return lang.French
		case strings.HasPrefix(tag, "en"):
			return lang.English
		}
	}
	return lang.French
}

// view is what a page shows: its language, whether the translation
// stands beside the original, and whether the critical notes follow
// their sentences.
type view struct {
	lang               lang.Language
	translation, notes bool
}

// serveHTML serves the page in the reader's language, with the
// translation unless ?tr=0 hides it and the notes unless ?notes=0 does
// (for a class that checks the claims itself).
func (r *Reader) serveHTML(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Vary", "Accept-Language")
	q := req.URL.Query()
	w.Write(r.pages[view{language(req), q.Get("tr") != "0", q.Get("notes") != "0"}])
}

func (r *Reader) serveWorksheet(w http.ResponseWriter, req *http.Request) {
	if r.m == nil {
		http.Error(w, "No worksheet: the classroom material was written for another interview.", http.StatusNotFound)
		return
	}
	q := req.URL.Query()
	sheet := classroom.Sheet{Lang: language(req), Format: q.Get("format"), Level: q.Get("level"), Key: q.Get("key"), Paper: q.Get("paper"), Exercises: q.Get("exercises"), Study: q.Get("study") == "1"}
	if sheet.Format == "" {
		sheet.Format = classroom.HTML
	}
	if r.o.HideKeys {
		if sheet.Key != "" && sheet.Key != classroom.KeyNone {
			http.Error(w, "No answer keys here: this page is for students. A teacher prints the key with: interviewbot worksheet --key only", http.StatusForbidden)
			return
		}
		sheet.Key = classroom.KeyNone
	}
	if level, err := classroom.ParseLevel(q.Get("level")); err == nil {
		sheet.Level = level // else the sheet's check names the mistake
	}
	if err := sheet.SetExchange(q.Get("exchange")); err != nil {
		http.Error(w, strings.TrimPrefix(err.Error(), "classroom: "), http.StatusBadRequest)
		return
	}
	var err error
	if sheet.Lines, err = strconv.Atoi(cmp.Or(q.Get("lines"), "0")); err != nil {
		http.Error(w, "lines: want a number", http.StatusBadRequest)
		return
	}
	var b bytes.Buffer
	if err := r.m.Worksheet(&b, sheet); err != nil {
		if errors.Is(err, classroom.ErrSheet) {
			http.Error(w, strings.TrimPrefix(err.Error(), "classroom: "), http.StatusBadRequest)
			return
		}
		slog.Error("reader: a worksheet failed", "url", req.URL.String(), "err", err)
		http.Error(w, "The worksheet could not be made; the server's log says why.", http.StatusInternalServerError)
		return
	}
	name := fmt.Sprintf("worksheet-%s", sheet.Lang)
	switch {
	case sheet.Exchange == classroom.IntroSheet:
		name += "-intro"
	case sheet.Exchange > 0:
		name += fmt.Sprintf("-%d", sheet.Exchange)
	}
	for _, n := range sheet.Exchanges {
		name += fmt.Sprintf("-%d", n)
	}
	if sheet.Key == classroom.KeyOnly {
		name += "-key"
	}
	switch sheet.Format {
	case classroom.HTML:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", r.sheetCSP)
	default:
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.md"`)
	}
	w.Write(b.Bytes())
}

var page = template.Must(template.New("page.html.tmpl").Option("missingkey=error").ParseFS(assets, "templates/page.html.tmpl"))
