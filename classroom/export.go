package classroom

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/interviewbot/interviewbot/lang"
)

// exportReadme tells a teacher, in French and English, how to edit the
// exported files and load them again.
//
//go:embed templates/README.txt
var exportReadme []byte

// The files Export writes beside the data files.
const (
	GlossaryCSV  = "glossary.csv"
	ReadmeTXT    = "README.txt"
	SentencesTXT = "sentences.txt"
)

// glossaryHeader is glossary.csv's first row. A card's front and back
// come first, in French: flashcard importers take the first two
// columns for them.
var glossaryHeader = []string{"term_fr", "definition_fr", "term_en", "definition_en", "id"}

// Export returns the material as plain files to edit and load again
// with LoadFS: its data files as they were loaded, then GlossaryCSV, the
// glossary for flashcards, and ReadmeTXT, how to edit and load them.
func (m *Material) Export() ([]File, error) {
	out := make([]File, 0, len(m.files)+2)
	for _, f := range m.files {
		out = append(out, File{Name: f.Name, Data: bytes.Clone(f.Data)})
	}
	b, err := m.glossaryCSV()
	if err != nil {
		return nil, err
	}
	return append(out, File{Name: GlossaryCSV, Data: b}, File{Name: ReadmeTXT, Data: exportReadme}, File{Name: SentencesTXT, Data: m.sentencesTXT()}), nil
}

// sentencesTXT lists the interview's sentences, each after the reference
// an item cites it by (passage and index from 0, as "a7.1.5" in the
// reader): what a teacher needs to write a "cite" without counting.
func (m *Material) sentencesTXT() []byte {
	var b bytes.Buffer
	for _, p := range m.iv.Paragraphs {
		fmt.Fprintf(&b, "%s — %s / %s\n", p.ID, speaker(m.iv, p.Role, lang.French), speaker(m.iv, p.Role, lang.English))
		for i := range p.FR {
			fmt.Fprintf(&b, "  %s  %s\n  %s  %s\n", Ref{Passage: p.ID, Sentences: []int{i}}.Anchor(), p.FR[i], strings.Repeat(" ", len(Ref{Passage: p.ID, Sentences: []int{i}}.Anchor())), p.EN[i])
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// glossaryCSV writes the glossary as RFC 4180 CSV: UTF-8 without a
// byte-order mark (which encoding/csv and most importers would take for
// part of the first field), a header row, CRLF line ends.
func (m *Material) glossaryCSV() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.Write(glossaryHeader)
	for _, t := range m.Glossary() {
		w.Write([]string{t.Term.FR, t.Definition.FR, t.Term.EN, t.Definition.EN, t.ID})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("classroom: %s: %w", GlossaryCSV, err)
	}
	return b.Bytes(), nil
}
