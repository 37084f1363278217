package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

var healthCommand = command{
	name:    "health",
	summary: "ask a running bot's /readyz: exit 0 when ready or degraded, 1 otherwise (for container health checks)",
	args:    "[--addr HOST:PORT]",
	new:     func() runner { return new(healthCmd) },
}

// healthCmd asks a running bot's /readyz: ready or degraded is healthy
// (the bot answers), anything else is not. A distroless image has no
// curl, so its health check runs this. Without --addr it asks
// METRICS_ADDR when that is set (gateway mode), else serve-http's
// default listener, so one image's health check fits both modes.
type healthCmd struct {
	corpusFlag // taken, as by every command, though health loads no interview
	addr       string
}

func (c *healthCmd) flags(fs *flag.FlagSet) {
	c.corpusFlag.declare(fs)
	fs.StringVar(&c.addr, "addr", "", "the bot's listener, `HOST:PORT` (default METRICS_ADDR if set, else 127.0.0.1:8080)")
}

func (c *healthCmd) run(ctx context.Context, e env, _ []string) error {
	addr := c.addr
	if addr == "" {
		addr = "127.0.0.1:8080"
		if m := strings.TrimSpace(e.getenv("METRICS_ADDR")); m != "" {
			addr = m
			if host, port, err := net.SplitHostPort(m); err == nil && (host == "" || host == "0.0.0.0" || host == "::") {
				addr = net.JoinHostPort("127.0.0.1", port)
			}
		}
	}
	url := "http://" + addr + "/readyz"
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return usagef("--addr %q: %v", addr, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: no bot answers at %s (is it running there? --addr or METRICS_ADDR name another address): %w", addr, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	e.stdout.Write(body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s answered %s", url, resp.Status)
	}
	return nil
}
