package transport

import (
	"errors"
	"fmt"

	"github.com/bwmarrin/discordgo"
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// Decode reads an interaction as discordgo's
// Interaction.UnmarshalJSON does, in two thirds of its time, which is a
// tenth of a signed /ask's: it uses the engine of encoding/json/v2 (the
// go-json-experiment module mirrors it; Go 1.27 makes it standard, and
// this import then becomes "encoding/json/v2"), with encoding/json's
// leniencies (FuzzDecodeInteraction shows where it is stricter).
// discordgo decodes the payload twice, once to find the
// data's type and once more for the data. FuzzDecodeInteraction holds
// the two to the same results.
//
// It also returns the interaction's channel, which discordgo drops: the
// channel allow-list reads a thread's parent there.
func Decode(body []byte, i *discordgo.Interaction) (Channel, error) {
	var raw struct {
		plainInteraction
		Data    jsontext.Value `json:"data"`
		Channel Channel        `json:"channel"`
	}
	if err := jsonv2.Unmarshal(body, &raw, v1Leniency); err != nil {
		return Channel{}, err
	}
	*i = discordgo.Interaction(raw.plainInteraction)
	var err error
	switch i.Type {
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		i.Data, err = decodeData[discordgo.ApplicationCommandInteractionData](raw.Data)
	case discordgo.InteractionMessageComponent:
		i.Data, err = decodeData[discordgo.MessageComponentInteractionData](raw.Data)
	case discordgo.InteractionModalSubmit:
		i.Data, err = decodeData[discordgo.ModalSubmitInteractionData](raw.Data)
	}
	return raw.Channel, err
}

// Channel is the part of an interaction's channel object that a channel
// allow-list reads (discordgo's Interaction does not keep it).
type Channel struct {
	ID       string                `json:"id"`
	Type     discordgo.ChannelType `json:"type"`
	ParentID string                `json:"parent_id"`
}

// IsThread reports whether the channel is a thread.
func (c Channel) IsThread() bool {
	return (&discordgo.Channel{Type: c.Type}).IsThread()
}

// plainInteraction is discordgo.Interaction without its UnmarshalJSON.
type plainInteraction discordgo.Interaction

// v1Leniency is how encoding/json reads where v2 differs by default:
// names in any case (but not their underscores), a name twice (the last
// wins), invalid UTF-8 (replaced), a null that leaves a field as it was,
// and the lax ",string" numbers. Discord sends none of them; discordgo
// would read them so.
var v1Leniency = jsonv2.JoinOptions(
	jsonv2.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true),
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
	jsonv1.MergeWithLegacySemantics(true),
	jsonv1.StringifyWithLegacySemantics(true),
)

func decodeData[T discordgo.InteractionData](raw jsontext.Value) (discordgo.InteractionData, error) {
	var d T
	if len(raw) == 0 {
		return nil, errors.New("interaction data: missing") // as discordgo
	}
	if err := jsonv2.Unmarshal(raw, &d, v1Leniency); err != nil {
		return nil, fmt.Errorf("interaction data: %w", err)
	}
	return d, nil
}

// TypeName names an interaction's type for the log; discordgo's String
// leaves autocomplete out.
func TypeName(t discordgo.InteractionType) string {
	if t == discordgo.InteractionApplicationCommandAutocomplete {
		return "Autocomplete"
	}
	return t.String()
}

// InteractionName names an interaction for the log: its command, or its
// component's custom ID.
func InteractionName(i *discordgo.Interaction) string {
	switch d := i.Data.(type) {
	case discordgo.ApplicationCommandInteractionData:
		return d.Name
	case discordgo.MessageComponentInteractionData:
		return d.CustomID
	}
	return ""
}
