package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is this module's import path.
const module = "github.com/interviewbot/interviewbot"

// allowed lists, for each package of the module, the packages of the
// module it may import (tests aside). docs/ARCHITECTURE.md draws
// the same graph: keep them together.
var allowed = map[string][]string{
	"lang":                 {},
	"logs":                 {},
	"tsv":                  {},
	"corpus":               {"lang", "tsv"},
	"retrieval/analysis":   {"lang", "tsv"},
	"retrieval":            {"corpus", "lang", "retrieval/analysis"},
	"meta":                 {"corpus", "lang", "retrieval", "retrieval/analysis", "tsv"},
	"prompts":              {},
	"answer":               {"answer/reply", "corpus", "lang", "meta", "prompts", "retrieval", "retrieval/analysis", "tsv"},
	"answer/reply":         {},
	"llm":                  {"answer"},
	"ops":                  {"answer", "store"},
	"store":                {},
	"store/memory":         {"store"},
	"store/redisstore":     {"store"},
	"store/storetest":      {"store"},
	"internal/browsertest": {},
	"eval":                 {"corpus", "meta", "retrieval", "tsv"},
	"classroom":            {"corpus", "lang"},
	"reader":               {"classroom", "corpus", "lang"},
	"lesson":               {"classroom", "logs", "store"},
	"bot/transport":        {"logs"},
	"bot/md":               {"answer", "check", "classroom", "corpus", "lang", "store"},
	"bot/customid":         {"answer", "classroom", "lang"},
	"bot/define":           {"answer", "bot/md", "classroom", "corpus", "store"},
	"bot/gate":             {"logs", "store"},
	"bot":                  {"answer", "bot/customid", "bot/define", "bot/gate", "bot/md", "bot/transport", "check", "classroom", "corpus", "lang", "lesson", "logs", "store"},
	"check":                {"answer", "answer/reply", "corpus", "lang", "prompts", "retrieval", "retrieval/analysis"},
	"cmd/interviewbot":     {"answer", "bot", "bot/gate", "bot/md", "bot/transport", "check", "classroom", "corpus", "eval", "lang", "lesson", "llm", "logs", "ops", "reader", "retrieval", "store", "store/memory", "store/redisstore"},
}

// forbidden lists, for a package, standard packages it may not import:
// the package that knows the commands leaves HTTP to bot/transport.
var forbidden = map[string][]string{
	"bot": {"net/http"},
}

// TestArchitecture fails when a package imports one of the module's
// packages that it should not: bot knows nothing of BM25, retrieval
// nothing of Discord, and only cmd chooses the stores.
func TestArchitecture(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := map[string]bool{}
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		ok, known := allowed[name]
		if !known {
			t.Errorf("package %s is not in the architecture: add it to allowed and to the graph in docs/ARCHITECTURE.md", name)
			continue
		}
		seen[name] = true
		for _, imp := range p.Imports {
			if slices.Contains(forbidden[name], imp) {
				t.Errorf("%s imports %s, which the architecture forbids", name, imp)
			}
			if dep, ours := strings.CutPrefix(imp, module+"/"); ours && !slices.Contains(ok, dep) {
				t.Errorf("%s imports %s, which the architecture does not allow", name, dep)
			}
		}
	}
	for name := range allowed {
		if !seen[name] {
			t.Errorf("package %s is in the architecture but not in the module", name)
		}
	}
}

// TestOneServerConstructor: every HTTP server of the binary comes from
// ops.NewServer, so that none listens without timeouts.
func TestOneServerConstructor(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, file := range strings.Fields(string(out)) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(src), "http.Server{") && !strings.HasSuffix(file, "/ops/server.go") {
			t.Errorf("%s builds an http.Server of its own; use ops.NewServer", file)
		}
	}
}
