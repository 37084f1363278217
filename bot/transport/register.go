package transport

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Register overwrites the application's commands, globally or in one
// guild, with cmds, and writes to w what changed.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string, cmds []*discordgo.ApplicationCommand, w io.Writer) error {
	opt := discordgo.WithContext(ctx)
	old, err := s.ApplicationCommands(appID, guildID, opt)
	if err != nil {
		return fmt.Errorf("discord: listing commands: %w", RESTError(s.Client, err))
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, cmds, opt); err != nil {
		return fmt.Errorf("discord: registering commands: %w", RESTError(s.Client, err))
	}
	where := "globally (changes can take up to an hour to reach every client)"
	if guildID != "" {
		where = "in guild " + guildID
	}
	fmt.Fprintf(w, "Registered %d commands %s:\n", len(cmds), where)
	for _, line := range commandDiff(old, cmds) {
		fmt.Fprintln(w, line)
	}
	return nil
}

// ApplicationID asks Discord for the ID of the application whose token s
// holds. (discordgo's Application takes no context.)
func ApplicationID(ctx context.Context, s *discordgo.Session) (string, error) {
	ep := discordgo.EndpointOAuth2Application("@me")
	body, err := s.RequestWithBucketID("GET", ep, nil, discordgo.EndpointOAuth2Application(""), discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("discord: looking up the application: %w", RESTError(s.Client, err))
	}
	var app discordgo.Application
	if err := json.Unmarshal(body, &app); err != nil || app.ID == "" {
		return "", fmt.Errorf("discord: looking up the application: no ID in %.200q (%v)", body, err)
	}
	return app.ID, nil
}

// commandDiff lists each command as added (+), changed (~), unchanged
// (=) or removed (-).
func commandDiff(old, cmds []*discordgo.ApplicationCommand) []string {
	var out []string
	for _, c := range cmds {
		i := slices.IndexFunc(old, func(o *discordgo.ApplicationCommand) bool { return o.Name == c.Name })
		switch {
		case i < 0:
			out = append(out, "  + "+shown(c)+" (new)")
		case !sameCommand(old[i], c):
			out = append(out, "  ~ "+shown(c)+" (changed)")
		default:
			out = append(out, "  = "+shown(c)+" (unchanged)")
		}
	}
	for _, o := range old {
		if !slices.ContainsFunc(cmds, func(c *discordgo.ApplicationCommand) bool { return c.Name == o.Name }) {
			out = append(out, "  - "+shown(o)+" (removed)")
		}
	}
	return out
}

// shown names a command as its users find it: /name for a slash
// command, the name alone for one in a message's or user's menu.
func shown(c *discordgo.ApplicationCommand) string {
	if c.Type == discordgo.MessageApplicationCommand || c.Type == discordgo.UserApplicationCommand {
		return c.Name
	}
	return "/" + c.Name
}

// sameCommand compares what the bot defines of a command, ignoring the
// IDs and versions Discord adds.
func sameCommand(a, b *discordgo.ApplicationCommand) bool {
	key := func(c *discordgo.ApplicationCommand) string {
		typ := c.Type
		if typ == 0 {
			typ = discordgo.ChatApplicationCommand // Discord's default, as it returns it
		}
		v, _ := json.Marshal(struct {
			Type         discordgo.ApplicationCommandType
			Description  string
			Localization *map[discordgo.Locale]string
			Names        *map[discordgo.Locale]string
			Options      []*discordgo.ApplicationCommandOption
			Permissions  *int64
			Contexts     *[]discordgo.InteractionContextType
		}{typ, c.Description, c.DescriptionLocalizations, c.NameLocalizations, c.Options, c.DefaultMemberPermissions, c.Contexts})
		return string(v)
	}
	return key(a) == key(b)
}
