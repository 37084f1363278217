// Package define holds the bot's commands as Discord registers them:
// their names' and descriptions' French localisations, their options and
// who may see them. Package bot gives each its name and what it does.
package define

import (
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// InFrench is a name's or a description's localisations: French, the one
// language besides English that the bot speaks.
func InFrench(s string) map[discordgo.Locale]string {
	return map[discordgo.Locale]string{discordgo.French: s}
}

// The bounds of a class session, as /quiz start offers them.
const (
	MinRounds, MaxRounds   = 1, 20
	MinSeconds, MaxSeconds = 10, 300
)

// defineOption is an option of a command, its name and description each
// "English|French".
func defineOption(t discordgo.ApplicationCommandOptionType, name, desc string) *discordgo.ApplicationCommandOption {
	en, fr, _ := strings.Cut(name, "|")
	desc, frDesc, _ := strings.Cut(desc, "|")
	return &discordgo.ApplicationCommandOption{Type: t, Name: en, NameLocalizations: InFrench(fr), Description: desc, DescriptionLocalizations: InFrench(frDesc)}
}

// guildInstall keeps the moderator commands to the bot installed in a
// server: installed by a user, Discord would not apply the server's
// permissions to them.
var guildInstall = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}

// guildOnly keeps the moderator commands out of direct messages.
var guildOnly = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}

// manageGuild is the permission the moderator commands require by
// default: Discord hides them from others, unless a server's owners
// grant them to other roles.
var manageGuild = int64(discordgo.PermissionManageGuild)

// exchangeOption is the optional option naming an exchange.
func exchangeOption(iv *corpus.Interview, desc, fr string) *discordgo.ApplicationCommandOption {
	lo := 1.0
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionInteger, Name: "exchange", Description: desc,
		NameLocalizations:        InFrench("échange"),
		DescriptionLocalizations: InFrench(fr),
		MinValue:                 &lo, MaxValue: float64(max(len(iv.Exchanges()), 1)),
	}
}
