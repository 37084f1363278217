package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/gate"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/corpus"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// settingsCommand shows and changes how the bot behaves on a server, for
// its moderators.
var settingsCommand = &slashCommand{
	name: "settings",
	fr:   "réglages",
	define: func(*corpus.Interview) *discordgo.ApplicationCommand {
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
				out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: en, NameLocalizations: inFrench(fr), Value: en})
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
			DescriptionLocalizations: new(inFrench("Voir ou changer le comportement du bot sur ce serveur (modération)")),
			DefaultMemberPermissions: &manageGuild,
			Contexts:                 guildOnly,
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
	},
	run:     func(h *Handler, c *call) (*Reply, error) { return h.changeSettings(c.ctx, c.i, c.data, c.lang) },
	private: true,
}

// defineOption is an option of a command, its name and description each
// "English|French".
func defineOption(t discordgo.ApplicationCommandOptionType, name, desc string) *discordgo.ApplicationCommandOption {
	en, fr, _ := strings.Cut(name, "|")
	desc, frDesc, _ := strings.Cut(desc, "|")
	return &discordgo.ApplicationCommandOption{Type: t, Name: en, NameLocalizations: inFrench(fr), Description: desc, DescriptionLocalizations: inFrench(frDesc)}
}

// guildOnly keeps the moderator commands out of direct messages.
var guildOnly = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}

// manageGuild is the permission the moderator commands require by
// default: Discord hides them from others, unless a server's owners
// grant them to other roles.
var manageGuild = int64(discordgo.PermissionManageGuild)

var errNotModerator = &userError{
	fr:   "Cette commande est réservée aux personnes qui peuvent gérer le serveur.",
	en:   "This command is for members who can manage the server.",
	kind: "refused",
}

// errSettingsUnavailable refuses a change while the store cannot give
// the server's settings: a change made to a stand-in would overwrite
// them.
var errSettingsUnavailable = &userError{
	fr:   "Les réglages sont momentanément indisponibles ; réessayez dans un instant.",
	en:   "Settings are unavailable for a moment; try again shortly.",
	kind: "unavailable",
}

func (h *Handler) changeSettings(ctx context.Context, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData, l lang.Language) (*Reply, error) {
	if !inGuild(i) {
		return nil, errNotModerator
	}
	if len(data.Options) != 1 {
		return nil, errUnknownInteraction
	}
	sub := data.Options[0]
	last, fresh := h.gate.Read(ctx, i.GuildID)
	switch {
	case sub.Name == "view":
		return h.settingsView(ctx, i.GuildID, last, fresh, l), nil
	case !fresh:
		return nil, errSettingsUnavailable
	}
	// The change is made to the settings as stored, never to this
	// process's copy of them: another moderator's change, on another
	// instance, may have come in between, and is kept. If the store lost
	// the settings this process still applies, the change starts from
	// the defaults, and the moderator is shown what was lost.
	var change string
	lost := false
	gs, err := h.store.UpdateSettings(ctx, i.GuildID, func(cur store.GuildSettings, found bool) (store.GuildSettings, store.AuditEntry, error) {
		if lost = !found && !gate.Same(last, h.gate.Defaults()); !found {
			cur = h.gate.Defaults()
		}
		var err error
		cur, change, err = applySetting(cur, sub)
		return cur, store.AuditEntry{Time: time.Now().UTC(), UserID: userID(i), Change: change}, err
	})
	saved := tr(l, "Réglage enregistré : ", "Saved: ")
	var ue *userError
	switch {
	case errors.As(err, &ue):
		return nil, err
	case errors.Is(err, store.ErrUnconfirmed):
		// In force, but it may not survive a failover now: say so.
		saved = tr(l, "Réglage enregistré, mais pas encore confirmé : Redis ne l’a pas encore copié sur un réplica ; s’il basculait maintenant, le changement pourrait être perdu. Vérifiez avec /settings view dans une minute. ",
			"Saved, but not yet confirmed: Redis has not copied it to a replica yet; if it failed over now, the change could be lost. Check with /settings view in a minute. ")
	case err != nil:
		return nil, &userError{fr: "Impossible d’enregistrer les réglages pour l’instant ; réessayez plus tard.", en: "The settings cannot be saved right now; please try again later.", kind: "unavailable", cause: err}
	}
	h.gate.Saw(i.GuildID, gs)
	text := saved + change + "\n\n" + h.settingsText(gs, l)
	if lost {
		text += tr(l, "\n\n**Attention :** les réglages enregistrés de ce serveur avaient disparu (Redis a perdu ses données). Ce changement part donc des réglages par défaut. Le bot appliquait jusqu’ici :\n",
			"\n\n**Note:** this server’s saved settings were gone (Redis lost its data), so this change starts from the defaults. Until now the bot applied:\n") +
			h.settingsText(last, l) + tr(l, "\nRefaites les changements qui valent encore.", "\nMake again the changes that still apply.")
	}
	r := message(text, true)
	r.outcome.detail = []any{"change", change, "unconfirmed", err != nil, "lost", lost}
	return r, nil
}

// applySetting applies the settings subcommand sub to gs, and says what
// it changed, for the audit log.
func applySetting(gs store.GuildSettings, sub *discordgo.ApplicationCommandInteractionDataOption) (store.GuildSettings, string, error) {
	var change string
	switch sub.Name {
	case "visibility":
		mode, _ := stringOption(sub.Options, "mode")
		if mode != "public" && mode != "ephemeral" {
			return gs, "", errUnknownInteraction
		}
		gs.Ephemeral = mode == "ephemeral"
		change = "visibility=" + mode
	case "channels":
		action, _ := stringOption(sub.Options, "action")
		ch, _ := stringOption(sub.Options, "channel")
		switch {
		case action == "clear":
			gs.Channels = nil
			change = "channels cleared"
		case ch == "":
			return gs, "", &userError{fr: "Indiquez le salon à ajouter ou retirer.", en: "Name the channel to add or remove."}
		case !IsSnowflake(ch):
			return gs, "", errUnknownInteraction
		case action == "add" && !slices.Contains(gs.Channels, ch):
			gs.Channels = append(gs.Channels, ch)
			change = "channel added <#" + ch + ">"
		case action == "add":
			change = "channel already allowed <#" + ch + ">"
		case action == "remove":
			gs.Channels = slices.DeleteFunc(gs.Channels, func(c string) bool { return c == ch })
			change = "channel removed <#" + ch + ">"
		default:
			return gs, "", errUnknownInteraction
		}
	case "mentions", "llm", "quizzes":
		on, ok := boolOption(sub.Options, "enabled")
		if !ok {
			return gs, "", errUnknownInteraction
		}
		switch sub.Name {
		case "mentions":
			gs.MentionReplies = on
		case "llm":
			gs.LLM = on
		default:
			gs.NoQuizzes = !on
		}
		change = fmt.Sprintf("%s=%v", sub.Name, on)
	case "quizrole":
		role, _ := stringOption(sub.Options, "role")
		switch {
		case role == "":
			gs.QuizRole = ""
			change = "quizrole cleared"
		case !IsSnowflake(role):
			return gs, "", errUnknownInteraction
		default:
			gs.QuizRole = role
			change = "quizrole <@&" + role + ">"
		}
	case "ratelimit":
		scope, _ := stringOption(sub.Options, "scope")
		perMinute, ok := intOption(sub.Options, "per_minute")
		burst, hasBurst := intOption(sub.Options, "burst")
		if !ok || perMinute < 0 || perMinute > 600 || (hasBurst && (burst < 1 || burst > 100)) {
			return gs, "", &userError{fr: "Entre 0 et 600 questions par minute, et une rafale de 1 à 100.", en: "Use 0 to 600 questions a minute, and a burst of 1 to 100."}
		}
		if !hasBurst {
			burst = max(1, min(perMinute, 100))
		}
		l := store.Limit{Rate: perMinute, Period: time.Minute, Burst: burst}
		switch scope {
		case "user":
			gs.UserLimit = l
		case "server":
			gs.GuildLimit = l
		default:
			return gs, "", errUnknownInteraction
		}
		change = fmt.Sprintf("ratelimit %s=%s", scope, md.Limit(l, lang.English))
	default:
		return gs, "", errUnknownInteraction
	}
	return gs, change, nil
}

// settingsView shows gs and the change log; fresh is false when gs are
// a stand-in for settings the store cannot give now.
func (h *Handler) settingsView(ctx context.Context, guildID string, gs store.GuildSettings, fresh bool, l lang.Language) *Reply {
	var b strings.Builder
	if !fresh {
		b.WriteString(tr(l, "*Les réglages sont indisponibles pour l’instant : voici ceux que le bot applique en attendant.*\n\n",
			"*Settings are unavailable right now: these are the ones the bot applies meanwhile.*\n\n"))
	}
	b.WriteString(h.settingsText(gs, l))
	audit, err := h.store.Audit(ctx, guildID, 10)
	switch {
	case err != nil:
		b.WriteString(tr(l, "\n\n*Historique indisponible pour l’instant.*", "\n\n*The change log is unavailable right now.*"))
	case len(audit) == 0:
		b.WriteString(tr(l, "\n\n*Aucun changement enregistré.*", "\n\n*No changes recorded.*"))
	default:
		b.WriteString(tr(l, "\n\n**Derniers changements**", "\n\n**Latest changes**"))
		for _, e := range audit {
			fmt.Fprintf(&b, "\n<t:%d:f> <@%s> — %s", e.Time.Unix(), e.UserID, e.Change)
		}
	}
	return message(b.String(), true)
}

// IsSnowflake reports whether s is a Discord ID (md.IsSnowflake).
var IsSnowflake = md.IsSnowflake

// inGuild reports whether an interaction comes from a member of a
// server. Who may run /settings and /stats, Discord decides before the
// interaction reaches the bot: Manage Server by default
// (default_member_permissions), or whom the server's owners granted them
// in Server Settings → Integrations; a forged request fails its
// signature first.
func inGuild(i *discordgo.Interaction) bool { return i.Member != nil && i.GuildID != "" }

// canModerate reports whether the member may run a moderator's
// subcommand of a command for everyone (/quiz reset), which Discord's
// permissions, set per command, cannot guard.
func canModerate(i *discordgo.Interaction) bool {
	return inGuild(i) && i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0
}

// settingsText is md.Settings, with what this bot makes available.
func (h *Handler) settingsText(gs store.GuildSettings, l lang.Language) string {
	return md.Settings(gs, h.mentionsOn.Load(), h.answers.HasLLM(), l)
}
