package classroom

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/interviewbot/interviewbot/internal/browsertest"
	"github.com/interviewbot/interviewbot/lang"
)

var pdfDir = flag.String("pdf", "", "also write the printed worksheets to this directory, to look at them")

// markSplits gives every block that must stay on one page (an .item: a
// question with its choices, a prompt with its lines, an entry of the
// key) a link at its top and one at its bottom, and every heading a link
// and one at the top of what follows it. The links are absolutely
// positioned and 1 px: they change no layout, and each lands in the PDF
// as an annotation of the page its box is printed on.
const markSplits = `(() => {
	const mark = (el, name, bottom) => {
		const a = document.createElement("a");
		a.href = "https://check.invalid/" + name;
		a.style.cssText = "position:absolute;left:0;width:1px;height:1px;" + (bottom ? "bottom:0" : "top:0");
		if (getComputedStyle(el).position === "static") el.style.position = "relative";
		el.appendChild(a);
	};
	let n = 0;
	document.querySelectorAll(".item").forEach(el => { n++; mark(el, "item/" + n + "/top"); mark(el, "item/" + n + "/bottom", true); });
	document.querySelectorAll("h2, h3").forEach(el => {
		const next = el.nextElementSibling;
		if (!next) return;
		n++; mark(el, "heading/" + n + "/top"); mark(next, "heading/" + n + "/bottom");
	});
	return n;
})()`

// splits returns the blocks markSplits marked whose top and bottom are
// printed on different pages, and how many blocks it found.
func splits(pages []pdfPage) (split []string, blocks int) {
	at := map[string]int{}
	for i, p := range pages {
		for _, l := range p.Links {
			if name, ok := strings.CutPrefix(l, "https://check.invalid/"); ok {
				at[name] = i + 1
			}
		}
	}
	for name, top := range at {
		block, ok := strings.CutSuffix(name, "/top")
		if !ok {
			continue
		}
		blocks++
		if bottom, ok := at[block+"/bottom"]; !ok || bottom != top {
			split = append(split, fmt.Sprintf("%s (pages %d and %d)", block, top, bottom))
		}
	}
	slices.Sort(split)
	return split, blocks
}

// printed is a worksheet as Chromium printed it.
type printed struct {
	pages  []pdfPage
	split  []string
	blocks int
}

// printSheet prints html to PDF in the tab of ctx, as a teacher would
// from the browser, with the page size its CSS asks for; extraCSS, if
// any, is added to the page first.
func printSheet(ctx context.Context, dir, name string, html []byte, extraCSS string) (printed, error) {
	file := filepath.Join(dir, name+".html")
	if extraCSS != "" {
		html = bytes.Replace(html, []byte("</head>"), []byte("<style>"+extraCSS+"</style></head>"), 1)
	}
	if err := os.WriteFile(file, html, 0o644); err != nil {
		return printed{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		return printed{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](markSplits)); err != nil {
		return printed{}, err
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		return printed{}, err
	}
	if *pdfDir != "" {
		os.WriteFile(filepath.Join(*pdfDir, name+".pdf"), pdf, 0o644)
	}
	pages, err := readPDF(pdf)
	if err != nil {
		return printed{}, err
	}
	p := printed{pages: pages}
	p.split, p.blocks = splits(pages)
	return p, nil
}

// printJob is a worksheet for TestWorksheetPrint to print, and what its
// PDF must be.
type printJob struct {
	name     string
	sheet    Sheet
	maxPages int        // 0: no limit, the count is reported
	paper    [2]float64 // points
	// unprotected prints the sheet with break-inside and break-after
	// turned off, and wants a block split: the check sees splits.
	unprotected bool
}

// unprotect is the CSS that turns the worksheet's page breaks off.
const unprotect = ".item, h2, h3, .how { break-inside: auto !important; break-after: auto !important }"

// printJobs are the students' copy of each exchange at each level and
// at both, in each language, the whole interview's sheet with its key,
// one on Letter paper, and the control with page breaks turned off.
func printJobs(m *Material) []printJob {
	a4, letter := [2]float64{595.28, 841.89}, [2]float64{612, 792}
	var jobs []printJob
	for _, l := range []lang.Language{lang.French, lang.English} {
		for n := 1; n <= len(m.Interview().Exchanges()); n++ {
			for _, level := range []string{Secondary, University} {
				// One page each, but the English exchange 5 at the
				// critical-reading level: with the first level's check of
				// "a hundred years ago" and IG Farben, its longer English
				// runs six lines onto a second page.
				pages := 1
				if l == lang.English && n == 5 && level == University {
					pages = 2
				}
				jobs = append(jobs, printJob{name: fmt.Sprintf("%s-%d-%s", l, n, level), sheet: Sheet{Lang: l, Exchange: n, Level: level, Key: KeyNone, Format: HTML}, maxPages: pages, paper: a4})
			}
			jobs = append(jobs, printJob{name: fmt.Sprintf("%s-%d", l, n), sheet: Sheet{Lang: l, Exchange: n, Key: KeyNone, Format: HTML}, maxPages: 2, paper: a4})
		}
		jobs = append(jobs, printJob{name: fmt.Sprintf("%s-all", l), sheet: Sheet{Lang: l, Format: HTML}, paper: a4},
			// The introduction's students' copy, and an exchange's of one
			// level with both exercises, each on a sheet of paper.
			printJob{name: fmt.Sprintf("%s-intro", l), sheet: Sheet{Lang: l, Exchange: IntroSheet, Key: KeyNone, Format: HTML}, maxPages: 2, paper: a4},
			// The critical study alone: the text and the instruction.
			printJob{name: fmt.Sprintf("%s-study", l), sheet: Sheet{Lang: l, Study: true, Key: KeyNone, Format: HTML}, maxPages: 5, paper: a4},
			// Two exchanges for one lesson, one level: two pages.
			printJob{name: fmt.Sprintf("%s-6-7-university", l), sheet: Sheet{Lang: l, Exchanges: []int{6, 7}, Level: University, Key: KeyNone, Format: HTML}, maxPages: 2, paper: a4},
			printJob{name: fmt.Sprintf("%s-8-secondary-exercises", l), sheet: Sheet{Lang: l, Exchange: 8, Level: Secondary, Key: KeyNone, Format: HTML, Exercises: "who-said,timeline"}, maxPages: 2, paper: a4})
	}
	return append(jobs,
		printJob{name: "fr-6-letter", sheet: Sheet{Exchange: 6, Format: HTML, Paper: PaperLetter}, paper: letter},
		printJob{name: "fr-all-unprotected", sheet: Sheet{Format: HTML}, paper: a4, unprotected: true},
	)
}

// printAll prints the jobs in three tabs of the browser of bctx at once:
// the sheets are many, and each takes a few hundred milliseconds.
func printAll(bctx context.Context, m *Material, dir string, jobs []printJob) ([]printed, []error) {
	results := make([]printed, len(jobs))
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range 3 {
		ctx, cancel := chromedp.NewContext(bctx)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer cancel()
			for i := range next {
				var b bytes.Buffer
				if errs[i] = m.Worksheet(&b, jobs[i].sheet); errs[i] != nil {
					continue
				}
				css := ""
				if jobs[i].unprotected {
					css = unprotect
				}
				results[i], errs[i] = printSheet(ctx, dir, jobs[i].name, b.Bytes(), css)
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results, errs
}

// TestWorksheetPrint prints HTML worksheets to PDF in a real headless
// Chromium, as a teacher prints them, and reads the PDF: every page is
// the paper the CSS names (A4 by default); the students' copy of an
// exchange at one level is one page, at both levels two at most; and no
// question is split from its choices, no key entry cut, no heading left
// at the foot of a page.
//
// The last is read from the PDF itself, not guessed from the screen: the
// test marks the top and bottom of each block with a tiny link (see
// markSplits) and finds on which page Chromium printed each link. Boxes
// measured in print media emulation would show one long page, not where
// the pages break, nor what break-inside: avoid moves. To show that the
// check catches a split, the whole interview's sheet is printed once
// more with page breaks turned off, and must have some.
//
// Page counts depend on the fonts: Debian's chromium brings Liberation
// Serif, which the stylesheet names after Georgia and Times New Roman.
// The fullest one-page sheet (English, exchange 6, university) fills
// about 97% of its page. With -v the test logs every sheet's count.
func TestWorksheetPrint(t *testing.T) {
	path := browsertest.Path(t)
	m := load(t)
	dir := t.TempDir()
	if *pdfDir != "" {
		os.MkdirAll(*pdfDir, 0o755)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.NoSandbox, chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	go func() { time.Sleep(90 * time.Second); cancel() }() // a hung browser fails the test, not the suite
	if err := chromedp.Do(bctx); err != nil {              // starts the browser
		t.Fatal(err)
	}
	jobs := printJobs(m)
	results, errs := printAll(bctx, m, dir, jobs)
	var counts []string
	for i, j := range jobs {
		p := results[i]
		if errs[i] != nil {
			t.Errorf("%s: %v", j.name, errs[i])
			continue
		}
		counts = append(counts, fmt.Sprintf("%s %d", j.name, len(p.pages)))
		switch {
		case j.unprotected:
			counts[len(counts)-1] += fmt.Sprintf(" (%d of %d blocks split)", len(p.split), p.blocks)
			if len(p.split) == 0 {
				t.Errorf("%s: no block split across pages with page breaks turned off; the check cannot see splits", j.name)
			}
			continue
		case p.blocks == 0:
			t.Errorf("%s: no block marked; want the questions' and the headings'", j.name)
		case len(p.split) > 0:
			t.Errorf("%s: split across pages: %s", j.name, strings.Join(p.split, ", "))
		}
		if j.maxPages > 0 && len(p.pages) > j.maxPages {
			t.Errorf("%s: %d pages; want at most %d", j.name, len(p.pages), j.maxPages)
		}
		for k, pg := range p.pages {
			if math.Abs(pg.Width-j.paper[0]) > 2 || math.Abs(pg.Height-j.paper[1]) > 2 {
				t.Errorf("%s: page %d is %.0f×%.0f pt; want %.0f×%.0f", j.name, k+1, pg.Width, pg.Height, j.paper[0], j.paper[1])
				break
			}
		}
	}
	t.Logf("pages: %s", strings.Join(counts, ", "))
}
