package main

import (
	"context"
	"flag"
)

var serveCommand = command{
	name:    "serve",
	summary: "run the Discord bot over the gateway (needs DISCORD_TOKEN)",
	new:     func() runner { return new(serveCmd) },
}

// serveCmd runs the bot over the gateway; the work is runServe's, in
// discord.go.
type serveCmd struct{ cmdline }

func (c *serveCmd) flags(fs *flag.FlagSet) { c.corpusFlag.declare(fs) }

func (c *serveCmd) run(ctx context.Context, e env, _ []string) error {
	return runServe(ctx, e, &c.cmdline)
}
