package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestClassroomExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-class") // created by the command
	tt := []struct {
		name string
		args []string
		code int    // want this exit code
		want string // and this in stdout or stderr
	}{
		{"export", []string{"classroom", "export", dir}, 0, "wrote " + filepath.Join(dir, "glossary.csv")},
		{"files there", []string{"classroom", "export", dir}, 1, "nothing written (--force overwrites them)"},
		{"force", []string{"classroom", "export", "--force", dir}, 0, "wrote " + filepath.Join(dir, "README.txt")},
		{"help", []string{"classroom", "--help"}, 0, "65001: Unicode"},
		{"no verb", []string{"classroom"}, 2, "want 'classroom export [--force] DIR'"},
		{"no directory", []string{"classroom", "export"}, 2, "want 'classroom export [--force] DIR'"},
		{"unknown verb", []string{"classroom", "import", dir}, 2, "want 'classroom export [--force] DIR'"},
		{"two directories", []string{"classroom", "export", dir, dir}, 2, "want 'classroom export [--force] DIR'"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "", tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("interviewbot %q: exit %d, stdout %q, stderr %q; want exit %d with %q", tc.args, code, out, errOut, tc.code, tc.want)
			}
		})
	}
	f, err := os.Open(filepath.Join(dir, "glossary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][0] != "term_fr" {
		t.Errorf("glossary.csv: %d rows, %v; want a header and terms", len(rows), err)
	}
}

// runBinary runs interviewbot as a process of its own, through runMain
// and the real environment (TestStopWhileBlocked's hook), with env as
// its whole environment: the configuration is read as in production.
func runBinary(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	for _, a := range args {
		if strings.ContainsAny(a, " \t\n") {
			t.Skipf("INTERVIEWBOT_ARGS splits on spaces: %q", a)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestStopWhileBlocked$")
	cmd.Env = append([]string{"INTERVIEWBOT_MAIN=1", "INTERVIEWBOT_ARGS=" + strings.Join(args, " ")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// TestClassroomDir exports the material, edits it as a teacher would,
// and runs the commands with CLASSROOM_DIR on the copy: an edit shows,
// a mistake stops them with exit 78 and names its file and line.
func TestClassroomDir(t *testing.T) {
	good, bad, gone := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{good, bad, gone} {
		if _, errOut, code := runCLI(t, "", "classroom", "export", "--force", dir); code != 0 {
			t.Fatalf("classroom export %s: exit %d: %s", dir, code, errOut)
		}
	}
	const definition = "Ce que dit la définition de l’enseignante."
	edit(t, filepath.Join(good, "glossary.json"), regexp.MustCompile(`("definition": \{\s*"fr": ")[^"]*`), "${1}"+definition)
	id, line := edit(t, filepath.Join(bad, "comprehension.json"), regexp.MustCompile(`("evidence": \{\s*"fr": ")`), "${1}XX ")
	if err := os.Remove(filepath.Join(gone, "gaps.json")); err != nil {
		t.Fatal(err)
	}
	key := "DISCORD_PUBLIC_KEY=" + strings.Repeat("0", 64)
	tt := []struct {
		name string
		env  []string
		args []string
		code int    // want this exit code
		want string // and this in stdout or stderr
	}{
		{"edited", []string{"CLASSROOM_DIR=" + good}, []string{"worksheet"}, 0, definition},
		{"export the copy", []string{"CLASSROOM_DIR=" + good}, []string{"classroom", "export", "--force", good}, 0, "wrote " + filepath.Join(good, "glossary.csv")},
		{"a mistake", []string{"CLASSROOM_DIR=" + bad}, []string{"worksheet"}, 78,
			fmt.Sprintf("%s:%d: %s: the evidence (", filepath.Join(bad, "comprehension.json"), line, id)},
		{"a mistake stops the bot", []string{"CLASSROOM_DIR=" + bad, key}, []string{"serve-http", "--addr", "127.0.0.1:0"}, 78, "does not load"},
		{"a missing file", []string{"CLASSROOM_DIR=" + gone}, []string{"worksheet"}, 78, filepath.Join(gone, "gaps.json") + ": missing"},
		{"no directory", []string{"CLASSROOM_DIR=" + filepath.Join(good, "nope")}, []string{"worksheet"}, 78, "configuration: CLASSROOM_DIR: stat"},
		{"a file", []string{"CLASSROOM_DIR=" + filepath.Join(good, "README.txt")}, []string{"classroom", "export", t.TempDir()}, 78, "is not a directory"},
		{"unused by ask", []string{"CLASSROOM_DIR=" + filepath.Join(good, "nope")}, []string{"ask", "guerre"}, 0, "Brad Smith"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runBinary(t, tc.env, tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("%s interviewbot %q: exit %d, stdout %.300q, stderr %.1000q; want exit %d with %q", tc.env, tc.args, code, out, errOut, tc.code, tc.want)
			}
		})
	}
}

// edit replaces the first match of re in the file, and returns the id of
// the item it is in and that id's line.
func edit(t *testing.T, name string, re *regexp.Regexp, repl string) (id string, line int) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	loc := re.FindIndex(b)
	if loc == nil {
		t.Fatalf("%s: no %s", name, re)
	}
	b = slices.Concat(b[:loc[0]], re.ReplaceAll(b[loc[0]:loc[1]], []byte(repl)), b[loc[1]:])
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`"id": "([^"]*)"`).FindAllSubmatchIndex(b[:loc[0]], -1)
	if len(ids) == 0 {
		t.Fatalf("%s: no id before %s", name, re)
	}
	last := ids[len(ids)-1]
	return string(b[last[2]:last[3]]), 1 + bytes.Count(b[:last[0]], []byte("\n"))
}

// TestExportReplacesLinks: export --force replaces a symbolic link in the
// directory with the file, and leaves what it pointed to alone.
func TestExportReplacesLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "elsewhere.txt")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "README.txt")); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLI(t, "", "classroom", "export", "--force", dir); code != 0 {
		t.Fatalf("export --force: exit %d, %s", code, errOut)
	}
	if b, _ := os.ReadFile(target); string(b) != "keep me" {
		t.Errorf("the link's target was written: %q", b)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "README.txt")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("README.txt: %v, %v; want a regular file in place of the link", fi, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".export-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestWorksheetOffline: the worksheet needs no setting of the bot's, and
// a wrong one it does not use does not stop it.
func TestWorksheetOffline(t *testing.T) {
	out, errOut, code := runBinary(t, []string{"LOG_LEVEL=verbose", "OPENAI_API_TYPE=azure"}, "worksheet", "--exchange", "2")
	if code != 0 || !strings.Contains(out, "## ") {
		t.Errorf("worksheet with unrelated bad settings: exit %d, stderr %q", code, errOut)
	}
}
