package reader

import (
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// newServer serves the reader of the default interview under prefix.
func newServer(t testing.TB, prefix string) (*httptest.Server, *corpus.Interview) {
	return newServerWith(t, prefix, Options{})
}

func newServerWith(t testing.TB, prefix string, o Options) (*httptest.Server, *corpus.Interview) {
	t.Helper()
	iv := corpus.Default()
	m, err := classroom.Load(iv)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(iv, m, o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.Handler(prefix))
	t.Cleanup(srv.Close)
	return srv, iv
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// TestPage: the page anchors every passage, says whose words each holds,
// defines the glossary's terms, lists the contents by the Q&R's own
// numbers, hides the translation on ?tr=0, and is sent with its
// security headers.
func TestPage(t *testing.T) {
	srv, iv := newServer(t, "/")
	resp, body := get(t, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP %q; want default-src 'none' and no script", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no X-Content-Type-Options: nosniff")
	}
	for _, p := range iv.Paragraphs {
		if !strings.Contains(body, `<article id="`+p.ID+`" class="passage `) {
			t.Errorf("no anchor for passage %s", p.ID)
		}
	}
	for _, want := range []string{`<html lang="fr">`, `class="passage interviewee"`, `class="passage interviewer"`, `class="passage newspaper"`,
		`<details class="term"><summary>`, `<a href="#term-paris-call">`, `<dt id="term-wannacry">`,
		`<li><a href="#x0"><span class="num">Introduction</span></a></li>`, `<li><a href="#x1"><span class="num">Q&amp;R 1</span> — `, `<li><a href="#x8"><span class="num">Q&amp;R 8</span> — `,
		`<a href="?lang=en" hreflang="en" lang="en" id="toggle">`, `<a href="?lang=fr&amp;tr=0" id="tr">Masquer la traduction</a>`, `class="translation"`, `href="worksheet?lang=fr&amp;exchange=6&amp;key=none"`, `href="worksheet?lang=fr&amp;key=only"`, `<script`} {
		if got := strings.Contains(body, want); got != (want != `<script`) {
			t.Errorf("page has %q: %v", want, got)
		}
	}
	for _, tc := range []struct{ query, header, want string }{
		{"?lang=en", "", `<html lang="en">`},
		{"", "en-GB,en;q=0.8", `<html lang="en">`},
		{"", "de-DE,fr;q=0.5", `<html lang="fr">`},
		{"?lang=fr", "en", `<html lang="fr">`},
		{"?lang=en&tr=0", "", `<a href="?lang=fr&amp;tr=0" hreflang="fr" lang="fr" id="toggle">`},
		{"?lang=en&tr=0", "", `<a href="?lang=en" id="tr">Show the translation</a>`},
		{"?tr=0", "", `<main id="text" tabindex="-1" class="one">`},
		{"", "", `<a href="?lang=fr&amp;notes=0" id="notes">Masquer les notes</a>`},
		{"?lang=en&tr=0&notes=0", "", `<a href="?lang=fr&amp;tr=0&amp;notes=0" hreflang="fr" lang="fr" id="toggle">`},
		{"?lang=en&tr=0&notes=0", "", `<a href="?lang=en&amp;notes=0" id="tr">Show the translation</a>`},
		{"?lang=en&notes=0", "", `<a href="?lang=en" id="notes">Show the notes</a>`},
	} {
		_, body := get(t, srv.URL+"/"+tc.query, "Accept-Language", tc.header)
		if !strings.Contains(body, tc.want) {
			t.Errorf("GET /%s (Accept-Language %q): no %s", tc.query, tc.header, tc.want)
		}
		if strings.Contains(tc.query, "tr=0") && strings.Contains(body, `class="translation"`) {
			t.Errorf("GET /%s shows the translation", tc.query)
		}
		if notes := strings.Contains(body, `class="bot-note`); notes == strings.Contains(tc.query, "notes=0") {
			t.Errorf("GET /%s shows the critical notes: %v", tc.query, notes)
		}
	}
}

// TestRoutes: the stylesheet, the worksheets, a prefix, and what is not
// there.
func TestRoutes(t *testing.T) {
	srv, _ := newServer(t, "/interview/")
	for _, tc := range []struct {
		path, want string
		code       int
	}{
		{"/interview/", "<!doctype html>", 200},
		{"/interview/static/style.css", ".passage", 200},
		{"/interview/worksheet?lang=en&exchange=3&format=md", "## Answer key", 200},
		{"/interview/worksheet?format=html", `<section class="key">`, 200},
		{"/interview/worksheet?exchange=6&key=only", `<section class="">`, 200},
		{"/interview/worksheet?level=primary", "unknown level", 400},
		{"/interview/worksheet?exchange=7&level=critical&format=md", "— analyse critique\n", 200},
		{"/interview/worksheet?exchange=99", "no exchange 99", 400},
		{"/interview/worksheet?exchange=x", "want intro, a number from 1, or numbers between commas", 400},
		{"/interview/worksheet?exchange=-1", "want intro, a number from 1, or numbers between commas", 400},
		{"/interview/worksheet?exchange=6,9", "exchanges [6 9]: want different exchanges from 1 to 8", 400},
		{"/interview/worksheet?exchange=6,7&format=md&level=university", "## Q&R 6", 200},
		{"/interview/worksheet?lines=x", "lines: want a number", 400},
		{"/interview/worksheet?format=pdf", "unknown worksheet format", 400},
		{"/interview/worksheet?exchange=6&key=none&level=secondary&paper=letter", `<body class="letter">`, 200},
		{"/interview/worksheet?exchange=6", `<body class="a4">`, 200},
		{"/interview/worksheet?paper=a5", "unknown paper", 400},
		{"/interview/worksheet?exchange=intro&format=md", "### Introduction (le journal)", 200},
		{"/interview/worksheet?exchange=6&lines=30", "lines to write on", 400},
		{"/interview/worksheet?exercises=quiz", "unknown exercise", 400},
		{"/interview/nothing", "404", 404},
		{"/", "404", 404},
	} {
		resp, body := get(t, srv.URL+tc.path)
		if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s = %d %.80q; want %d with %q", tc.path, resp.StatusCode, body, tc.code, tc.want)
		}
	}
	resp, _ := get(t, srv.URL+"/interview/worksheet?format=md")
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="worksheet-fr.md"`) {
		t.Errorf("Markdown worksheet Content-Disposition %q; want a download", cd)
	}
}

// TestHideKeys: a reader for students links no answer key and serves
// none, asked for or by default.
func TestHideKeys(t *testing.T) {
	srv, _ := newServerWith(t, "/", Options{HideKeys: true})
	_, page := get(t, srv.URL+"/")
	if strings.Contains(page, "key=only") || !strings.Contains(page, `href="worksheet?lang=fr&amp;exchange=intro&amp;key=none"`) || !strings.Contains(page, `format=md&amp;key=none`) {
		t.Errorf("a reader without keys links: %q", regexp.MustCompile(`worksheet\?[^"]*`).FindAllString(page, -1))
	}
	for _, tc := range []struct {
		path, want string
		code       int
	}{
		{"/worksheet?exchange=6&key=only", "No answer keys here", 403},
		{"/worksheet?key=page", "No answer keys here", 403},
		{"/worksheet?exchange=6&key=none", `<body class="a4">`, 200},
	} {
		resp, body := get(t, srv.URL+tc.path)
		if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s = %d %.80q; want %d with %q", tc.path, resp.StatusCode, body, tc.code, tc.want)
		}
	}
	for _, path := range []string{"/worksheet?exchange=6", "/worksheet?format=md"} {
		if _, body := get(t, srv.URL+path); strings.Contains(body, "Corrigé") {
			t.Errorf("GET %s has the answer key", path)
		}
	}
}

// TestNoMaterial: another interview has a reader, without glossary or
// worksheets.
func TestNoMaterial(t *testing.T) {
	r, err := New(corpus.Default(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.Handler("/"))
	defer srv.Close()
	if _, body := get(t, srv.URL+"/"); strings.Contains(body, "term-") || strings.Contains(body, "worksheet?") {
		t.Error("a reader without material shows a glossary or worksheets")
	}
	if resp, _ := get(t, srv.URL+"/worksheet"); resp.StatusCode != 404 {
		t.Errorf("GET /worksheet without material = %d; want 404", resp.StatusCode)
	}
}

func BenchmarkPage(b *testing.B) {
	srv, _ := newServer(b, "/")
	c := srv.Client()
	for b.Loop() {
		resp, err := c.Get(srv.URL + "/")
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// TestContrast: every text colour of the stylesheet meets WCAG AA
// against the white page: a contrast ratio of 4.5:1 at least.
func TestContrast(t *testing.T) {
	css, err := assets.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	colours := regexp.MustCompile(`(?:color|--[a-z]+):\s*(#[0-9a-fA-F]{3,6})\b`).FindAllStringSubmatch(string(css), -1)
	if len(colours) < 6 {
		t.Fatalf("found %d text colours; the pattern no longer reads the stylesheet", len(colours))
	}
	for _, m := range colours {
		if r := contrast(m[1], "#fff"); r < 4.5 {
			t.Errorf("%s on white: contrast %.2f; want 4.5 or more", m[1], r)
		}
	}
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	hex = strings.TrimPrefix(hex, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	var rgb [3]float64
	for i := range rgb {
		v, _ := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			rgb[i] = c / 12.92
		} else {
			rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}
