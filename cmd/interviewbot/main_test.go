package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }})
	var u usageError
	var c configFault
	switch {
	case err == nil:
	case errors.As(err, &u):
		code = 2
	case errors.As(err, &c):
		code = exitConfig
	default:
		code = 1
	}
	if err != nil {
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), code
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"format":"interviewbot-corpus/1","title":"T","interviewee":"Ada","language":"fr","translation":"en"}`+"\n"+`{"id":"q1","exchange":1,"role":"quest"}`+"\n"), 0o644)
	other := filepath.Join(dir, "other.jsonl")
	os.WriteFile(other, []byte(`{"format":"interviewbot-corpus/1","title":"T","interviewee":"Ada Lovelace","language":"fr","translation":"en"}
{"id":"q1","exchange":1,"role":"question","speaker":"interviewer","fr":["Que pensez-vous des machines analytiques ?"],"en":["What do you think of analytical engines?"]}
{"id":"a1","exchange":1,"role":"answer","speaker":"Ada Lovelace","fr":["La machine analytique tisse des motifs algébriques."],"en":["The analytical engine weaves algebraic patterns."]}
`), 0o644)
	tt := []struct {
		name  string
		stdin string
		args  []string
		code  int    // want this exit code
		want  string // and this in stdout or stderr
	}{
		{"ask french", "", []string{"ask", "Les", "Etats", "vont-ils", "arrêter", "de", "s'espionner", "?"}, 0, "« L’espionnage fait partie"},
		{"ask flag after words", "", []string{"ask", "Will states stop spying?", "--json"}, 0, `"mode": "extractive"`},
		{"ask abstains", "", []string{"ask", "Que pense Brad Smith de la 5G ?"}, 0, "n’aborde pas"},
		{"ask empty", "", []string{"ask", "  "}, 2, "empty"},
		{"ask too long", "", []string{"ask", strings.Repeat("guerre ", 200)}, 2, "longer than"},
		{"ask no words", "", []string{"ask"}, 2, "no question"},
		{"unknown flag", "", []string{"ask", "--nope", "x"}, 2, "not defined"},
		{"unknown command", "", []string{"frobnicate"}, 2, "unknown command"},
		{"no command", "", nil, 2, "no command"},
		{"help", "", []string{"help"}, 0, "Usage:"},
		{"command help", "", []string{"search", "--help"}, 0, "-k N"},
		{"search k", "", []string{"search", "-k", "1", "--json", "démocratie"}, 0, `"id": "a8.1"`},
		{"search bad k", "", []string{"search", "-k", "0", "x"}, 2, "-k must be"},
		{"source", "", []string{"source", "6"}, 0, "[a6.1] Brad Smith"},
		{"source intro", "", []string{"source", "0"}, 0, "[intro.1] article"},
		{"source out of range", "", []string{"source", "9"}, 2, "from 1 to 8"},
		{"topics", "", []string{"topics", "--lang", "fr"}, 0, "8. Les années 1930"},
		{"bad lang", "", []string{"ask", "--lang", "de", "x"}, 2, "unknown language"},
		{"eval", "", []string{"eval", "../../testdata/devset.tsv"}, 0, "Recall@3"},
		{"eval missing file", "", []string{"eval", "nope.tsv"}, 1, "no such file"},
		{"malformed corpus", "", []string{"topics", "--corpus", bad}, 1, `bad.jsonl:2: field "speaker": missing`},
		{"other corpus", "", []string{"ask", "--corpus", other, "machines analytiques"}, 0, "Ada Lovelace, Q&R 1"},
		{"worksheet", "", []string{"worksheet", "--exchange", "3"}, 0, "## Corrigé"},
		{"worksheet html", "", []string{"worksheet", "--lang", "en", "--format", "html"}, 0, `<html lang="en">`},
		{"worksheet bad format", "", []string{"worksheet", "--format", "pdf"}, 2, "want md or html"},
		{"worksheet letter", "", []string{"worksheet", "--format", "html", "--paper", "letter", "--exchange", "2"}, 0, `<body class="letter">`},
		{"worksheet bad paper", "", []string{"worksheet", "--paper", "a5"}, 2, "--paper: want a4 or letter"},
		{"worksheet bad exchange", "", []string{"worksheet", "--exchange", "12"}, 2, "intro or 1 to 8"},
		{"worksheet other corpus", "", []string{"worksheet", "--corpus", other}, 1, "written for another interview"},
	}
	for _, tc := range tt {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tc.stdin, tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("interviewbot %q: exit %d, stdout %q, stderr %q; want exit %d with %q", tc.args, code, out, errOut, tc.code, tc.want)
			}
		})
	}
}

func TestStdinJSONLines(t *testing.T) {
	in := "Les Etats vont-ils arrêter de s'espionner ?\n\nWhere is Microsoft headquartered?\r\n" + strings.Repeat("é", 200_000) + "\nAre we back in the 1930s?"
	for _, cmd := range []string{"ask", "search"} {
		out, errOut, code := runCLI(t, in, cmd, "--stdin")
		if code != 0 {
			t.Fatalf("%s --stdin: exit %d: %s", cmd, code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 5 {
			t.Fatalf("%s --stdin wrote %d lines; want 5 (one per input line):\n%.2000s", cmd, len(lines), out)
		}
		if len(lines[3]) > 1000 || !strings.Contains(lines[3], "longer than") || !strings.Contains(lines[4], "1930") {
			t.Errorf("%s --stdin, a 400 kB line: %.300q, then %.100q; want a short error, then the next answer", cmd, lines[3], lines[4])
		}
		lines = lines[:3]
		var objs []map[string]any
		for _, l := range lines {
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("%s --stdin line %q: %v", cmd, l, err)
			}
			objs = append(objs, m)
		}
		if objs[0]["abstained"] != false || objs[1]["error"] == nil || objs[2]["abstained"] != true {
			t.Errorf("%s --stdin = %v; want an answer, an error for the blank line, then an abstention", cmd, objs)
		}
	}
}

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestStopWhileBlocked runs the command in a process of its own, reading
// a pipe nobody writes to, and stops it with SIGTERM: it exits at once
// with 143, as a shell would report it.
func TestStopWhileBlocked(t *testing.T) {
	if os.Getenv("INTERVIEWBOT_MAIN") == "1" {
		os.Exit(runMain(strings.Fields(os.Getenv("INTERVIEWBOT_ARGS"))))
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close() // open, never written to
	cmd := exec.Command(os.Args[0], "-test.run=^TestStopWhileBlocked$")
	cmd.Env = append(os.Environ(), "INTERVIEWBOT_MAIN=1", "INTERVIEWBOT_ARGS=search --stdin")
	cmd.Stdin = r
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	// Blocked reading by now, its signal handler set: 300 ms was too
	// little on a loaded machine (the default action killed it first).
	time.Sleep(1500 * time.Millisecond)
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 143 || time.Since(start) > 3*time.Second {
		t.Errorf("after SIGTERM: %v after %v (stderr %q); want exit 143 within the second's grace", err, time.Since(start), stderr.String())
	}
}
