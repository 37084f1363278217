package bot

// The custom ID prefixes of components.
const (
	idExchange = "x" // x:<exchange>:<lang>: show a whole exchange
	idToggle   = "t" // t:<lang>:<id>/<from>-<to>,…: the same quotes in the other language
	idFeedback = "f" // f:+ or f:-
	idQuotes   = "s" // s:<lang>:<id>/<from>-<to>,…: the exact sentences an LLM answer quotes
	idTopic    = "topic"
)
