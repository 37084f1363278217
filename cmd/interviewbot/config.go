package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// config is everything the bot reads from the environment, validated at
// start. Secrets are kept out of its String form.
type config struct {
	DiscordToken   string            // DISCORD_TOKEN: the bot token
	ApplicationID  string            // DISCORD_APPLICATION_ID: for register; looked up with the token if empty
	PublicKey      ed25519.PublicKey // DISCORD_PUBLIC_KEY: hex, for serve-http
	ShardID        int               // SHARD_ID
	ShardCount     int               // SHARD_COUNT: 0 runs unsharded
	MentionReplies bool              // MENTION_REPLIES: answer @mentions in threads
	LogLevel       slog.Level        // LOG_LEVEL: debug, info, warn, error
	LogJSON        bool              // LOG_FORMAT: text or json
}

// configError names the environment variable at fault; main exits 2 on it.
func configError(name, format string, args ...any) error {
	return usageError{fmt.Sprintf("configuration: %s: %s", name, fmt.Sprintf(format, args...))}
}

func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		DiscordToken:  strings.TrimSpace(strings.TrimPrefix(getenv("DISCORD_TOKEN"), "Bot ")),
		ApplicationID: strings.TrimSpace(getenv("DISCORD_APPLICATION_ID")),
	}
	if v := strings.TrimSpace(getenv("DISCORD_PUBLIC_KEY")); v != "" {
		key, err := hex.DecodeString(v)
		if err != nil || len(key) != ed25519.PublicKeySize {
			return c, configError("DISCORD_PUBLIC_KEY", "want the application's public key: %d hex characters", 2*ed25519.PublicKeySize)
		}
		c.PublicKey = key
	}
	if c.ApplicationID != "" && !isSnowflake(c.ApplicationID) {
		return c, configError("DISCORD_APPLICATION_ID", "want a numeric ID, got %q", c.ApplicationID)
	}
	var err error
	if c.ShardID, err = intVar(getenv, "SHARD_ID"); err != nil {
		return c, err
	}
	if c.ShardCount, err = intVar(getenv, "SHARD_COUNT"); err != nil {
		return c, err
	}
	switch {
	case c.ShardCount == 0 && c.ShardID != 0:
		return c, configError("SHARD_ID", "set SHARD_COUNT too")
	case c.ShardCount > 0 && c.ShardID >= c.ShardCount:
		return c, configError("SHARD_ID", "must be below SHARD_COUNT (%d), got %d", c.ShardCount, c.ShardID)
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("MENTION_REPLIES"))); v {
	case "", "0", "false", "no", "off":
	case "1", "true", "yes", "on":
		c.MentionReplies = true
	default:
		return c, configError("MENTION_REPLIES", "want true or false, got %q", v)
	}
	if v := strings.TrimSpace(getenv("LOG_LEVEL")); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, configError("LOG_LEVEL", "want debug, info, warn or error, got %q", v)
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))); v {
	case "", "text":
	case "json":
		c.LogJSON = true
	default:
		return c, configError("LOG_FORMAT", "want text or json, got %q", v)
	}
	return c, nil
}

func intVar(getenv func(string) string, name string) (int, error) {
	v := strings.TrimSpace(getenv(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, configError(name, "want a whole number ≥ 0, got %q", v)
	}
	return n, nil
}

func isSnowflake(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

func (c config) requireToken() error {
	if c.DiscordToken == "" {
		return configError("DISCORD_TOKEN", "not set; copy the bot token from the Discord developer portal (see README)")
	}
	return nil
}
