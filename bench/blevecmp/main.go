// Command blevecmp answers questions about the interview with a bleve
// index, as a baseline for the throughput of `interviewbot search --json
// --stdin`: it reads the same corpus, indexes the same paragraphs, reads
// one question per line on standard input and writes one JSON object per
// line in the same shape as our CLI.
//
// Usage:
//
//	blevecmp [-corpus PATH] [PATH] < questions > answers.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// k is the number of passages returned per question, as in our CLI.
const k = 3

// paragraph is one line of the corpus after the header.
type paragraph struct {
	ID       string   `json:"id"`
	Exchange int      `json:"exchange"`
	Role     string   `json:"role"`
	Speaker  string   `json:"speaker"`
	FR       []string `json:"fr"`
	EN       []string `json:"en"`
}

// doc is what bleve indexes for an intro or answer paragraph. bleve reads
// field names from the json tags.
type doc struct {
	FR         string `json:"fr"`
	EN         string `json:"en"`
	QuestionFR string `json:"question_fr"`
	QuestionEN string `json:"question_en"`
}

// Output shapes, field for field those of `interviewbot search --json`.
type result struct {
	Query     string    `json:"query"`
	Language  string    `json:"language"`
	Abstained bool      `json:"abstained"`
	Passages  []passage `json:"passages"`
}

type passage struct {
	ID          string  `json:"id"`
	Exchange    int     `json:"exchange"`
	Speaker     string  `json:"speaker"`
	Score       float64 `json:"score"`
	Text        string  `json:"text"`
	Translation string  `json:"translation"`
}

type failure struct {
	Query string `json:"query"`
	Error string `json:"error"`
}

var errEmptyQuestion = errors.New("the question is empty")

func main() {
	corpusPath := flag.String("corpus", "../../corpus/interview.jsonl", "the interview, as JSON Lines")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: blevecmp [-corpus PATH] [PATH] < questions")
		flag.PrintDefaults()
	}
	flag.Parse()
	switch flag.NArg() {
	case 0:
	case 1:
		*corpusPath = flag.Arg(0)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*corpusPath, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "blevecmp:", err)
		os.Exit(1)
	}
}

func run(corpusPath string, in io.Reader, out io.Writer) error {
	paras, docs, err := load(corpusPath)
	if err != nil {
		return err
	}
	ix, err := build(docs)
	if err != nil {
		return err
	}
	defer ix.Close()

	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		v, err := search(ix, paras, sc.Text())
		if err != nil {
			return err
		}
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("writing output: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading standard input: %w", err)
	}
	return w.Flush()
}

// load reads the corpus and returns its intro and answer paragraphs by ID,
// and the document to index for each. An answer gets the text of the
// question paragraph that precedes it in the file.
func load(path string) (map[string]paragraph, map[string]doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()

	paras := make(map[string]paragraph)
	docs := make(map[string]doc)
	var qFR, qEN string // the current exchange's question
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if line == 1 {
			var header struct {
				Format string `json:"format"`
			}
			if err := json.Unmarshal(sc.Bytes(), &header); err != nil || header.Format == "" {
				return nil, nil, fmt.Errorf("%s:1: expected a header with a \"format\" field", path)
			}
			continue
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var p paragraph
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		switch p.Role {
		case "question":
			qFR, qEN = join(p.FR), join(p.EN)
			continue
		case "intro":
			docs[p.ID] = doc{FR: join(p.FR), EN: join(p.EN)}
		case "answer":
			docs[p.ID] = doc{FR: join(p.FR), EN: join(p.EN), QuestionFR: qFR, QuestionEN: qEN}
		default:
			return nil, nil, fmt.Errorf("%s:%d: unknown role %q", path, line, p.Role)
		}
		if _, dup := paras[p.ID]; dup {
			return nil, nil, fmt.Errorf("%s:%d: duplicate paragraph ID %q", path, line, p.ID)
		}
		paras[p.ID] = p
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(docs) == 0 {
		return nil, nil, fmt.Errorf("%s: no intro or answer paragraphs", path)
	}
	return paras, docs, nil
}

// build indexes docs in memory. Only the four fields are indexed, each
// with its language's analyzer, and nothing is stored: the passages are
// printed from the paragraphs kept in memory, as our CLI does.
func build(docs map[string]doc) (bleve.Index, error) {
	field := func(analyzer string) *mapping.FieldMapping {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzer
		fm.Store = false
		fm.IncludeInAll = false
		return fm
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("fr", field(fr.AnalyzerName))
	dm.AddFieldMappingsAt("en", field(en.AnalyzerName))
	dm.AddFieldMappingsAt("question_fr", field(fr.AnalyzerName))
	dm.AddFieldMappingsAt("question_en", field(en.AnalyzerName))
	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	// Scoring stays bleve's default, TF-IDF: NewMemOnly makes an upsidedown
	// index, which lacks the field lengths that bleve's BM25 model needs.

	ix, err := bleve.NewMemOnly(im)
	if err != nil {
		return nil, err
	}
	b := ix.NewBatch()
	for id, d := range docs {
		if err := b.Index(id, d); err != nil {
			ix.Close()
			return nil, err
		}
	}
	if err := ix.Batch(b); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// search answers one input line: the k best paragraphs for a disjunction
// of match queries over the four fields. An empty question gets a failure
// object, so output lines stay aligned with input lines; the error
// returned is an index failure.
func search(ix bleve.Index, paras map[string]paragraph, line string) (any, error) {
	text := strings.TrimSpace(line)
	// Same rule as our CLI: a question needs a letter or a digit.
	if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		// Like our CLI, echo the line as read.
		return failure{Query: line, Error: errEmptyQuestion.Error()}, nil
	}
	var qs []query.Query
	for _, f := range []string{"fr", "en", "question_fr", "question_en"} {
		m := bleve.NewMatchQuery(text)
		m.SetField(f)
		qs = append(qs, m)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), k, 0, false)
	res, err := ix.Search(req)
	if err != nil {
		return nil, fmt.Errorf("searching %q: %w", text, err)
	}
	out := result{Query: text, Language: "fr", Abstained: len(res.Hits) == 0, Passages: []passage{}}
	for _, h := range res.Hits {
		p := paras[h.ID]
		out.Passages = append(out.Passages, passage{
			ID:          p.ID,
			Exchange:    p.Exchange,
			Speaker:     p.Speaker,
			Score:       math.Round(h.Score*1000) / 1000,
			Text:        join(p.FR),
			Translation: join(p.EN),
		})
	}
	return out, nil
}

func join(sentences []string) string { return strings.Join(sentences, " ") }
