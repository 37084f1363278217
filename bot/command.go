package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// slashCommand is one slash command: its definition, its handler and,
// optionally, its autocomplete. Each lives in a file of its own and is
// listed in newCommandTable; nothing else names a command.
type slashCommand struct {
	name string
	// fr is its name for French-speaking users, where one reads better.
	fr string
	// define returns the command as Discord registers it for iv (its
	// Name is set from name).
	define func(iv *corpus.Interview) *discordgo.ApplicationCommand
	// check, if set, checks an invocation before any deferral, quickly:
	// its error is the first response, shown to the user alone. It may
	// fill c.gs and c.request for run.
	check func(h *Handler, c *call) error
	// run answers an invocation.
	run func(h *Handler, c *call) (*Reply, error)
	// complete, if set, suggests values for the focused option.
	complete func(h *Handler, c *call) *Reply
	// components are the kinds of button and menu its replies carry.
	components []*componentKind
	// showsInterview says the command shows the interview: it follows
	// the server's channel list, checked before run, and c.gs holds the
	// server's settings.
	showsInterview bool
	// model reports whether a model may answer it: with the model on in
	// the server too, it defers at once. nil: never.
	model func(*Handler) bool
	// private says its replies are shown to the user alone, whatever the
	// server's visibility.
	private bool
}

// call is one invocation of a command.
type call struct {
	ctx  context.Context
	i    *discordgo.Interaction
	data discordgo.ApplicationCommandInteractionData
	lang lang.Language       // the user's
	gs   store.GuildSettings // the server's, for commands that show the interview
	// request is the question asked, checked, for commands that take
	// one.
	request answer.Request
}

// commandTable is the bot's commands. Each lives in a file of its own.
type commandTable []*slashCommand

// newCommandTable returns the table of commands. A new command is a new
// file and a line here.
func newCommandTable() commandTable {
	return commandTable{askCommand, sourceCommand, quoteCommand, topicsCommand, aboutCommand,
		quizCommand, glossaryCommand, timelineCommand, discussCommand, checkCommand, checkMessageCommand, settingsCommand, statsCommand, helpCommand}
}

// named returns the command called name, or nil.
func (t commandTable) named(name string) *slashCommand {
	for _, c := range t {
		if c.name == name {
			return c
		}
	}
	return nil
}

// kindOf returns the kind of the component with customID, or nil.
func (t commandTable) kindOf(customID string) *componentKind {
	prefix, _, _ := strings.Cut(customID, ":")
	for _, sc := range t {
		for _, k := range sc.components {
			if k.prefix == prefix {
				return k
			}
		}
	}
	return nil
}

// define returns the commands as Discord registers them for iv.
func (t commandTable) define(iv *corpus.Interview) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(t))
	for _, c := range t {
		d := c.define(iv)
		d.Name = c.name
		if c.fr != "" {
			d.NameLocalizations = new(define.InFrench(c.fr))
		}
		out = append(out, d)
	}
	return out
}

// Commands returns the slash commands the bot registers for iv.
func Commands(iv *corpus.Interview) []*discordgo.ApplicationCommand {
	return newCommandTable().define(iv)
}
