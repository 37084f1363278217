// Package transport carries Discord interactions to a Handler and its
// replies back: the HTTP interactions endpoint (signatures, bounded
// bodies, the first response written in the HTTP response), the gateway
// session, the decoding of interactions, the REST calls, and the sending
// of a reply in order, with a retry. It knows nothing of the bot's
// commands: package bot is a Handler.
package transport

import (
	"context"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// Handler answers interactions. Interaction gets one interaction and the
// channel object it came with (which discordgo's Interaction drops), and
// replies through r: the first response within 3 seconds, then edits
// and follow-ups (Send does it in order). It must be safe for concurrent
// use.
type Handler interface {
	Interaction(ctx context.Context, r Responder, i *discordgo.Interaction, ch Channel)
}

// waitGroup waits for wg, or until ctx is done.
func waitGroup(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
