package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/emit"
)

// exportedAPI lists every exported identifier the files declare: types,
// their fields and methods, functions, constants and variables.
func exportedAPI(t *testing.T, files []emit.File) map[string]bool {
	t.Helper()
	api := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f.Name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f.Name, f.Content, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				name := d.Name.Name
				if d.Recv != nil {
					recv := d.Recv.List[0].Type
					if star, ok := recv.(*ast.StarExpr); ok {
						recv = star.X
					}
					if id, ok := recv.(*ast.Ident); ok {
						name = id.Name + "." + name
					}
				}
				if ast.IsExported(d.Name.Name) {
					api["func "+name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						api["type "+s.Name.Name] = true
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, fld := range st.Fields.List {
								for _, n := range fld.Names {
									if n.IsExported() {
										api["field "+s.Name.Name+"."+n.Name] = true
									}
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								api["value "+n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	return api
}

// Adding a schema that collides with nothing must not rename anything that
// exists: every identifier of the old package is in the new one, and the
// only new ones are the new schema's.
func TestAddingASchemaRenamesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the full Telnyx spec twice")
	}
	const path = "../../specs/telnyx-full.yml"
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	opts := emit.Options{Package: "telnyx"}
	before, _, err := GenerateBytes(path, data, opts)
	require.NoError(t, err)

	// The new schema goes first, so that it would shift anything named by
	// position; its inline parts would collide with nothing either.
	extra := "  schemas:\n    AaaUnrelatedWidget:\n      type: object\n      properties:\n        id:\n          type: string\n" +
		"        kind:\n          type: string\n          enum: [small, large]\n        parts:\n          type: array\n          items:\n" +
		"            type: object\n            properties:\n              name:\n                type: string\n"
	changed := strings.Replace(string(data), "\n  schemas:\n", "\n"+extra, 1)
	require.NotEqual(t, string(data), changed)
	after, _, err := GenerateBytes(path, []byte(changed), opts)
	require.NoError(t, err)

	old, neu := exportedAPI(t, before), exportedAPI(t, after)
	var lost, added []string
	for id := range old {
		if !neu[id] {
			lost = append(lost, id)
		}
	}
	for id := range neu {
		if !old[id] {
			added = append(added, id)
		}
	}
	sort.Strings(lost)
	sort.Strings(added)
	assert.Empty(t, lost, "identifiers renamed or removed by adding an unrelated schema")
	assert.Equal(t, []string{
		"field AaaUnrelatedWidget.ID",
		"field AaaUnrelatedWidget.Kind",
		"field AaaUnrelatedWidget.Parts",
		"field AaaUnrelatedWidgetPartsItem.Name",
		"func AaaUnrelatedWidget.MarshalJSON",
		"func AaaUnrelatedWidget.UnmarshalJSON",
		"func AaaUnrelatedWidgetKind.IsKnown",
		"func AaaUnrelatedWidgetPartsItem.MarshalJSON",
		"func AaaUnrelatedWidgetPartsItem.UnmarshalJSON",
		"type AaaUnrelatedWidget",
		"type AaaUnrelatedWidgetKind",
		"type AaaUnrelatedWidgetPartsItem",
		"value AaaUnrelatedWidgetKindLarge",
		"value AaaUnrelatedWidgetKindSmall",
	}, added)
	t.Logf("%d exported identifiers before, %d after; none renamed", len(old), len(neu))
}
