package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestSameCommandPermissions: a change of default permissions or contexts
// is a change to register, not "unchanged".
func TestSameCommandPermissions(t *testing.T) {
	perm := int64(discordgo.PermissionManageGuild)
	a := &discordgo.ApplicationCommand{Name: "stats", Description: "d"}
	b := &discordgo.ApplicationCommand{Name: "stats", Description: "d", DefaultMemberPermissions: &perm}
	c := &discordgo.ApplicationCommand{Name: "stats", Description: "d", Contexts: &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}}
	if sameCommand(a, b) || sameCommand(a, c) || !sameCommand(b, b) {
		t.Error("sameCommand ignores default permissions or contexts")
	}
	if typeName(discordgo.InteractionApplicationCommandAutocomplete) != "Autocomplete" {
		t.Errorf("typeName(autocomplete) = %q", typeName(discordgo.InteractionApplicationCommandAutocomplete))
	}
}
