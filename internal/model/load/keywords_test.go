package load

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
)

func typeAt(api *model.API, ptr string) *model.Type {
	for _, t := range api.Types {
		if t.Pointer == ptr {
			return t
		}
	}
	return nil
}

// TestDefsForwardRef: a $ref into the $defs of a schema defined later, deep
// in a property, finds the one type of that $defs entry.
func TestDefsForwardRef(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    First:
      type: object
      properties:
        c: {$ref: '#/components/schemas/Later/properties/b/$defs/Leaf'}
    Later:
      type: object
      properties:
        b:
          type: object
          $defs:
            Leaf: {type: object, properties: {n: {type: integer}}}
          properties:
            leaf: {$ref: '#/components/schemas/Later/properties/b/$defs/Leaf'}
`)
	assert.Empty(t, api.Warnings)
	leaf := typeAt(api, "#/components/schemas/Later/properties/b/$defs/Leaf")
	require.NotNil(t, leaf)
	assert.Equal(t, model.KindStruct, leaf.Kind)
	assert.Same(t, leaf, typeAt(api, "#/components/schemas/First").Fields[0].Type)
	assert.Same(t, leaf, typeAt(api, "#/components/schemas/Later/properties/b").Fields[0].Type)
}

// TestDefsRelativeRef: a $ref resolved against an embedded schema resource
// ($id) is not followed; it is a positioned error, not a panic.
func TestDefsRelativeRef(t *testing.T) {
	ds := guardLoadErr(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    R:
      $id: https://example.com/r
      type: object
      $defs:
        X: {type: string}
      properties:
        x: {$ref: '#/$defs/X'}
`)
	require.Len(t, ds, 1)
	assert.Equal(t, `spec.yml:12:13: #/components/schemas/R/properties/x: $ref "#/$defs/X" points to nothing in this document`, ds[0].Error())
}

// TestConditionalConflict: a property two branches type differently holds
// any JSON value, with one warning and a note on the struct.
func TestConditionalConflict(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    X:
      type: object
      if: {properties: {a: {const: 1}}}
      then: {properties: {b: {type: string}, c: {type: string}}}
      else: {properties: {b: {type: integer}, c: {type: string}}}
`)
	want := `property "b" has another type in else than in then: its field holds any JSON value`
	assert.Equal(t, []string{"spec.yml:10:30: #/components/schemas/X/else/properties/b: " + want}, guardWarnings(api))
	x := api.Types[0]
	assert.Equal(t, want, x.Fallback)
	require.Len(t, x.Fields, 2)
	assert.Equal(t, model.KindAny, x.Fields[0].Type.Kind)
	assert.Equal(t, model.KindString, x.Fields[1].Type.Kind)
	assert.False(t, x.Fields[1].Required)
	assert.Contains(t, x.Fields[1].Note, "Conditional")
}

// TestDefsInAllOfMember: the $defs of an inline allOf member are types too.
func TestDefsInAllOfMember(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        y: {$ref: '#/components/schemas/X/allOf/0/$defs/Y'}
    X:
      allOf:
        - $defs:
            Y: {type: string, enum: [a]}
          type: object
          properties:
            y: {$ref: '#/components/schemas/X/allOf/0/$defs/Y'}
`)
	y := typeAt(api, "#/components/schemas/X/allOf/0/$defs/Y")
	require.NotNil(t, y)
	assert.Equal(t, model.KindEnum, y.Kind)
	assert.Same(t, y, typeAt(api, "#/components/schemas/A").Fields[0].Type)
	assert.Same(t, y, typeAt(api, "#/components/schemas/X").Fields[0].Type)
}
