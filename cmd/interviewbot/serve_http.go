package main

import (
	"context"
	"flag"
)

var serveHTTPCommand = command{
	name:    "serve-http",
	summary: "serve Discord's HTTP interactions endpoint (needs DISCORD_PUBLIC_KEY)",
	args:    "[--addr HOST:PORT]",
	new:     func() runner { return new(serveHTTPCmd) },
}

// serveHTTPCmd serves the interactions endpoint; the work is
// runServeHTTP's, in discord.go.
type serveHTTPCmd struct{ cmdline }

func (c *serveHTTPCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT`; use :8080 to accept connections from other hosts")
}

func (c *serveHTTPCmd) run(ctx context.Context, e env, _ []string) error {
	return runServeHTTP(ctx, e, &c.cmdline)
}
