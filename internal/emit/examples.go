package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"sort"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/oagen-dev/oagen/internal/model"
)

// exampleCase is one example of the spec and the Go type it must fit.
type exampleCase struct {
	pointer string // where the example is written
	site    string // what it is an example of: schema, property, parameter, header, request, response
	json    string
	goType  *jen.Statement
	member  string // for a property's example: the property, compared alone
	// request is true for a request body's example, which is encoded in
	// request form; want is then the example without its readOnly members,
	// "" when it has none.
	request bool
	want    string
}

// collectExamples gathers every example the spec gives, each with the Go
// type it belongs to: those of schemas wherever they are (components,
// properties, items, union variants, allOf members, which have the merged
// struct's type), of parameters and response headers (example and every
// entry of examples), and of media types (which is where component
// examples are used). A property's example is also checked as a member of
// its object, where it occurs on the wire.
func collectExamples(api *model.API) []exampleCase {
	var cases []exampleCase
	seen := map[string]bool{}
	add := func(c exampleCase) {
		key := c.pointer + "\x00" + c.site + "\x00" + c.json
		if seen[key] {
			return
		}
		seen[key] = true
		cases = append(cases, c)
	}
	emitted := map[*model.Type]bool{}
	for _, t := range api.Types {
		emitted[t] = true
	}
	for _, t := range api.Types {
		if t.Kind != model.KindStruct {
			continue
		}
		for _, f := range t.Fields {
			if f.Example != nil {
				obj := "{" + strconv.Quote(f.Name) + ":" + f.Example.JSON + "}"
				if json.Valid([]byte(obj)) {
					add(exampleCase{pointer: f.Pointer + "/example", site: "property", json: obj, goType: jen.Id(t.GoName), member: f.Name})
				}
			}
		}
	}
	for _, ex := range api.SchemaExamples {
		if !declared(ex.Type, emitted, 0) {
			continue // left out by the config's filters
		}
		typ := goType(ex.Type)
		if ex.Nullable && !isAny(ex.Type) {
			typ = jen.Id("Nullable").Types(typ)
		}
		add(exampleCase{pointer: ex.Pointer, site: "schema", json: ex.Value.JSON, goType: typ})
	}
	addContents := func(contents []*model.Content, request bool) {
		for _, c := range contents {
			if c.Type == nil || !model.IsJSON(c.MediaType) {
				continue
			}
			for _, ex := range c.Examples {
				ec := exampleCase{pointer: ex.Pointer, site: "response", json: ex.Value.JSON, goType: goType(c.Type)}
				if request {
					ec.site, ec.request = "request", true
					if want := requestForm(c.Type, ex.Value.JSON); want != ex.Value.JSON {
						ec.want = want
					}
				}
				add(ec)
			}
		}
	}
	for _, op := range api.Operations {
		for _, p := range op.Params {
			for _, ex := range p.Examples {
				add(exampleCase{pointer: ex.Pointer, site: "parameter", json: ex.Value.JSON, goType: paramType(p)})
			}
		}
		if op.Body != nil {
			addContents(op.Body.Contents, true)
		}
		for _, r := range op.Responses {
			addContents(r.Contents, false)
			for _, h := range r.Headers {
				for _, ex := range h.Examples {
					add(exampleCase{pointer: ex.Pointer, site: "header", json: ex.Value.JSON,
						goType: fieldType(&model.Field{Type: h.Type, Required: true})})
				}
			}
		}
	}
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].pointer < cases[j].pointer })
	return cases
}

// declared reports whether the Go type of t names only declared types: a
// named type the config's filters dropped is not.
func declared(t *model.Type, emitted map[*model.Type]bool, depth int) bool {
	switch {
	case t == nil || depth > 100:
		return false
	case t.IsNamed():
		return emitted[t]
	case t.Kind == model.KindArray || t.Kind == model.KindMap:
		return declared(t.Elem, emitted, depth+1)
	case t.Kind == model.KindAlias:
		return declared(t.Target, emitted, depth+1)
	}
	return true
}

// requestForm is example data (JSON) of type t as a request sends it: the
// members of readOnly properties left out, at every depth the types say.
// A union's value is sent as it is held, whole. Data that is not JSON is
// returned as it came.
func requestForm(t *model.Type, data string) string {
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return data
	}
	if !dropReadOnly(t, v, 0) {
		return data
	}
	out, err := json.Marshal(v)
	if err != nil {
		return data
	}
	return string(out)
}

// dropReadOnly deletes from v the members of t's readOnly properties and
// reports whether it deleted any.
func dropReadOnly(t *model.Type, v any, depth int) bool {
	t = t.Resolved()
	if t == nil || depth > 64 {
		return false
	}
	dropped := false
	switch t.Kind {
	case model.KindStruct:
		if t.Tuple {
			items, _ := v.([]any)
			for i, f := range t.Fields {
				if i < len(items) {
					dropped = dropReadOnly(f.Type, items[i], depth+1) || dropped
				}
			}
			return dropped
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for _, f := range t.Fields {
			m, ok := obj[f.Name]
			switch {
			case !ok:
			case f.ReadOnly:
				delete(obj, f.Name)
				dropped = true
			default:
				dropped = dropReadOnly(f.Type, m, depth+1) || dropped
			}
		}
	case model.KindArray:
		items, _ := v.([]any)
		for _, item := range items {
			dropped = dropReadOnly(t.Elem, item, depth+1) || dropped
		}
	case model.KindMap:
		obj, _ := v.(map[string]any)
		for _, m := range obj {
			dropped = dropReadOnly(t.Elem, m, depth+1) || dropped
		}
	}
	return dropped
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
	b.WriteString("var exampleCases = []exampleCase{\n")
	for _, c := range collectExamples(api) {
		fmt.Fprintf(&b, "\t{%s, %s, %s, (*%#v)(nil), %s, %t, %s},\n", strconv.Quote(c.pointer), strconv.Quote(c.site),
			strconv.Quote(c.json), c.goType, strconv.Quote(c.member), c.request, strconv.Quote(c.want))
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
	"strings"
	"testing"
	"time"
)

`

const examplesTestFuncs = `
// exampleCase is one example of the spec and the type it belongs to.
type exampleCase struct {
	pointer string // where the spec writes it
	site    string // what it is an example of: schema, property, parameter, header, request, response
	json    string
	typ     any    // a nil pointer to the type
	member  string // for a property's example: the member to compare
	request bool   // a request body's example: encoded in request form
	want    string // in request form, the example without its readOnly members; "" when the same
}

// TestExamplesRoundTrip decodes every example of the spec into its generated
// type and requires the type to encode it back unchanged: the same JSON value
// at every depth, with date-times compared as instants and numbers as
// numbers. A request body's example is encoded as a request sends it, and
// must equal the example without its readOnly members.
//
// An example that does not fit its schema is an error in the spec, not a
// loss, and is counted, not failed: one whose JSON cannot be the type at all
// (an array where the schema says object), or one with members, at any
// depth, that do not fit their field (kept raw, see InvalidFields, and
// written back unchanged like everything else). A value lost or changed is a
// failure.
//
// The counts are of checks: a property's example is checked twice, as a
// member of its object and at its own type. The last line counts distinct
// examples (by where the spec writes them), each in its worst class.
func TestExamplesRoundTrip(t *testing.T) {
	var unchanged, keptRaw, misfits, lost int
	sites := map[string]int{}
	const fits, specError, loss = 0, 1, 2
	worst := map[string]int{} // distinct example → its worst class
	mark := func(pointer string, class int) { worst[pointer] = max(worst[pointer], class) }
	for _, c := range exampleCases {
		sites[c.site]++
		mark(c.pointer, fits)
		v := reflect.New(reflect.TypeOf(c.typ).Elem()).Interface()
		if err := decodeValue([]byte(c.json), v); err != nil {
			t.Logf("%s: the example does not fit its schema: %v", c.pointer, err)
			misfits++
			mark(c.pointer, specError)
			continue
		}
		out, err := marshalValue(v, c.request)
		if err != nil {
			t.Errorf("%s: encode: %v", c.pointer, err)
			lost++
			mark(c.pointer, loss)
			continue
		}
		in := []byte(c.json)
		if c.want != "" {
			in = []byte(c.want)
		}
		if c.member != "" {
			in, out = member(in, c.member), member(out, c.member)
		}
		if !sameExampleJSON(in, out) {
			t.Errorf("%s: lost or changed in a round trip:\nin:  %s\nout: %s", c.pointer, in, out)
			lost++
			mark(c.pointer, loss)
			continue
		}
		if n := invalidMembers(reflect.ValueOf(v), 0); n > 0 {
			t.Logf("%s: %d members do not fit their field: kept raw and written back", c.pointer, n)
			keptRaw++
			mark(c.pointer, specError)
			continue
		}
		unchanged++
	}
	var bySite []string
	for _, s := range []string{"schema", "property", "parameter", "header", "request", "response"} {
		bySite = append(bySite, strconv.Itoa(sites[s])+" "+s)
	}
	byClass := make([]int, 3)
	for _, class := range worst {
		byClass[class]++
	}
	t.Logf("examples: %d distinct examples, in %d checks (sites: %s; a property's example is checked twice, as a member of its object and at its own type)",
		len(worst), len(exampleCases), strings.Join(bySite, ", "))
	t.Logf("examples: %d of %d checks decoded and re-encoded unchanged: %d fit their types; %d do not, in members kept raw and written back (an error in the spec, no loss); %d do not fit their schema at all (an error in the spec); %d lost or changed (a loss: the failures above)",
		unchanged+keptRaw, len(exampleCases), unchanged, keptRaw, misfits, lost)
	t.Logf("examples: of the %d distinct examples, %d fit their types at every check; %d are errors in the spec (no loss); %d are lost or changed (a loss)",
		len(worst), byClass[fits], byClass[specError], byClass[loss])
}

// invalidMembers counts the members kept raw because they did not fit their
// field, in v and every value below it.
func invalidMembers(v reflect.Value, depth int) int {
	if depth > 100 || !v.IsValid() {
		return 0
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 0
		}
		return invalidMembers(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return 0
		}
		n := 0
		for i := 0; i < v.Len(); i++ {
			n += invalidMembers(v.Index(i), depth+1)
		}
		return n
	case reflect.Map:
		n := 0
		for it := v.MapRange(); it.Next(); {
			n += invalidMembers(it.Value(), depth+1)
		}
		return n
	case reflect.Struct:
		n := len(InvalidFields(v.Interface()))
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				n += invalidMembers(v.Field(i), depth+1)
			}
		}
		return n
	}
	return 0
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
