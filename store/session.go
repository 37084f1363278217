package store

import (
	"context"
	"time"
)

// SessionTTL bounds a class session's life in the store, should no
// instance end it, and how long its end is remembered: a day.
const SessionTTL = 24 * time.Hour

// QuizSession is a class quiz: one question at a time in a channel,
// each open for Seconds, then the answer and the tally.
type QuizSession struct {
	// ID tells this session from an earlier one in the channel.
	ID        string `json:"id"`
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
	StartedBy string `json:"started_by"`
	Lang      string `json:"lang"`
	Kind      string `json:"kind,omitempty"`
	Exchange  int    `json:"exchange,omitempty"`
	Level     string `json:"level,omitempty"` // classroom.Secondary or University; "" for any
	Rounds    int    `json:"rounds"`
	Seconds   int    `json:"seconds"`
	// Asked are the questions posted so far, the last one open until
	// Due; Revealed says its answer is posted.
	Asked    []SessionRound `json:"asked,omitempty"`
	Revealed bool           `json:"revealed,omitempty"`
	// Due is when the session's next step is due: the first question,
	// or the end of the open one.
	Due time.Time `json:"due"`
	// Epoch is the server's epoch when the session started (see
	// Sessions.Epoch); "" if unknown.
	Epoch string `json:"epoch,omitempty"`
	// Lost marks a session the store lost with its data, restored from
	// an instance's copy to be closed at its next step, not continued.
	Lost bool `json:"lost,omitempty"`
}

// Progress measures how far on a session is: two for each question
// asked, and one more once the last one's answer is revealed.
func (s QuizSession) Progress() int {
	n := 2 * len(s.Asked)
	if s.Revealed {
		n++
	}
	return n
}

// SessionRound is one question posted in a session.
type SessionRound struct {
	Question string `json:"question"` // its ID, which rebuilds it
	Message  string `json:"message"`  // the message's ID: the round
}

// Sessions keeps class quiz sessions, one per channel, so that any
// instance may run the next step of one, even after a restart.
type Sessions interface {
	// StartSession saves s, unless the channel has a session already: it
	// reports whether s was saved.
	StartSession(ctx context.Context, s QuizSession) (bool, error)
	// SaveSession saves s over the channel's session if that is still
	// s (the same ID), and not lost: it reports false when the session
	// was ended, replaced or lost meanwhile.
	SaveSession(ctx context.Context, s QuizSession) (bool, error)
	// RestoreSession saves s, an instance's copy of a session the store
	// lost, unless the channel has another session, or a copy of this
	// one as far on (Progress): of the instances' copies, the furthest
	// on is kept. It reports whether it saved s.
	RestoreSession(ctx context.Context, s QuizSession) (bool, error)
	// Session returns the channel's session and whether there is one.
	Session(ctx context.Context, guildID, channelID string) (QuizSession, bool, error)
	// EndSession ends s: it deletes the channel's session if that is s
	// (the same ID), and marks s ended for SessionTTL.
	EndSession(ctx context.Context, s QuizSession) error
	// SessionEnded reports whether s was ended (EndSession). A session
	// that is neither in the store nor ended, and that started in an
	// epoch that is gone, was lost with the store's data.
	SessionEnded(ctx context.Context, s QuizSession) (bool, error)
	// Epoch returns the server's epoch in the store: a random mark, made
	// the first time it is asked for, and kept. A session started in an
	// epoch that is gone was lost with the store's data, not ended.
	Epoch(ctx context.Context, guildID string) (string, error)
	// DueSessions returns up to n sessions due at now.
	DueSessions(ctx context.Context, now time.Time, n int) ([]QuizSession, error)
	// ClaimSession takes step n of session s (len(Asked) when it is due)
	// for ttl, so that one instance alone runs it; it reports whether it
	// got it.
	ClaimSession(ctx context.Context, s QuizSession, n int, ttl time.Duration) (bool, error)
}
