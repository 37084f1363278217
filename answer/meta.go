package answer

import (
	"strings"

	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/meta"
	"github.com/interviewbot/interviewbot/retrieval"
)

// metaView is the data of the meta templates: what the interview's
// description and the article's introduction say about the interview.
type metaView struct {
	Kind        meta.Kind
	Interviewee string
	Role        string
	Source      string
	Context     string
	Exchanges   int
	Intro       int // paragraphs of introduction
	Overview    []quoteView
	Article     []quoteView // the introduction's last sentence: who and where, in the article's words
	Quiz        *corpus.Exchange
	Asked       []corpus.Exchange // the journalist's questions, for meta.Questions
}

// metaAnswer answers a question about the interview itself from its
// description, its key quotes and the article's introduction.
func (c *composer) metaAnswer(question string, kind meta.Kind, l retrieval.Language) Answer {
	iv := c.ix.Interview()
	exchanges := iv.Exchanges()
	v := metaView{
		Kind: kind, Interviewee: iv.Interviewee, Role: iv.IntervieweeRole.In(l), Source: iv.Source.In(l),
		Context: iv.Context.In(l), Exchanges: len(exchanges), Intro: len(iv.Intro()),
	}
	a := Answer{Question: question, Language: l, Confidence: retrieval.Answer, Meta: string(kind),
		Citations: []Citation{}, Mode: Extractive, Cache: CacheDisabled}
	if !kind.Stated() {
		// "Which journalist?": the reply says the text does not name
		// one, which is declining, honestly.
		a.Confidence, a.Abstained = retrieval.None, true
	}
	switch kind {
	case meta.Summary:
		for _, kq := range meta.KeyQuotes(iv) {
			cs := appendQuotes(nil, iv, kq.Paragraph, []int{kq.Sentence})
			a.Citations = append(a.Citations, cs...)
			qv := quoteView{Citation: cs[0]}
			if ex, ok := iv.Exchange(kq.Paragraph.Exchange); ok {
				qv.Topic = ex.Topic(l)
			}
			v.Overview = append(v.Overview, qv)
		}
	case meta.Who, meta.Where:
		// The introduction's last sentence: who he is and where.
		for _, p := range meta.Quoted(iv, kind) {
			cs := appendQuotes(nil, iv, p, []int{len(p.FR) - 1})
			a.Citations = append(a.Citations, cs...)
			v.Article = append(v.Article, quoteView{Citation: cs[0], Paragraph: len(iv.Intro())})
		}
	case meta.Questions:
		// Every question, whole: the newspaper's words, cited as such.
		for _, p := range meta.Quoted(iv, kind) {
			a.Citations = append(a.Citations, sentencesOf(iv, p, 0, len(p.FR)))
		}
		v.Asked = exchanges
	case meta.Quiz:
		// The same question gets the same quiz, so that the cache can
		// make the answer again from its folded question.
		n := len(Normalize(question)) % len(exchanges)
		v.Quiz = &exchanges[n]
	}
	a.Text = executeMeta(string(l), v)
	return a
}

func executeMeta(l string, v metaView) string {
	name := "meta_fr.tmpl"
	if l == "en" {
		name = "meta_en.tmpl"
	}
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, name, v); err != nil {
		panic("answer: rendering " + name + ": " + err.Error()) // tested for every kind
	}
	return strings.TrimSpace(b.String())
}
