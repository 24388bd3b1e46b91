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

// TestDataRefsAreData loads specs holding a $ref key inside example data,
// defaults, consts, enum members and extension values: data, which nothing
// resolves, whether it names a remote document, nothing, or a schema. Each
// is loaded alone (Load) and with its folder (LoadFS, the bundler's walk).
func TestDataRefsAreData(t *testing.T) {
	const remote = "https://example.com/scim/v2/Users/u-2"
	head := "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
	schemas := "components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        owner:\n"
	tests := []struct {
		name string
		src  string
	}{
		{"schema example", head + "paths: {}\n" + schemas + "          type: object\n          example: {$ref: '" + remote + "', value: u-2}\n"},
		{"schema examples", head + "paths: {}\n" + schemas + "          type: object\n          examples: [{$ref: '#/nowhere'}]\n"},
		{"default", head + "paths: {}\n" + schemas + "          type: object\n          default: {$ref: '#/components/schemas/Missing'}\n"},
		{"const", head + "paths: {}\n" + schemas + "          const: {$ref: '" + remote + "'}\n"},
		{"enum member", head + "paths: {}\n" + schemas + "          enum: [{$ref: '" + remote + "'}, {$ref: other.yml}]\n"},
		{"schema extension", head + "paths: {}\n" + schemas + "          type: string\n          x-link: {$ref: '" + remote + "'}\n"},
		{"nested in an extension", head + "paths: {}\nx-meta:\n  list: [{nested: {$ref: '../outside.yml'}}]\n" + schemas + "          type: string\n"},
		{"media type example and examples", head + `paths:
  /pets:
    get:
      x-codegen: {$ref: '#/nowhere'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
              example: {owner: {$ref: '` + remote + `'}}
              examples:
                one:
                  value: {owner: {$ref: '` + remote + `'}}
                two:
                  $ref: '#/components/examples/Two'
` + schemas + `          type: object
  examples:
    Two:
      value: {owner: {$ref: 'file:///etc/passwd'}}
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := mustLoad(t, tt.src)
			fsys := fstest.MapFS{"openapi.yml": {Data: []byte(tt.src)}}
			_, err := load.LoadFS("openapi.yml", []byte(tt.src), fsys)
			require.NoError(t, err, "with its folder")
			var examples []string
			if f := field(t, typeAt(t, api, "#/components/schemas/Pet"), "owner"); f.Example != nil {
				examples = append(examples, f.Example.JSON)
			}
			for _, op := range api.Operations {
				for _, r := range op.Responses {
					for _, c := range r.Contents {
						for _, ex := range c.Examples {
							examples = append(examples, ex.Value.JSON)
						}
					}
				}
			}
			for _, ex := range examples {
				assert.Contains(t, ex, `"$ref":`, "the example keeps its $ref member as data")
			}
		})
	}
}

// TestDataRefsAreStillChecked keeps the $refs that are references checked
// beside data that looks like them: a component example by $ref, a schema
// $ref next to an example, the default response, properties called
// default, examples and value.
func TestDataRefsAreStillChecked(t *testing.T) {
	src := `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Missing', example: {$ref: x}}
              examples:
                one: {$ref: '#/components/examples/Missing'}
        default: {$ref: '#/components/responses/Missing'}
components:
  schemas:
    Pet:
      type: object
      properties:
        default: {$ref: '#/components/schemas/NoDefault'}
        examples:
          type: object
          properties:
            value: {$ref: '#/components/schemas/NoValue'}
`
	ds := loadErr(t, src)
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Pointer+": "+d.Message)
	}
	assert.Contains(t, strings.Join(msgs, "\n"), `$ref "#/components/schemas/Missing" points to nothing`)
	assert.Contains(t, strings.Join(msgs, "\n"), `$ref "#/components/examples/Missing" points to nothing`)
	assert.Contains(t, strings.Join(msgs, "\n"), `$ref "#/components/responses/Missing" points to nothing`, "the default response is no default value")
	assert.Contains(t, strings.Join(msgs, "\n"), `$ref "#/components/schemas/NoDefault" points to nothing`, "a property called default")
	assert.Contains(t, strings.Join(msgs, "\n"), `$ref "#/components/schemas/NoValue" points to nothing`, "a property called value of one called examples")
}

// TestAllOfOfScalars types an allOf whose members are all strings (or all
// numbers, or one enum) as that scalar, not as an empty struct.
func TestAllOfOfScalars(t *testing.T) {
	head := `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Code: {type: string, pattern: '^[A-Z]+$'}
    Email: {type: string, format: email}
    Status: {type: string, enum: [active, disabled, deleted]}
    Small: {type: integer, format: int32}
    X:
`
	tests := []struct {
		name    string
		schema  string
		want    string // describe of X's type
		values  []string
		warning string
	}{
		{"two strings, one by $ref", "allOf: [{$ref: '#/components/schemas/Code'}, {type: string, maxLength: 10}]", "#/components/schemas/Code", nil, ""},
		{"a format from one member", "allOf: [{type: string}, {$ref: '#/components/schemas/Email'}, {type: string, minLength: 3}]", "#/components/schemas/Email", nil, ""},
		{"inline strings with a format", "allOf: [{type: string, format: uuid}, {type: string, pattern: '^[0-9a-f-]+$'}]", "string(uuid)", nil, ""},
		{"untyped members with a type beside", "type: string\nallOf: [{minLength: 1}, {maxLength: 3}]", "string", nil, ""},
		{"an enum by $ref and a string", "allOf: [{$ref: '#/components/schemas/Status'}, {type: string}]", "#/components/schemas/Status", nil, ""},
		{"two enums: the values both allow", "allOf: [{$ref: '#/components/schemas/Status'}, {enum: [active, archived, disabled]}]", "#/components/schemas/X", []string{`"active"`, `"disabled"`}, ""},
		{"number and integer", "allOf: [{type: number}, {type: integer, format: int64}]", "integer(int64)", nil, ""},
		{"integer formats: the narrower", "allOf: [{$ref: '#/components/schemas/Small'}, {type: integer, format: int64}]", "#/components/schemas/Small", nil, ""},
		{"nested allOf", "allOf: [{allOf: [{type: string}, {$ref: '#/components/schemas/Code'}]}, {type: string}]", "#/components/schemas/Code", nil, ""},
		{"two formats", "allOf: [{type: string, format: uuid}, {$ref: '#/components/schemas/Email'}]", "string", nil,
			`allOf members say format "uuid" and "email", which no string has both of: generated as a plain string`},
		{"string and integer", "allOf: [{type: string}, {$ref: '#/components/schemas/Small'}]", "any", nil,
			"allOf members are string and integer, which no value can be both: read as any JSON value"},
		{"enums without a common value", "allOf: [{$ref: '#/components/schemas/Status'}, {enum: [archived]}]", "any", nil,
			"allOf members are enums without a value in common, which no value can be: read as any JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := mustLoad(t, head+indent(tt.schema, 6)+`    Use:
      type: object
      properties:
        x: {$ref: '#/components/schemas/X'}
`)
			x := field(t, typeAt(t, api, "#/components/schemas/Use"), "x").Type.Resolved()
			got := describe(x)
			if x.Component == "X" && x.Kind != model.KindEnum {
				// X itself: a named string, integer or any.
				got = describe(&model.Type{Kind: x.Kind, Format: x.Format})
			}
			assert.Equal(t, tt.want, got)
			if tt.values != nil {
				require.Equal(t, model.KindEnum, x.Kind)
				var got []string
				for _, v := range x.Values {
					got = append(got, v.Value.JSON)
				}
				assert.Equal(t, tt.values, got)
			}
			var ws []string
			for _, w := range warnings(api) {
				if !strings.Contains(w, "adds nothing to the merged struct") || tt.warning == "" {
					ws = append(ws, w)
				}
			}
			if tt.warning == "" {
				assert.Empty(t, ws)
			} else {
				assert.Equal(t, []string{"spec.yml:11:7: #/components/schemas/X: " + tt.warning}, ws)
			}
		})
	}
}

// TestNullMemberBesideRef reads every spelling of a member that is only
// null, beside a $ref in anyOf or oneOf, as null: the field is the
// referenced type, nullable, and not a union.
func TestNullMemberBesideRef(t *testing.T) {
	tests := []struct {
		name, version, members string
	}{
		{"type null", "3.1.0", "anyOf: [{$ref: '#/components/schemas/Owner'}, {type: 'null'}]"},
		{"type list of null", "3.1.0", "anyOf: [{$ref: '#/components/schemas/Owner'}, {type: ['null']}]"},
		{"null first, oneOf", "3.1.0", "oneOf: [{type: 'null'}, {$ref: '#/components/schemas/Owner'}]"},
		{"enum of null", "3.1.0", "oneOf: [{$ref: '#/components/schemas/Owner'}, {enum: [null]}]"},
		{"const null", "3.1.0", "anyOf: [{const: null}, {$ref: '#/components/schemas/Owner'}]"},
		{"ref to a null schema", "3.1.0", "anyOf: [{$ref: '#/components/schemas/Owner'}, {$ref: '#/components/schemas/Null'}]"},
		{"null with a description", "3.1.0", "anyOf: [{$ref: '#/components/schemas/Owner'}, {type: 'null', description: none}]"},
		{"3.0 nullable member", "3.0.3", "anyOf: [{$ref: '#/components/schemas/Owner'}, {nullable: true}]"},
		{"3.0 nullable enum of null", "3.0.3", "oneOf: [{$ref: '#/components/schemas/Owner'}, {nullable: true, enum: [null]}]"},
		{"3.0 nullable object beside", "3.0.3", "anyOf: [{$ref: '#/components/schemas/Owner'}, {type: object, nullable: true, enum: [null]}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := petSpec(tt.version, false, tt.members) + "    Null:\n      enum: [null]\n"
			api := mustLoad(t, src)
			f := field(t, typeAt(t, api, "#/components/schemas/Pet"), "x")
			assert.Equal(t, owner, describe(f.Type.Resolved()))
			assert.True(t, f.Nullable, "nullable")
			assert.Empty(t, warnings(api))
		})
	}
}

// TestDataRefsInAnotherFile loads a spec in two files whose second holds
// $ref keys in data: the bundler neither follows nor rewrites them.
func TestDataRefsInAnotherFile(t *testing.T) {
	root := `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet: {$ref: 'pets.yml#/Pet'}
`
	pets := `Pet:
  type: object
  x-source: {$ref: '../../etc/passwd'}
  properties:
    owner:
      type: object
      default: {$ref: 'https://example.com/o'}
      example: {$ref: 'other.yml#/Owner', value: o}
`
	fsys := fstest.MapFS{"openapi.yml": {Data: []byte(root)}, "pets.yml": {Data: []byte(pets)}}
	api, err := load.LoadFS("openapi.yml", []byte(root), fsys)
	require.NoError(t, err)
	var pet *model.Type
	for _, ty := range api.Types {
		if ty.Component == "Pet" {
			pet = ty.Resolved()
		}
	}
	require.NotNil(t, pet)
	require.Equal(t, model.KindStruct, pet.Kind)
	assert.Equal(t, `{"$ref":"other.yml#/Owner","value":"o"}`, field(t, pet, "owner").Example.JSON)
}
