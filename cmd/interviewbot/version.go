package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// version, if set at build time (-ldflags "-X main.version=v1.2.3"),
// names the release where the build information cannot: an image built
// without the repository's .git.
var version string

// runVersion prints the module's version, the commit it was built from
// and the Go release, from the build information.
func runVersion(_ context.Context, e env, _ *cmdline) error {
	fmt.Fprintln(e.stdout, versionLine())
	return nil
}

func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "interviewbot (no build information)"
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	var commit []string
	if rev := settings["vcs.revision"]; rev != "" {
		commit = append(commit, "commit "+rev[:min(12, len(rev))])
	}
	if t := settings["vcs.time"]; t != "" {
		commit = append(commit, t)
	}
	if settings["vcs.modified"] == "true" {
		commit = append(commit, "with uncommitted changes")
	}
	line := "interviewbot " + cmp.Or(version, bi.Main.Version, "(devel)")
	if len(commit) > 0 {
		line += " (" + strings.Join(commit, ", ") + ")"
	}
	return line + ", " + bi.GoVersion
}

// runHealth asks a running bot's /readyz: ready or degraded is healthy
// (the bot answers), anything else is not. A distroless image has no
// curl, so its health check runs this. Without --addr it asks
// METRICS_ADDR when that is set (gateway mode), else serve-http's
// default listener, so one image's health check fits both modes.
func runHealth(ctx context.Context, e env, c *cmdline) error {
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
