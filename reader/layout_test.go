package reader

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// landing reports where a link to the page's :target landed: the
// element a reader looks for (a passage's speaker label, else the
// target itself), its top in the window, whether the element at its
// top-left corner is inside it, not a header stuck over it, and whether
// the column header is still in the window once the glossary's heading
// has scrolled away (it belongs to the text only).
const landing = `(() => {
	const t = document.querySelector(":target");
	if (!t) return {target: ""};
	const el = t.matches("article") ? t.querySelector(".who") : t;
	const r = el.getBoundingClientRect();
	const hit = document.elementFromPoint(r.left + 2, r.top + 2);
	const head = document.querySelector(".columns-head").getBoundingClientRect();
	return {target: t.id, top: r.top, window: innerHeight, inside: !!hit && el.contains(hit) && head.bottom <= r.top,
		hit: hit ? hit.tagName + "." + hit.className : "nothing",
		overGlossary: head.bottom > 0 && document.getElementById("glossary").getBoundingClientRect().top < 0};
})()`

// scrolls reports whether the page scrolls sideways.
const scrolls = `document.scrollingElement.scrollWidth > innerWidth`

// notesAfter lists the notes shown after the sentence a7.1.5: the
// element, whether it is open, and its label.
const notesAfter = `(() => {
	const out = [];
	for (let e = document.getElementById("a7.1.5").nextElementSibling; e && !e.classList.contains("s"); e = e.nextElementSibling) {
		if (getComputedStyle(e).display === "none") continue;
		out.push(e.tagName.toLowerCase() + (e.open ? "[open]" : "") + " " + e.querySelector("b").textContent + " — " + e.querySelector(".kind").textContent);
	}
	return out;
})()`

// checkLayout checks the reader in a window width px wide, on a phone
// below 700 px: where links land, the column header, the contents, a
// glossary term's definition, the notes, the translation's link, and
// that nothing scrolls sideways.
func checkLayout(t *testing.T, b *tab, base string, width int64) {
	phone := width < 700
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	b.do(t, chromedp.EmulateViewport(width, 844, opts...))
	page := fmt.Sprintf("%s/?lang=fr&w=%d", base, width) // a page of its own per width: a new fragment reloads it

	for _, frag := range []string{"a6.1", "a7.1.5", "glossary", "term-wannacry"} {
		var got struct {
			Target      string
			Top, Window float64
			Inside      bool
			Hit         string
			// OverGlossary: the column header still shows in the glossary.
			OverGlossary bool
		}
		b.do(t, chromedp.Navigate(page+"#"+frag), chromedp.WaitReady("#worksheets"), eval(landing, &got))
		if got.Target != frag || got.Top < 0 || got.Top > got.Window/2 || !got.Inside {
			t.Errorf("#%s lands on %q, %.0f px from the top of a %.0f px window, under %s; want it in view and uncovered", frag, got.Target, got.Top, got.Window, got.Hit)
		}
		if got.OverGlossary {
			t.Errorf("#%s: the column header shows over the glossary", frag)
		}
	}

	var head struct {
		Position string
		Height   float64
	}
	var contents [][2]string
	var oneColumn, sideways bool
	b.do(t,
		eval(`(() => { const h = document.querySelector(".columns-head"); return {position: getComputedStyle(h).position, height: h.getBoundingClientRect().height} })()`, &head),
		eval(`Array.from(document.querySelectorAll(".contents a")).map(a => [a.textContent, a.getAttribute("href")])`, &contents),
		eval(`new Set(Array.from(document.querySelectorAll(".contents li")).map(li => li.getBoundingClientRect().left)).size == 1`, &oneColumn),
		eval(scrolls, &sideways),
	)
	if phone && head.Position != "static" || !phone && (head.Position != "sticky" || head.Height > 40) {
		t.Errorf("the column header is %s, %.0f px high; want static on a phone, sticky and one line high on a wide screen", head.Position, head.Height)
	}
	checkContents(t, contents)
	if phone && !oneColumn {
		t.Error("the contents list has more than one column on a phone")
	}
	if sideways {
		t.Error("the page scrolls sideways")
	}
	checkTerm(t, b, page, phone)
	checkNotes(t, b, phone)
	checkTranslation(t, b, page)
}

// checkContents checks the contents list: the introduction, then each
// Q&R by its own number, the glossary and the worksheets.
func checkContents(t *testing.T, contents [][2]string) {
	t.Helper()
	want := [][2]string{{"Introduction", "#x0"}}
	for n := 1; n <= 8; n++ {
		want = append(want, [2]string{fmt.Sprintf("Q&R %d — ", n), fmt.Sprintf("#x%d", n)})
	}
	want = append(want, [2]string{"Glossaire", "#glossary"}, [2]string{"Fiches de travail", "#worksheets"})
	if len(contents) != len(want) {
		t.Fatalf("the contents list: %q; want %d entries", contents, len(want))
	}
	for i, c := range contents {
		if !strings.HasPrefix(c[0], want[i][0]) || c[1] != want[i][1] {
			t.Errorf("contents entry %d: %q → %s; want %q… → %s", i, c[0], c[1], want[i][0], want[i][1])
		}
	}
}

// checkTerm opens a glossary term's definition with a tap on a phone, a
// click on a wide screen, and then every folded element: the page still
// does not scroll sideways.
func checkTerm(t *testing.T, b *tab, page string, phone bool) {
	t.Helper()
	const term = `[id="a6.1"] details.term`
	var before, after struct {
		Open  bool
		Shown float64 // the definition's height
		Right float64
	}
	state := fmt.Sprintf(`(() => { const d = document.querySelector('%s'), r = d.querySelector(".def").getBoundingClientRect(); return {open: d.open, shown: r.height, right: r.right} })()`, term)
	open := chromedp.Click(chromedp.CSS(term + " > summary"))
	if phone {
		open = chromedp.Tap(chromedp.CSS(term + " > summary"))
	}
	var sideways bool
	var width float64
	b.do(t, chromedp.Navigate(page+"#a6.1"), chromedp.WaitReady("#worksheets"), eval(state, &before), open, eval(state, &after),
		eval(`document.querySelectorAll("details").forEach(d => d.open = true)`, new(any)), eval(scrolls, &sideways), eval(`innerWidth`, &width))
	if before.Open || before.Shown != 0 || !after.Open || after.Shown == 0 || after.Right > width {
		t.Errorf("a glossary term's definition: %+v, then after a click or a tap %+v; want closed, then open and shown within the %.0f px window", before, after, width)
	}
	if sideways {
		t.Error("with every definition and note open, the page scrolls sideways")
	}
}

// checkNotes checks the notes on a7.1.5 (an error, a [sic]): the bot's,
// after the sentence, the [sic] folded on a phone only.
func checkNotes(t *testing.T, b *tab, phone bool) {
	t.Helper()
	var got []string
	b.do(t, chromedp.Reload(), chromedp.WaitReady("#worksheets"), eval(notesAfter, &got))
	want := []string{"aside Note (interviewbot) — Inexact", "aside Note (interviewbot) — [sic]"}
	if phone {
		want[1] = "details Note (interviewbot) — [sic]"
	}
	if !slices.Equal(got, want) {
		t.Errorf("notes shown after a7.1.5: %q; want %q", got, want)
	}
}

// checkTranslation hides the translation with its link, and shows it
// again; the language's link keeps the choice.
func checkTranslation(t *testing.T, b *tab, page string) {
	t.Helper()
	type state struct {
		Shown       int // sentences translated
		Search, Lng string
		Sideways    bool
	}
	const read = `({shown: document.querySelectorAll(".s .translation").length, search: location.search,
		lng: document.getElementById("toggle").getAttribute("href"), sideways: document.scrollingElement.scrollWidth > innerWidth})`
	var before, hidden, shown state
	b.do(t, chromedp.Navigate(page), chromedp.WaitReady("#tr"), eval(read, &before),
		follow("#tr"), eval(read, &hidden), follow("#tr"), eval(read, &shown))
	if before.Shown == 0 || hidden.Shown != 0 || !strings.Contains(hidden.Search, "tr=0") || !strings.Contains(hidden.Lng, "tr=0") || shown.Shown != before.Shown {
		t.Errorf("the translation's link: %+v, hidden %+v, shown again %+v; want it hidden, the language's link keeping tr=0, then shown", before, hidden, shown)
	}
	if hidden.Sideways || shown.Sideways {
		t.Error("the page scrolls sideways")
	}
}
