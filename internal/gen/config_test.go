package gen

import (
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goAPI lists the exported declarations of the Go files in dir, one a
// line: "type T", "field T.F <type>", "method T.M", "func F", "const C",
// "var V", sorted.
func goAPI(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		out = append(out, declsOf(fset, f)...)
	}
	sort.Strings(out)
	return out
}

func declsOf(fset *token.FileSet, f *ast.File) []string {
	var out []string
	typeString := func(e ast.Expr) string {
		var b strings.Builder
		require.NoError(nil, printer.Fprint(&b, fset, e))
		return b.String()
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			if d.Recv == nil {
				out = append(out, "func "+d.Name.Name)
				continue
			}
			recv := d.Recv.List[0].Type
			for {
				if s, ok := recv.(*ast.StarExpr); ok {
					recv = s.X
					continue
				}
				if i, ok := recv.(*ast.IndexExpr); ok {
					recv = i.X
					continue
				}
				break
			}
			if id, ok := recv.(*ast.Ident); ok && id.IsExported() {
				out = append(out, "method "+id.Name+"."+d.Name.Name)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					out = append(out, "type "+s.Name.Name)
					if st, ok := s.Type.(*ast.StructType); ok {
						for _, fl := range st.Fields.List {
							for _, n := range fl.Names {
								if n.IsExported() {
									out = append(out, "field "+s.Name.Name+"."+n.Name+" "+typeString(fl.Type))
								}
							}
						}
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if n.IsExported() {
							out = append(out, d.Tok.String()+" "+n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

func grep(lines []string, prefix string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

const petstore = `openapi: 3.1.0
info: {title: Petstore, version: "1"}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {$ref: '#/components/schemas/Pet'}}
  /stores/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      operationId: getStore
      tags: [Stores]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  name: {type: string}
    delete:
      operationId: deleteStore
      tags: [Stores]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  deleted: {type: boolean}
  /admin/stats:
    get:
      operationId: getStats
      tags: [Admin]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  count: {type: integer, format: int32}
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: {type: string, format: uuid}
        born_at: {type: string, format: date-time}
        tag: {type: string, format: made-up}
        weight: {type: number, format: float}
`

// inDir writes files into a new directory and makes it the current one.
func inDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644))
	}
	t.Chdir(dir)
	return dir
}

func TestConfigFile(t *testing.T) {
	inDir(t, map[string]string{"api.yml": petstore, "oagen.yaml": `spec: api.yml
out: sdk
package: petstore
env-prefix: PETS
include:
  tags: [Pets]
  paths: ["/stores/**"]
exclude:
  operations: [deleteStore]
names:
  schemas: {Pet: Animal}
  properties: {Pet.born_at: Birth}
  operations: {listPets: All}
formats:
  date-time: string
  made-up: string
  float: float64
`})
	// No flags: everything comes from ./oagen.yaml.
	code, stdout, stderr := run()
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout)
	assert.Empty(t, stderr, "the made-up format is mapped, so it is not reported")
	api := goAPI(t, "sdk")
	assert.Empty(t, grep(api, "method AdminService."), "Admin is not included")
	assert.Equal(t, []string{"method PetsService.All", "method StoresService.Get"}, append(grep(api, "method PetsService."), grep(api, "method StoresService.")...))
	assert.Equal(t, []string{
		"field Animal.Birth Opt[string]",
		"field Animal.ID string",
		"field Animal.Tag Opt[string]",
		"field Animal.Weight Opt[float64]",
	}, grep(api, "field Animal."))
	assert.Empty(t, grep(api, "type DeleteStore"), "the inline types of excluded operations go too")
	assert.Empty(t, grep(api, "type GetStats"))
	assert.NotEmpty(t, grep(api, "type GetStoreResponse"))
	client, err := os.ReadFile(filepath.Join("sdk", "client.go"))
	require.NoError(t, err)
	assert.Contains(t, string(client), `"PETS_API_KEY"`)

	// Flags override the file; -check reads it too.
	code, _, stderr = run("-package", "other", "-out", "other")
	require.Equal(t, 0, code, stderr)
	doc, err := os.ReadFile(filepath.Join("other", "doc.go"))
	require.NoError(t, err)
	assert.Contains(t, string(doc), "\npackage other\n")
	code, _, stderr = run("-check")
	assert.Equal(t, 0, code, stderr)

	// -config names another file; paths in it are relative to it.
	require.NoError(t, os.Mkdir("conf", 0o755))
	require.NoError(t, os.WriteFile(filepath.Join("conf", "gen.yaml"), []byte("spec: ../api.yml\nout: ../third\npackage: third\n"), 0o644))
	code, _, stderr = run("-config", "conf/gen.yaml")
	require.Equal(t, 0, code, stderr)
	assert.FileExists(t, filepath.Join("third", "models.go"))
	models, err := os.ReadFile(filepath.Join("third", "models.go"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(models), "// Code generated by oagen from ../api.yml. DO NOT EDIT.\n"), "the header names the spec as the file does")
	// So the output does not depend on where gen runs.
	code, _, stderr = run("-config", "conf/gen.yaml", "-check")
	assert.Equal(t, 0, code, stderr)
	t.Chdir("conf")
	code, _, stderr = run("-config", "gen.yaml", "-check")
	assert.Equal(t, 0, code, stderr)
}

func TestConfigErrors(t *testing.T) {
	inDir(t, map[string]string{"api.yml": petstore, "oagen.yaml": "spec: api.yml\nout: sdk\npackage: p\nformats:\n  float: string\n  uuid: Date\n  int32: int32\nincluded:\n  tags: [x]\n"})
	code, _, stderr := run()
	assert.Equal(t, 2, code)
	assert.Equal(t, "gen: oagen.yaml:8:1: unknown key \"included\" in the top level: the keys are env-prefix, exclude, formats, include, names, out, package, pagination, spec, streams, webhooks\n", stderr)

	require.NoError(t, os.WriteFile("oagen.yaml", []byte("spec: api.yml\nout: sdk\npackage: p\nformats:\n  float: string\n  uuid: Date\n  int32: int32\n"), 0o644))
	code, _, stderr = run()
	assert.Equal(t, 1, code)
	assert.Equal(t, "gen: warning: api.yml:65:14: #/components/schemas/Pet/properties/tag: unknown format \"made-up\" on string: generated as a plain string\n"+
		"gen: oagen.yaml:5:10: formats.float: string is for string schemas, but #/components/schemas/Pet/properties/weight is a number schema with format \"float\" (see api.yml:66:17: #/components/schemas/Pet/properties/weight)\n", stderr)
	assert.NoDirExists(t, "sdk")
}

func TestPinnedNames(t *testing.T) {
	spec := `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      x-go-name: Everything
      tags: [Things]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      x-go-name: Item
      type: object
      properties:
        kind: {type: string, enum: [a, b]}
        size_cm: {type: integer, x-go-name: Size}
`
	inDir(t, map[string]string{"api.yml": spec})
	code, _, stderr := run("-spec", "api.yml", "-out", "sdk", "-package", "p")
	require.Equal(t, 0, code, stderr)
	api := goAPI(t, "sdk")
	assert.Equal(t, []string{"field Item.Kind Opt[ItemKind]", "field Item.Size Opt[int64]"}, grep(api, "field Item."))
	assert.Equal(t, []string{"const ItemKindA", "const ItemKindB"}, grep(api, "const ItemKind"), "inline types follow their parent's pinned name")
	assert.Equal(t, []string{"method ThingsService.Everything"}, grep(api, "method ThingsService."))

	// The config wins over x-go-name.
	require.NoError(t, os.WriteFile("oagen.yaml", []byte("names:\n  schemas:\n    Thing: Widget\n  operations:\n    listThings: List\n"), 0o644))
	code, _, stderr = run("-spec", "api.yml", "-out", "sdk2", "-package", "p")
	require.Equal(t, 0, code, stderr)
	api = goAPI(t, "sdk2")
	assert.NotEmpty(t, grep(api, "type Widget"))
	assert.Equal(t, []string{"method ThingsService.List"}, grep(api, "method ThingsService."))
}

func TestPinnedNameCollisions(t *testing.T) {
	spec := `openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    A:
      x-go-name: B
      type: object
      properties:
        one: {type: string, x-go-name: Same}
        two: {type: string, x-go-name: Same}
        three: {type: string, x-go-name: lower}
    B:
      type: object
      properties:
        x: {type: string, x-go-name: 5}
`
	inDir(t, map[string]string{"api.yml": spec})
	code, _, stderr := run("-spec", "api.yml", "-out", "sdk", "-package", "p")
	assert.Equal(t, 1, code)
	assert.Equal(t, "gen: api.yml:16:38: #/components/schemas/B/properties/x/x-go-name: x-go-name must be a string: the Go name to use\n", stderr)

	require.NoError(t, os.WriteFile("api.yml", []byte(strings.Replace(spec, "x-go-name: 5}", "x-go-name: X}", 1)), 0o644))
	code, _, stderr = run("-spec", "api.yml", "-out", "sdk", "-package", "p")
	assert.Equal(t, 1, code)
	assert.Equal(t, "gen: api.yml:7:18: #/components/schemas/A: Go name \"B\" from x-go-name collides with the name oagen gives #/components/schemas/B (see api.yml:14:7: #/components/schemas/B)\n"+
		"gen: api.yml:11:40: #/components/schemas/A/properties/two: Go name \"Same\" from x-go-name collides with the same name from x-go-name for #/components/schemas/A/properties/one (see api.yml:10:40: #/components/schemas/A/properties/one)\n"+
		"gen: api.yml:12:42: #/components/schemas/A/properties/three: Go name \"lower\" from x-go-name is not an exported Go identifier\n", stderr)
	assert.NoDirExists(t, "sdk")

	// A pin in the config that takes a name of the support code.
	require.NoError(t, os.WriteFile("oagen.yaml", []byte("names:\n  schemas:\n    B: Client\n"), 0o644))
	require.NoError(t, os.WriteFile("api.yml", []byte("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    B: {type: string}\n"), 0o644))
	code, _, stderr = run("-spec", "api.yml", "-out", "sdk", "-package", "p")
	assert.Equal(t, 1, code)
	assert.Equal(t, "gen: oagen.yaml:3:8: #/components/schemas/B: Go name \"Client\" from oagen.yaml names.schemas collides with a name the support code of every generated package declares\n", stderr)
}
