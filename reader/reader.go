// Package reader serves the interview as a web page: the French text
// and our English translation side by side, each passage anchored by
// its ID (where the bot's citations link), whose words each holds made
// plain, the glossary's terms linked to their definitions, and the
// classroom worksheets to download. It is html/template over embedded
// assets, with no JavaScript at all, and a strict Content Security
// Policy.
//
// It knows nothing of Discord; cmd mounts it beside the interactions
// endpoint or on WEB_ADDR.
package reader

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
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
	// pages are the page in each language, rendered once: the text
	// never changes while the process runs.
	pages map[lang.Language][]byte
	// sheetCSP is the worksheets' policy: the page's, and the hash of
	// the one stylesheet inline in an HTML worksheet (a printable file
	// must stand alone, so it carries its style).
	sheetCSP string
}

// New returns a reader of iv, with m's glossary and worksheets when m is
// not nil.
func New(iv *corpus.Interview, m *classroom.Material) (*Reader, error) {
	r := &Reader{iv: iv, m: m, pages: map[lang.Language][]byte{}}
	for _, l := range []lang.Language{lang.French, lang.English} {
		var b bytes.Buffer
		if err := page.Execute(&b, r.data(l)); err != nil {
			return nil, fmt.Errorf("reader: %w", err)
		}
		r.pages[l] = b.Bytes()
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

func (r *Reader) serveHTML(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Vary", "Accept-Language")
	w.Write(r.pages[language(req)])
}

func (r *Reader) serveWorksheet(w http.ResponseWriter, req *http.Request) {
	if r.m == nil {
		http.Error(w, "No worksheet: the classroom material was written for another interview.", http.StatusNotFound)
		return
	}
	q := req.URL.Query()
	sheet := classroom.Sheet{Lang: language(req), Format: q.Get("format"), Level: q.Get("level"), Key: q.Get("key"), Paper: q.Get("paper")}
	if sheet.Format == "" {
		sheet.Format = classroom.HTML
	}
	if n := q.Get("exchange"); n != "" {
		var err error
		if sheet.Exchange, err = strconv.Atoi(n); err != nil {
			http.Error(w, "exchange: want a number", http.StatusBadRequest)
			return
		}
	}
	var b bytes.Buffer
	if err := r.m.Worksheet(&b, sheet); err != nil {
		http.Error(w, strings.TrimPrefix(err.Error(), "classroom: "), http.StatusBadRequest)
		return
	}
	name := fmt.Sprintf("worksheet-%s", sheet.Lang)
	if sheet.Exchange > 0 {
		name += fmt.Sprintf("-%d", sheet.Exchange)
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

// pageData is what the page template shows.
type pageData struct {
	Lang, Other lang.Language
	L           pageLabels
	Title       string
	Context     string
	Interviewee string
	Sections    []section
	Terms       []term
	Worksheets  bool
}

type section struct {
	ID, Heading string
	Exchange    int
	Passages    []passage
}

type passage struct {
	ID, Class, Who string
	FR, EN         template.HTML
}

type term struct {
	ID, Name, Definition string
	Facts                []string
	Where                []string // passage IDs
}

type pageLabels struct {
	Title, Other, Skip, Contents, Legend, Interviewer, Newspaper, Introduction, QA, Original, Translation, Glossary, Beyond, Source, Seen, Note string
	Worksheets, WholeInterview, Student, Teacher, Markdown                                                                                      string
}

var labels = map[lang.Language]pageLabels{
	lang.French: {
		Other: "English", Skip: "Aller au texte", Contents: "Sommaire", Legend: "Qui parle",
		Interviewer: "Le journaliste", Newspaper: "Le journal", Introduction: "Introduction", QA: "Q&R",
		Original: "Texte publié", Translation: "Traduction anglaise (la nôtre)", Glossary: "Glossaire",
		Beyond: "Hors de l’entretien", Source: "source\u00a0:", Seen: "Dans le texte\u00a0:", Title: "Entretien avec %s, %s",
		Worksheets: "Fiches de travail à imprimer", WholeInterview: "Tout l’entretien", Student: "fiche", Teacher: "corrigé", Markdown: "Markdown",
		Note: "Seules les réponses sont de %s, telles que le journal les a publiées : il a sans doute répondu en anglais, et le français est la traduction et la mise en forme du journal ; l’anglais ici est notre traduction de ce français. Les définitions du glossaire sont celles du bot.",
	},
	lang.English: {
		Other: "Français", Skip: "Skip to the text", Contents: "Contents", Legend: "Who speaks",
		Interviewer: "The interviewer", Newspaper: "The newspaper", Introduction: "Introduction", QA: "Q&A",
		Original: "French, as published", Translation: "English translation (ours)", Glossary: "Glossary",
		Beyond: "Beyond the interview", Source: "source:", Seen: "In the text:", Title: "Interview with %s, %s",
		Worksheets: "Worksheets to print", WholeInterview: "The whole interview", Student: "worksheet", Teacher: "answer key", Markdown: "Markdown",
		Note: "Only the answers are %s’s, as the newspaper published them: he most likely answered in English, and the French is the newspaper’s translation and edit; the English here is our translation of that French. The glossary’s definitions are the bot’s.",
	},
}

func (r *Reader) data(l lang.Language) pageData {
	d := pageData{Lang: l, Other: l.Other(), L: labels[l], Context: r.iv.Context.In(l), Interviewee: r.iv.Interviewee, Worksheets: r.m != nil}
	d.Title = fmt.Sprintf(d.L.Title, r.iv.Interviewee, r.iv.IntervieweeRole.In(l))
	d.L.Note = fmt.Sprintf(d.L.Note, r.iv.Interviewee)
	var terms []*classroom.Term
	if r.m != nil {
		terms = r.m.Glossary()
	}
	who := func(p *corpus.Paragraph) (class, name string) {
		switch p.Role {
		case corpus.RoleAnswer:
			return "interviewee", r.iv.Interviewee
		case corpus.RoleQuestion:
			return "interviewer", d.L.Interviewer
		}
		return "newspaper", d.L.Newspaper
	}
	add := func(n int, heading string, ps []*corpus.Paragraph) {
		s := section{ID: "x" + strconv.Itoa(n), Heading: heading, Exchange: n}
		for _, p := range ps {
			class, name := who(p)
			s.Passages = append(s.Passages, passage{ID: p.ID, Class: class, Who: name,
				FR: highlight(strings.Join(p.FR, " "), terms, lang.French, l), EN: highlight(strings.Join(p.EN, " "), terms, lang.English, l)})
		}
		d.Sections = append(d.Sections, s)
	}
	add(0, d.L.Introduction, r.iv.Intro())
	for _, ex := range r.iv.Exchanges() {
		add(ex.Number, fmt.Sprintf("%s %d — %s", d.L.QA, ex.Number, ex.Topic(l)), append([]*corpus.Paragraph{ex.Question}, ex.Answers...))
	}
	for _, t := range terms {
		dt := term{ID: "term-" + t.ID, Name: t.Term.In(l), Definition: t.Definition.In(l)}
		for _, f := range t.Facts {
			dt.Facts = append(dt.Facts, fmt.Sprintf("%s (%s %s)", f.Text.In(l), d.L.Source, f.Source))
		}
		for _, q := range t.Appears {
			if !slices.Contains(dt.Where, q.Passage) {
				dt.Where = append(dt.Where, q.Passage)
			}
		}
		d.Terms = append(d.Terms, dt)
	}
	return d
}

// highlight escapes text, in language textLang, and links each glossary
// term in it to its definition (titled in the page's language).
func highlight(text string, terms []*classroom.Term, textLang, page lang.Language) template.HTML {
	type span struct {
		from, to int
		t        *classroom.Term
	}
	var spans []span
	for _, t := range terms {
		for _, r := range t.Find(text, textLang) {
			spans = append(spans, span{r[0], r[1], t})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from - b.from })
	var b strings.Builder
	at := 0
	for _, s := range spans {
		if s.from < at {
			continue // overlaps a term already linked
		}
		b.WriteString(html.EscapeString(text[at:s.from]))
		fmt.Fprintf(&b, `<a class="term" href="#term-%s" title="%s">%s</a>`, html.EscapeString(s.t.ID), html.EscapeString(s.t.Definition.In(page)), html.EscapeString(text[s.from:s.to]))
		at = s.to
	}
	b.WriteString(html.EscapeString(text[at:]))
	return template.HTML(b.String()) // every piece escaped above
}

var page = template.Must(template.New("page.html.tmpl").Option("missingkey=error").ParseFS(assets, "templates/page.html.tmpl"))
