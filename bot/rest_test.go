package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestTypeName: autocomplete has a name in the log.
func TestTypeName(t *testing.T) {
	if typeName(discordgo.InteractionApplicationCommandAutocomplete) != "Autocomplete" {
		t.Errorf("typeName(autocomplete) = %q", typeName(discordgo.InteractionApplicationCommandAutocomplete))
	}
}
