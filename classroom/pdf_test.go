package classroom

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// pdfPage is what the print test reads of a page of a PDF: its size in
// points and the targets of its links, in the file's order.
type pdfPage struct {
	Width, Height float64
	Links         []string
}

// The little of PDF syntax that Chromium (Skia) writes for pages and
// links: plain dictionaries, no object streams, no compression outside
// content streams.
var (
	pdfObject   = regexp.MustCompile(`(?m)^(\d+) 0 obj\b`)
	pdfKids     = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	pdfAnnots   = regexp.MustCompile(`/Annots \[([^\]]*)\]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox \[\s*[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s*\]`)
	pdfURI      = regexp.MustCompile(`/URI \(([^)]*)\)`)
	pdfRef      = regexp.MustCompile(`(\d+) 0 R`)
	pdfRoot     = regexp.MustCompile(`/Type /Pages\b`)
	pdfIsPage   = regexp.MustCompile(`/Type /Page\b`)
)

// readPDF returns the pages of a PDF that Chromium printed, in order. It
// is no general PDF reader: it follows the page tree from the root
// /Pages (the one no other /Pages lists) and reads each page's media
// box and link annotations.
func readPDF(b []byte) ([]pdfPage, error) {
	objs := map[string][]byte{}
	locs := pdfObject.FindAllSubmatchIndex(b, -1)
	for i, loc := range locs {
		end := len(b)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := b[loc[1]:end]
		if s := bytes.Index(body, []byte("stream")); s >= 0 {
			body = body[:s] // the dictionary, not the stream's bytes
		}
		objs[string(b[loc[2]:loc[3]])] = body
	}
	kid := map[string]bool{}
	var trees []string
	for id, body := range objs {
		if pdfRoot.Match(body) {
			trees = append(trees, id)
			if m := pdfKids.FindSubmatch(body); m != nil {
				for _, r := range pdfRef.FindAllSubmatch(m[1], -1) {
					kid[string(r[1])] = true
				}
			}
		}
	}
	var root string
	for _, id := range trees {
		if !kid[id] {
			root = id
		}
	}
	if root == "" {
		return nil, fmt.Errorf("pdf: no page tree")
	}
	var pages []pdfPage
	var walk func(id string, depth int) error
	walk = func(id string, depth int) error {
		body, ok := objs[id]
		if !ok || depth > 32 {
			return fmt.Errorf("pdf: object %s missing or too deep", id)
		}
		if pdfRoot.Match(body) {
			m := pdfKids.FindSubmatch(body)
			if m == nil {
				return fmt.Errorf("pdf: page tree %s has no kids", id)
			}
			for _, r := range pdfRef.FindAllSubmatch(m[1], -1) {
				if err := walk(string(r[1]), depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if !pdfIsPage.Match(body) {
			return fmt.Errorf("pdf: object %s is no page", id)
		}
		var p pdfPage
		if m := pdfMediaBox.FindSubmatch(body); m != nil {
			p.Width, _ = strconv.ParseFloat(string(m[1]), 64)
			p.Height, _ = strconv.ParseFloat(string(m[2]), 64)
		}
		if m := pdfAnnots.FindSubmatch(body); m != nil {
			for _, r := range pdfRef.FindAllSubmatch(m[1], -1) {
				if u := pdfURI.FindSubmatch(objs[string(r[1])]); u != nil {
					p.Links = append(p.Links, string(u[1]))
				}
			}
		}
		pages = append(pages, p)
		return nil
	}
	if err := walk(root, 0); err != nil {
		return nil, err
	}
	return pages, nil
}
