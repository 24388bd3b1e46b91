package gen

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOnlyTheLoaderImportsLibopenapi keeps libopenapi behind
// internal/model/load (and its what-changed wrapper in
// internal/model/load/changes): the config, the Go API diff and the CLI work
// on the model.
func TestOnlyTheLoaderImportsLibopenapi(t *testing.T) {
	root := "../.."
	fset := token.NewFileSet()
	var bad []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "tools", "testdata", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return nil // not ours to judge here
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/pb33f/libopenapi") && !strings.HasPrefix(rel, "internal/model/load/") {
				bad = append(bad, rel+": "+p)
			}
		}
		return nil
	})
	require.NoError(t, err)
	assert.Empty(t, bad)
}
