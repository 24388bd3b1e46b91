package naming

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReservedCoversTheSupportCode parses the support files copied into
// every generated package and requires each exported top-level name they
// declare to be in Reserved, so that no schema can take it (a schema named
// ResponseError once redeclared the runtime's error type). The webhook
// files, copied only into packages whose spec sends webhooks, may use
// WebhookReserved instead, which is reserved only there.
func TestReservedCoversTheSupportCode(t *testing.T) {
	files, err := filepath.Glob("../../../templates/*.go")
	require.NoError(t, err)
	reserved := map[string]bool{}
	for _, name := range Reserved {
		reserved[name] = true
	}
	webhook := map[string]bool{}
	for _, name := range WebhookReserved {
		webhook[name] = true
	}
	fset := token.NewFileSet()
	found := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "embed.go" {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		reserved := reserved
		if strings.HasPrefix(filepath.Base(path), "webhook") {
			reserved = webhook
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					found++
					assert.True(t, reserved[d.Name.Name], "%s: func %s is not in naming.Reserved", path, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					var names []*ast.Ident
					switch s := spec.(type) {
					case *ast.TypeSpec:
						names = []*ast.Ident{s.Name}
					case *ast.ValueSpec:
						names = s.Names
					}
					for _, n := range names {
						if n.IsExported() {
							found++
							assert.True(t, reserved[n.Name], "%s: %s is not in naming.Reserved", path, n.Name)
						}
					}
				}
			}
		}
	}
	assert.Greater(t, found, 20, "the support code was not found")
}
