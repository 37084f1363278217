package transport

import "github.com/bwmarrin/discordgo"

// FrenchNames maps each slash command and subcommand of defs, as English
// names it ("/quiz reset"), to its French name ("/quiz effacer"), as a
// French client shows it; a name without a French one is its own.
func FrenchNames(defs []*discordgo.ApplicationCommand) map[string]string {
	fr := func(name string, l *map[discordgo.Locale]string) string {
		if l != nil && (*l)[discordgo.French] != "" {
			return (*l)[discordgo.French]
		}
		return name
	}
	out := map[string]string{}
	for _, d := range defs {
		if d.Type != discordgo.ChatApplicationCommand && d.Type != 0 {
			continue // a message command has no slash
		}
		cmd := "/" + fr(d.Name, d.NameLocalizations)
		out["/"+d.Name] = cmd
		for _, o := range d.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				out["/"+d.Name+" "+o.Name] = cmd + " " + fr(o.Name, &o.NameLocalizations)
			}
		}
	}
	return out
}
