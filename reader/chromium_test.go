package reader

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/interviewbot/interviewbot/internal/browsertest"
)

var screenshot = flag.String("screenshot", "", "also write the reader's screenshot to this file (e.g. ../docs/reader.png), and a phone's beside it (reader-phone.png)")

// tab is a tab of a headless Chromium that records every console error
// or warning, exception and CSP violation the pages report.
type tab struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

// newTab starts a Chromium with a 1280 × 900 window; the browser ends
// with the test.
func newTab(t *testing.T) *tab {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browsertest.Path(t)),
		chromedp.NoSandbox, chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	timer := time.AfterFunc(90*time.Second, cancel) // a hung browser fails the test, not the suite
	t.Cleanup(func() { timer.Stop() })
	b := &tab{ctx: ctx}
	// Listen starts the browser: the context of its first use lives as
	// long as the browser.
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				b.problems = append(b.problems, "console: "+string(ev.Type))
			}
		case *runtime.EventExceptionThrown:
			b.problems = append(b.problems, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				b.problems = append(b.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	b.do(t, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, log.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, runtime.Enable, cdp.Empty{})
		return err
	}))
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if len(b.problems) > 0 {
			t.Errorf("the browser reported: %q", b.problems)
		}
	})
	return b
}

// do runs steps, and ends the test at the first error.
func (b *tab) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a script in the page and decodes its value into v.
func eval(expr string, v any) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := chromedp.Evaluate[jsontext.Value](expr)(ctx, t)
		if err != nil {
			return fmt.Errorf("%s: %w", expr, err)
		}
		return json.Unmarshal(res, v)
	})
}

// follow clicks a link and waits for the page it loads.
func follow(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel)))(ctx, t)
		return err
	})
}

// TestChromium loads the reader in a real headless Chromium: no console
// error or CSP violation, every passage anchored, the toggle switches
// the language, the keyboard reaches the skip link first, a worksheet
// keeps its style, and a screenshot comes out; then, on a 390 px phone
// and a 1280 px screen, what TestLayout checks.
func TestChromium(t *testing.T) {
	srv, iv := newServer(t, "/")
	b := newTab(t)
	var ids []string
	var first, lang, focused, keyBreak string
	b.do(t,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitReady("#glossary"),
		eval(`Array.from(document.querySelectorAll("article.passage")).map(e => e.id)`, &ids),
		eval(`document.documentElement.lang`, &first),
		chromedp.KeyEvent(kb.Tab),
		eval(`document.activeElement.className`, &focused),
		// The toggle is a link: wait for the page it loads.
		follow("#toggle"),
		eval(`document.documentElement.lang`, &lang),
		// A worksheet from the reader keeps its style, under its
		// policy: the answer key on a page of its own.
		chromedp.Navigate(srv.URL+"/worksheet?exchange=6&format=html"),
		chromedp.WaitReady(".key"),
		eval(`getComputedStyle(document.querySelector(".key")).breakBefore`, &keyBreak),
	)
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
	if keyBreak != "page" {
		t.Errorf("the worksheet's answer key breaks %q; want page (its stylesheet was blocked?)", keyBreak)
	}
	for _, width := range []int64{390, 1280} {
		t.Run(fmt.Sprintf("%dpx", width), func(t *testing.T) { checkLayout(t, b, srv.URL, width) })
	}

	// The window as a reader sees it, landed on a passage from a
	// citation, with the bot's note on its first sentence; and a phone
	// landed on a sentence, its notes after it.
	for _, shot := range []struct {
		suffix string // of the file -screenshot names
		width  int64
		height int64
		url    string
		opts   []chromedp.EmulateViewportOption
	}{
		{"", 1280, 900, "/?lang=en#a6.1", nil},
		{"-phone", 390, 844, "/?lang=fr#a7.1.5", []chromedp.EmulateViewportOption{chromedp.EmulatePortrait, chromedp.EmulateMobile}},
	} {
		b.do(t, chromedp.EmulateViewport(shot.width, shot.height, shot.opts...), chromedp.Navigate(srv.URL+shot.url), chromedp.WaitReady("#worksheets"))
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if len(png) < 10_000 || !strings.HasPrefix(string(png[:4]), "\x89PNG") {
			t.Errorf("screenshot at %d px of %d bytes; want a PNG", shot.width, len(png))
		}
		if *screenshot != "" {
			if err := os.WriteFile(strings.TrimSuffix(*screenshot, ".png")+shot.suffix+".png", png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
}
