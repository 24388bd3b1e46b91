package gen

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/emit"
)

// reversePaths returns the spec with the entries of its top-level paths
// mapping in reverse order. It works on the text of the fixtures, where
// paths: is followed by two-space indented keys and ends at the next
// top-level key; comments go with the entry below them.
func reversePaths(t *testing.T, spec string) string {
	lines := strings.SplitAfter(spec, "\n")
	start := slices.Index(lines, "paths:\n")
	require.GreaterOrEqual(t, start, 0)
	end := start + 1
	for end < len(lines) && (strings.HasPrefix(lines[end], " ") || lines[end] == "\n") {
		end++
	}
	var entries [][]string
	var pending []string // comments above the next entry
	for _, l := range lines[start+1 : end] {
		switch {
		case strings.HasPrefix(l, "  #"):
			pending = append(pending, l)
		case strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   "):
			entries = append(entries, append(pending, l))
			pending = nil
		default:
			entries[len(entries)-1] = append(entries[len(entries)-1], l)
		}
	}
	require.Greater(t, len(entries), 1)
	slices.Reverse(entries)
	out := slices.Clone(lines[:start+1])
	for _, e := range entries {
		out = append(out, e...)
	}
	return strings.Join(append(out, lines[end:]...), "")
}

// TestReorderingPathsRenamesNothing: the names of methods, parameter,
// result and header types (derived names and their suffixes included) do
// not depend on the order of the paths; the generated files are the same
// byte for byte.
func TestReorderingPathsRenamesNothing(t *testing.T) {
	for _, name := range []string{"operations", "headers", "pathitems"} {
		t.Run(name, func(t *testing.T) {
			path := "specs/golden/" + name + ".yml"
			data, err := os.ReadFile("../../" + path)
			require.NoError(t, err)
			reversed := reversePaths(t, string(data))
			require.NotEqual(t, string(data), reversed)
			opts := emit.Options{Package: name, SpecPath: path}
			want, _, err := GenerateBytes(path, data, opts)
			require.NoError(t, err)
			got, _, err := GenerateBytes(path, []byte(reversed), opts)
			require.NoError(t, err)
			require.Equal(t, len(want), len(got))
			for i := range want {
				assert.Equal(t, want[i].Name, got[i].Name)
				assert.Equal(t, string(want[i].Content), string(got[i].Content), "%s changed when the paths were reordered", want[i].Name)
			}
		})
	}
}
