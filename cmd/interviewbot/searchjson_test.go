package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

// TestSearchJSONLine checks that search results written without
// reflection are byte for byte what encoding/json writes, for every
// question of the bank and for strings that JSON escapes.
func TestSearchJSONLine(t *testing.T) {
	iv := corpus.Default()
	ix := retrieval.New(iv, retrieval.DefaultOptions())
	codec := newPassageCodec(iv)
	qs := []string{"<b>a&b</b> \"quoted\" \\ back", "tab\tnew\u2028line\x01", "bad \xff utf-8", "démocratie ?", ""}
	files, err := filepath.Glob("../../testdata/bank/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no question bank: %v", err)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if q, _, _ := strings.Cut(sc.Text(), "\t"); q != "" && !strings.HasPrefix(q, "#") {
				qs = append(qs, q)
			}
		}
		f.Close()
	}
	for _, q := range qs {
		checkJSONLine(t, ix, codec, q)
	}
}

func TestAppendJSONFloat(t *testing.T) {
	for _, f := range []float64{0, 1, 0.001, 12.345, 1e-7, 1e21, 123456789.125, -3.5} {
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("appendJSONFloat(%v) = %s; want %s", f, got, want)
		}
	}
}

func FuzzSearchJSONLine(f *testing.F) {
	iv := corpus.Default()
	ix := retrieval.New(iv, retrieval.DefaultOptions())
	codec := newPassageCodec(iv)
	for _, s := range []string{"démocratie", "<a>&\u2028", "\xff\x00", "WannaCry ?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		checkJSONLine(t, ix, codec, q)
	})
}

// checkJSONLine fails t unless q's search result, written by appendJSON,
// is what encoding/json writes.
func checkJSONLine(t *testing.T, ix *retrieval.Index, codec *passageCodec, q string) {
	t.Helper()
	res := ix.Search(retrieval.Query{Text: q})
	r := searchResult{Query: q, Language: res.Language, Confidence: res.Confidence, Abstained: res.Abstained, Passages: []passage{}, codec: codec}
	for _, h := range res.Hits {
		r.Passages = append(r.Passages, passage{ID: h.Paragraph.ID, Exchange: h.Paragraph.Exchange, Speaker: h.Paragraph.Speaker,
			Score: round(h.Score), Text: h.Paragraph.Text(), Translation: h.Paragraph.Translation(), para: h.Paragraph})
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	if got := r.appendJSON(nil); !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("appendJSON for %q:\n got %s\nwant %s", q, got, want.Bytes())
	}
}
