package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/eval"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/retrieval"
	"github.com/interviewbot/interviewbot/store"
	"github.com/interviewbot/interviewbot/store/redisstore"
)

type askResult struct{ answer.Answer }

func (r askResult) text() string { return r.Text }

// runAsk answers offline; with REDIS_URL set it shares the bot's answer
// cache, and reports "hit", "miss" or "unavailable".
func runAsk(ctx context.Context, e env, c *cmdline) error {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	var cache answer.Cache
	if cfg.RedisURL != "" {
		st, err := cfg.openStore(ctx, log, nil)
		if err != nil {
			return err
		}
		defer st.Close()
		cache = st
	}
	o := answer.Options{Cache: cache, TTL: cfg.CacheTTL, Events: newLogEvents(log, slog.LevelDebug)}
	if !c.extractive {
		o.Model = cfg.model()
	}
	answers := answer.NewService(retrieval.New(iv, retrieval.DefaultOptions()), o)
	return c.each(e, "question", func(q retrieval.Query) (any, error) {
		a, err := answers.Answer(ctx, answer.Request{Text: q.Text, Lang: q.Lang, Hint: q.Hint, LLM: true})
		return askResult{a}, err
	})
}

type statsResult struct {
	store.Stats
	Window    store.Window `json:"window"`
	iv        *corpus.Interview
	lang      retrieval.Language
	retention time.Duration
}

func (r statsResult) text() string {
	return strings.NewReplacer("**", "").Replace(bot.StatsText(r.iv, r.Stats, r.Window, r.retention, r.lang))
}

// runStats prints the statistics the bots keep in Redis.
func runStats(ctx context.Context, e env, c *cmdline) error {
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	if cfg.RedisURL == "" {
		return fmt.Errorf("stats: REDIS_URL is not set; without Redis each bot process keeps its statistics in memory, where /stats shows them")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	w, err := store.ParseWindow(c.window)
	if err != nil {
		return usagef("--window: %v", err)
	}
	st, err := redisstore.New(redisstore.Options{URL: cfg.RedisURL, SentinelMaster: cfg.SentinelMaster, Prefix: cfg.RedisPrefix, Timeout: 2 * time.Second, Retention: cfg.StatsRetention})
	if err != nil {
		return configError("REDIS_URL", "%v", err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx, c.guild, w, 10)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	lang := retrieval.English
	if c.lang != "" {
		if lang, err = retrieval.ParseLanguage(c.lang); err != nil {
			return usagef("--lang: %v", err)
		}
	}
	return c.write(e, statsResult{Stats: stats, Window: w, iv: iv, lang: lang, retention: cfg.StatsRetention})
}

type searchResult struct {
	Query      string               `json:"query"`
	Language   retrieval.Language   `json:"language"`
	Confidence retrieval.Confidence `json:"confidence"`
	Abstained  bool                 `json:"abstained"`
	Passages   []passage            `json:"passages"`

	codec *passageCodec // for appendJSON
}

type passage struct {
	ID          string  `json:"id"`
	Exchange    int     `json:"exchange"`
	Speaker     string  `json:"speaker"`
	Score       float64 `json:"score"`
	Text        string  `json:"text"`
	Translation string  `json:"translation"`

	para *corpus.Paragraph
}

func (r searchResult) text() string {
	if r.Abstained {
		return "No passage of the interview answers this query."
	}
	var b strings.Builder
	if r.Confidence == retrieval.Closest {
		b.WriteString("No passage answers this exactly; the closest:\n")
	}
	for i, p := range r.Passages {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d. %s (exchange %d, %s, score %.2f)\n   %s\n   EN: %s\n", i+1, p.ID, p.Exchange, p.Speaker, p.Score, p.Text, p.Translation)
	}
	return strings.TrimRight(b.String(), "\n")
}

func runSearch(_ context.Context, e env, c *cmdline) error {
	iv, err := c.interview()
	if err != nil {
		return err
	}
	ix := retrieval.New(iv, retrieval.DefaultOptions())
	codec := newPassageCodec(iv)
	return c.each(e, "query", func(q retrieval.Query) (any, error) {
		text, err := answer.CheckQuestion(q.Text)
		if err != nil {
			return nil, err
		}
		q.Text = text
		res := ix.Search(q)
		out := searchResult{Query: text, Language: res.Language, Confidence: res.Confidence, Abstained: res.Abstained,
			Passages: make([]passage, 0, len(res.Hits)), codec: codec}
		for _, h := range res.Hits {
			pj := codec.byPara[h.Paragraph]
			out.Passages = append(out.Passages, passage{
				ID:          h.Paragraph.ID,
				Exchange:    h.Paragraph.Exchange,
				Speaker:     h.Paragraph.Speaker,
				Score:       round(h.Score),
				Text:        pj.text,
				Translation: pj.translation,
				para:        h.Paragraph,
			})
		}
		return out, nil
	})
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

type sourceResult struct {
	Exchange   int               `json:"exchange"`
	Topic      corpus.Text       `json:"topic"`
	Paragraphs []sourceParagraph `json:"paragraphs"`
}

type sourceParagraph struct {
	ID          string      `json:"id"`
	Role        corpus.Role `json:"role"`
	Speaker     string      `json:"speaker"`
	Text        string      `json:"text"`
	Translation string      `json:"translation"`
}

func (r sourceResult) text() string {
	var b strings.Builder
	if r.Exchange == 0 {
		b.WriteString("Introduction (the article's words)\n")
	} else {
		fmt.Fprintf(&b, "Q&A %d — %s / %s\n", r.Exchange, r.Topic.FR, r.Topic.EN)
	}
	for _, p := range r.Paragraphs {
		fmt.Fprintf(&b, "\n[%s] %s:\n%s\n\n[%s, translation] %s\n", p.ID, p.Speaker, p.Text, p.ID, p.Translation)
	}
	return strings.TrimRight(b.String(), "\n")
}

func runSource(_ context.Context, e env, c *cmdline) error {
	if len(c.args) != 1 {
		return usagef("source takes one exchange number")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(c.args[0])
	last := len(iv.Exchanges())
	if err != nil || n < 0 || n > last {
		return usagef("source: exchange must be a number from 1 to %d (0 for the introduction), got %q", last, c.args[0])
	}
	out := sourceResult{Exchange: n}
	var paras []*corpus.Paragraph
	if n == 0 {
		paras = iv.Intro()
	} else {
		ex, _ := iv.Exchange(n)
		out.Topic = corpus.Text{FR: ex.Topic("fr"), EN: ex.Topic("en")}
		paras = append([]*corpus.Paragraph{ex.Question}, ex.Answers...)
	}
	for _, p := range paras {
		out.Paragraphs = append(out.Paragraphs, sourceParagraph{p.ID, p.Role, p.Speaker, p.Text(), p.Translation()})
	}
	return c.write(e, out)
}

type topicsResult struct {
	Lang   string  `json:"-"`
	Topics []topic `json:"topics"`
}

type topic struct {
	Exchange int    `json:"exchange"`
	FR       string `json:"fr"`
	EN       string `json:"en"`
}

func (r topicsResult) text() string {
	var b strings.Builder
	for _, t := range r.Topics {
		switch r.Lang {
		case "fr":
			fmt.Fprintf(&b, "%d. %s\n", t.Exchange, t.FR)
		case "en":
			fmt.Fprintf(&b, "%d. %s\n", t.Exchange, t.EN)
		default:
			fmt.Fprintf(&b, "%d. %s\n   %s\n", t.Exchange, t.FR, t.EN)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func runTopics(_ context.Context, e env, c *cmdline) error {
	if len(c.args) > 0 {
		return usagef("topics takes no arguments")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	out := topicsResult{}
	if c.lang != "" {
		lang, err := retrieval.ParseLanguage(c.lang)
		if err != nil {
			return usagef("--lang: %v", err)
		}
		out.Lang = string(lang)
	}
	for _, ex := range iv.Exchanges() {
		out.Topics = append(out.Topics, topic{ex.Number, ex.Topic("fr"), ex.Topic("en")})
	}
	return c.write(e, out)
}

type evalResult struct {
	File string `json:"file"`
	evalFigures
	ByStyle []evalStyle `json:"by_style,omitempty"`
	Misses  []string    `json:"misses,omitempty"`
}

type evalStyle struct {
	Style string `json:"style"`
	evalFigures
}

type evalFigures struct {
	Questions    int     `json:"questions"`
	InScope      int     `json:"in_scope"`
	Meta         int     `json:"meta"`
	OutOfScope   int     `json:"out_of_scope"`
	RecallAt1    float64 `json:"recall_at_1"`
	RecallAt3    float64 `json:"recall_at_3"`
	MRR          float64 `json:"mrr"`
	Declined     float64 `json:"declined"`
	Closest      float64 `json:"closest"`
	MetaAnswered float64 `json:"meta_answered"`
	MetaDeclined float64 `json:"meta_declined"`
	Abstention   float64 `json:"abstention"`
	Confident    float64 `json:"confident_out_of_scope"`
}

func newEvalFigures(f eval.Figures) evalFigures {
	return evalFigures{
		Questions: f.Questions, InScope: f.InScope, Meta: f.Meta, OutOfScope: f.OOS,
		RecallAt1: round(f.RecallAt1), RecallAt3: round(f.RecallAt3), MRR: round(f.MRR),
		Declined: round(f.Declined), Closest: round(f.Closest), MetaAnswered: round(f.MetaAnswered), MetaDeclined: round(f.MetaDeclined),
		Abstention: round(f.Abstention), Confident: round(f.Confident),
	}
}

func (r evalResult) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d questions (%d in scope, %d about the interview, %d out of scope)\n", r.File, r.Questions, r.InScope, r.Meta, r.OutOfScope)
	fmt.Fprintf(&b, "Recall@1          %.3f\n", r.RecallAt1)
	fmt.Fprintf(&b, "Recall@3          %.3f\n", r.RecallAt3)
	fmt.Fprintf(&b, "MRR               %.3f\n", r.MRR)
	fmt.Fprintf(&b, "Declined          %.3f  (in-scope questions given confidence none)\n", r.Declined)
	fmt.Fprintf(&b, "Closest           %.3f  (in-scope questions given confidence closest)\n", r.Closest)
	if r.Meta > 0 {
		fmt.Fprintf(&b, "Meta answered     %.3f  (questions about the interview answered as such; %.3f declined)\n", r.MetaAnswered, r.MetaDeclined)
	}
	fmt.Fprintf(&b, "Abstention        %.3f  (out-of-scope questions declined)\n", r.Abstention)
	fmt.Fprintf(&b, "Confident OOS     %.3f  (out-of-scope questions given confidence answer)", r.Confident)
	if len(r.ByStyle) > 0 {
		fmt.Fprintf(&b, "\n\n%-12s %5s %6s %6s %9s %8s %9s %9s", "style", "n", "R@1", "R@3", "declined", "closest", "declined", "confident")
		fmt.Fprintf(&b, "\n%-12s %5s %6s %6s %9s %8s %9s %9s", "", "", "", "", "(in)", "(in)", "(out)", "(out)")
		for _, s := range r.ByStyle {
			cell := func(v float64, ok bool) string {
				if !ok {
					return "-"
				}
				return fmt.Sprintf("%.3f", v)
			}
			in, out := s.InScope > 0, s.OutOfScope > 0
			r1, r3 := cell(s.RecallAt1, in), cell(s.RecallAt3, in)
			declined := cell(s.Declined, in)
			if s.Meta > 0 && !in {
				r1, r3, declined = "meta", cell(s.MetaAnswered, true), cell(s.MetaDeclined, true)
			}
			fmt.Fprintf(&b, "\n%-12s %5d %6s %6s %9s %8s %9s %9s", s.Style, s.Questions, r1, r3,
				declined, cell(s.Closest, in), cell(s.Abstention, out), cell(s.Confident, out))
		}
	}
	for _, m := range r.Misses {
		b.WriteString("\n  miss: " + m)
	}
	return b.String()
}

func runEval(_ context.Context, e env, c *cmdline) error {
	if len(c.args) != 1 {
		return usagef("eval takes one TSV file")
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	f, err := os.Open(c.args[0])
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	items, err := eval.Parse(f)
	if err != nil {
		return err
	}
	rep, err := eval.Run(retrieval.New(iv, retrieval.DefaultOptions()), items)
	if err != nil {
		return err
	}
	out := evalResult{File: c.args[0], evalFigures: newEvalFigures(rep.Figures)}
	for _, s := range rep.ByStyle {
		out.ByStyle = append(out.ByStyle, evalStyle{s.Style, newEvalFigures(s.Figures)})
	}
	if c.verbose {
		for _, m := range rep.Misses {
			got := "declined"
			if len(m.Got) > 0 {
				got = strings.Join(m.Got, ", ")
			}
			out.Misses = append(out.Misses, fmt.Sprintf("line %d: %q want %s, got %s (%s)", m.Line, m.Question, strings.Join(m.Gold, " "), got, m.Confidence))
		}
	}
	return c.write(e, out)
}

func runWorksheet(_ context.Context, e env, c *cmdline) error {
	if len(c.args) > 0 {
		return usagef("worksheet takes no arguments; write it to a file with > worksheet.md")
	}
	l := lang.French
	if c.lang != "" {
		var err error
		if l, err = lang.Parse(c.lang); err != nil {
			return usagef("--lang: %v", err)
		}
	}
	if c.format != classroom.Markdown && c.format != classroom.HTML {
		return usagef("--format: want md or html, got %q", c.format)
	}
	iv, err := c.interview()
	if err != nil {
		return err
	}
	if _, ok := iv.Exchange(c.exchange); !ok && c.exchange != 0 {
		return usagef("--exchange: the interview has exchanges 1 to %d", len(iv.Exchanges()))
	}
	if c.level != "" && c.level != classroom.Secondary && c.level != classroom.University {
		return usagef("--level: want secondary or university, got %q", c.level)
	}
	if c.key != classroom.KeyPage && c.key != classroom.KeyNone && c.key != classroom.KeyOnly {
		return usagef("--key: want page, none or only, got %q", c.key)
	}
	m, err := classroom.Load(iv)
	if err != nil {
		return err
	}
	return m.Worksheet(e.stdout, classroom.Sheet{Lang: l, Exchange: c.exchange, Level: c.level, Key: c.key, Format: c.format})
}
