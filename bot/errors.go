package bot

import (
	"cmp"

	"github.com/interviewbot/interviewbot/lang"
)

// userError is an error whose message is meant for the user who caused it.
type userError struct {
	fr, en string
	// kind is the outcome it makes: "rate_limited", "refused" (not here,
	// not for this user), "unavailable" (the store failed); "invalid"
	// (a bad question or action) when empty.
	kind string
	// cause is the failure behind it, for the interaction's log line.
	cause error
}

func (e *userError) Error() string { return e.en }

func (e *userError) outcome() string { return cmp.Or(e.kind, "invalid") }

func (e *userError) in(l lang.Language) string { return tr(l, e.fr, e.en) }

var errUnknownInteraction = &userError{
	fr: "Je ne reconnais pas cette action ; elle vient peut-être d’une ancienne version du bot.",
	en: "I don't recognise this action; it may come from an older version of the bot.",
}
