package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// readRepo returns a file at the repository's root.
func readRepo(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// envFile parses KEY=VALUE lines, skipping comments and blank lines.
func envFile(t *testing.T, text string) map[string]string {
	t.Helper()
	vars := map[string]string{}
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf(".env.example: %q is not KEY=VALUE", line)
		}
		vars[k] = v
	}
	return vars
}

// TestEnvExample: .env.example names every variable the bot reads and
// no other, loads as it stands, and the README's configuration table
// has a row for each.
func TestEnvExample(t *testing.T) {
	example := envFile(t, readRepo(t, ".env.example"))
	read := map[string]bool{}
	cfg, err := loadConfig(func(k string) string { read[k] = true; return example[k] })
	if err != nil {
		t.Fatalf("loadConfig(.env.example): %v", err)
	}
	if err := cfg.check(); err != nil {
		t.Errorf(".env.example has a value some command refuses: %v", err)
	}
	readme := readRepo(t, "README.md")
	for k := range read {
		if _, ok := example[k]; !ok {
			t.Errorf("the bot reads %s, which .env.example does not name", k)
		}
		if !strings.Contains(readme, "`"+k+"`") {
			t.Errorf("README's configuration table has no row for %s", k)
		}
	}
	for k := range example {
		if !read[k] {
			t.Errorf(".env.example names %s, which the bot does not read", k)
		}
	}
}

// TestReadmeCommands: the README's command-line table gives every
// command with the arguments its --help gives.
func TestReadmeCommands(t *testing.T) {
	readme := readRepo(t, "README.md")
	for _, c := range commands {
		row := "| `" + strings.TrimSpace(c.name+" "+strings.ReplaceAll(c.args, "|", `\|`)) + "`"
		if !strings.Contains(readme, row) {
			t.Errorf("README has no command row starting %s", row)
		}
	}
}

// TestDeployCommands: the command lines in the Dockerfile, compose.yaml
// and the systemd unit are commands this binary takes, with flags it
// knows.
func TestDeployCommands(t *testing.T) {
	var lines [][]string
	jsonArgs := func(file, pattern string) {
		re := regexp.MustCompile(pattern)
		m := re.FindAllStringSubmatch(readRepo(t, file), -1)
		if len(m) == 0 {
			t.Errorf("%s: no line matches %s", file, pattern)
		}
		for _, sub := range m {
			var args []string
			if err := json.Unmarshal([]byte(sub[1]), &args); err != nil {
				t.Errorf("%s: %s: %v", file, sub[0], err)
				continue
			}
			lines = append(lines, args)
		}
	}
	jsonArgs("Dockerfile", `(?m)^CMD (\[.*\])$`)
	jsonArgs("Dockerfile", `(?m)^\s+CMD (\["/interviewbot".*\])$`)
	jsonArgs("compose.yaml", `(?m)^\s+command: (\["serve.*\])$`)
	jsonArgs("compose.yaml", `(?m)^\s+test: (\["CMD", "/interviewbot".*\])$`)
	for i, args := range lines {
		if args[0] == "CMD" {
			args = args[1:]
		}
		lines[i] = slices.DeleteFunc(args, func(a string) bool { return a == "/interviewbot" })
	}
	unit := regexp.MustCompile(`(?m)^ExecStart=/usr/local/bin/interviewbot (.*)$`).FindStringSubmatch(readRepo(t, "deploy/interviewbot.service"))
	if unit == nil {
		t.Error("deploy/interviewbot.service: no ExecStart runs /usr/local/bin/interviewbot")
	} else {
		lines = append(lines, strings.Fields(unit[1]))
	}
	for _, args := range lines {
		i := slices.IndexFunc(commands, func(c command) bool { return c.name == args[0] })
		if i < 0 {
			t.Errorf("%q: no such command", args)
			continue
		}
		if _, _, err := parse(commands[i], args[1:], io.Discard); err != nil {
			t.Errorf("%q: %v", args, err)
		}
	}
}

// TestDeployVersion: the image reports the version it is built with.
// compose.yaml passes VERSION from the environment (git describe, as its
// comment shows) to the Dockerfile, which sets main.version with it; and
// a binary built that way says it.
func TestDeployVersion(t *testing.T) {
	compose := readRepo(t, "compose.yaml")
	if !regexp.MustCompile(`(?m)^  bot:\n    build:\n      context: \.\n      args:\n        VERSION: \$\{VERSION:-\}\n`).MatchString(compose) {
		t.Error("compose.yaml: the bot's build does not pass VERSION: ${VERSION:-}")
	}
	if !strings.Contains(compose, "VERSION=$(git describe") {
		t.Error("compose.yaml: no comment shows VERSION from git describe")
	}
	docker := readRepo(t, "Dockerfile")
	if !regexp.MustCompile(`(?s)ARG VERSION=\n.*-X main\.version=\$\{VERSION\}.*FROM .*ARG VERSION=\nLABEL org\.opencontainers\.image\.version="\$\{VERSION\}"`).MatchString(docker) {
		t.Error("Dockerfile: VERSION does not reach -X main.version and the image's version label")
	}

	bin := filepath.Join(t.TempDir(), "interviewbot")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v9.8.7-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "interviewbot v9.8.7-test") {
		t.Errorf("a binary built with -X main.version=v9.8.7-test says %q (%v)", out, err)
	}
}

// TestUnitStopsOnConfigError: the systemd unit restarts the bot when it
// fails, but not when it exits as the binary does on a configuration
// error (here serve without DISCORD_TOKEN, in a process of its own):
// restarting every few seconds cannot mend a configuration.
func TestUnitStopsOnConfigError(t *testing.T) {
	if os.Getenv("INTERVIEWBOT_MAIN") == "1" {
		os.Exit(runMain([]string{"serve"}))
	}
	unit := readRepo(t, "deploy/interviewbot.service")
	prevent := regexp.MustCompile(`(?m)^RestartPreventExitStatus=(.*)$`).FindStringSubmatch(unit)
	if !strings.Contains(unit, "\nRestart=on-failure\n") || prevent == nil {
		t.Fatal("deploy/interviewbot.service: want Restart=on-failure and a RestartPreventExitStatus=")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestUnitStopsOnConfigError$")
	cmd.Env = append(os.Environ(), "INTERVIEWBOT_MAIN=1", "DISCORD_TOKEN=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || !strings.Contains(stderr.String(), "DISCORD_TOKEN") {
		t.Fatalf("serve without DISCORD_TOKEN: %v, %q; want it to fail naming DISCORD_TOKEN", err, stderr.String())
	}
	if code := strconv.Itoa(exit.ExitCode()); !slices.Contains(strings.Fields(prevent[1]), code) {
		t.Errorf("a configuration error exits %s; the unit restarts on all but %q", code, prevent[1])
	}
}
