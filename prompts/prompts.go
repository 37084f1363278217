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
const Version = "p2"

// CheckVersion identifies the templates that ask a model to judge a
// claim (check_*.tmpl), as Version does the answers'.
const CheckVersion = "c1"

//go:embed *.tmpl
var files embed.FS

var templates = template.Must(template.New("").Option("missingkey=error").ParseFS(files, "*.tmpl"))

// Sentence is one sentence given to the model, which cites it by ID.
type Sentence struct {
	// ID is the paragraph's ID and the sentence's place in it, from 1:
	// "a7.1/2".
	ID string
	// Speaker says whose words it is: the interviewee's name, "the
	// interviewer" or "the newspaper".
	Speaker string
	// Text is the sentence as published, in French; English is our
	// translation of it, given to English askers' models, or "".
	Text, English string
}

// Data fills the templates.
type Data struct {
	Title       string
	Interviewee string
	// Language is the language to answer in, spelled out ("French").
	Language string
	Question string
	// Sentences are the sentences offered, best passage first.
	Sentences []Sentence
}

// Translated reports whether the sentences come with our translations.
func (d Data) Translated() bool {
	for _, s := range d.Sentences {
		if s.English != "" {
			return true
		}
	}
	return false
}

// MaxPromptTokens bounds the system and user prompts together. Passages
// past it are left out.
const MaxPromptTokens = 1500

// EstimateTokens estimates the tokens of s for the models used with the
// bot: about 3.5 characters a token for French and English prose.
func EstimateTokens(s string) int { return (len([]rune(s))*2 + 6) / 7 }

// Render returns the system and user prompts for d. Sentences are kept
// in order until the prompts would pass MaxPromptTokens; at least one is
// always kept. It returns the sentences kept, which alone may be cited.
func Render(d Data) (system, user string, kept []Sentence, err error) {
	return render("system.tmpl", "user.tmpl", d)
}

// RenderCheck returns the prompts that ask a model whether the sentences
// of d support the claim of d.Question, say the opposite, or do not say,
// bounded as Render's are.
func RenderCheck(d Data) (system, user string, kept []Sentence, err error) {
	return render("check_system.tmpl", "check_user.tmpl", d)
}

func render(systemName, userName string, d Data) (system, user string, kept []Sentence, err error) {
	system, err = execute(systemName, d)
	if err != nil {
		return "", "", nil, err
	}
	for keep := len(d.Sentences); ; keep-- {
		trimmed := d
		trimmed.Sentences = d.Sentences[:keep]
		user, err = execute(userName, trimmed)
		if err != nil {
			return "", "", nil, err
		}
		if EstimateTokens(system)+EstimateTokens(user) <= MaxPromptTokens || keep <= 1 {
			return system, user, trimmed.Sentences, nil
		}
	}
}

func execute(name string, d Data) (string, error) {
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, name, d); err != nil {
		return "", fmt.Errorf("prompts: %s: %w", name, err)
	}
	return b.String(), nil
}
