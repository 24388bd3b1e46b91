package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
	"sync"
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

const telnyxFull = "../../specs/telnyx-full.yml"

// telnyxBefore is the full Telnyx package as generated from the spec as it
// is, made once for the tests that edit the spec and compare.
var telnyxBefore = sync.OnceValues(func() ([]emit.File, error) {
	data, err := os.ReadFile(telnyxFull)
	if err != nil {
		return nil, err
	}
	files, _, err := GenerateBytes(telnyxFull, data, emit.Options{Package: "telnyx"})
	return files, err
})

// apiChange generates the full Telnyx spec with edit applied and returns
// the exported identifiers lost and added, sorted.
func apiChange(t *testing.T, edit func(spec string) string) (lost, added []string) {
	t.Helper()
	before, err := telnyxBefore()
	require.NoError(t, err)
	data, err := os.ReadFile(telnyxFull)
	require.NoError(t, err)
	changed := edit(string(data))
	require.NotEqual(t, string(data), changed)
	after, _, err := GenerateBytes(telnyxFull, []byte(changed), emit.Options{Package: "telnyx"})
	require.NoError(t, err)
	old, neu := exportedAPI(t, before), exportedAPI(t, after)
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
	t.Logf("%d exported identifiers before, %d after", len(old), len(neu))
	return lost, added
}

// Adding a schema that collides with nothing must not rename anything that
// exists: every identifier of the old package is in the new one, and the
// only new ones are the new schema's.
func TestAddingASchemaRenamesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the full Telnyx spec twice")
	}

	// The new schema goes first, so that it would shift anything named by
	// position; its inline parts would collide with nothing either.
	extra := "  schemas:\n    AaaUnrelatedWidget:\n      type: object\n      properties:\n        id:\n          type: string\n" +
		"        kind:\n          type: string\n          enum: [small, large]\n        parts:\n          type: array\n          items:\n" +
		"            type: object\n            properties:\n              name:\n                type: string\n"
	lost, added := apiChange(t, func(spec string) string { return strings.Replace(spec, "\n  schemas:\n", "\n"+extra, 1) })
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
}

// Adding an operation to a service renames none of its methods, nor any
// other identifier: the method names of a service depend on its other
// operations only where two want one name (see naming's methodNames), and
// then the one earlier in path order keeps it. The new operations here are
// one of a named resource, one whose operationId spells its route, and one
// that wants the name of an existing method (GetSubRequest, of
// GET /porting_orders/{id}/sub_request) and sorts after it.
func TestAddingAnOperationRenamesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the full Telnyx spec twice")
	}
	extra := `  /porting_orders/{id}/widget_report:
    get:
      operationId: getPortingOrderWidgetReport
      tags: [Porting Orders]
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: No content}
  /porting_orders/{id}/sub_request_v2:
    get:
      operationId: GetSubRequest
      tags: [Porting Orders]
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: No content}
  /ai/assistants/{assistant_id}/widgets:
    get:
      operationId: list_widgets_public_assistants__assistant_id__widgets_get
      tags: [Assistants]
      parameters:
      - {name: assistant_id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: No content}
`
	lost, added := apiChange(t, func(spec string) string { return strings.Replace(spec, "\npaths:\n", "\npaths:\n"+extra, 1) })
	assert.Empty(t, lost, "identifiers renamed or removed by adding an operation")
	assert.Equal(t, []string{
		"func AssistantsService.ListWidgets",
		"func PortingOrdersService.GetSubRequest2",
		"func PortingOrdersService.GetWidgetReport",
	}, added)
}
