package load_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/load"
)

// splitFS is a spec in four files: YAML root, a path item two folders away,
// a JSON schema and a YAML file of shared schemas.
func splitFS(pathItem string) fstest.MapFS {
	return fstest.MapFS{
		"openapi.yaml": {Data: []byte(`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    $ref: paths/pet.yaml
components:
  schemas:
    Pet: {$ref: schemas/pet.json}
`)},
		"paths/pet.yaml": {Data: []byte(pathItem)},
		"schemas/pet.json": {Data: []byte(`{
  "type": "object",
  "properties": {
    "id": {"type": "string", "format": "snowflake"},
    "when": {"$ref": "other.yaml#/When"}
  }
}
`)},
		"schemas/other.yaml": {Data: []byte(`Other:
  type: object
  properties:
    size: {type: integer, format: int128}
When:
  type: string
  format: snowflake
`)},
	}
}

const petPath = `parameters: [{name: id, in: path, required: true, schema: {type: string}}]
get:
  operationId: getPet
  responses:
    "200":
      description: ok
      content:
        application/json:
          schema: {$ref: '../schemas/other.yaml#/Other'}
`

func diagLines(ds []*model.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Error())
	}
	return out
}

// TestSplitWarningsNameTheirFile: a warning about a node of another file
// names that file, its own line and column (JSON ones too), and a pointer
// within it.
func TestSplitWarningsNameTheirFile(t *testing.T) {
	api, err := load.LoadFS("api/openapi.yaml", splitFS(petPath)["openapi.yaml"].Data, splitFS(petPath))
	require.NoError(t, err)
	assert.Equal(t, []string{
		`api/schemas/other.yaml:4:11: #/Other/properties/size: unknown format "int128" on integer: generated as a plain integer`,
		`api/schemas/pet.json:4:11: #/properties/id: unknown format "snowflake" on string: generated as a plain string (see api/schemas/other.yaml:6:3: #/When)`,
	}, diagLines(api.Warnings))

	// The types of other files are placed there too.
	byPointer := map[string]*model.Type{}
	for _, ty := range api.Types {
		byPointer[ty.Pointer] = ty
	}
	pet := byPointer["#/components/schemas/Pet"]
	require.NotNil(t, pet, "the root's Pet holds schemas/pet.json")
	assert.Equal(t, model.Pos{File: "api/schemas/pet.json", Line: 1, Col: 1}, pet.Pos)
	require.Len(t, pet.Fields, 2)
	assert.Equal(t, model.Pos{File: "api/schemas/pet.json", Line: 5, Col: 13}, pet.Fields[1].Pos)
	other := byPointer["schemas/other.yaml#/Other"]
	require.NotNil(t, other, "a schema no root component holds is named by its file and pointer")
	assert.Equal(t, model.Pos{File: "api/schemas/other.yaml", Line: 2, Col: 3}, other.Pos)
	assert.Equal(t, "Other", other.Component)
	require.Len(t, api.Operations, 1)
	assert.Equal(t, "#/paths/~1pets~1{id}/get", api.Operations[0].Pointer)
	assert.Equal(t, model.Pos{File: "api/paths/pet.yaml", Line: 2, Col: 1}, api.Operations[0].Pos)
}

// TestSplitErrorsNameTheirFile: an error the loader finds in a path item of
// another file (not the bundler's) names that file and the pointer within
// it.
func TestSplitErrorsNameTheirFile(t *testing.T) {
	bad := strings.Replace(petPath, "parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n", "", 1)
	_, err := load.LoadFS("openapi.yaml", splitFS(bad)["openapi.yaml"].Data, splitFS(bad))
	var ds model.Diagnostics
	require.ErrorAs(t, err, &ds)
	assert.Equal(t, []string{
		`paths/pet.yaml:1:1: #/get: the path "/pets/{id}" has {id} but the operation declares no path parameter "id"`,
	}, diagLines(ds))
}

// TestSplitNeedsFolder: Load, given no folder, reads no other file.
func TestSplitNeedsFolder(t *testing.T) {
	_, err := load.Load("openapi.yaml", splitFS(petPath)["openapi.yaml"].Data)
	var ds model.Diagnostics
	require.ErrorAs(t, err, &ds)
	require.Len(t, ds, 2)
	assert.Contains(t, ds[0].Error(), `openapi.yaml:5:5: #/paths/~1pets~1{id}: $ref "paths/pet.yaml" points into another file, and the spec was loaded without its folder`)
}

// TestJSONPositions: a JSON spec is placed by JSON lines and columns, in a
// root file and in a JSON file referenced from a YAML one alike.
func TestJSONPositions(t *testing.T) {
	src := "{\n  \"openapi\": \"3.1.0\",\n  \"info\": {\"title\": \"t\", \"version\": \"1\"},\n  \"paths\": {},\n" +
		"  \"components\": {\"schemas\": {\n    \"Café\": {\"type\": \"object\", \"properties\": {\"é\": {\"type\": \"string\", \"format\": \"x-y\"}}}\n  }}\n}\n"
	api, err := load.Load("spec.json", []byte(src))
	require.NoError(t, err)
	require.Len(t, api.Warnings, 1)
	// Columns count characters: "Café" and "é" are one each.
	assert.Equal(t, `spec.json:6:52: #/components/schemas/Café/properties/é: unknown format "x-y" on string: generated as a plain string`, api.Warnings[0].Error())

	fsys := fstest.MapFS{
		"openapi.json": {Data: []byte(`{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
 "components": {"schemas": {"A": {"$ref": "a.yaml"}}}}`)},
		"a.yaml": {Data: []byte("type: object\nproperties:\n  b: {$ref: 'b.json#/B'}\n")},
		"b.json": {Data: []byte("{\n\"B\":\n  {\"type\": \"integer\", \"format\": \"int7\"}\n}\n")},
	}
	api, err = load.LoadFS("openapi.json", fsys["openapi.json"].Data, fsys)
	require.NoError(t, err)
	assert.Equal(t, []string{`b.json:3:3: #/B: unknown format "int7" on integer: generated as a plain integer`}, diagLines(api.Warnings))
}

// TestSplitRefCycleAcrossFiles: a loop through two files is one loop of
// two types, each used by the other.
func TestSplitRefCycleAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"openapi.yaml": {Data: []byte("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: a.yaml}\n")},
		"a.yaml":       {Data: []byte("type: object\nproperties:\n  b: {$ref: 'sub/b.yaml'}\n")},
		"sub/b.yaml":   {Data: []byte("type: object\nproperties:\n  a: {$ref: '../a.yaml'}\n  self: {$ref: 'b.yaml'}\n")},
	}
	api, err := load.LoadFS("openapi.yaml", fsys["openapi.yaml"].Data, fsys)
	require.NoError(t, err)
	byPointer := map[string]*model.Type{}
	for _, ty := range api.Types {
		byPointer[ty.Pointer] = ty
	}
	a, b := byPointer["#/components/schemas/A"], byPointer["sub/b.yaml#"]
	require.NotNil(t, a)
	require.NotNil(t, b)
	assert.Same(t, b, a.Fields[0].Type)
	assert.Same(t, a, b.Fields[0].Type)
	assert.Same(t, b, b.Fields[1].Type)
	assert.Len(t, api.Types, 2)
}

// TestSplitGoNames: x-go-name is read in every file, for content a root
// component holds and for schemas of other files alike.
func TestSplitGoNames(t *testing.T) {
	fsys := splitFS(petPath)
	fsys["schemas/pet.json"].Data = []byte(strings.Replace(string(fsys["schemas/pet.json"].Data), `"format": "snowflake"}`, `"format": "snowflake", "x-go-name": "Ident"}`, 1))
	fsys["schemas/other.yaml"].Data = []byte(strings.Replace(string(fsys["schemas/other.yaml"].Data), "Other:\n", "Other:\n  x-go-name: Another\n", 1))
	root := fsys["openapi.yaml"].Data
	api, err := load.LoadFS("openapi.yaml", root, fsys)
	require.NoError(t, err)
	require.NoError(t, load.PinGoNamesFS("openapi.yaml", root, fsys, api))
	pins := map[string]string{}
	for _, ty := range api.Types {
		if ty.Pin != nil {
			pins[ty.Pointer] = ty.Pin.Name + " " + ty.Pin.Pos.String()
		}
		for _, f := range ty.Fields {
			if f.Pin != nil {
				pins[f.Pointer] = f.Pin.Name + " " + f.Pin.Pos.String()
			}
		}
	}
	assert.Equal(t, map[string]string{
		"#/components/schemas/Pet/properties/id": "Ident schemas/pet.json:4:66",
		"schemas/other.yaml#/Other":              "Another schemas/other.yaml:2:14",
	}, pins)
}

// TestSplitOddRefs: odd references to files are refused or read, never a
// panic, and every problem is placed in a file of the spec.
func TestSplitOddRefs(t *testing.T) {
	for _, ref := range []string{
		"%zz.yaml", "a.yaml#%zz", "a.yaml#/defs/0", "a.yaml#/list/1", "a.yaml#/list/9", "a.yaml#defs",
		"a.yaml#/", "./sub/../a.yaml", "sub", "sub/", "a.yaml/", "..", "../", "./", "a.yaml#/defs/~2",
		"C:\\\\x.yaml", "\\\\\\\\server\\\\x.yaml", "//host/x.yaml", "a b.yaml", "a%20b.yaml", "nul\\u0000.yaml",
		"openapi.yaml#/components/schemas/X", "openapi.yaml#/nope", strings.Repeat("sub/../", 200) + "a.yaml",
	} {
		t.Run(ref, func(t *testing.T) {
			root := "openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n" +
				"    X: {type: object, properties: {p: {$ref: \"" + ref + "\"}}}\n"
			fsys := fstest.MapFS{
				"openapi.yaml": {Data: []byte(root)},
				"a.yaml":       {Data: []byte("defs: [{type: string}]\nlist: [1, {type: integer}]\n")},
				"a b.yaml":     {Data: []byte("type: boolean\n")},
				"sub/x.yaml":   {Data: []byte("type: string\n")},
			}
			api, err := load.LoadFS("openapi.yaml", fsys["openapi.yaml"].Data, fsys)
			if err != nil {
				var ds model.Diagnostics
				require.ErrorAs(t, err, &ds)
				for _, d := range ds {
					assert.Contains(t, []string{"openapi.yaml", "a.yaml", "a b.yaml"}, d.Pos.File, d.Error())
					assert.Positive(t, d.Pos.Line, d.Error())
					assert.True(t, strings.HasPrefix(d.Pointer, "#"), d.Error())
				}
				return
			}
			assert.NotEmpty(t, api.Types)
		})
	}
}
