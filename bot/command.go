package bot

import (
	"context"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/answer"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// slashCommand is one slash command: its definition, its handler and,
// optionally, its autocomplete. Each lives in a file of its own and is
// listed in slashCommands; nothing else names a command.
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
	// llm says a model may answer it: with the model on, it defers at
	// once.
	llm bool
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

// slashCommands is the table of commands. A new command is a new file
// and a line here.
var slashCommands = []*slashCommand{askCommand, sourceCommand, quoteCommand, topicsCommand, aboutCommand,
	quizCommand, glossaryCommand, timelineCommand, discussCommand, settingsCommand, statsCommand}

// commandNamed returns the command called name, or nil.
func commandNamed(name string) *slashCommand {
	for _, c := range slashCommands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// Commands returns the slash commands the bot registers for iv.
func Commands(iv *corpus.Interview) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(slashCommands))
	for _, c := range slashCommands {
		d := c.define(iv)
		d.Name = c.name
		if c.fr != "" {
			d.NameLocalizations = new(inFrench(c.fr))
		}
		out = append(out, d)
	}
	return out
}

// inFrench is a name's or a description's localisations: French, the
// one language besides English that the bot speaks.
func inFrench(s string) map[discordgo.Locale]string {
	return map[discordgo.Locale]string{discordgo.French: s}
}

// prepared is an interaction checked and ready to answer.
type prepared struct {
	// reply computes the reply.
	reply func() (*Reply, error)
	// ephemeral says the reply will be shown to the user alone, so that
	// a deferral must be too.
	ephemeral bool
	// slow says a model answers it: defer at once.
	slow bool
}

// prepare runs an interaction's quick checks and returns how to answer
// it. An error is the first response, to the user alone.
func (h *Handler) prepare(ctx context.Context, i *discordgo.Interaction) (prepared, error) {
	switch data := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return h.prepareCommand(ctx, i, data)
	case discordgo.MessageComponentInteractionData:
		return prepared{reply: func() (*Reply, error) { return h.component(ctx, i, data) }}, nil
	}
	return prepared{}, errUnknownInteraction
}

// prepareCommand routes a command, or its autocomplete, through the
// table, and runs its checks.
func (h *Handler) prepareCommand(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (prepared, error) {
	sc := commandNamed(data.Name)
	c := &call{ctx: ctx, i: i, data: data, lang: language(i)}
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
		return prepared{reply: func() (*Reply, error) {
			if sc == nil || sc.complete == nil {
				return suggestions(nil), nil
			}
			return sc.complete(h, c), nil
		}}, nil
	}
	if sc == nil {
		return prepared{}, errUnknownInteraction
	}
	if sc.showsInterview {
		// What shows the interview follows the server's channel list
		// and visibility, as answers do.
		c.gs = h.settings(ctx, i.GuildID)
		if err := h.allowedHere(ctx, c.gs, i.ChannelID); err != nil {
			return prepared{}, err
		}
	}
	if sc.check != nil {
		if err := sc.check(h, c); err != nil {
			return prepared{}, err
		}
	}
	return prepared{
		reply:     func() (*Reply, error) { return sc.run(h, c) },
		ephemeral: c.gs.Ephemeral || sc.private,
		slow:      sc.llm && c.gs.LLM && h.answers.HasLLM(),
	}, nil
}
