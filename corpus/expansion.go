package corpus

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/interviewbot/interviewbot/tsv"
)

//go:embed expansion.tsv
var defaultExpansion []byte

// Expansion is how people ask about a passage, in words the passage may
// not use: curated search terms that retrieval matches like the passage's
// own words, and that are never shown or quoted.
type Expansion struct {
	FR, EN []string
}

// In returns the expansion's phrases in language l ("fr" or "en").
func (e Expansion) In(l string) []string {
	if l == "en" {
		return e.EN
	}
	return e.FR
}

// ReadExpansion attaches the document expansion read from r to iv's
// paragraphs: lines of a paragraph ID, a language (fr or en) and phrases
// separated by commas, tab-separated; # starts a comment. It changes
// iv.Version, so that caches keyed on it retire answers found without it.
func ReadExpansion(iv *Interview, r io.Reader, name string) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("corpus: reading %s: %w", name, err)
	}
	// The version covers every line as written, comments included.
	h := sha256.New()
	h.Write([]byte(iv.Version))
	for line := range strings.Lines(string(data)) {
		h.Write([]byte(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")))
	}
	err = tsv.Read(bytes.NewReader(data), name, func(l tsv.Line) error {
		errorf := func(field, format string, args ...any) error {
			return &ParseError{Name: name, Line: l.N, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		cols := l.Fields
		if len(cols) != 3 {
			return errorf("", "want 3 tab-separated columns (paragraph ID, language, phrases), got %d", len(cols))
		}
		p := iv.Paragraph(cols[0])
		switch {
		case p == nil:
			return errorf("id", "no paragraph %q in the interview", cols[0])
		case p.Role == RoleQuestion:
			return errorf("id", "%s is a question; only intro and answer paragraphs take expansions", cols[0])
		}
		var phrases []string
		for _, t := range strings.Split(cols[2], ",") {
			if t = strings.TrimSpace(t); t != "" {
				phrases = append(phrases, t)
			}
		}
		switch cols[1] {
		case "fr":
			p.Expansion.FR = append(p.Expansion.FR, phrases...)
		case "en":
			p.Expansion.EN = append(p.Expansion.EN, phrases...)
		default:
			return errorf("lang", "want fr or en, got %q", cols[1])
		}
		return nil
	})
	if err != nil {
		return err
	}
	iv.Version = hex.EncodeToString(h.Sum(nil)[:6])
	return nil
}
