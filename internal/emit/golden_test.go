package emit_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/config"
	"github.com/oagen-dev/oagen/internal/emit"
	"github.com/oagen-dev/oagen/internal/gen"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenCase is a spec and the directory of its expected output.
type goldenCase struct {
	name string // golden/<name>/
	spec string // relative to the repository root
}

// goldenCases are the seed, each spec specs/golden/*.yml or *.json, and
// each folder specs/golden/<name>/ holding a spec in several files, whose
// root is openapi.yml, openapi.yaml or openapi.json.
func goldenCases(t *testing.T) []goldenCase {
	cases := []goldenCase{{name: "seed", spec: "specs/porting-orders-update.yml"}}
	var specs []string
	for _, pattern := range []string{"*.yml", "*.json", "*/openapi.yml", "*/openapi.yaml", "*/openapi.json"} {
		found, err := filepath.Glob(filepath.Join("../../specs/golden", pattern))
		require.NoError(t, err)
		specs = append(specs, found...)
	}
	sort.Strings(specs)
	seen := map[string]bool{}
	for _, s := range specs {
		rel, err := filepath.Rel("../../specs/golden", s)
		require.NoError(t, err)
		name := strings.TrimSuffix(rel, filepath.Ext(rel))
		if dir, _ := filepath.Split(rel); dir != "" {
			name = filepath.Clean(dir)
		}
		require.False(t, seen[name], "two golden specs named %s", name)
		seen[name] = true
		cases = append(cases, goldenCase{name: name, spec: "specs/golden/" + filepath.ToSlash(rel)})
	}
	return cases
}

// generate runs the pipeline as `gen -spec <spec>` would from the repository
// root, so that headers name the spec the same way. A folder case with an
// oagen.yaml beside its spec is generated with that config applied.
func generate(t *testing.T, c goldenCase) []emit.File {
	t.Helper()
	folder := os.DirFS(filepath.Join("../..", filepath.Dir(c.spec)))
	var cfg *config.Config
	if dir, _ := filepath.Split(strings.TrimPrefix(c.spec, "specs/golden/")); dir != "" {
		path := filepath.Join("../..", filepath.Dir(c.spec), config.DefaultFile)
		if data, err := os.ReadFile(path); err == nil {
			cfg, err = config.Parse(path, data)
			require.NoError(t, err)
		}
	}
	files, _, err := gen.GenerateFSConfig(c.spec, folder, cfg, emit.Options{Package: packageName(c.name), SpecPath: c.spec, EnvPrefix: "EXAMPLE"})
	require.NoError(t, err)
	return files
}

func packageName(name string) string {
	return strings.ReplaceAll(name, "-", "")
}

// TestGolden compares the generated files of each case with golden/<case>/.
// The support files copied from templates/ are not kept as goldens: they are
// tested in place there. Run `make golden` (go test ./internal/emit -run
// TestGolden -update) to rewrite them, and review the diff.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join("../../golden", c.name)
			files := generate(t, c)
			want := map[string]bool{}
			for _, f := range files {
				if f.Support {
					continue
				}
				path := filepath.Join(dir, f.Name+".golden")
				want[filepath.Base(path)] = true
				if *update {
					require.NoError(t, os.MkdirAll(dir, 0o755))
					require.NoError(t, os.WriteFile(path, f.Content, 0o644))
					continue
				}
				golden, err := os.ReadFile(path)
				require.NoError(t, err, "missing golden file; run make golden")
				assert.Equal(t, string(golden), string(f.Content), "%s differs from %s", f.Name, path)
			}
			existing, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
			for _, path := range existing {
				if want[filepath.Base(path)] {
					continue
				}
				if *update {
					require.NoError(t, os.Remove(path))
					continue
				}
				t.Errorf("%s is no longer generated; run make golden", path)
			}
		})
	}
}

// TestGoldenDeterministic generates every case twice and requires identical
// bytes: nothing may depend on map order or timing.
func TestGoldenDeterministic(t *testing.T) {
	for _, c := range goldenCases(t) {
		first, second := generate(t, c), generate(t, c)
		require.Equal(t, len(first), len(second))
		for i := range first {
			assert.Equal(t, first[i].Name, second[i].Name)
			assert.Equal(t, string(first[i].Content), string(second[i].Content), "%s/%s differs between runs", c.name, first[i].Name)
		}
	}
}

// TestGoldenCompiles writes every case, support files included, as one
// package each of a throwaway module and runs go vet on it, which also
// type-checks. The output is stdlib-only, so this works offline.
func TestGoldenCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles generated code; skipped with -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go binary on PATH")
	}
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/golden\n\ngo 1.24\n"), 0o644))
	var names []string
	for _, c := range goldenCases(t) {
		dir := filepath.Join(root, packageName(c.name))
		require.NoError(t, gen.Write(dir, generate(t, c)))
		names = append(names, packageName(c.name))
	}
	sort.Strings(names)
	cmd := exec.Command(goBin, "vet", "./...")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go vet on %v:\n%s", names, out)
	cmd = exec.Command(goBin, "run", "cmd/gofmt", "-l", ".")
	if gofmt, err := exec.LookPath("gofmt"); err == nil {
		cmd = exec.Command(gofmt, "-l", ".")
	}
	cmd.Dir = root
	out, err = cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Empty(t, string(out), "files not gofmt'd")
}
