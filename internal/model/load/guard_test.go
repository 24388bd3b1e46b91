package load

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/go-yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/oagen-dev/oagen/internal/model"
)

func TestJSONPathPointer(t *testing.T) {
	tests := []struct{ in, want string }{
		{"$", "#"},
		{"$.components.schemas['Pet']", "#/components/schemas/Pet"},
		{"$.components.schemas['a.b/c~d'].properties.id", "#/components/schemas/a.b~1c~0d/properties/id"},
		{"$.paths['/pets/{id}'].get.parameters[0]", "#/paths/~1pets~1{id}/get/parameters/0"},
		{"$.['example.com']['x.yaml#'].Foo", "#/example.com/x.yaml#/Foo"},
		{"$.x-defs.a4.p0", "#/x-defs/a4/p0"},
		{"components.schemas", "#"},
		{"$.a['unterminated", "#"},
		{"$.a[0", "#"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, jsonPathPointer(tt.in), tt.in)
	}
}

func TestLineCol(t *testing.T) {
	data := []byte("ab\ncé\xffx\n\nz")
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 2, 3}, {7, 2, 4}, {9, 3, 1}, {10, 4, 1},
		{-5, 1, 1}, {100, 4, 2},
	}
	for _, tt := range tests {
		line, col := lineCol(data, tt.off)
		assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{line, col}, "offset %d", tt.off)
	}
}

func TestFirstBadChar(t *testing.T) {
	tests := []struct {
		in   string
		off  int
		what string
	}{
		{"plain: text\n\ttabbed\r\n", -1, ""},
		{"\ufeffbom: first", -1, ""},
		{"a: caf\xe9", 6, "invalid UTF-8: byte 0xE9"},
		{"a: \x00", 3, "the control character U+0000 is not allowed"},
		{"a: \x1b[31m", 3, "the control character U+001B is not allowed"},
		{"a: \uffff", 3, "the control character U+FFFF is not allowed"},
		{"名前: \xff", 8, "invalid UTF-8: byte 0xFF"},
	}
	for _, tt := range tests {
		off, what := firstBadChar([]byte(tt.in))
		assert.Equal(t, tt.off, off, "%q", tt.in)
		assert.Equal(t, tt.what, what, "%q", tt.in)
	}
}

func TestFixLoneSurrogates(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a": "\ud800"}`, `{"a": "\ufffd"}`},
		{`{"a": "\udc00x"}`, `{"a": "\ufffdx"}`},
		{`{"a": "\ud83d\ude00"}`, `{"a": "\ud83d\ude00"}`},               // a pair: 😀
		{`{"a": "\ud83d\u0041"}`, `{"a": "\ufffd\u0041"}`},               // high, then not low
		{`{"a": "\\ud800"}`, `{"a": "\\ud800"}`},                         // an escaped backslash, then text
		{`{"\ud800": 1, "b": "\u00e9"}`, `{"\ufffd": 1, "b": "\u00e9"}`}, // keys too
		{`{"a": "\ud80"}`, `{"a": "\ud80"}`},                             // not an escape: left for the parser
		{`{"a": 1} \ud800`, `{"a": 1} \ud800`},                           // outside strings
	}
	for _, tt := range tests {
		got := fixLoneSurrogates([]byte(tt.in))
		assert.Equal(t, tt.want, string(got), tt.in)
		assert.Len(t, got, len(tt.in), "positions move")
	}
	in := []byte(`{"a": "\ud800"}`)
	fixLoneSurrogates(in)
	assert.Equal(t, `{"a": "\ud800"}`, string(in), "the input is changed in place")
}

// TestDepthCheck: nesting is measured with YAML aliases followed, each node
// once, and an alias inside its own anchor is refused.
func TestDepthCheck(t *testing.T) {
	depthErr := func(t *testing.T, src string) error {
		var root yaml.Node
		require.NoError(t, yaml.Unmarshal([]byte(src), &root))
		l := &loader{file: "spec.yml"}
		return l.checkDepth(&root)
	}
	nested := func(n int) string {
		return strings.Repeat("[", n) + strings.Repeat("]", n)
	}
	assert.NoError(t, depthErr(t, "a: "+nested(MaxDepth-1)))
	assert.EqualError(t, depthErr(t, "a: "+nested(MaxDepth)),
		fmt.Sprintf("spec.yml:1:%d: #/a%s: nested more than %d levels deep: oagen reads specs nested up to %d levels",
			MaxDepth+3, strings.Repeat("/0", MaxDepth-1), MaxDepth, MaxDepth))

	assert.EqualError(t, depthErr(t, "a: &x [1, {b: *x}]"),
		"spec.yml:1:15: #/a/1/b: the alias *x is inside its own anchor, which makes the document infinitely deep: write a recursive schema with $ref")

	// An alias bomb: 40 levels that each repeat the one before ten times,
	// 10^40 nodes expanded. Measured in linear time.
	var b strings.Builder
	b.WriteString("l0: &l0 {type: string}\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	start := time.Now()
	assert.NoError(t, depthErr(t, b.String()))
	assert.Less(t, time.Since(start), 2*time.Second)

	// ... and its depth counts the levels the aliases add.
	b.Reset()
	b.WriteString("l0: &l0 [x]\n")
	for i := 1; i <= MaxDepth; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [*l%d]\n", i, i, i-1)
	}
	err := depthErr(t, b.String())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nested more than 256 levels deep")
}

func TestDuplicateKeys(t *testing.T) {
	var root yaml.Node
	require.NoError(t, yaml.Unmarshal([]byte("a: 1\nb:\n  c: 1\n  c: 2\n  c: 3\na: 2\nd: [{e: 1, e: 2}]\n"), &root))
	l := &loader{file: "spec.yml"}
	l.checkDuplicateKeys(&root)
	l.errs.Sort()
	assert.Equal(t, "spec.yml:4:3: #/b/c: duplicate key \"c\" (first at line 3, column 3)\n"+
		"spec.yml:5:3: #/b/c: duplicate key \"c\" (first at line 3, column 3)\n"+
		"spec.yml:6:1: #/a: duplicate key \"a\" (first at line 1, column 1)\n"+
		"spec.yml:7:12: #/d/0/e: duplicate key \"e\" (first at line 7, column 6)", l.errs.Error())
}

func TestSizeLimit(t *testing.T) {
	_, err := Load("big.yml", make([]byte, MaxSpecSize+1))
	assert.EqualError(t, err, fmt.Sprintf("big.yml:1:1: #: the file is %d bytes (20.0 MiB); oagen reads specs of up to 20 MiB: generate from a smaller spec, e.g. only the paths you need", MaxSpecSize+1))
	// Exactly at the limit it is read (and found empty: zeros are blank to
	// no one, but NUL is refused by YAML).
	_, err = Load("big.yml", []byte(strings.Repeat(" ", MaxSpecSize)))
	assert.EqualError(t, err, "big.yml:1:1: #: the file is empty")
}

// TestFieldLimit: allOf chains that expand past MaxFields stop at the first
// field too many, in time linear in the fields made.
func TestFieldLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S0: {type: object, properties: {p0: {type: string}}}\n")
	for i := 1; i < 800; i++ {
		fmt.Fprintf(&b, "    S%d: {allOf: [{$ref: '#/components/schemas/S%d'}, {properties: {p%d: {type: string}}}]}\n", i, i-1, i)
	}
	_, err := Load("spec.yml", []byte(b.String()))
	var ds model.Diagnostics
	require.ErrorAs(t, err, &ds)
	require.Len(t, ds, 1)
	assert.Contains(t, ds[0].Message, fmt.Sprintf("more than %d fields in all", MaxFields))
	assert.True(t, strings.HasPrefix(ds[0].Pointer, "#/components/schemas/S"), ds[0].Pointer)
}

func TestCircularReferences(t *testing.T) {
	src := `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
    C: {allOf: [{$ref: '#/components/schemas/C'}]}
    D: {anyOf: [{$ref: '#/components/schemas/D'}, {type: 'null'}]}
    Tree:
      type: object
      properties:
        kids: {type: array, items: {$ref: '#/components/schemas/Tree'}}
        parent: {$ref: '#/components/schemas/Tree'}
`
	ds := guardLoadErr(t, src)
	assert.Equal(t, "spec.yml:6:8: #/components/schemas/A: circular reference: #/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A: none of these schemas defines a type\n"+
		"spec.yml:8:8: #/components/schemas/C: circular reference: the schema refers only to itself and defines no type\n"+
		"spec.yml:9:8: #/components/schemas/D: circular reference: the schema refers only to itself and defines no type", ds.Error())
}

// TestUnsupportedKeywords: each keyword that shapes values but that oagen
// does not type is a warning at the schema, and a note on its type.
func TestUnsupportedKeywords(t *testing.T) {
	tests := []struct{ schema, want string }{
		{"{allOf: [{properties: {a: {type: string}}}], anyOf: [{type: string}, {type: integer}]}",
			"the allOf beside anyOf is not merged: the variants keep its properties as unknown fields"},
		{"{type: object, patternProperties: {'^x-': {type: string}, '^y-': {type: integer}}}",
			"patternProperties give their members different types: the members they describe are kept, untyped"},
		{"{type: object, patternProperties: {'(?<=a)b': {type: string}}}",
			`patternProperties "(?<=a)b" is not a pattern Go's regexp (RE2) reads: the members it describes are kept, untyped`},
		{"{type: object, const: {a: 1}}",
			"const object value is not a Go constant: typed as its object, and the value is not checked"},
		{"{type: object, properties: {a: {type: string}}, if: {required: [a]}, then: {oneOf: [{properties: {b: {type: string}}}]}}",
			"the allOf, oneOf, anyOf or nested conditions in then are not read: the members they describe are kept, untyped"},
		{"{const: [1]}",
			"const array value is not a Go constant: typed as its array, and the value is not checked"},
		{"{$dynamicRef: '#node'}", `$dynamicRef "#node" is not followed: the schema is read without it`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			api := guardLoadOK(t, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    X: "+tt.schema+"\n")
			assert.Equal(t, []string{"spec.yml:6:8: #/components/schemas/X: " + tt.want}, guardWarnings(api))
			assert.Equal(t, tt.want, api.Types[0].Fallback)
		})
	}
	// Validation keywords are not warned about: generated types check nothing.
	api := guardLoadOK(t, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    X: {type: string, not: {enum: [a]}, minLength: 1, pattern: '^x'}\n")
	assert.Empty(t, api.Warnings)
}

func TestCallbacksLoadWithoutWarning(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths:
  /a:
    post:
      operationId: a
      callbacks:
        done:
          '{$request.body#/url}':
            post:
              responses: {'200': {description: ok}}
      responses: {'200': {description: ok}}
`)
	assert.Empty(t, guardWarnings(api), "callbacks are served by the webhook handler")
	require.Len(t, api.Operations, 2)
	cb := api.Operations[1]
	assert.Equal(t, "a done", cb.ID)
	assert.Equal(t, "done", cb.Callback)
	assert.Same(t, api.Operations[0], cb.CallbackOf)
	assert.True(t, cb.Webhook)
	assert.Equal(t, "#/paths/~1a/post/callbacks/done/{$request.body#~1url}/post", cb.Pointer)
}

func guardLoadOK(t *testing.T, src string) *model.API {
	t.Helper()
	api, err := Load("spec.yml", []byte(src))
	require.NoError(t, err)
	return api
}

func guardLoadErr(t *testing.T, src string) model.Diagnostics {
	t.Helper()
	_, err := Load("spec.yml", []byte(src))
	var ds model.Diagnostics
	require.ErrorAs(t, err, &ds)
	return ds
}

func guardWarnings(api *model.API) []string {
	var out []string
	for _, w := range api.Warnings {
		out = append(out, w.Error())
	}
	return out
}

// TestUnsupportedInAllOf: the keywords are found in an inline allOf member
// too, and noted on the merged struct.
func TestUnsupportedInAllOf(t *testing.T) {
	api := guardLoadOK(t, `openapi: 3.1.0
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    X:
      allOf:
        - {type: object, properties: {a: {type: string}}}
        - {patternProperties: {'^x-': {type: string}, '^y-': {type: integer}}}
`)
	want := "patternProperties give their members different types: the members they describe are kept, untyped"
	assert.Equal(t, []string{"spec.yml:9:11: #/components/schemas/X/allOf/1: " + want}, guardWarnings(api))
	assert.Equal(t, want, api.Types[0].Fallback)
}
