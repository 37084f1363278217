// Package md renders the interview, its classroom material and the
// bot's figures as Discord Markdown, in French or English: passages with
// whose words they are, quotes, glossary entries, quiz answers,
// statistics; and it splits, shortens and escapes text for Discord's
// limits. It knows nothing of interactions.
package md

import "github.com/interviewbot/interviewbot/lang"

// Tr returns the French or English string for l.
func Tr(l lang.Language, fr, en string) string {
	if l.IsFrench() {
		return fr
	}
	return en
}
