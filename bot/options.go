package bot

import "github.com/bwmarrin/discordgo"

// option reads the option name as a T. A forged request may send any
// type, so the type is checked.
func option[T any](opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (T, bool) {
	for _, o := range opts {
		if o.Name == name {
			v, ok := o.Value.(T)
			return v, ok
		}
	}
	var zero T
	return zero, false
}

func stringOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (string, bool) {
	return option[string](opts, name)
}

// intOption reads an integer option. JSON numbers arrive as float64.
func intOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (int, bool) {
	f, ok := option[float64](opts, name)
	if !ok || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

func boolOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) (bool, bool) {
	return option[bool](opts, name)
}

// focused returns the value of the option being typed.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) (string, bool) {
	for _, o := range opts {
		if o.Focused {
			s, ok := o.Value.(string)
			return s, ok
		}
	}
	return "", false
}
