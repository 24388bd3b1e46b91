package generated

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/gen"
)

// TestCheckedInOutputIsFresh regenerates every package named by a
// //go:generate line of generate.go and fixtures/generate.go, in memory, as
// gen would in that file's directory, and fails on any difference with the
// files on disk: run `go generate ./...` and commit the result. It also
// fails when a line's spec gives a warning its -allow-warnings does not
// name, so that go generate stays quiet.
func TestCheckedInOutputIsFresh(t *testing.T) {
	lines := 0
	for _, file := range []string{"generate.go", "fixtures/generate.go"} {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		sc := bufio.NewScanner(bytes.NewReader(src))
		for sc.Scan() {
			args, ok := strings.CutPrefix(sc.Text(), "//go:generate go run ")
			if !ok {
				continue
			}
			lines++
			fields := strings.Fields(args)
			require.Equal(t, "../cmd/gen", path.Join(path.Dir(file), fields[0]), "%s: runs %s", file, fields[0])
			t.Run(file+":"+fields[2], func(t *testing.T) {
				t.Chdir(filepath.Dir(file))
				opts, out, allowed, cfgPath := parseArgs(t, fields[1:])
				var cfg *config.Config
				if cfgPath != "" {
					var err error
					cfg, err = config.Find(cfgPath)
					require.NoError(t, err)
				}
				files, warnings, err := gen.GenerateConfig(opts.SpecPath, nil, cfg, opts)
				require.NoError(t, err)
				for _, w := range warnings {
					assert.True(t, allowed[string(w.Code())], "%s: warning of kind %s, which -allow-warnings does not name: %s", file, w.Code(), w.Error())
				}
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
			})
		}
	}
	require.NotZero(t, lines, "generate.go has no //go:generate lines")
}

// parseArgs reads gen's flags as a //go:generate line gives them: the
// options (with the version the command records), -out, the codes of
// -allow-warnings and -config (whose spec, out and package the line must
// give as flags: only its other settings are read).
func parseArgs(t *testing.T, args []string) (emit.Options, string, map[string]bool, string) {
	opts := emit.Options{GeneratorVersion: gen.Version()}
	var out, cfg string
	allowed := map[string]bool{}
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
		case "-config":
			cfg = value()
		case "-example-tests":
			opts.ExampleTests = true
		case "-allow-warnings":
			for _, c := range strings.Split(value(), ",") {
				allowed[c] = true
			}
		default:
			t.Fatalf("generate.go: flag %s not understood by this test", args[i])
		}
	}
	return opts, out, allowed, cfg
}

// TestGenerateGeneratedIsThePortingOrdersSDK: the README's first command,
// `go generate ./generated`, runs the lines of generate.go only: it must make
// the porting-orders SDK and nothing else.
func TestGenerateGeneratedIsThePortingOrdersSDK(t *testing.T) {
	src, err := os.ReadFile("generate.go")
	require.NoError(t, err)
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(l, "//go:generate ") {
			lines = append(lines, l)
		}
	}
	require.Len(t, lines, 1)
	_, out, allowed, _ := parseArgs(t, strings.Fields(strings.TrimPrefix(lines[0], "//go:generate go run ../cmd/gen ")))
	assert.Equal(t, "portingorders", out)
	assert.Empty(t, allowed, "the porting-orders spec gives no warning to silence")
}
