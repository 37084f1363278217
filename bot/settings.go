package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
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
		sub := func(name, desc, fr string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
			return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc,
				DescriptionLocalizations: inFrench(fr), Options: opts}
		}
		choices := func(names ...string) []*discordgo.ApplicationCommandOptionChoice {
			var out []*discordgo.ApplicationCommandOptionChoice
			for _, n := range names {
				out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n})
			}
			return out
		}
		return &discordgo.ApplicationCommand{
			Description:              "View or change how the bot behaves on this server (moderators)",
			DescriptionLocalizations: new(inFrench("Voir ou changer le comportement du bot sur ce serveur (modération)")),
			DefaultMemberPermissions: &manageGuild,
			Contexts:                 guildOnly,
			Options: []*discordgo.ApplicationCommandOption{
				sub("view", "Show the settings and the latest changes", "Afficher les réglages et les derniers changements"),
				sub("visibility", "Answers visible to everyone, or to the asker only", "Réponses visibles de tous, ou du seul demandeur",
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "mode", Description: "public or ephemeral", Required: true, Choices: choices("public", "ephemeral")}),
				sub("channels", "Limit the bot to some channels (none: everywhere)", "Limiter le bot à certains salons (aucun : partout)",
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "action", Description: "add, remove or clear", Required: true, Choices: choices("add", "remove", "clear")},
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "The channel to add or remove",
						ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews, discordgo.ChannelTypeGuildForum, discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildNewsThread}}),
				sub("mentions", "Answer @mentions in a thread", "Répondre aux @mentions dans un fil",
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "enabled", Description: "on or off", Required: true}),
				sub("llm", "Let an LLM phrase answers around verified quotes", "Laisser un LLM formuler les réponses autour des citations vérifiées",
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "enabled", Description: "on or off", Required: true}),
				sub("ratelimit", "Questions allowed per minute, per user or for the server", "Questions permises par minute, par personne ou pour le serveur",
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "scope", Description: "user or server", Required: true, Choices: choices("user", "server")},
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "per_minute", Description: "Questions per minute (0: no limit)", Required: true, MinValue: new(float64), MaxValue: maxPerMinute},
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "burst", Description: "Questions allowed at once (default: per_minute)", MinValue: &minBurst, MaxValue: 100}),
				sub("quizzes", "Allow quizzes on this server", "Permettre les quiz sur ce serveur",
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "enabled", Description: "on or off", Required: true}),
				sub("quizrole", "The role that may run class quiz sessions (none: Manage Messages only)", "Le rôle qui peut lancer les quiz en classe (aucun : Gérer les messages seulement)",
					&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionRole, Name: "role", Description: "The role (leave empty to clear)"}),
			},
		}
	},
	run:     func(h *Handler, c *call) (*Reply, error) { return h.changeSettings(c.ctx, c.i, c.data, c.lang) },
	private: true,
}

// guildOnly keeps the moderator commands out of direct messages.
var guildOnly = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}

// manageGuild is the permission the moderator commands require, by
// default (Discord hides them from others) and on every call.
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
	if !canModerate(i) {
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

// IsSnowflake reports whether s is a Discord ID: a decimal number that
// fits in 64 bits.
func IsSnowflake(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// canModerate reports whether the member may change the bot's settings:
// Discord hides the commands from others (default_member_permissions),
// and the server checks again, since a request can be forged or the
// server's overrides changed.
func canModerate(i *discordgo.Interaction) bool {
	return i.Member != nil && i.GuildID != "" &&
		i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) != 0
}

// settingsText is md.Settings, with what this bot makes available.
func (h *Handler) settingsText(gs store.GuildSettings, l lang.Language) string {
	return md.Settings(gs, h.mentionsOn.Load(), h.answers.HasLLM(), l)
}
