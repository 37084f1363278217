// Package prompts holds the LLM prompt templates: text/template files,
// embedded, each filled from a typed Data. The templates fail on missing
// data rather than send a prompt with a hole in it.
package prompts

import (
	"embed"
	"fmt"
	"strings"
	"text/template"
)

// Version identifies the templates; it is part of the cache key of LLM
// answers, so changing a prompt retires the answers the old one made.
// Change it whenever a template changes.
const Version = "p1"

//go:embed *.tmpl
var files embed.FS

var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(files, "*.tmpl"))

// Passage is one paragraph given to the model.
type Passage struct {
	ID   string
	Text string
}

// Data fills the templates.
type Data struct {
	Title       string
	Interviewee string
	// Language is the language to answer in, spelled out ("French").
	Language string
	Question string
	// Answers are passages of the interviewee's answers; Article of the
	// article's introduction.
	Answers, Article []Passage
}

// MaxPromptTokens bounds the system and user prompts together. Passages
// past it are left out.
const MaxPromptTokens = 1500

// EstimateTokens estimates the tokens of s for the models used with the
// bot: about 3.5 characters a token for French and English prose.
func EstimateTokens(s string) int { return (len([]rune(s))*2 + 6) / 7 }

// Render returns the system and user prompts for d. Passages are taken in
// order until the prompts would pass MaxPromptTokens; at least one passage
// is always kept.
func Render(d Data) (system, user string, err error) {
	system, err = execute("system.tmpl", d)
	if err != nil {
		return "", "", err
	}
	all := append(append([]Passage(nil), d.Answers...), d.Article...)
	nAnswers := len(d.Answers)
	for keep := len(all); keep >= 1; keep-- {
		trimmed := d
		trimmed.Answers = all[:min(keep, nAnswers)]
		trimmed.Article = all[min(keep, nAnswers):keep]
		user, err = execute("user.tmpl", trimmed)
		if err != nil {
			return "", "", err
		}
		if EstimateTokens(system)+EstimateTokens(user) <= MaxPromptTokens || keep == 1 {
			return system, user, nil
		}
	}
	user, err = execute("user.tmpl", d)
	return system, user, err
}

func execute(name string, d Data) (string, error) {
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, name, d); err != nil {
		return "", fmt.Errorf("prompts: %s: %w", name, err)
	}
	return b.String(), nil
}
