package bot

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/bot/transport"
)

// Discord's limits on what one message carries.
const (
	maxContent     = 2000 // characters of message content
	maxChoices     = 25   // autocomplete choices
	maxChoiceLen   = 100  // characters of a choice's name and value
	maxSelectLabel = 100  // characters of a select option's label
)

// Reply is what the handler answers to one interaction, as the
// transport sends it, and what it amounts to.
type Reply struct {
	transport.Reply
	// outcome is what the reply amounts to, for the log and the metrics.
	outcome outcome
}

// outcome is what a reply amounts to. Result is "answered", "closest",
// "declined" or "meta" for an answer, "shown" for anything else (a
// source, a menu, settings), or, for an error, its kind.
type outcome struct {
	result   string
	exchange int    // the first exchange an answer quotes; 0 if none
	cache    string // an answer's cache status
	lang     string // an answer's language
	// detail holds more attributes for the log line, as key-value pairs.
	detail []any
}

// answerOutcome is the outcome of a reply that is answer a.
func answerOutcome(a answer.Answer) outcome {
	o := outcome{result: "answered", cache: a.Cache, lang: string(a.Language)}
	switch {
	case a.Meta != "":
		o.result = "meta"
	case a.Abstained:
		o.result = "declined"
	case a.Confidence == answer.ConfidenceClosest:
		o.result = "closest"
	}
	if len(a.Citations) > 0 {
		o.exchange = a.Citations[0].Exchange
	}
	return o
}

// suggestions is an autocomplete reply.
func suggestions(choices []*discordgo.ApplicationCommandOptionChoice) *Reply {
	return &Reply{Reply: transport.Reply{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Choices: choices}}
}

// message builds a reply of text split to Discord's limit.
func message(text string, ephemeral bool, components ...discordgo.MessageComponent) *Reply {
	return &Reply{Reply: transport.Reply{
		Type:       discordgo.InteractionResponseChannelMessageWithSource,
		Messages:   md.Split(text, maxContent),
		Components: components,
		Ephemeral:  ephemeral,
	}}
}
