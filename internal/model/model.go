// Package model is oagen's intermediate representation of an API: plain data,
// decided once by the loader and the naming pass, then only printed by the
// emitters. It knows nothing of libopenapi or of Go syntax trees.
//
// Every collection is a slice in document order. Every node carries the
// position and JSON pointer of the spec text it came from, so that any
// message about it can point back into the spec.
package model

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Pos is a place in a spec file. Line and Col are 1-based; 0 means unknown.
type Pos struct {
	File string // as given on the command line, e.g. "specs/porting-orders.yml"
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// API is a whole loaded spec.
type API struct {
	Title       string
	Version     string // info.version
	Description string
	OpenAPI     string // the document's openapi version, e.g. "3.1.0"
	Servers     []Server

	// Types holds every named type: components first, in document order,
	// then the inline schemas that were promoted to named types, in the order
	// the loader met them.
	Types []*Type

	Operations      []*Operation // paths first, then webhooks; document order
	Services        []*Service   // set by the naming pass, sorted by name
	SecuritySchemes []*SecurityScheme
	Security        []SecurityRequirement // the document-wide default

	// Webhooks are the events the generated webhook handler serves, set by
	// PlanWebhooks; nil when the spec sends none.
	Webhooks *Webhooks

	// SchemaExamples are the examples written in schemas (example, and
	// each of examples), wherever the schema is: a component, a property,
	// an array's items, a union's variant, an allOf member. Each has the
	// type of the place it describes. Document order, as loaded.
	SchemaExamples []*SchemaExample

	Warnings []*Diagnostic // problems the generator worked around
	// SplitFiles is true when the spec refers to other files, which the
	// loader joined into one document.
	SplitFiles bool
}

// Server is one entry of servers.
type Server struct {
	URL         string
	Description string
	Variables   []ServerVariable

	// GoName is the exported constant (a server without variables used in
	// its URL) or function (one with) that gives its URL, set by the naming
	// pass, e.g. "ServerProductionURL".
	GoName string
}

// ServerVariable is a {name} in a server URL.
type ServerVariable struct {
	Name        string
	Default     string
	Enum        []string
	Description string

	// Set by the naming pass, for a variable used in the URL:
	Param    string   // the function's parameter, e.g. "region"
	TypeName string   // with an enum: the string type of its values, e.g. "ServerRegionalRegion"
	Consts   []string // with an enum: the constant of each value, in enum order
}

// Used reports whether the server's URL holds {name}.
func (s *Server) Used(name string) bool {
	return strings.Contains(s.URL, "{"+name+"}")
}

// Kind says what a Type is. Fields of Type note the kinds they apply to.
type Kind int

const (
	KindAny     Kind = iota // any JSON value: no type, {}, or a fallback
	KindString              // Format refines it
	KindInteger             // Format "int32" or "int64" (default)
	KindNumber              // Format "float" or "double" (default)
	KindBoolean             //
	KindArray               // Elem
	KindMap                 // an object with only additionalProperties: Elem
	KindStruct              // an object with properties: Fields (or a tuple: Tuple)
	KindEnum                // Base, Values
	KindUnion               // oneOf / anyOf / a type array: Variants
	KindAlias               // a named schema that is just a $ref to another: Target
)

var kindNames = [...]string{"any", "string", "integer", "number", "boolean", "array", "map", "struct", "enum", "union", "alias"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Type is a schema as the generator sees it. Named types (components, and
// inline objects, enums and unions promoted to a name) have a GoName; the
// others (primitives, arrays, maps written in place) are anonymous.
type Type struct {
	Kind    Kind
	Pointer string // JSON pointer of the schema, e.g. "#/components/schemas/Pet"
	Pos     Pos

	// Named is true for types that get a Go declaration of their own.
	Named bool
	// NameParent and NameHint are what the naming pass builds the Go name
	// from: NameParent's Go name (if any) followed by the words of NameHint.
	// A component has no parent and its key as the hint; an inline object in
	// a property has its struct as parent and the property name as hint,
	// e.g. UpdatePortingOrder + ["activation_settings"]. Only for named types.
	NameParent *Type
	NameHint   []string
	// Component is the component's key when the type is a component schema.
	Component string
	// GoName is the exported Go identifier, set by the naming pass.
	GoName string
	// Pin, when set, is the Go name the user chose; the naming pass keeps it.
	Pin *Pin

	Title       string
	Description string
	Deprecated  bool
	Example     *Value // example, or the first of examples

	Format string // string: "date-time", "date", "uuid", "uri", "byte", "binary", ...; integer/number: "int32", "float", ...
	// Float32 is true for a number that oagen.yaml's formats maps to
	// float32 (number only). A spec's format: float alone is a float64: a
	// float32 would round values a server sends.
	Float32 bool
	// ContentMediaType is a string's contentMediaType (JSON Schema, OpenAPI
	// 3.1), e.g. "image/png"; "" when the schema gives none. A file part of a
	// multipart body goes with it when the encoding names no Content-Type.
	ContentMediaType string
	// Upload is true for a binary string sent as a file part of a multipart
	// body (set by the emitter): an UploadFile rather than a string, which
	// binary data stays in JSON.
	Upload bool

	Elem         *Type // array, map: the element type
	ElemNullable bool  // array, map: elements may be null

	Fields []*Field // struct, in document order
	// Extra is the type of additionalProperties values on a struct that also
	// has properties; nil when there is none or it is false.
	Extra *Type
	// Closed is true when additionalProperties is false.
	Closed bool

	Base   Kind         // enum: KindString, KindInteger, KindNumber or KindBoolean
	Values []*EnumValue // enum, in document order; null members are not listed

	Variants      []*Variant     // union, in document order
	Discriminator *Discriminator // union, or struct with Subtypes: nil when the spec gives none
	// Subtypes are, for a struct with a discriminator of its own (Pet, which
	// Cat and Dog extend with allOf), the schemas its discriminator values
	// select: the mapping's, then the components that allOf it.
	Subtypes  []*Variant
	Exclusive bool // union: oneOf (exactly one) rather than anyOf

	Target *Type // alias

	// Recursive is true for a named array or map that contains itself
	// through other types (set by MarkRecursiveAliases): it is declared as a
	// defined type, not an alias.
	Recursive bool

	// Nullable is true when the schema itself admits null (a type array with
	// "null", nullable: true, a null enum member, or an anyOf/oneOf member
	// {type: null}). Fields and elements that use the type inherit it.
	Nullable bool

	// Fallback says why the type could not be typed faithfully and fell back
	// to KindAny; empty otherwise.
	Fallback string

	// ExtraNullable is true when the values of Extra may be null.
	ExtraNullable bool
	// Pattern is the regular expression (Go's RE2 syntax, which the loader
	// checked) that the keys of a struct's typed patternProperties match,
	// several patterns joined by "|"; PatternElem is the type of their
	// values. Pattern is "" when the struct has none, or they are untyped.
	Pattern         string
	PatternElem     *Type
	PatternNullable bool
	// Tuple is true for a struct that stands for an array with
	// prefixItems: its Fields are the positions, in order, and it is
	// encoded as a JSON array. Rest is the type of the items after them
	// (items); nil when items is false.
	Tuple        bool
	Rest         *Type
	RestNullable bool
	// DefsOwner is, for a type defined in $defs, the named type of the
	// schema whose $defs hold it: the naming pass names the type after its
	// key (Inner), or after both (OuterInner) when the key is taken.
	DefsOwner *Type
	// Usage says where an inline type is used when that is not a client
	// call, e.g. "the request body of the webhook petAdded"; empty otherwise.
	Usage string
	// Role says what a named type is for in Go terms, set by the naming
	// pass, e.g. "the 202 response of PortingOrders.Actions.Activate (POST
	// /porting_orders/{id}/actions/activate)" or "the type of
	// PortingOrder.Misc"; empty for a component schema or where the place
	// of the schema says nothing more.
	Role string
}

// Resolved follows aliases to the type t stands for. A loop of aliases (the
// loader refuses them) stops after 100 steps rather than hanging.
func (t *Type) Resolved() *Type {
	for i := 0; t != nil && t.Kind == KindAlias && i < 100; i++ {
		t = t.Target
	}
	return t
}

// HasExample reports whether t, or the type an alias of it names on the way,
// carries an example of its own.
func (t *Type) HasExample() bool {
	for i := 0; t != nil && i < 100; i++ {
		if t.Example != nil {
			return true
		}
		if t.Kind != KindAlias {
			return false
		}
		t = t.Target
	}
	return false
}

// Children calls yield for each type t is made of directly: its elements,
// typed additional and pattern members, alias target, field types and
// variant types (nil ones left out). Walks over the type graph use it, so
// that a new kind of child is seen by all of them.
func (t *Type) Children(yield func(*Type)) {
	for _, c := range []*Type{t.Elem, t.Extra, t.PatternElem, t.Target} {
		if c != nil {
			yield(c)
		}
	}
	for _, f := range t.Fields {
		if f.Type != nil {
			yield(f.Type)
		}
	}
	for _, v := range t.Variants {
		if v.Type != nil {
			yield(v.Type)
		}
	}
}

// IsNamed reports whether t gets its own Go declaration.
func (t *Type) IsNamed() bool { return t != nil && t.Named }

// Field is one property of a struct.
type Field struct {
	Name    string // the JSON name, exactly as in the spec
	GoName  string // set by the naming pass, e.g. "CustomerReference"
	Pin     *Pin   // the Go name the user chose, if any; the naming pass keeps it
	Pointer string
	Pos     Pos

	Type     *Type
	Required bool // listed in required: always sent
	Nullable bool // may be null: the field, its $ref siblings, or its type says so

	// Indirect is true when the field's struct type contains the field's own
	// struct by value (set by MarkIndirectFields): the Go field holds a pointer.
	Indirect bool

	ReadOnly   bool // never sent in a request body
	WriteOnly  bool
	Deprecated bool

	Description string
	Example     *Value

	// Note is what the generator adds to the field's doc, e.g. that it is
	// present only when an if condition holds.
	Note string
}

// EnumValue is one member of an enum.
type EnumValue struct {
	Value  *Value
	GoName string // the constant's name, set by the naming pass: TypeName + value
}

// Variant is one member of a union.
type Variant struct {
	Type *Type
	// Tags are the discriminator values that select this variant, in mapping
	// order; empty without a discriminator.
	Tags   []string
	GoName string // set by the naming pass: the suffix of the AsX method, e.g. "String"
	// Constructor is the function that makes the union from this variant,
	// set by the naming pass, e.g. "StatusFilterFromString".
	Constructor string
}

// DiscriminatorTag is what the constructor of union variant v writes into
// the variant's discriminator property when the caller left it unset, so
// that a union built in Go goes out tagged as the spec requires: the field
// of v's struct that holds the property, and the value (as a Go string).
// The value is the property's const (a one-value string enum), else the
// first of v's tags (mapped, or v's component name) the property's type
// allows. It returns nil and "" when there is nothing to write: no
// discriminator, no tag, a variant that is no struct or lacks a writable
// string property of that name.
func (v *Variant) DiscriminatorTag(d *Discriminator) (*Field, string) {
	if d == nil {
		return nil, ""
	}
	st := v.Type.Resolved()
	if st == nil || st.Kind != KindStruct || st.Tuple {
		return nil, ""
	}
	for _, f := range st.Fields {
		if f.Name != d.Property {
			continue
		}
		ft := f.Type.Resolved()
		if f.ReadOnly || f.Indirect || ft == nil {
			return nil, ""
		}
		switch {
		case ft.Kind == KindString:
			if len(v.Tags) > 0 {
				return f, v.Tags[0]
			}
		case ft.Kind == KindEnum && ft.Base == KindString:
			var values []string
			for _, ev := range ft.Values {
				var s string
				if json.Unmarshal([]byte(ev.Value.JSON), &s) == nil {
					values = append(values, s)
				}
			}
			if len(values) == 1 {
				return f, values[0]
			}
			for _, tag := range v.Tags {
				if slices.Contains(values, tag) {
					return f, tag
				}
			}
		}
		return nil, ""
	}
	return nil, ""
}

// Discriminator is a union's discriminator.
type Discriminator struct {
	Property string
}

// Value is a literal from the spec: an enum member, a const, an example.
// JSON is its canonical JSON encoding, e.g. `"full"`, `5`, `null`, `{"a":1}`.
type Value struct {
	JSON string
	Pos  Pos
}

// SchemaExample is an example written in a schema, with the type a value
// of that schema has in Go: the schema's own, or for an allOf member the
// merged struct's.
type SchemaExample struct {
	Value    *Value
	Pointer  string // e.g. "#/components/schemas/Pet/properties/tags/items/example"
	Type     *Type
	Nullable bool // the place admits null
}
