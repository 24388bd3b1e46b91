package gen

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the -diff golden files in golden/diff")

const (
	historySpec = "specs/history/telnyx-porting-orders-2025-08-15.yml"
	currentSpec = "specs/porting-orders.yml"
)

// golden compares got with golden/diff/<name>, or rewrites it with
// -update (go test ./internal/gen -run TestDiff -update; make golden-diff).
// The test runs from the repository root.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("golden", "diff", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./internal/gen -run TestDiff -update")
	assert.Equal(t, string(want), got, "%s differs: review, then run go test ./internal/gen -run TestDiff -update", path)
}

// TestDiffPortingOrdersHistory is the breaking-change report on real
// history: Telnyx's porting-orders spec of 2025-08-15 against today's.
func TestDiffPortingOrdersHistory(t *testing.T) {
	t.Chdir("../..")
	args := []string{"-diff", historySpec, "-spec", currentSpec, "-package", "portingorders", "-env-prefix", "TELNYX"}
	code, stdout, stderr := run(args...)
	require.Equal(t, 3, code, stderr)
	assert.Equal(t, "gen: -diff: breaking changes: 91 breaking and 46 non-breaking API changes; 76 breaking and 28 non-breaking Go API changes\n", stderr)
	golden(t, "porting-orders-2025-08-15.txt.golden", stdout)

	code, stdout, _ = run(append(args, "-json")...)
	require.Equal(t, 3, code)
	golden(t, "porting-orders-2025-08-15.json.golden", stdout)

	// What the issue says happened between the two versions.
	var r Report
	require.NoError(t, json.Unmarshal([]byte(stdout), &r))
	assert.True(t, r.Breaking)
	assert.Len(t, r.Schemas, 12, "twelve schemas changed")
	assert.Contains(t, r.Schemas, "PortingOrder")
	assert.Contains(t, r.Schemas, "UpdatePortingOrder")
	removedResponses := 0
	for _, c := range r.API.Breaking {
		if c.Path == "$.components" && c.Property == "responses" && c.Kind == "removed" {
			removedResponses++
		}
	}
	assert.Equal(t, 31, removedResponses, "components/responses went away: all 31 of them")
	var goLines []string
	for _, c := range append(r.Go.Breaking, r.Go.NonBreaking...) {
		goLines = append(goLines, c.String())
	}
	assert.Contains(t, goLines, "retyped field PortingOrder.Misc: Opt[PortingOrderMisc] → Nullable[PortingOrderMisc]")
	assert.Contains(t, goLines, "added field UpdatePortingOrder.CustomerGroupReference Opt[string]")
	assert.Contains(t, goLines, "renamed type ShowPortingOrder → GetPortingOrderResponse")
}

func TestDiffSameSpecIsClean(t *testing.T) {
	code, stdout, stderr := run("-diff", seed, "-spec", seed)
	assert.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)
	assert.Equal(t, "Changes from "+seed+" to "+seed+"\n\n"+
		"API (libopenapi what-changed): 0 breaking, 0 non-breaking\n\n"+
		"Go API of package api: 0 breaking, 0 non-breaking\n\n"+
		"Nothing breaks: 0 breaking and 0 non-breaking API changes; 0 breaking and 0 non-breaking Go API changes\n", stdout)
}

// TestDiffSmall covers each kind of Go API change on a small spec.
func TestDiffSmall(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.yml")
	new := filepath.Join(dir, "new.yml")
	require.NoError(t, os.WriteFile(old, []byte(`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      tags: [Pets]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
    delete:
      operationId: deletePet
      tags: [Pets]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: gone}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: integer}
        kind: {type: string, enum: [cat, dog]}
`), 0o644))
	require.NoError(t, os.WriteFile(new, []byte(`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      tags: [Pets]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      x-go-name: Animal
      type: object
      required: [name]
      properties:
        name: {type: string}
        age: {type: [integer, "null"], x-go-name: Years}
        kind: {type: string, enum: [cat, dog, bird]}
        color: {type: string}
`), 0o644))
	code, stdout, stderr := run("-diff", old, "-spec", new, "-package", "pets", "-json")
	require.Equal(t, 3, code, stderr)
	var r Report
	require.NoError(t, json.Unmarshal([]byte(stdout), &r))
	var lines []string
	for _, c := range append(r.Go.Breaking, r.Go.NonBreaking...) {
		lines = append(lines, c.String())
	}
	// PetKind is named after Pet: it and its constants follow the rename.
	assert.Equal(t, []string{
		"renamed type Pet → Animal",
		"renamed type PetKind → AnimalKind",
		"renamed field Pet.Age → Animal.Years: Opt[int64] → Nullable[int64]",
		"removed method PetsService.Delete func(context.Context, string, ...Option) error",
		"renamed constant PetKindCat → AnimalKindCat",
		"renamed constant PetKindDog → AnimalKindDog",
		"added field Animal.Color Opt[string]",
		"added constant AnimalKindBird AnimalKind = \"bird\"",
	}, lines)
	assert.Equal(t, []string{"Pet"}, r.Schemas)
	assert.NotEmpty(t, r.API.Breaking)
	for _, c := range r.API.Breaking {
		assert.NotEmpty(t, c.Path)
	}
}

func TestDiffUsage(t *testing.T) {
	code, _, stderr := run("-check", "-diff", seed, "-spec", seed, "-out", "x", "-package", "p")
	assert.Equal(t, 2, code)
	assert.Equal(t, "gen: -check and -diff cannot be used together\nrun gen -h for usage\n", stderr)
	code, _, stderr = run("-diff", filepath.Join(t.TempDir(), "missing.yml"), "-spec", seed)
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(stderr, "gen: read old spec: stat "), stderr)
}
