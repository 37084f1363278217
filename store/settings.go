package store

import (
	"context"
	"errors"
	"time"
)

// ErrSettingsLost is Settings' error for a server with no settings but
// an audit log of changes: the store lost the settings (a key evicted),
// and what the server chose cannot be known.
var ErrSettingsLost = errors.New("store: the settings are gone, and the audit log says there were some")

// GuildSettings are one Discord server's choices.
type GuildSettings struct {
	// Ephemeral makes answers visible to the asker only.
	Ephemeral bool `json:"ephemeral"`
	// Channels, if any, are the only channels the bot answers in.
	Channels []string `json:"channels,omitempty"`
	// MentionReplies answers @mentions (when the process enables them).
	MentionReplies bool `json:"mention_replies"`
	// LLM lets an LLM phrase answers (when one is configured).
	LLM bool `json:"llm"`
	// UserLimit and GuildLimit cap questions per user and per server.
	UserLimit  Limit `json:"user_limit"`
	GuildLimit Limit `json:"guild_limit"`
	// NoQuizzes turns the quizzes off (they are on by default, and in
	// settings saved before they existed).
	NoQuizzes bool `json:"no_quizzes,omitempty"`
	// QuizRole, if set, is a role whose members may run class quiz
	// sessions, besides those who can manage messages.
	QuizRole string `json:"quiz_role,omitempty"`
}

// AuditEntry records one settings change.
type AuditEntry struct {
	Time   time.Time `json:"time"`
	UserID string    `json:"user_id"`
	Change string    `json:"change"`
}

// MaxAudit is how many changes the audit log keeps per server.
const MaxAudit = 100

// SettingsChange makes a change to a server's settings: from those
// stored (found is false when none are, and cur is then the zero value),
// the settings to save and the audit entry that records the change.
type SettingsChange func(cur GuildSettings, found bool) (GuildSettings, AuditEntry, error)

// Settings stores per-server settings and their audit log.
type Settings interface {
	// Settings returns the server's settings and whether any were saved.
	// With none saved but changes in the audit log, the error wraps
	// ErrSettingsLost.
	Settings(ctx context.Context, guildID string) (GuildSettings, bool, error)
	// UpdateSettings applies change to the server's settings as they are
	// stored, and saves the result with change's audit entry, together
	// and atomically: a change another process saves meanwhile is never
	// overwritten, but applied first (change is then called again, with
	// the settings it saved). An error from change is returned as it is,
	// and nothing is written. It returns the settings saved. An error
	// wrapping ErrUnconfirmed says they were written but may not survive
	// a failover.
	UpdateSettings(ctx context.Context, guildID string, change SettingsChange) (GuildSettings, error)
	// Audit returns up to n of the server's latest changes, newest first.
	Audit(ctx context.Context, guildID string, n int) ([]AuditEntry, error)
}
