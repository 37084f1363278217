package define

import (
	"github.com/bwmarrin/discordgo"
	"github.com/interviewbot/interviewbot/bot/md"
	"github.com/interviewbot/interviewbot/classroom"
	"github.com/interviewbot/interviewbot/corpus"
)

// Quiz defines quizCommand.
func Quiz(iv *corpus.Interview) *discordgo.ApplicationCommand {
	sub := func(name, fr, desc, frDesc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc,
			NameLocalizations:        InFrench(fr),
			DescriptionLocalizations: InFrench(frDesc), Options: opts}
	}
	kind := &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: "kind", Description: "The kind of question (default: any)",
		NameLocalizations:        InFrench("type"),
		DescriptionLocalizations: InFrench("Le type de question (par défaut : au hasard)"),
	}
	for _, k := range classroom.Kinds {
		name := md.KindName(k)
		kind.Choices = append(kind.Choices, &discordgo.ApplicationCommandOptionChoice{
			Name: name.EN, NameLocalizations: InFrench(name.FR), Value: string(k)})
	}
	return &discordgo.ApplicationCommand{
		// Scores and sessions are a server's: none in direct messages.
		Contexts:                 guildOnly,
		Description:              "Quiz questions on the interview, answered with buttons",
		DescriptionLocalizations: new(InFrench("Des questions de quiz sur l’entretien, avec des boutons")),
		Options: []*discordgo.ApplicationCommandOption{
			sub("question", "question", "Ask the channel one question", "Poser une question au salon",
				exchangeOption(iv, "On this exchange (default: any)", "Sur cet échange (par défaut : au hasard)"), kind, levelOption()),
			sub("leaderboard", "classement", "The server’s best scores", "Les meilleurs scores du serveur"),
			sub("start", "lancer", "Run a class quiz in this channel: one question at a time (teachers)", "Lancer un quiz en classe dans ce salon : une question à la fois (enseignants)",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "rounds", Description: "How many questions (default 5)",
					NameLocalizations: InFrench("questions"), DescriptionLocalizations: InFrench("Combien de questions (5 par défaut)"),
					MinValue: new(float64(MinRounds)), MaxValue: MaxRounds},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "seconds", Description: "Seconds per question (default 30)",
					NameLocalizations: InFrench("secondes"), DescriptionLocalizations: InFrench("Secondes par question (30 par défaut)"),
					MinValue: new(float64(MinSeconds)), MaxValue: MaxSeconds},
				exchangeOption(iv, "On this exchange (default: any)", "Sur cet échange (par défaut : au hasard)"), kind, levelOption()),
			sub("reset", "effacer", "Delete this server’s quiz scores (moderators)", "Effacer les scores de quiz du serveur (modération)"),
			sub("stop", "arrêter", "End the class quiz in this channel, with its results (teachers)", "Arrêter le quiz en classe de ce salon, avec ses résultats (enseignants)"),
		},
	}
}
