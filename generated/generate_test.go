package generated

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/gen"
)

// TestCheckedInOutputIsFresh regenerates every package named by a
// //go:generate line of generate.go, in memory, and fails on any difference
// with the files on disk: run `go generate ./...` and commit the result.
func TestCheckedInOutputIsFresh(t *testing.T) {
	src, err := os.ReadFile("generate.go")
	require.NoError(t, err)
	lines := 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		args, ok := strings.CutPrefix(sc.Text(), "//go:generate go run ../cmd/gen ")
		if !ok {
			continue
		}
		lines++
		opts, out := parseArgs(t, strings.Fields(args))
		files, _, err := gen.Generate(opts.SpecPath, opts)
		require.NoError(t, err)
		onDisk := map[string]bool{}
		for _, f := range files {
			onDisk[f.Name] = true
			got, err := os.ReadFile(filepath.Join(out, f.Name))
			require.NoError(t, err, "%s/%s is missing: run go generate ./...", out, f.Name)
			assert.Equal(t, string(f.Content), string(got), "%s/%s is stale: run go generate ./...", out, f.Name)
		}
		entries, err := os.ReadDir(out)
		require.NoError(t, err)
		for _, e := range entries {
			content, _ := os.ReadFile(filepath.Join(out, e.Name()))
			if !onDisk[e.Name()] && emit.IsGenerated(content) {
				t.Errorf("%s/%s is no longer generated: run go generate ./...", out, e.Name())
			}
		}
	}
	require.NotZero(t, lines, "generate.go has no //go:generate lines")
}

func parseArgs(t *testing.T, args []string) (emit.Options, string) {
	var opts emit.Options
	var out string
	for i := 0; i < len(args); i++ {
		value := func() string {
			i++
			if i >= len(args) {
				t.Fatalf("generate.go: %s needs a value", args[i-1])
			}
			return args[i]
		}
		switch args[i] {
		case "-spec":
			opts.SpecPath = value()
		case "-out":
			out = value()
		case "-package":
			opts.Package = value()
		case "-env-prefix":
			opts.EnvPrefix = value()
		case "-example-tests":
			opts.ExampleTests = true
		default:
			t.Fatalf("generate.go: flag %s not understood by this test", args[i])
		}
	}
	return opts, out
}
