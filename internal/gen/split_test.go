package gen

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Specs in several files: specs/golden/split/ (root → paths/ → schemas/ →
// schemas/common/, JSON beside YAML, a loop across files, one schema spelt
// several ways) and internal/gen/testdata/split-bundled.yml, the same spec
// bundled into one file by hand.

// splitPointerLine is the first doc line of a type, which names the schema
// by its file and pointer: the only thing that may differ.
var splitPointerLine = regexp.MustCompile(`(?m)^(// Schema:) \S+$`)

func splitGenerate(t *testing.T, dir, name string) map[string]string {
	t.Helper()
	root, err := os.OpenRoot(dir)
	require.NoError(t, err)
	defer root.Close()
	files, warnings, err := GenerateFS(filepath.Join(dir, name), root.FS(), Options{Package: "split", SpecPath: "split.yml"})
	require.NoError(t, err)
	assert.Empty(t, warnings)
	out := map[string]string{}
	for _, f := range files {
		if !f.Support {
			out[f.Name] = splitPointerLine.ReplaceAllString(string(f.Content), "$1 (pointer).")
		}
	}
	return out
}

// TestSplitEqualsBundled: the spec in several files generates the same Go
// code, byte for byte, as the same spec in one file; only the pointers in
// doc comments say where each schema was written.
func TestSplitEqualsBundled(t *testing.T) {
	split := splitGenerate(t, "../../specs/golden/split", "openapi.yml")
	bundled := splitGenerate(t, "testdata", "split-bundled.yml")
	require.NotEmpty(t, split)
	assert.Equal(t, len(bundled), len(split))
	for name, want := range bundled {
		assert.Equal(t, want, split[name], "%s differs between the split and the bundled spec", name)
	}
	// The normalisation hides nothing but pointers.
	// Six structs and an enum.
	assert.Equal(t, 7, strings.Count(split["models.go"]+split["enums.go"], "(pointer)."))
}

// TestSplitIdentity: Pet is reached as ./schemas/pet.yml (the root),
// ../schemas/pet.yml, ../schemas/./common/../pet.yml and
// ../schemas/pet.yml# (paths/), pet.yml (itself) and ./pet.yml (owner.yml):
// it is one Go type, which every one of them uses.
func TestSplitIdentity(t *testing.T) {
	files := splitGenerate(t, "../../specs/golden/split", "openapi.yml")
	models := files["models.go"]
	assert.Equal(t, 1, strings.Count(models, "\ntype Pet struct"))
	assert.Equal(t, 1, strings.Count(models, "\ntype Tag struct"), "Tag from pet.yml and from new-pet.json")
	assert.NotContains(t, models, "type Pet2")
	assert.Contains(t, models, "Friends Opt[[]Pet]")
	assert.Contains(t, models, "Pets Opt[[]Pet]")
	svc := files["default_service.go"]
	for _, sig := range []string{
		"ListPets(ctx context.Context, params ListPetsParams, opts ...Option) (*[]Pet, error)",
		"CreatePet(ctx context.Context, body NewPet, opts ...Option) (*Pet, error)",
		"GetPet(ctx context.Context, petID int64, opts ...Option) (*Pet, error)",
	} {
		assert.Contains(t, svc, sig)
	}
	// Two files' Error: named apart by the naming pass, the root's first.
	assert.Contains(t, models, "type Error struct")
	assert.Contains(t, models, "type Error2 struct")
}

// TestSplitSymlinkIdentity: a link inside the spec's folder is followed, and
// a schema reached through it and by its own path is one type.
func TestSplitSymlinkIdentity(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "schemas"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "schemas", "pet.yaml"), []byte("type: object\nproperties: {name: {type: string}}\n"), 0o644))
	require.NoError(t, os.Symlink("schemas", filepath.Join(dir, "models")))
	spec := "openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n" +
		"    A: {type: object, properties: {p: {$ref: 'models/pet.yaml'}}}\n" +
		"    B: {type: object, properties: {p: {$ref: 'schemas/pet.yaml'}}}\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "openapi.yaml"), []byte(spec), 0o644))
	files := splitGenerate(t, dir, "openapi.yaml")
	assert.Equal(t, 1, strings.Count(files["models.go"], "type Pet struct"), files["models.go"])
	assert.Contains(t, files["models.go"], "P Opt[Pet]")
	assert.NotContains(t, files["models.go"], "Pet2")
}

// TestSplitCheckAndDiff: gen -check and gen -diff read a spec in several
// files as gen does: -check is clean right after generating, and -diff
// between the split spec and the bundled one finds no Go API change.
func TestSplitCheckAndDiff(t *testing.T) {
	t.Chdir("../..")
	out := t.TempDir()
	spec := "specs/golden/split/openapi.yml"
	code, _, stderr := run("-spec", spec, "-out", out, "-package", "split")
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := run("-check", "-spec", spec, "-out", out, "-package", "split")
	assert.Equal(t, 0, code, stdout+stderr)

	// A change in a file two folders down is a change of the spec.
	changed := t.TempDir()
	require.NoError(t, os.CopyFS(changed, os.DirFS("specs/golden/split")))
	tag := filepath.Join(changed, "schemas", "common", "tag.yml")
	data, err := os.ReadFile(tag)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tag, []byte(strings.Replace(string(data), "label: {type: string}", "label: {type: integer}", 1)), 0o644))
	code, stdout, _ = run("-check", "-spec", filepath.Join(changed, "openapi.yml"), "-out", out, "-package", "split")
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "+\tLabel Opt[int64]")

	code, stdout, stderr = run("-diff", "internal/gen/testdata/split-bundled.yml", "-spec", spec, "-package", "split", "-json")
	require.NotEqual(t, 1, code, stderr)
	assert.Contains(t, stdout, `"go": {
    "breaking": [],
    "nonBreaking": []
  }`)
	code, _, stderr = run("-diff", spec, "-spec", filepath.Join(changed, "openapi.yml"), "-package", "split")
	assert.Equal(t, 3, code, stderr)
}

// TestSplitDeterministic: generating the split spec twice gives the same
// bytes, and the order the files are found in does not matter: listing the
// root's components the other way round changes nothing.
func TestSplitDeterministic(t *testing.T) {
	first := splitGenerate(t, "../../specs/golden/split", "openapi.yml")
	second := splitGenerate(t, "../../specs/golden/split", "openapi.yml")
	assert.Equal(t, first, second)

	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS("../../specs/golden/split")))
	root := filepath.Join(dir, "openapi.yml")
	data, err := os.ReadFile(root)
	require.NoError(t, err)
	// Error (common/errors.yaml) before Pet (schemas/pet.yml), and
	// /pets/{pet_id} before /pets: the files are now found in another order.
	text := string(data)
	pet := "    Pet:\n      $ref: ./schemas/pet.yml\n"
	require.Contains(t, text, pet)
	text = strings.Replace(text, pet, "", 1)
	text = strings.Replace(text, "    Error:\n      $ref: common/errors.yaml#/components/schemas/Error\n",
		"    Error:\n      $ref: common/errors.yaml#/components/schemas/Error\n"+pet, 1)
	text = strings.Replace(text, "paths:\n  /pets:\n    $ref: paths/pets.yml\n  /pets/{pet_id}:\n    $ref: ./paths/pet.yml\n",
		"paths:\n  /pets/{pet_id}:\n    $ref: ./paths/pet.yml\n  /pets:\n    $ref: paths/pets.yml\n", 1)
	require.NotEqual(t, string(data), text)
	require.NoError(t, os.WriteFile(root, []byte(text), 0o644))
	reordered := splitGenerate(t, dir, "openapi.yml")
	assert.Equal(t, first, reordered)
}
