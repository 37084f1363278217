package define

import (
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/corpus"
)

// Settings defines settingsCommand.
func Settings(_ *corpus.Interview) *discordgo.ApplicationCommand {
	maxPerMinute, minBurst := 600.0, 1.0
	// Names and descriptions, each "English|French".
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		o := defineOption(discordgo.ApplicationCommandOptionSubCommand, name, desc)
		o.Options = opts
		return o
	}
	choices := func(names ...string) []*discordgo.ApplicationCommandOptionChoice {
		var out []*discordgo.ApplicationCommandOptionChoice
		for _, n := range names {
			en, fr, _ := strings.Cut(n, "|")
			out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: en, NameLocalizations: InFrench(fr), Value: en})
		}
		return out
	}
	required := func(o *discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		o.Required = true
		return o
	}
	str, boolean := discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionBoolean
	enabled := func() *discordgo.ApplicationCommandOption {
		return required(defineOption(boolean, "enabled|activé", "on or off|oui ou non"))
	}
	mode := required(defineOption(str, "mode|mode", "public or ephemeral|public ou éphémère"))
	mode.Choices = choices("public|public", "ephemeral|éphémère")
	action := required(defineOption(str, "action|action", "add, remove or clear|ajouter, retirer ou vider"))
	action.Choices = choices("add|ajouter", "remove|retirer", "clear|vider")
	channel := defineOption(discordgo.ApplicationCommandOptionChannel, "channel|salon", "The channel to add or remove|Le salon à ajouter ou retirer")
	channel.ChannelTypes = []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews, discordgo.ChannelTypeGuildForum, discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildNewsThread}
	scope := required(defineOption(str, "scope|portée", "user or server|par personne ou pour le serveur"))
	scope.Choices = choices("user|personne", "server|serveur")
	perMinute := required(defineOption(discordgo.ApplicationCommandOptionInteger, "per_minute|par_minute", "Questions per minute (0: no limit)|Questions par minute (0 : sans limite)"))
	perMinute.MinValue, perMinute.MaxValue = new(float64), maxPerMinute
	burst := defineOption(discordgo.ApplicationCommandOptionInteger, "burst|rafale", "Questions allowed at once (default: per_minute)|Questions permises d’un coup (par défaut : par_minute)")
	burst.MinValue, burst.MaxValue = &minBurst, 100
	return &discordgo.ApplicationCommand{
		Description:              "View or change how the bot behaves on this server (moderators)",
		DescriptionLocalizations: new(InFrench("Voir ou changer le comportement du bot sur ce serveur (modération)")),
		DefaultMemberPermissions: &manageGuild,
		Contexts:                 guildOnly,
		IntegrationTypes:         guildInstall,
		Options: []*discordgo.ApplicationCommandOption{
			sub("view|voir", "Show the settings and the latest changes|Afficher les réglages et les derniers changements"),
			sub("visibility|visibilité", "Answers visible to everyone, or to the asker only|Réponses visibles de tous, ou du seul demandeur", mode),
			sub("channels|salons", "Limit the bot to some channels (none: everywhere)|Limiter le bot à certains salons (aucun : partout)", action, channel),
			sub("mentions|mentions", "Answer @mentions in a thread|Répondre aux @mentions dans un fil", enabled()),
			sub("llm|llm", "Let an LLM phrase answers around verified quotes|Laisser un LLM formuler les réponses autour des citations vérifiées", enabled()),
			sub("ratelimit|limite", "Questions allowed per minute, per user or for the server|Questions permises par minute, par personne ou pour le serveur", scope, perMinute, burst),
			sub("quizzes|quiz", "Allow quizzes on this server|Permettre les quiz sur ce serveur", enabled()),
			sub("quizrole|rôle-quiz", "The role that may run class quiz sessions (none: Manage Messages only)|Le rôle qui peut lancer les quiz en classe (aucun : Gérer les messages seulement)",
				defineOption(discordgo.ApplicationCommandOptionRole, "role|rôle", "The role (leave empty to clear)|Le rôle (vide pour l’effacer)")),
		},
	}
}
