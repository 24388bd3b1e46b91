package model_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// imports lists the import paths of the non-test Go files directly in dir
// (not its subdirectories), each as "file: path", sorted.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	fset := token.NewFileSet()
	var out []string
	files := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		files++
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			out = append(out, name+": "+path)
		}
	}
	require.NotZero(t, files, "no Go files in %s", dir)
	sort.Strings(out)
	return out
}

// TestModelImportsNoLibopenapi keeps libopenapi out of the model: only
// internal/model/load may import it.
func TestModelImportsNoLibopenapi(t *testing.T) {
	var bad []string
	for _, imp := range imports(t, ".") {
		_, path, _ := strings.Cut(imp, ": ")
		if strings.HasPrefix(path, "github.com/pb33f/") {
			bad = append(bad, imp)
		}
	}
	assert.Empty(t, bad)
}

// TestNamingImportsOnlyStdlibAndModel keeps the naming rules pure: the
// standard library and the model, nothing else.
func TestNamingImportsOnlyStdlibAndModel(t *testing.T) {
	var bad []string
	for _, imp := range imports(t, "naming") {
		_, path, _ := strings.Cut(imp, ": ")
		first, _, _ := strings.Cut(path, "/")
		stdlib := !strings.Contains(first, ".")
		if !stdlib && path != "github.com/oagen-dev/oagen/internal/model" {
			bad = append(bad, imp)
		}
	}
	assert.Empty(t, bad)
}
