// Package store defines the state that bot processes share: the answer
// cache, rate limits, per-server settings with their audit log, and usage
// statistics. Redis (store/redisstore) holds it for several shards or
// HTTP instances; store/memory holds it for a single process. Both pass
// the contract tests in store/storetest.
//
// Nothing here knows about Discord or retrieval: keys are opaque strings
// and values plain data.
package store

import "errors"

// ErrUnavailable wraps every error of a backend that cannot be reached in
// time. Callers serve without the store rather than fail.
var ErrUnavailable = errors.New("store unavailable")

// ErrUnconfirmed wraps a write that the store applied but could not
// confirm durable in time: a Redis primary that no replica acknowledged.
// The write is in force, and would be lost if the primary failed now.
var ErrUnconfirmed = errors.New("store: written, but not confirmed durable")

// Store is everything a bot process shares.
type Store interface {
	Cache
	Limiter
	Settings
	StatsStore
	Quizzes
	Sessions
	// Name says which backend this is, for logs and status.
	Name() string
	Close() error
}
