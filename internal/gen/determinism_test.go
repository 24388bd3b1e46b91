package gen

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/pb33f/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/emit"
)

const portingOrders = "../../specs/porting-orders.yml"

// TestCLIIsDeterministic runs the command twice on the same spec and wants
// the same bytes.
func TestCLIIsDeterministic(t *testing.T) {
	var dirs []string
	for range 2 {
		out := t.TempDir()
		code, _, stderr := run("-spec", portingOrders, "-out", out, "-package", "portingorders", "-env-prefix", "TELNYX")
		require.Equal(t, 0, code, stderr)
		dirs = append(dirs, out)
	}
	a, b := readDir(t, dirs[0]), readDir(t, dirs[1])
	require.NotEmpty(t, a)
	assert.Equal(t, keys(a), keys(b))
	for name, content := range a {
		assert.Equal(t, string(content), string(b[name]), "%s differs between two runs", name)
	}
}

// TestMovingSchemasRenamesNothing moves the component schemas of the
// porting-orders spec around (reversed, and rotated by half) and wants
// every exported identifier of the generated package, with its type, to
// stay as it was.
func TestMovingSchemasRenamesNothing(t *testing.T) {
	data, err := os.ReadFile(portingOrders)
	require.NoError(t, err)
	want := apiOf(t, data)
	require.Greater(t, len(want), 500)

	for _, c := range []struct {
		name string
		move func([]*yaml.Node) []*yaml.Node
	}{
		{"reversed", func(pairs []*yaml.Node) []*yaml.Node {
			out := make([]*yaml.Node, 0, len(pairs))
			for i := len(pairs) - 2; i >= 0; i -= 2 {
				out = append(out, pairs[i], pairs[i+1])
			}
			return out
		}},
		{"rotated", func(pairs []*yaml.Node) []*yaml.Node {
			half := len(pairs) / 4 * 2
			return append(slices.Clone(pairs[half:]), pairs[:half]...)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			moved := reorderSchemas(t, data, c.move)
			assert.Equal(t, want, apiOf(t, moved))
		})
	}
}

// reorderSchemas rewrites components.schemas of a spec in a new order.
func reorderSchemas(t *testing.T, data []byte, move func([]*yaml.Node) []*yaml.Node) []byte {
	t.Helper()
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal(data, &root))
	components := mapValue(root.Content[0], "components")
	require.NotNil(t, components)
	schemas := mapValue(components, "schemas")
	require.NotNil(t, schemas)
	before := schemas.Content[0].Value
	schemas.Content = move(schemas.Content)
	require.NotEqual(t, before, schemas.Content[0].Value, "the order changed")
	out, err := yaml.Marshal(&root)
	require.NoError(t, err)
	return out
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// apiOf generates a spec in memory and lists the package's exported
// declarations (see declsOf).
func apiOf(t *testing.T, spec []byte) []string {
	t.Helper()
	files, _, err := GenerateBytes("spec.yml", spec, emit.Options{Package: "portingorders", SpecPath: "spec.yml", EnvPrefix: "TELNYX"})
	require.NoError(t, err)
	fset := token.NewFileSet()
	var out []string
	for _, f := range files {
		af, err := parser.ParseFile(fset, f.Name, f.Content, parser.SkipObjectResolution)
		require.NoError(t, err)
		out = append(out, declsOf(fset, af)...)
	}
	sort.Strings(out)
	return out
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = data
	}
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
