package answer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestReasons: every reason the package's code gives for a fallback or a
// dropped claim is in Reasons, which the metrics show from the start. A
// reason is a string literal returned just before the error that details
// it (`return nil, "reply too long", fmt.Errorf(…)`), or passed first to
// drop, LLMFallback or LLMClaimDropped.
func TestReasons(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	known := Reasons()
	found := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var lit ast.Expr
			switch n := n.(type) {
			case *ast.ReturnStmt:
				if len(n.Results) >= 2 && !isNil(n.Results[len(n.Results)-1]) {
					lit = n.Results[len(n.Results)-2]
				}
			case *ast.CallExpr:
				if reporter(n.Fun) && len(n.Args) == 2 {
					lit = n.Args[0]
				}
			}
			b, ok := lit.(*ast.BasicLit)
			if !ok || b.Kind != token.STRING {
				return true
			}
			reason, _ := strconv.Unquote(b.Value)
			if reason == "" {
				return true
			}
			found[reason] = true
			if !slices.Contains(known, reason) {
				t.Errorf("%s: reason %q is not in Reasons", fset.Position(b.Pos()), reason)
			}
			return true
		})
	}
	for _, r := range known {
		if !found[r] {
			t.Errorf("Reasons lists %q, which no code gives", r)
		}
	}
}

func isNil(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil"
}

// reporter reports whether fun is drop, LLMFallback or LLMClaimDropped.
func reporter(fun ast.Expr) bool {
	name := ""
	switch f := fun.(type) {
	case *ast.Ident:
		name = f.Name
	case *ast.SelectorExpr:
		name = f.Sel.Name
	}
	return name == "drop" || name == "LLMFallback" || name == "LLMClaimDropped"
}
