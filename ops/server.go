package ops

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Timeouts and limits of every listener of the bot: the interactions
// endpoint, the web reader and the operators' routes. A client that is
// slow to send its headers or its body, or that keeps a connection idle,
// costs a file descriptor for seconds, not for ever.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second // the headers and the body
	writeTimeout      = 10 * time.Second
	// idleTimeout is how long a keep-alive connection may wait for its
	// next request. A proxy or load balancer in front should close its
	// idle upstream connections sooner (nginx: 60 s by default).
	idleTimeout    = 75 * time.Second
	maxHeaderBytes = 16 << 10 // Discord's and browsers' headers are well under
)

// NewServer returns an HTTP server for h with the bot's timeouts and
// header limit. Its requests' contexts derive from ctx.
func NewServer(ctx context.Context, h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}
