package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"sort"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// exampleCase is one example of the spec and the Go type it must fit.
type exampleCase struct {
	pointer string // where the example is written
	json    string
	goType  *jen.Statement
	member  string // for a property's example: the property, compared alone
}

// collectExamples gathers every example the spec gives: on schemas, on
// properties, on parameters and on media types (which is where component
// examples are used), each with the Go type it belongs to.
func collectExamples(api *model.API) []exampleCase {
	var cases []exampleCase
	seen := map[string]bool{}
	add := func(pointer string, v *model.Value, t *jen.Statement, member ...string) {
		if v == nil || seen[pointer+"\x00"+v.JSON] {
			return
		}
		key := pointer + "\x00" + v.JSON
		seen[key] = true
		c := exampleCase{pointer: pointer, json: v.JSON, goType: t}
		if len(member) > 0 {
			c.member = member[0]
		}
		cases = append(cases, c)
	}
	for _, t := range api.Types {
		if t.Named && t.Example != nil {
			typ := jen.Id(t.GoName)
			if t.Nullable && !isAny(t) {
				typ = jen.Id("Nullable").Types(typ)
			}
			add(t.Pointer+"/example", t.Example, typ)
		}
		if t.Kind != model.KindStruct {
			continue
		}
		// A property's example is checked where it occurs on the wire, as
		// a member of its object; only that member is compared, as the
		// object's required fields are written too.
		for _, f := range t.Fields {
			if f.Example != nil {
				obj := &model.Value{JSON: "{" + strconv.Quote(f.Name) + ":" + f.Example.JSON + "}"}
				if json.Valid([]byte(obj.JSON)) {
					add(f.Pointer+"/example", obj, jen.Id(t.GoName), f.Name)
				}
			}
		}
	}
	addContents := func(contents []*model.Content) {
		for _, c := range contents {
			if c.Type == nil || !model.IsJSON(c.MediaType) {
				continue
			}
			for _, ex := range c.Examples {
				add(ex.Pointer, ex.Value, goType(c.Type))
			}
		}
	}
	for _, op := range api.Operations {
		for _, p := range op.Params {
			if p.Example != nil {
				add(p.Pointer+"/example", p.Example, paramType(p))
			}
		}
		if op.Body != nil {
			addContents(op.Body.Contents)
		}
		for _, r := range op.Responses {
			addContents(r.Contents)
		}
	}
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].pointer < cases[j].pointer })
	return cases
}

// examplesTest renders a test that decodes every example into its type and
// requires the re-encoded JSON to equal it. The table holds typed nil
// pointers rather than constructor functions: data, not code, so that a spec
// with thousands of examples does not slow the test's compilation. The file
// is text with a fixed import list, because its helpers never vary.
func examplesTest(api *model.API, opts Options) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s\n\npackage %s\n\n", Header(opts.SpecPath), opts.Package)
	b.WriteString(examplesTestImports)
	b.WriteString("// exampleCases holds every example of the spec with the type it belongs to.\n")
	b.WriteString("var exampleCases = []struct {\n\tpointer string\n\tjson    string\n\ttyp     any    // a nil pointer to the type\n\tmember  string // for a property's example: the member to compare\n}{\n")
	for _, c := range collectExamples(api) {
		fmt.Fprintf(&b, "\t{%s, %s, (*%#v)(nil), %s},\n", strconv.Quote(c.pointer), strconv.Quote(c.json), c.goType, strconv.Quote(c.member))
	}
	b.WriteString("}\n")
	b.WriteString(examplesTestFuncs)
	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("internal error: examples_test.go does not parse: %w", err)
	}
	return out, nil
}

const examplesTestImports = `import (
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
	"time"
)

`

const examplesTestFuncs = `
// TestExamplesRoundTrip decodes every example of the spec into its generated
// type and requires the type to encode it back unchanged: the same JSON value,
// with date-times compared as instants and numbers as numbers.
//
// An example whose JSON cannot be the type at all (an array where the schema
// says object) is an error in the spec, not a loss: it is listed in the log
// and counted, not failed. A member that does not fit its field is kept
// (see InvalidFields) and must come back unchanged like everything else.
func TestExamplesRoundTrip(t *testing.T) {
	checked, misfits, invalid := 0, 0, 0
	for _, c := range exampleCases {
		v := reflect.New(reflect.TypeOf(c.typ).Elem()).Interface()
		if err := decodeValue([]byte(c.json), v); err != nil {
			t.Logf("%s: the example does not fit its schema: %v", c.pointer, err)
			misfits++
			continue
		}
		if len(InvalidFields(v)) > 0 {
			invalid++
		}
		out, err := marshalValue(v, false)
		if err != nil {
			t.Errorf("%s: encode: %v", c.pointer, err)
			continue
		}
		in := []byte(c.json)
		if c.member != "" {
			in, out = member(in, c.member), member(out, c.member)
		}
		if !sameExampleJSON(in, out) {
			t.Errorf("%s: lost or changed in a round trip:\nin:  %s\nout: %s", c.pointer, c.json, out)
			continue
		}
		checked++
	}
	t.Logf("examples: %d of %d decoded and re-encoded unchanged (%d with members kept raw because they do not fit their field); %d do not fit their schema",
		checked, len(exampleCases), invalid, misfits)
}

// member returns member name of a JSON object, or nil.
func member(data []byte, name string) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	return m[name]
}

// sameExampleJSON compares two JSON documents as values.
func sameExampleJSON(a, b []byte) bool {
	var x, y any
	if decodeValue(a, &x) != nil || decodeValue(b, &y) != nil {
		return false
	}
	return sameExampleValue(x, y)
}

func sameExampleValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !sameExampleValue(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameExampleValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case string:
		y, ok := b.(string)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		tx, errX := time.Parse(time.RFC3339Nano, x)
		ty, errY := time.Parse(time.RFC3339Nano, y)
		return errX == nil && errY == nil && tx.Equal(ty)
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		fx, errX := strconv.ParseFloat(string(x), 64)
		fy, errY := strconv.ParseFloat(string(y), 64)
		return errX == nil && errY == nil && fx == fy
	}
	return a == b
}
`
