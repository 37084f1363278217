package redisstore

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/interviewbot/interviewbot/store"
	"github.com/redis/go-redis/v9"
)

// do runs fn within the timeout, unless Redis failed less than a
// cool-down ago. Failures come back wrapping store.ErrUnavailable.
func (s *Store) do(ctx context.Context, fn func(context.Context) error) error {
	return s.doWithin(ctx, s.timeout, fn)
}

// doWithin is do with a budget of its own, for the rare call that
// reads much (Stats).
func (s *Store) doWithin(ctx context.Context, timeout time.Duration, fn func(context.Context) error) error {
	if down := s.downTil.Load(); down != 0 {
		// Down: skip Redis. Past the cool-down, one probe in the
		// background finds out whether it is back, and no call waits
		// for it, however many come.
		if s.now().UnixNano() >= down && s.probing.CompareAndSwap(false, true) {
			go s.probe()
		}
		s.fail("cooling")
		return fmt.Errorf("redis: %w (cooling down after a failure)", store.ErrUnavailable)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := fn(ctx)
	if err == nil || errors.Is(err, redis.Nil) {
		return err
	}
	if parent.Err() != nil {
		// The caller gave up (a client that went away): that says
		// nothing of Redis, and must not take it out for others.
		return fmt.Errorf("redis: %w: %w", store.ErrUnavailable, err)
	}
	if !outage(err) {
		// Redis answered, with an error (OOM on a write, NOAUTH,
		// CROSSSLOT): it is up, and other calls may well work.
		s.fail("command")
		return fmt.Errorf("redis: %w", err)
	}
	switch _, cluster := s.rdb.(*redis.ClusterClient); {
	case errors.Is(err, errNodeResting):
		s.fail("cooling")
		return err
	case cluster && !replied(err):
		// One node did not answer: it rests (nodeCutoff), and the
		// others serve on.
		s.fail("unavailable")
		return fmt.Errorf("redis: %w: %w", store.ErrUnavailable, err)
	}
	s.fail("unavailable")
	s.downTil.Store(s.now().Add(s.cool).UnixNano())
	return fmt.Errorf("redis: %w: %w", store.ErrUnavailable, err)
}

// replied reports whether err is Redis's own error reply.
func replied(err error) bool {
	var reply redis.Error
	return errors.As(err, &reply)
}

// errNodeResting is the error of a call routed to a Cluster node that
// is resting after it did not answer.
var errNodeResting = fmt.Errorf("redis: %w (this cluster node rests after a failure)", store.ErrUnavailable)

// nodeCutoff rests one Cluster node that stopped answering, for the
// store's cool-down: calls routed to it fail at once, calls to the
// others go on, and the slot map is read again (a replica may be taking
// the node's slots over). An error reply is the node's answer, and
// CLUSTERDOWN the whole cluster's: those go to the store's own cut-off.
type nodeCutoff struct {
	s       *Store
	cluster *redis.ClusterClient
	downTil atomic.Int64
}

func (n *nodeCutoff) DialHook(next redis.DialHook) redis.DialHook { return next }

func (n *nodeCutoff) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		return n.guard(ctx, func() error { return next(ctx, cmd) }, cmd)
	}
}

func (n *nodeCutoff) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		return n.guard(ctx, func() error { return next(ctx, cmds) }, cmds...)
	}
}

// guard makes call, the node's commands cmds, unless the node rests.
func (n *nodeCutoff) guard(ctx context.Context, call func() error, cmds ...redis.Cmder) error {
	if n.s.now().UnixNano() < n.downTil.Load() {
		for _, c := range cmds {
			c.SetErr(errNodeResting)
		}
		return errNodeResting
	}
	live := ctx.Err() == nil
	err := call()
	if live {
		n.after(err)
	}
	return err
}

// after rests the node when err says it did not answer a call that
// still had time when it was sent. (go-redis retries a call that timed
// out on another node, with no time left: that node is not to blame.)
func (n *nodeCutoff) after(err error) {
	if err == nil || errors.Is(err, redis.Nil) || errors.Is(err, context.Canceled) || replied(err) {
		return
	}
	n.downTil.Store(n.s.now().Add(n.s.cool).UnixNano())
	n.cluster.ReloadState(context.Background()) // where are its slots now?
}

// probe pings Redis once, within the store's timeout: an answer ends
// the cool-down, an outage starts another.
func (s *Store) probe() {
	defer s.probing.Store(false)
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	if err := s.rdb.Ping(ctx).Err(); err != nil && outage(err) {
		s.downTil.Store(s.now().Add(s.cool).UnixNano())
		return
	}
	s.downTil.Store(0)
}

// fail tells Options.Failed of a failed call.
func (s *Store) fail(kind string) {
	if s.failed != nil {
		s.failed(kind)
	}
}

// outage reports whether err means Redis cannot serve now: no answer in
// time, a refused or dropped connection, or an answer saying it is not
// ready (loading, no master, cluster down). Any other error reply is a
// command's, and says nothing of the next call.
func outage(err error) bool {
	var reply redis.Error
	if !errors.As(err, &reply) {
		return true
	}
	for _, p := range []string{"LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "READONLY", "BUSY"} {
		if redis.HasErrorPrefix(err, p) {
			return true
		}
	}
	return false
}
