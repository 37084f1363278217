package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"runtime/debug"
	"strings"
)

// version, if set at build time (-ldflags "-X main.version=v1.2.3"),
// names the release where the build information cannot: an image built
// without the repository's .git.
var version string

var versionCommand = command{
	name:    "version",
	summary: "print the version, the commit and the Go release it was built with",
	new:     func() runner { return new(versionCmd) },
}

// versionCmd prints the module's version, the commit it was built from
// and the Go release, from the build information.
type versionCmd struct {
	corpusFlag // taken, as by every command, though version loads no interview
}

func (c *versionCmd) flags(fs *flag.FlagSet) { c.corpusFlag.declare(fs) }

func (*versionCmd) run(_ context.Context, e env, _ []string) error {
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
