package reader

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"encoding/json"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/go-json-experiment/json/jsontext"
)

var screenshot = flag.String("screenshot", "", "also write the reader's screenshot to this file (e.g. ../docs/reader.png)")

// browser returns the path of a Chromium, or skips the test (fails it in
// CI, where .ci/run installs one).
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROME_PATH"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is required in CI (.ci/run installs Debian's chromium)")
	}
	t.Skip("skipping: no Chromium found (apt-get install chromium, or set CHROME_PATH, to run this test)")
	return ""
}

// TestChromium loads the reader in a real headless Chromium: no console
// error or CSP violation, every passage anchored, the toggle switches
// the language, a citation's link lands on its passage, the keyboard
// reaches the skip link first, and a screenshot comes out.
func TestChromium(t *testing.T) {
	path := browser(t)
	srv, iv := newServer(t, "/")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.NoSandbox, chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	go func() { time.Sleep(90 * time.Second); cancel() }() // a hung browser fails the test, not the suite

	var mu sync.Mutex
	var problems []string
	// Listen starts the browser: the context of its first use lives as
	// long as the browser.
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, "console: "+string(ev.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	enable := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, log.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, runtime.Enable, cdp.Empty{})
		return err
	})
	eval := func(expr string, v any) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			res, err := chromedp.Evaluate[jsontext.Value](expr)(ctx, t)
			if err != nil {
				return err
			}
			return json.Unmarshal(res, v)
		})
	}
	var ids []string
	var first, lang, focused, target string
	var top, height float64
	if err := chromedp.Do(ctx, enable); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitReady("#glossary"),
		eval(`Array.from(document.querySelectorAll("article.passage")).map(e => e.id)`, &ids),
		eval(`document.documentElement.lang`, &first),
		chromedp.KeyEvent(kb.Tab),
		eval(`document.activeElement.className`, &focused),
	); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		// The toggle is a link: wait for the page it loads.
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click("#toggle"))(ctx, t)
			return err
		}),
		eval(`document.documentElement.lang`, &lang),
		// What a citation in Discord links to: the page, at the passage.
		chromedp.Navigate(srv.URL+"/#a6.1"),
		chromedp.WaitReady(`[id="a6.1"]`),
		eval(`document.querySelector(":target") ? document.querySelector(":target").id : ""`, &target),
		eval(`document.getElementById("a6.1").getBoundingClientRect().top`, &top),
		eval(`window.innerHeight`, &height),
	); err != nil {
		t.Fatal(err)
	}
	// A worksheet from the reader keeps its style, under its policy: the
	// answer key on a page of its own.
	var keyBreak string
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/worksheet?exchange=6&format=html"),
		chromedp.WaitReady(".key"),
		eval(`getComputedStyle(document.querySelector(".key")).breakBefore`, &keyBreak),
	); err != nil {
		t.Fatal(err)
	}
	if keyBreak != "page" {
		t.Errorf("the worksheet's answer key breaks %q; want page (its stylesheet was blocked?)", keyBreak)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/#a6.1"), chromedp.WaitReady(`[id="a6.1"]`)); err != nil {
		t.Fatal(err)
	}
	// The window as a reader sees it, landed on the passage.
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range iv.Paragraphs {
		want = append(want, p.ID)
	}
	if !slices.Equal(ids, want) {
		t.Errorf("passages anchored in the page: %v; want %v", ids, want)
	}
	if focused != "skip" {
		t.Errorf("the first Tab focuses %q; want the skip link", focused)
	}
	if first != "en" || lang != "fr" { // headless Chromium asks for en-US
		t.Errorf("<html lang=%q>, then after the toggle <html lang=%q>; want en, then fr", first, lang)
	}
	if target != "a6.1" || top < -1 || top > height/2 {
		t.Errorf("the link to #a6.1 lands on %q, %v px from the top of a %v px window; want a6.1 in view", target, top, height)
	}
	if len(shot) < 10_000 || !strings.HasPrefix(string(shot[:4]), "\x89PNG") {
		t.Errorf("screenshot of %d bytes; want a PNG", len(shot))
	}
	os.WriteFile(t.TempDir()+"/reader.png", shot, 0o644)
	if *screenshot != "" {
		if err := os.WriteFile(*screenshot, shot, 0o644); err != nil {
			t.Error(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("the browser reported: %q", problems)
	}
}
