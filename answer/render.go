package answer

import (
	"embed"
	"strings"
	"text/template"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/retrieval"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates renders replies, one template per language. Missing data is an
// error, never an empty string in front of a user.
var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(templateFS, "templates/*.tmpl"))

// view is the data of the reply templates.
type view struct {
	Interviewee string
	Prose       string // an LLM's answer
	Abstained   bool
	Closest     bool        // the interview does not answer exactly: the closest passages
	Quotes      []quoteView // the interviewee's words
	Asked       []quoteView // the journalist's questions
	Article     []quoteView // the article's introduction
	Suggestions []Suggestion
	// TranslationFirst shows our translation first: the asker wants it.
	TranslationFirst bool
	// Check is the verdict on words the question quoted (check*), or "".
	Check string
}

type quoteView struct {
	Citation
	N         int    // its number, which an LLM answer's claims cite
	Article   bool   // the newspaper's words, not the interviewee's
	Topic     string // the exchange's title
	Paragraph int    // 1-based position within the introduction
	Continued bool   // from the same paragraph as the quote before
}

func render(iv *corpus.Interview, a Answer) string {
	l := a.Language
	v := view{Interviewee: iv.Interviewee, Abstained: a.Abstained, Closest: a.Confidence == retrieval.Closest, Suggestions: a.Suggestions,
		TranslationFirst: a.translated, Check: a.check}
	for _, c := range a.Citations {
		qv := quoteView{Citation: c}
		if c.Speaker == corpus.SpeakerInterviewer {
			if ex, ok := iv.Exchange(c.Exchange); ok {
				qv.Topic = ex.Topic(l)
			}
			v.Asked = append(v.Asked, qv)
			continue
		}
		if c.Speaker == corpus.SpeakerArticle {
			for i, p := range iv.Intro() {
				if p.ID == c.ID {
					qv.Paragraph = i + 1
				}
			}
			v.Article = append(v.Article, qv)
			continue
		}
		if ex, ok := iv.Exchange(c.Exchange); ok {
			qv.Topic = ex.Topic(l)
		}
		qv.Continued = len(v.Quotes) > 0 && v.Quotes[len(v.Quotes)-1].ID == c.ID
		v.Quotes = append(v.Quotes, qv)
	}
	return execute(string(l), "", v)
}

// renderLLM renders an LLM answer: the model's prose, labelled as such,
// then each verified quote.
func renderLLM(iv *corpus.Interview, a Answer, prose string) string {
	v := view{Interviewee: iv.Interviewee, Prose: prose, Closest: a.Confidence == retrieval.Closest}
	for n, c := range a.Citations {
		qv := quoteView{Citation: c, N: n + 1, Article: c.Speaker != iv.Interviewee}
		if ex, ok := iv.Exchange(c.Exchange); ok {
			qv.Topic = ex.Topic(a.Language)
		}
		v.Quotes = append(v.Quotes, qv)
	}
	return execute(string(a.Language), "llm_", v)
}

func execute(l, prefix string, v view) string {
	name := prefix + "fr.tmpl"
	if l == "en" {
		name = prefix + "en.tmpl"
	}
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, name, v); err != nil {
		// The templates are embedded and tested against every kind of
		// answer; reaching this is a build defect.
		panic("answer: rendering " + name + ": " + err.Error())
	}
	return strings.TrimSpace(b.String())
}
