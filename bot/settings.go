package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/define"
	"github.com/interviewbot/interviewbot/bot/gate"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/lang"
	"github.com/interviewbot/interviewbot/store"
)

// settingsCommand shows and changes how the bot behaves on a server, for
// its moderators.
var settingsCommand = &slashCommand{
	name:    "settings",
	fr:      "réglages",
	define:  define.Settings,
	run:     func(h *Handler, c *call) (*Reply, error) { return h.changeSettings(c.ctx, c.i, c.data, c.lang) },
	private: true,
}

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
func IsSnowflake(s string) bool { return md.IsSnowflake(s) }

// inGuild reports whether an interaction comes from a member of a
// server. Who may run /settings and /stats, Discord decides before the
// interaction reaches the bot: Manage Server by default
// (default_member_permissions), or whom the server's owners granted them
// in Server Settings → Integrations, for the bot installed in the server
// (define's guildInstall); a forged request fails its signature first.
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
