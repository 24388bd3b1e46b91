package load_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
	"github.com/oagen-dev/oagen/internal/model/load"
)

// mustLoad loads src as spec.yml and requires it to load.
func mustLoad(t *testing.T, src string) *model.API {
	t.Helper()
	api, err := load.Load("spec.yml", []byte(src))
	require.NoError(t, err)
	require.NotNil(t, api)
	return api
}

// loadErr loads src as spec.yml and requires it to fail with diagnostics.
func loadErr(t *testing.T, src string) model.Diagnostics {
	t.Helper()
	api, err := load.Load("spec.yml", []byte(src))
	require.Error(t, err)
	assert.Nil(t, api)
	var ds model.Diagnostics
	require.True(t, errors.As(err, &ds), "error %T is not model.Diagnostics", err)
	return ds
}

// typeAt finds the named type with the given JSON pointer.
func typeAt(t *testing.T, api *model.API, ptr string) *model.Type {
	t.Helper()
	for _, ty := range api.Types {
		if ty.Pointer == ptr {
			return ty
		}
	}
	require.Failf(t, "no type", "no type at %s", ptr)
	return nil
}

func field(t *testing.T, ty *model.Type, name string) *model.Field {
	t.Helper()
	for _, f := range ty.Fields {
		if f.Name == name {
			return f
		}
	}
	require.Failf(t, "no field", "%s has no field %q", ty.Pointer, name)
	return nil
}

// describe spells out a type: a named type by its pointer, others by kind,
// format and element.
func describe(ty *model.Type) string {
	switch {
	case ty == nil:
		return "<nil>"
	case ty.Named:
		return ty.Pointer
	case ty.Kind == model.KindArray || ty.Kind == model.KindMap:
		s := ty.Kind.String() + " of "
		if ty.ElemNullable {
			s += "nullable "
		}
		return s + describe(ty.Elem)
	case ty.Format != "":
		return ty.Kind.String() + "(" + ty.Format + ")"
	}
	return ty.Kind.String()
}

// indent drops a leading newline from s and indents every line by n spaces.
func indent(s string, n int) string {
	s = strings.TrimPrefix(s, "\n")
	pad := strings.Repeat(" ", n)
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString(pad + line + "\n")
	}
	return b.String()
}

// petSpec is a document whose component Pet has one property x, written as
// prop, and a component Owner that x may refer to.
func petSpec(version string, required bool, prop string) string {
	req := ""
	if required {
		req = "      required: [x]\n"
	}
	return "openapi: " + version + `
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
` + req + `      properties:
        x:
` + indent(prop, 10) + `    Owner:
      type: object
      description: the owner
      properties:
        name: {type: string}
`
}

const owner = "#/components/schemas/Owner"

func TestNullable(t *testing.T) {
	tests := []struct {
		name     string
		version  string
		prop     string
		nullable bool
		typ      string // describe(field type)
	}{
		{
			name: "type array with null", version: "3.1.0",
			prop:     `type: [string, "null"]`,
			nullable: true, typ: "string",
		},
		{
			name: "nullable true", version: "3.0.3",
			prop:     "type: string\nnullable: true",
			nullable: true, typ: "string",
		},
		{
			name: "anyOf ref and null", version: "3.1.0",
			prop: `
anyOf:
  - $ref: '#/components/schemas/Owner'
  - type: 'null'`,
			nullable: true, typ: owner,
		},
		{
			name: "oneOf with a null member", version: "3.1.0",
			prop: `
oneOf:
  - type: string
  - type: integer
  - type: 'null'`,
			nullable: true, typ: "#/components/schemas/Pet/properties/x",
		},
		{
			name: "oneOf of one type and null", version: "3.1.0",
			prop: `
oneOf:
  - type: string
    format: date
  - type: 'null'`,
			nullable: true, typ: "string(date)",
		},
		{
			name: "enum with null", version: "3.1.0",
			prop:     "type: [string, 'null']\nenum: [a, b, null]",
			nullable: true, typ: "#/components/schemas/Pet/properties/x",
		},
		{
			name: "enum with null, type without null", version: "3.0.3",
			prop:     "type: string\nenum: [a, null]",
			nullable: true, typ: "#/components/schemas/Pet/properties/x",
		},
		{
			name: "nullable beside $ref in 3.1", version: "3.1.0",
			prop:     "$ref: '#/components/schemas/Owner'\nnullable: true",
			nullable: true, typ: owner,
		},
		{
			name: "nullable beside $ref in 3.0", version: "3.0.3",
			prop:     "$ref: '#/components/schemas/Owner'\nnullable: true",
			nullable: true, typ: owner,
		},
		{
			name: "3.0 allOf of siblings and $ref", version: "3.0.3",
			prop: `
allOf:
  - nullable: true
  - $ref: '#/components/schemas/Owner'`,
			nullable: true, typ: owner,
		},
		{
			name: "3.0 nullable beside allOf of one $ref", version: "3.0.3",
			prop: `
nullable: true
allOf:
  - $ref: '#/components/schemas/Owner'`,
			nullable: true, typ: owner,
		},
		{
			name: "plain string", version: "3.1.0",
			prop:     "type: string",
			nullable: false, typ: "string",
		},
		{
			name: "plain $ref", version: "3.1.0",
			prop:     "$ref: '#/components/schemas/Owner'",
			nullable: false, typ: owner,
		},
		{
			name: "nullable false", version: "3.0.3",
			prop:     "type: string\nnullable: false",
			nullable: false, typ: "string",
		},
		{
			name: "oneOf without null", version: "3.1.0",
			prop: `
oneOf:
  - type: string
  - type: integer`,
			nullable: false, typ: "#/components/schemas/Pet/properties/x",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Required is its own flag: it neither sets nor clears Nullable.
			for _, required := range []bool{false, true} {
				api := mustLoad(t, petSpec(tt.version, required, tt.prop))
				f := field(t, typeAt(t, api, "#/components/schemas/Pet"), "x")
				assert.Equal(t, tt.nullable, f.Nullable, "Nullable, required: %v", required)
				assert.Equal(t, required, f.Required, "Required")
				assert.Equal(t, tt.typ, describe(f.Type), "type, required: %v", required)
				assert.Empty(t, api.Warnings)
			}
		})
	}
}

// TestNullableComponentRef: a field, an array element or an alias that
// uses a nullable component is nullable, whether the component comes
// before or after its use in the document.
func TestNullableComponentRef(t *testing.T) {
	pet := `    Pet:
      type: object
      properties:
        owner:
          $ref: '#/components/schemas/NullOwner'
        owners:
          type: array
          items:
            $ref: '#/components/schemas/NullOwner'
        alias:
          $ref: '#/components/schemas/NullAlias'
`
	others := `    NullAlias:
      $ref: '#/components/schemas/NullOwner'
    NullOwner:
      type: [object, 'null']
      properties:
        name: {type: string}
`
	head := "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
	for _, tt := range []struct{ name, src string }{
		{"use first", head + pet + others},
		{"component first", head + others + pet},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api := mustLoad(t, tt.src)
			p := typeAt(t, api, "#/components/schemas/Pet")
			assert.True(t, typeAt(t, api, "#/components/schemas/NullOwner").Nullable, "NullOwner")
			assert.True(t, field(t, p, "owner").Nullable, "owner")
			assert.Equal(t, "array of nullable #/components/schemas/NullOwner", describe(field(t, p, "owners").Type))
			assert.True(t, field(t, p, "alias").Nullable, "alias")
		})
	}
}

func TestRefSiblings(t *testing.T) {
	tests := []struct {
		name    string
		version string
		prop    string
		want    model.Field // the flags and description of x
	}{
		{
			name: "description beside $ref in 3.1", version: "3.1.0",
			prop: "$ref: '#/components/schemas/Owner'\ndescription: the pet's owner",
			want: model.Field{Description: "the pet's owner"},
		},
		{
			name: "description beside $ref in 3.0", version: "3.0.3",
			prop: "$ref: '#/components/schemas/Owner'\ndescription: the pet's owner",
			want: model.Field{Description: "the pet's owner"},
		},
		{
			name: "3.0 allOf of siblings and $ref", version: "3.0.3",
			prop: `
allOf:
  - description: the pet's owner
    readOnly: true
  - $ref: '#/components/schemas/Owner'`,
			want: model.Field{Description: "the pet's owner", ReadOnly: true},
		},
		{
			name: "readOnly and deprecated beside $ref in 3.1", version: "3.1.0",
			prop: "$ref: '#/components/schemas/Owner'\nreadOnly: true\ndeprecated: true\nexample: {name: Ann}",
			want: model.Field{ReadOnly: true, Deprecated: true, Example: &model.Value{JSON: `{"name":"Ann"}`}},
		},
		{
			name: "writeOnly beside $ref in 3.1", version: "3.1.0",
			prop: "$ref: '#/components/schemas/Owner'\nwriteOnly: true",
			want: model.Field{WriteOnly: true},
		},
		{
			name: "plain $ref", version: "3.1.0",
			prop: "$ref: '#/components/schemas/Owner'",
			want: model.Field{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := mustLoad(t, petSpec(tt.version, false, tt.prop))
			f := field(t, typeAt(t, api, "#/components/schemas/Pet"), "x")
			got := model.Field{Description: f.Description, ReadOnly: f.ReadOnly, WriteOnly: f.WriteOnly, Deprecated: f.Deprecated, Nullable: f.Nullable}
			if f.Example != nil {
				got.Example = &model.Value{JSON: f.Example.JSON}
			}
			assert.Equal(t, tt.want, got)
			// The field has the target's type, which keeps its own description.
			o := typeAt(t, api, owner)
			assert.Same(t, o, f.Type)
			assert.Equal(t, "the owner", o.Description)
			assert.Equal(t, model.KindStruct, o.Kind)
		})
	}
}

// namingSpec has inline schemas of every sort that become named types.
const namingSpec = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /pets:
    post:
      operationId: createPet
      parameters:
        - name: sort
          in: query
          schema: {type: string, enum: [asc, desc]}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                name: {type: string}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema:
                type: object
                properties:
                  data:
                    type: object
                    properties:
                      id: {type: string}
        '404':
          description: missing
          content:
            application/json:
              schema:
                type: object
                properties:
                  message: {type: string}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner:
          type: object
          properties:
            address:
              type: object
              properties:
                street: {type: string}
        labels:
          type: array
          items:
            type: object
            properties:
              key: {type: string}
        status: {type: string, enum: [available, sold]}
        choice:
          oneOf:
            - type: string
            - type: object
              title: detailed
              properties:
                n: {type: integer}
`

// TestInlineNames: inline objects, enums and unions become named types,
// named after their parent type and a hint.
func TestInlineNames(t *testing.T) {
	api := mustLoad(t, namingSpec)
	var got []string
	for _, ty := range api.Types {
		parent := ""
		if ty.NameParent != nil {
			parent = ty.NameParent.Pointer
		}
		require.True(t, ty.Named, ty.Pointer)
		got = append(got, ty.Kind.String()+" "+ty.Pointer+" | "+parent+" | "+strings.Join(ty.NameHint, ","))
	}
	const (
		pet  = "#/components/schemas/Pet"
		op   = "#/paths/~1pets/post"
		resp = op + "/responses/201/content/application~1json/schema"
	)
	assert.Equal(t, []string{
		"struct " + pet + " |  | Pet",
		"struct " + pet + "/properties/owner | " + pet + " | owner",
		"struct " + pet + "/properties/owner/properties/address | " + pet + "/properties/owner | address",
		"struct " + pet + "/properties/labels/items | " + pet + " | labels,item",
		"enum " + pet + "/properties/status | " + pet + " | status",
		"union " + pet + "/properties/choice | " + pet + " | choice",
		"struct " + pet + "/properties/choice/oneOf/1 | " + pet + "/properties/choice | detailed",
		"enum " + op + "/parameters/0/schema |  | createPet,sort",
		"struct " + op + "/requestBody/content/application~1json/schema |  | createPet,request",
		"struct " + resp + " |  | createPet,response",
		"struct " + resp + "/properties/data | " + resp + " | data",
		"struct " + op + "/responses/404/content/application~1json/schema |  | createPet,404,response",
	}, got)

	// Fields point at the promoted types.
	p := typeAt(t, api, pet)
	assert.Same(t, typeAt(t, api, pet+"/properties/owner"), field(t, p, "owner").Type)
	assert.Equal(t, "array of "+pet+"/properties/labels/items", describe(field(t, p, "labels").Type))
	assert.Equal(t, "Pet", p.Component)
}

func TestTypes(t *testing.T) {
	tests := []struct {
		prop string
		want string // describe(x's type)
	}{
		// Arrays.
		{"{type: array, items: {type: string}}", "array of string"},
		{"{type: array, items: {type: array, items: {type: number, format: double}}}", "array of array of number(double)"},
		{"{type: array, items: {type: [string, 'null']}}", "array of nullable string"},
		{"{type: array, items: {$ref: '#/components/schemas/Owner'}}", "array of " + owner},
		{"{type: array}", "array of nullable any"},
		{"{items: {type: integer}}", "array of integer"},
		// Maps.
		{"{type: object, additionalProperties: {type: integer, format: int64}}", "map of integer(int64)"},
		{"{type: object}", "map of nullable any"},
		{"{additionalProperties: {$ref: '#/components/schemas/Owner'}}", "map of " + owner},
		// Formats.
		{"{type: string, format: date-time}", "string(date-time)"},
		{"{type: string, format: date}", "string(date)"},
		{"{type: string, format: uuid}", "string(uuid)"},
		{"{type: string, format: uri}", "string(uri)"},
		{"{type: string, format: byte}", "string(byte)"},
		{"{type: string, format: binary}", "string(binary)"},
		{"{type: string, format: email}", "string(email)"},
		{"{type: integer, format: int32}", "integer(int32)"},
		{"{type: integer, format: int64}", "integer(int64)"},
		{"{type: integer}", "integer"},
		{"{type: number, format: float}", "number(float)"},
		{"{type: number}", "number"},
		{"{type: boolean}", "boolean"},
		{"{}", "any"},
	}
	for _, tt := range tests {
		t.Run(tt.prop, func(t *testing.T) {
			api := mustLoad(t, petSpec("3.1.0", false, tt.prop))
			f := field(t, typeAt(t, api, "#/components/schemas/Pet"), "x")
			assert.Equal(t, tt.want, describe(f.Type))
			assert.Empty(t, api.Warnings, "known formats need no warning")
		})
	}
}

// attrSpec has properties with every per-field keyword. Line numbers
// matter: the test checks positions.
const attrSpec = `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      description: A pet.
      required: [id]
      properties:
        id:
          type: string
          format: uuid
          readOnly: true
          deprecated: true
          description: The id.
          example: 3fa85f64
        secret: {type: string, writeOnly: true}
        config:
          example: {b: 1, a: [true, null, 1.5], c: "x"}
          type: object
        a~b/c: {type: string}
`

func TestFieldAttributes(t *testing.T) {
	api := mustLoad(t, attrSpec)
	p := typeAt(t, api, "#/components/schemas/Pet")
	assert.Equal(t, "A pet.", p.Description)
	assert.Equal(t, model.Pos{File: "spec.yml", Line: 7, Col: 7}, p.Pos)
	require.Len(t, p.Fields, 4)

	const ptr = "#/components/schemas/Pet/properties/"
	want := []*model.Field{
		{
			Name: "id", Pointer: ptr + "id", Pos: model.Pos{File: "spec.yml", Line: 12, Col: 11},
			Required: true, ReadOnly: true, Deprecated: true, Description: "The id.",
			Example: &model.Value{JSON: `"3fa85f64"`, Pos: model.Pos{File: "spec.yml", Line: 17, Col: 20}},
		},
		{
			Name: "secret", Pointer: ptr + "secret", Pos: model.Pos{File: "spec.yml", Line: 18, Col: 17},
			WriteOnly: true,
		},
		{
			Name: "config", Pointer: ptr + "config", Pos: model.Pos{File: "spec.yml", Line: 20, Col: 11},
			Example: &model.Value{JSON: `{"b":1,"a":[true,null,1.5],"c":"x"}`, Pos: model.Pos{File: "spec.yml", Line: 20, Col: 20}},
		},
		{
			Name: "a~b/c", Pointer: ptr + "a~0b~1c", Pos: model.Pos{File: "spec.yml", Line: 22, Col: 16},
		},
	}
	// The types are checked on their own; the rest of each field whole.
	assert.Equal(t, []string{"string(uuid)", "string", "map of nullable any", "string"},
		[]string{describe(p.Fields[0].Type), describe(p.Fields[1].Type), describe(p.Fields[2].Type), describe(p.Fields[3].Type)})
	for i := range want {
		want[i].Type = p.Fields[i].Type
	}
	assert.Equal(t, want, p.Fields)
	assert.Equal(t, "uuid", p.Fields[0].Type.Format)
}

func TestExamples(t *testing.T) {
	tests := []struct {
		name string
		prop string
		want string // Value.JSON; "" for no example
	}{
		{"string", "{type: string, example: abc}", `"abc"`},
		{"quoted", `{type: string, example: "multi\nline \"q\""}`, `"multi\nline \"q\""`},
		{"html characters", `{type: string, example: "<b> & c"}`, `"<b> & c"`},
		{"timestamp stays text", "{type: string, example: 2024-01-01T10:00:00Z}", `"2024-01-01T10:00:00Z"`},
		{"yes is a string", "{type: string, example: yes}", `"yes"`},
		{"null", "{type: string, example: ~}", `null`},
		{"hex integer", "{type: integer, example: 0x10}", `16`},
		{"underscores", "{type: integer, example: 1_000}", `1000`},
		{"leading dot", "{type: number, example: .5}", `0.5`},
		{"exponent", "{type: number, example: 1e3}", `1e3`},
		{"negative", "{type: number, example: -2.50}", `-2.50`},
		{"boolean", "{type: boolean, example: true}", `true`},
		{"examples: the first", "{type: string, examples: [first, second]}", `"first"`},
		{"no JSON form", "{type: number, example: .inf}", ``},
		{
			"mapping keys in document order",
			`
type: object
example:
  z: 1
  a: {y: [1, "two", false], x: null}
  m: []`,
			`{"z":1,"a":{"y":[1,"two",false],"x":null},"m":[]}`,
		},
		{
			"anchors",
			`
type: object
example:
  first: &v {k: 1}
  second: *v`,
			`{"first":{"k":1},"second":{"k":1}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := mustLoad(t, petSpec("3.1.0", false, tt.prop))
			f := field(t, typeAt(t, api, "#/components/schemas/Pet"), "x")
			got := ""
			if f.Example != nil {
				got = f.Example.JSON
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestExampleWithoutJSONFormWarns(t *testing.T) {
	api := mustLoad(t, petSpec("3.1.0", false, "{type: number, example: .inf}"))
	var got []string
	for _, w := range api.Warnings {
		got = append(got, w.Error())
	}
	assert.Equal(t, []string{
		`spec.yml:10:35: #/components/schemas/Pet/properties/x/example: example ignored: number ".inf" has no JSON form`,
	}, got)
}

// posSpec: the test checks positions against these lines.
const posSpec = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /porting_orders/{id}/actions:
    post:
      operationId: actOnPortingOrder
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        '204': {description: done}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
        status:
          type: string
          enum: [available, sold]
        owner:
          $ref: '#/components/schemas/Owner'
        friend:
          $ref: '#/components/schemas/Owner'
          description: a friend
    Owner:
      type: object
      properties:
        name: {type: string}
`

func TestPositions(t *testing.T) {
	api := mustLoad(t, posSpec)
	var got []string
	add := func(ptr string, pos model.Pos) { got = append(got, pos.String()+" "+ptr) }
	for _, ty := range api.Types {
		add(ty.Pointer, ty.Pos)
		for _, f := range ty.Fields {
			add(f.Pointer, f.Pos)
		}
		for _, v := range ty.Values {
			add(ty.Pointer+" "+v.Value.JSON, v.Value.Pos)
		}
	}
	for _, o := range api.Operations {
		add(o.Pointer, o.Pos)
		for _, p := range o.Params {
			add(p.Pointer, p.Pos)
		}
	}
	const pet = "#/components/schemas/Pet"
	assert.Equal(t, []string{
		"spec.yml:17:7 " + pet,
		"spec.yml:19:15 " + pet + "/properties/name",
		"spec.yml:21:11 " + pet + "/properties/status",
		"spec.yml:24:11 " + pet + "/properties/owner",
		"spec.yml:26:11 " + pet + "/properties/friend",
		"spec.yml:29:7 " + owner,
		"spec.yml:31:15 " + owner + "/properties/name",
		"spec.yml:21:11 " + pet + "/properties/status",
		`spec.yml:22:18 ` + pet + `/properties/status "available"`,
		`spec.yml:22:29 ` + pet + `/properties/status "sold"`,
		"spec.yml:5:5 #/paths/~1porting_orders~1{id}~1actions/post",
		"spec.yml:8:11 #/paths/~1porting_orders~1{id}~1actions/post/parameters/0",
	}, got)
}

func TestEnums(t *testing.T) {
	tests := []struct {
		name     string
		prop     string
		base     model.Kind
		values   []string
		nullable bool
	}{
		{"strings", "{type: string, enum: [available, 'sold', \"in stock\"]}", model.KindString, []string{`"available"`, `"sold"`, `"in stock"`}, false},
		{"YAML 1.1 booleans are strings", "{type: string, enum: [yes, no, on, off]}", model.KindString, []string{`"yes"`, `"no"`, `"on"`, `"off"`}, false},
		{"dates are strings", "{type: string, enum: [2024-01-01]}", model.KindString, []string{`"2024-01-01"`}, false},
		{"integers", "{type: integer, enum: [1, 2, -3, 0x10]}", model.KindInteger, []string{`1`, `2`, `-3`, `16`}, false},
		{"integers without type", "{enum: [10, 20]}", model.KindInteger, []string{`10`, `20`}, false},
		{"numbers", "{type: number, enum: [0.5, 1]}", model.KindNumber, []string{`0.5`, `1`}, false},
		{"booleans", "{type: boolean, enum: [true, false]}", model.KindBoolean, []string{`true`, `false`}, false},
		{"const", "{const: fixed}", model.KindString, []string{`"fixed"`}, false},
		{"with null", "{type: [integer, 'null'], enum: [1, null, 2]}", model.KindInteger, []string{`1`, `2`}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := mustLoad(t, petSpec("3.1.0", false, tt.prop))
			e := typeAt(t, api, "#/components/schemas/Pet/properties/x")
			require.Equal(t, model.KindEnum, e.Kind)
			var values []string
			for _, v := range e.Values {
				values = append(values, v.Value.JSON)
			}
			assert.Equal(t, tt.base, e.Base)
			assert.Equal(t, tt.values, values)
			assert.Equal(t, tt.nullable, e.Nullable)
			assert.Equal(t, tt.nullable, field(t, typeAt(t, api, "#/components/schemas/Pet"), "x").Nullable)
			assert.Empty(t, api.Warnings)
		})
	}
}

func TestEnumDuplicateWarns(t *testing.T) {
	api := mustLoad(t, petSpec("3.1.0", false, "{type: string, enum: [a, b, a]}"))
	e := typeAt(t, api, "#/components/schemas/Pet/properties/x")
	var values, warnings []string
	for _, v := range e.Values {
		values = append(values, v.Value.JSON)
	}
	for _, w := range api.Warnings {
		warnings = append(warnings, w.Error())
	}
	assert.Equal(t, []string{`"a"`, `"b"`}, values)
	assert.Equal(t, []string{`spec.yml:10:39: #/components/schemas/Pet/properties/x/enum/2: duplicate enum value "a" is listed once`}, warnings)
}

const opsSpec = `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /porting_orders/{id}:
    parameters:
      - name: id
        in: path
        schema: {type: string, format: uuid}
      - $ref: '#/components/parameters/PageSize'
    get:
      operationId: getPortingOrder
      tags: [Porting Orders]
      parameters:
        - name: include
          in: query
          schema: {type: string}
      responses:
        '200': {description: ok}
    patch:
      parameters:
        - $ref: '#/components/parameters/PageSize'
        - name: id
          in: path
          required: true
          description: overridden
          schema: {type: string}
      responses:
        '200': {description: ok}
  /porting_orders/{id}/actions/{action_id}:
    post:
      parameters:
        - name: action_id
          in: path
          required: true
          schema: {type: integer}
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        '204': {description: done}
    get:
      operationId: listActions
      parameters:
        - name: action_id
          in: path
          required: true
          schema: {type: integer}
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        '200': {description: ok}
components:
  parameters:
    PageSize:
      name: page[size]
      in: query
      schema: {type: integer, format: int32}
`

func TestOperations(t *testing.T) {
	api := mustLoad(t, opsSpec)
	type param struct {
		Name     string
		In       model.ParamIn
		Pointer  string
		Required bool
		Desc     string
		Type     string
	}
	type op struct {
		ID      string
		Derived bool
		Method  string
		Path    string
		Pointer string
		Params  []param
	}
	var got []op
	for _, o := range api.Operations {
		g := op{ID: o.ID, Derived: o.IDDerived, Method: o.Method, Path: o.Path, Pointer: o.Pointer}
		for _, p := range o.Params {
			g.Params = append(g.Params, param{p.Name, p.In, p.Pointer, p.Required, p.Description, describe(p.Type)})
		}
		got = append(got, g)
	}
	const (
		item    = "#/paths/~1porting_orders~1{id}"
		actions = "#/paths/~1porting_orders~1{id}~1actions~1{action_id}"
		size    = "#/components/parameters/PageSize"
	)
	pageSize := param{"page[size]", model.InQuery, size, false, "", "integer(int32)"}
	assert.Equal(t, []op{
		{
			ID: "getPortingOrder", Method: "GET", Path: "/porting_orders/{id}", Pointer: item + "/get",
			Params: []param{
				// Path-level parameters first; a path parameter is always required.
				{"id", model.InPath, item + "/parameters/0", true, "", "string(uuid)"},
				pageSize,
				{"include", model.InQuery, item + "/get/parameters/0", false, "", "string"},
			},
		},
		{
			ID: "patch porting_orders id", Derived: true, Method: "PATCH", Path: "/porting_orders/{id}", Pointer: item + "/patch",
			Params: []param{
				// The operation's id replaces the path-level one in place.
				{"id", model.InPath, item + "/patch/parameters/1", true, "overridden", "string"},
				pageSize,
			},
		},
		{
			ID: "listActions", Method: "GET", Path: "/porting_orders/{id}/actions/{action_id}", Pointer: actions + "/get",
			Params: []param{
				{"action_id", model.InPath, actions + "/get/parameters/0", true, "", "integer"},
				{"id", model.InPath, actions + "/get/parameters/1", true, "", "string"},
			},
		},
		{
			ID: "post porting_orders id actions action_id", Derived: true, Method: "POST", Path: "/porting_orders/{id}/actions/{action_id}", Pointer: actions + "/post",
			Params: []param{
				{"action_id", model.InPath, actions + "/post/parameters/0", true, "", "integer"},
				{"id", model.InPath, actions + "/post/parameters/1", true, "", "string"},
			},
		},
	}, got)

	// A $ref parameter is loaded once and shared.
	require.Len(t, api.Operations, 4)
	require.Len(t, api.Operations[0].Params, 3)
	require.Len(t, api.Operations[1].Params, 2)
	assert.Same(t, api.Operations[0].Params[1], api.Operations[1].Params[1])
	assert.Equal(t, []string{"Porting Orders"}, api.Operations[0].Tags)
	assert.Empty(t, api.Warnings)
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"empty file", "", "spec.yml:1:1: #: the file is empty"},
		{"only blanks", "  \n\n\t\n", "spec.yml:1:1: #: the file is empty"},
		{
			"not YAML",
			"openapi: 3.1.0\ninfo:\n  title: t\n    version: 1\n",
			"spec.yml:4:12: #: not valid YAML or JSON: mapping values are not allowed in this context",
		},
		{"not OpenAPI", "hello: world\n", "spec.yml:1:1: #: not an OpenAPI document: it has no openapi field"},
		{"a list", "- a\n- b\n", "spec.yml:1:1: #: not an OpenAPI document: the top level is not a mapping"},
		{
			"Swagger 2.0",
			"# converted never\nswagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n",
			"spec.yml:2:1: #/swagger: Swagger 2.0 is not supported: convert the document to OpenAPI 3 first (for example with swagger2openapi)",
		},
		{
			"OpenAPI 2.5",
			"info: {title: t, version: '1'}\nopenapi: 2.5.0\npaths: {}\n",
			`spec.yml:2:1: #/openapi: unsupported OpenAPI version "2.5.0": oagen reads 3.0 and 3.1`,
		},
		{
			"path parameters",
			`openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /orders/{order_id}:
    get:
      operationId: getOrder
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string}
      responses:
        '200': {description: ok}
`,
			// "id", not in the path, is a warning (TestPathParameterNotInPath).
			`spec.yml:5:5: #/paths/~1orders~1{order_id}/get: the path "/orders/{order_id}" has {order_id} but the operation declares no path parameter "order_id"`,
		},
		{
			"circular allOf",
			`openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A:
      allOf:
        - $ref: '#/components/schemas/B'
        - type: object
          properties:
            a: {type: string}
    B:
      allOf:
        - $ref: '#/components/schemas/A'
        - type: object
          properties:
            b: {type: string}
`,
			"spec.yml:8:11: #/components/schemas/A/allOf/0: circular allOf: #/components/schemas/B includes itself\n" +
				"spec.yml:14:11: #/components/schemas/B/allOf/0: circular allOf: #/components/schemas/A includes itself",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := loadErr(t, tt.src)
			assert.Equal(t, tt.want, ds.Error())
		})
	}
}

// TestDanglingRef: a $ref to nothing is one error, placed at the $ref and
// named by its JSON pointer.
func TestDanglingRef(t *testing.T) {
	ds := loadErr(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner:
          $ref: '#/components/schemas/Owner'
`)
	var got []string
	for _, d := range ds {
		got = append(got, d.Pos.String()+" "+d.Pointer)
	}
	assert.Equal(t, []string{"spec.yml:10:11 #/components/schemas/Pet/properties/owner"}, got)
}

func TestErrorsUnwrap(t *testing.T) {
	_, err := load.Load("specs/x.yml", nil)
	var d *model.Diagnostic
	require.True(t, errors.As(err, &d))
	assert.Equal(t, &model.Diagnostic{Pos: model.Pos{File: "specs/x.yml", Line: 1, Col: 1}, Pointer: "#", Message: "the file is empty"}, d)
}

func warnings(api *model.API) []string {
	var out []string
	for _, w := range api.Warnings {
		out = append(out, w.Error())
	}
	return out
}

// TestUnknownFormat: one warning per unknown format, at its first place in
// the document, naming every other place.
func TestUnknownFormat(t *testing.T) {
	api := mustLoad(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - name: q
          in: query
          schema: {type: string, format: snowflake}
      responses:
        '200': {description: ok}
components:
  schemas:
    Pet:
      type: object
      properties:
        id: {type: string, format: snowflake}
        big: {type: number, format: decimal128}
        ids:
          type: array
          items: {type: string, format: snowflake}
`)
	assert.Equal(t, []string{
		`spec.yml:9:19: #/paths/~1a/get/parameters/0/schema: unknown format "snowflake" on string: generated as a plain string` +
			` (see spec.yml:17:13: #/components/schemas/Pet/properties/id)` +
			` (see spec.yml:21:18: #/components/schemas/Pet/properties/ids/items)`,
		`spec.yml:18:14: #/components/schemas/Pet/properties/big: unknown format "decimal128" on number: generated as a plain number`,
	}, warnings(api))
	// The type keeps the format; emitters fall back to the base type.
	assert.Equal(t, "string(snowflake)", describe(field(t, typeAt(t, api, "#/components/schemas/Pet"), "id").Type))
}

func TestDuplicateOperationID(t *testing.T) {
	api := mustLoad(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /b:
    get:
      operationId: getThing
      responses:
        '200': {description: ok}
  /a:
    get:
      operationId: getThing
      responses:
        '200': {description: ok}
    post:
      responses:
        '200': {description: ok}
`)
	assert.Equal(t, []string{
		`spec.yml:11:20: #/paths/~1a/get/operationId: duplicate operationId "getThing": names are made unique by path` +
			` (see spec.yml:6:20: #/paths/~1b/get/operationId)`,
	}, warnings(api))
	var ids []string
	for _, o := range api.Operations {
		ids = append(ids, o.ID)
	}
	assert.Equal(t, []string{"getThing", "getThing", "post a"}, ids)
}

// names lists the JSON names of a struct's fields in order.
func names(ty *model.Type) []string {
	var out []string
	for _, f := range ty.Fields {
		out = append(out, f.Name)
	}
	return out
}

// TestAllOfOfATypeThatRefersBack is the shape of Microsoft Graph's history
// items and AWS's search criteria: Item is allOf [Parent, ...] while Parent
// has a property listing Items. That is recursion through a property, not an
// allOf loop: Item gets Parent's fields, in allOf order, whichever of the two
// the document defines first.
func TestAllOfOfATypeThatRefersBack(t *testing.T) {
	parent := `    Parent:
      type: object
      required: [id]
      properties:
        id: {type: string}
        size: {type: integer}
        history:
          type: array
          items: {$ref: '#/components/schemas/Item'}
`
	item := `    Item:
      allOf:
        - type: object
          properties:
            size: {type: string}
            first: {type: boolean}
        - $ref: '#/components/schemas/Parent'
        - $ref: '#/components/schemas/Mixin'
        - type: object
          required: [size]
          properties:
            at: {type: string, format: date-time}
            id: {type: integer}
    Mixin:
      allOf:
        - $ref: '#/components/schemas/Parent'
        - properties:
            mixed: {type: boolean}
`
	for name, schemas := range map[string]string{"parent first": parent + item, "item first": item + parent} {
		t.Run(name, func(t *testing.T) {
			api := mustLoad(t, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"+schemas)
			it := typeAt(t, api, "#/components/schemas/Item")
			assert.Equal(t, []string{"size", "first", "id", "history", "mixed", "at"}, names(it))
			// Parent's size (integer) overrides the first member's string;
			// the last member's id (integer) overrides Parent's string, and
			// its required list makes size required.
			assert.Equal(t, model.KindInteger, field(t, it, "size").Type.Kind)
			assert.True(t, field(t, it, "size").Required)
			assert.Equal(t, model.KindInteger, field(t, it, "id").Type.Kind)
			assert.True(t, field(t, it, "id").Required, "required in Parent")
			mixin := typeAt(t, api, "#/components/schemas/Mixin")
			assert.Equal(t, []string{"id", "size", "history", "mixed"}, names(mixin))
		})
	}
}

// TestDeepRefs: a $ref may point inside a schema (a property, Swagger 2's
// definitions, an operation's body), before or after the walk reaches it,
// and every spelling of one place is one type.
func TestDeepRefs(t *testing.T) {
	data, err := os.ReadFile("../../../specs/golden/deeprefs.yml")
	require.NoError(t, err)
	api, err := load.Load("deeprefs.yml", data)
	require.NoError(t, err)
	assert.Empty(t, api.Warnings)

	account := typeAt(t, api, "#/components/schemas/Account")
	status := typeAt(t, api, "#/components/schemas/Account/definitions/accountStatus")
	assert.Equal(t, model.KindEnum, status.Kind)
	assert.Same(t, status, field(t, account, "status").Type)
	assert.Same(t, status, field(t, typeAt(t, api, "#/components/schemas/Early"), "status").Type)
	ref := typeAt(t, api, "#/components/schemas/Account/definitions/accountRef")
	assert.Same(t, ref, field(t, account, "ref").Type)
	assert.Same(t, ref, field(t, typeAt(t, api, "#/components/schemas/Later"), "same_ref").Type, "percent-encoded pointer")

	// Into a component the walk reaches later: the component's own type.
	database := typeAt(t, api, "#/components/schemas/Database")
	assert.Same(t, field(t, database, "label").Type, field(t, typeAt(t, api, "#/components/schemas/Early"), "label").Type)
	assert.Same(t, field(t, database, "engine").Type, field(t, account, "engine").Type)
	assert.Equal(t, "Into a property of a component defined later.", field(t, typeAt(t, api, "#/components/schemas/Early"), "label").Description)

	// Into another operation's response body.
	item := typeAt(t, api, "#/paths/~1lookup/get/responses/200/content/application~1json/schema/properties/matches/items")
	check := typeAt(t, api, "#/paths/~1check/get/responses/200/content/application~1json/schema")
	assert.Same(t, item, field(t, check, "matched").Type.Elem)

	// Each place is declared once.
	seen := map[string]bool{}
	for _, ty := range api.Types {
		assert.False(t, seen[ty.Pointer], "%s declared twice", ty.Pointer)
		seen[ty.Pointer] = true
	}
}

// TestQueryStringInPathKeyLeavesSharedParametersAlone: a path key with a
// query string turns a path parameter into a query one for that operation
// only, whatever the order of the paths, and literal pairs are unescaped
// once (the runtime escapes what it sends).
func TestQueryStringInPathKeyLeavesSharedParametersAlone(t *testing.T) {
	items := "  /items/{id}:\n    get:\n      operationId: getItem\n      parameters: [{$ref: '#/components/parameters/id'}]\n      responses: {'204': {description: ok}}\n"
	search := "  /search?q={id}&tag=a%20b:\n    get:\n      operationId: search\n      parameters: [{$ref: '#/components/parameters/id'}]\n      responses: {'204': {description: ok}}\n"
	comps := "components:\n  parameters:\n    id: {name: id, in: path, required: true, schema: {type: string}}\n"
	for _, paths := range []string{items + search, search + items} {
		api := mustLoad(t, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n"+paths+comps)
		byID := map[string]*model.Operation{}
		for _, op := range api.Operations {
			byID[op.ID] = op
		}
		require.Len(t, byID["getItem"].Params, 1)
		assert.Equal(t, model.InPath, byID["getItem"].Params[0].In)
		assert.Equal(t, "id", byID["getItem"].Params[0].Name)
		require.Len(t, byID["search"].Params, 1)
		assert.Equal(t, model.InQuery, byID["search"].Params[0].In)
		assert.Equal(t, "q", byID["search"].Params[0].Name)
		assert.Equal(t, "/search", byID["search"].Path)
		assert.Equal(t, [][2]string{{"tag", "a b"}}, byID["search"].FixedQuery)
	}
}

// TestDeferredAllOfKeepsTypedMaps: a merge deferred by a back reference
// gives the struct the member's typed additional and pattern members, as a
// direct merge does.
func TestDeferredAllOfKeepsTypedMaps(t *testing.T) {
	api := mustLoad(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Parent:
      type: object
      properties:
        child: {$ref: '#/components/schemas/Item'}
      additionalProperties: {type: [string, 'null']}
      patternProperties:
        '^x-': {type: integer}
    Item:
      allOf: [{$ref: '#/components/schemas/Parent'}]
      properties:
        own: {type: string}
    Other:
      allOf: [{$ref: '#/components/schemas/Parent'}]
      properties:
        own: {type: string}
`)
	item, other := typeAt(t, api, "#/components/schemas/Item"), typeAt(t, api, "#/components/schemas/Other")
	for _, ty := range []*model.Type{item, other} {
		assert.Equal(t, []string{"child", "own"}, names(ty), ty.Pointer)
		require.NotNil(t, ty.Extra, ty.Pointer)
		assert.True(t, ty.ExtraNullable, ty.Pointer)
		assert.Equal(t, "^x-", ty.Pattern, ty.Pointer)
	}
}

// TestDeepRefBeforeTheWalk: a $ref into an operation's body that comes
// before the walk reaches that body shares the body's type.
func TestDeepRefBeforeTheWalk(t *testing.T) {
	data, err := os.ReadFile("../../../specs/golden/deeprefs.yml")
	require.NoError(t, err)
	api, err := load.Load("deeprefs.yml", data)
	require.NoError(t, err)
	item := typeAt(t, api, "#/paths/~1lookup/get/responses/200/content/application~1json/schema/properties/matches/items")
	early := typeAt(t, api, "#/paths/~1early/get/responses/200/content/application~1json/schema")
	lookup := typeAt(t, api, "#/paths/~1lookup/get/responses/200/content/application~1json/schema")
	assert.Same(t, item, field(t, early, "first_match").Type)
	assert.Same(t, item, field(t, lookup, "matches").Type.Elem)
}

// TestAllOfKeepsRequired: the members of an allOf that give properties or a
// required list are merged, in 3.0 as in 3.1, whichever comes first.
func TestAllOfKeepsRequired(t *testing.T) {
	for _, version := range []string{"3.0.3", "3.1.0"} {
		t.Run(version, func(t *testing.T) {
			api := mustLoad(t, "openapi: "+version+`
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Base: {type: object, properties: {name: {type: string}}}
    Tagged:
      allOf:
        - {required: [id], properties: {id: {type: string}}}
        - $ref: '#/components/schemas/Base'
    NamedAfter:
      allOf:
        - $ref: '#/components/schemas/Base'
        - required: [name]
    NamedBefore:
      allOf:
        - required: [name]
        - $ref: '#/components/schemas/Base'
    Annotated:
      allOf:
        - description: only an annotation
        - $ref: '#/components/schemas/Base'
`)
			tagged := typeAt(t, api, "#/components/schemas/Tagged")
			require.Equal(t, model.KindStruct, tagged.Kind)
			assert.Equal(t, []string{"id", "name"}, names(tagged))
			assert.True(t, field(t, tagged, "id").Required)
			assert.False(t, field(t, tagged, "name").Required)
			for _, ptr := range []string{"#/components/schemas/NamedAfter", "#/components/schemas/NamedBefore"} {
				named := typeAt(t, api, ptr)
				require.Equal(t, model.KindStruct, named.Kind, ptr)
				assert.Equal(t, []string{"name"}, names(named), ptr)
				assert.True(t, field(t, named, "name").Required, ptr)
			}
			assert.False(t, field(t, typeAt(t, api, "#/components/schemas/Base"), "name").Required, "the member itself is unchanged")
			annotated := typeAt(t, api, "#/components/schemas/Annotated")
			assert.Equal(t, model.KindAlias, annotated.Kind, "a $ref with annotations stays the referenced type")
		})
	}
}

// TestPropertiesBesideUnion: properties beside oneOf/anyOf are in every
// object variant; members that only list required properties leave a
// struct.
func TestPropertiesBesideUnion(t *testing.T) {
	api := mustLoad(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Card: {type: object, required: [number], properties: {number: {type: string}, amount: {type: string}}}
    Payment:
      type: object
      required: [amount, kind]
      properties:
        amount: {type: integer}
        kind: {type: string}
        meta: {type: object, properties: {note: {type: string}}}
      oneOf:
        - $ref: '#/components/schemas/Card'
        - {type: object, properties: {iban: {type: string}}}
        - {required: [meta]}
        - {type: string}
    Search:
      type: object
      properties:
        name: {type: string}
        email: {type: string}
      anyOf:
        - required: [name, email]
        - required: [email]
    Self:
      properties: {x: {type: string}}
      oneOf:
        - $ref: '#/components/schemas/Self'
        - type: integer
`)
	p := typeAt(t, api, "#/components/schemas/Payment")
	require.Equal(t, model.KindUnion, p.Kind)
	require.Len(t, p.Variants, 4)
	card := p.Variants[0].Type
	assert.Equal(t, "#/components/schemas/Payment/oneOf/0", card.Pointer, "a struct of the union's own, Card is shared")
	assert.Same(t, p, card.NameParent)
	assert.Equal(t, []string{"Card"}, card.NameHint)
	assert.Equal(t, []string{"amount", "kind", "meta", "number"}, names(card))
	assert.Equal(t, model.KindString, field(t, card, "amount").Type.Kind, "the variant's definition wins")
	assert.True(t, field(t, card, "amount").Required)
	assert.True(t, field(t, card, "number").Required)
	assert.Equal(t, []string{"number", "amount"}, names(typeAt(t, api, "#/components/schemas/Card")), "Card is unchanged")
	bank := p.Variants[1].Type
	assert.Equal(t, []string{"amount", "kind", "meta", "iban"}, names(bank))
	assert.True(t, field(t, bank, "kind").Required)
	onlyRequired := p.Variants[2].Type
	require.Equal(t, model.KindStruct, onlyRequired.Kind)
	assert.True(t, field(t, onlyRequired, "meta").Required)
	assert.False(t, field(t, bank, "meta").Required)
	assert.Same(t, field(t, card, "meta").Type, field(t, bank, "meta").Type, "the properties are loaded once")
	assert.Equal(t, model.KindString, p.Variants[3].Type.Kind)
	assert.Equal(t, []string{
		"spec.yml:18:11: #/components/schemas/Payment/oneOf/3: the properties beside oneOf are not typed in variant 3, a string: a value of it keeps them as unknown fields",
		"spec.yml:30:11: #/components/schemas/Self/oneOf/0: the properties beside oneOf are not typed in variant 0, which refers back to a schema being defined: a value of it keeps them as unknown fields",
		"spec.yml:31:11: #/components/schemas/Self/oneOf/1: the properties beside oneOf are not typed in variant 1, an integer: a value of it keeps them as unknown fields",
	}, warnings(api))

	search := typeAt(t, api, "#/components/schemas/Search")
	require.Equal(t, model.KindStruct, search.Kind)
	assert.Equal(t, []string{"name", "email"}, names(search))
	assert.False(t, field(t, search, "name").Required)
	assert.True(t, field(t, search, "email").Required, "required by every member")

	self := typeAt(t, api, "#/components/schemas/Self")
	assert.Equal(t, model.KindUnion, self.Kind)
}
