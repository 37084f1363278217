package main

import (
	"context"
	"flag"
)

var registerCommand = command{
	name:    "register",
	summary: "register the slash commands, globally or in one server (needs DISCORD_TOKEN)",
	args:    "[--guild ID]",
	new:     func() runner { return new(registerCmd) },
}

// registerCmd registers the slash commands; the work is runRegister's,
// in discord.go.
type registerCmd struct{ cmdline }

func (c *registerCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	fs.StringVar(&c.guild, "guild", "", "register in the server with this `ID` only (instant) instead of globally")
}

func (c *registerCmd) run(ctx context.Context, e env, _ []string) error {
	return runRegister(ctx, e, &c.cmdline)
}
