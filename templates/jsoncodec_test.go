package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fuzzDoc stands in for a generated struct with a field of every kind the
// generator emits.
type fuzzDoc struct {
	S    Opt[string]           `json:"s,omitzero"`
	I    Opt[int64]            `json:"i,omitzero"`
	I32  Opt[int32]            `json:"i32,omitzero"`
	F    Opt[float64]          `json:"f,omitzero"`
	B    Opt[bool]             `json:"b,omitzero"`
	T    Opt[time.Time]        `json:"t,omitzero"`
	D    Opt[Date]             `json:"d,omitzero"`
	L    Opt[[]string]         `json:"l,omitzero"`
	M    Opt[map[string]int64] `json:"m,omitzero"`
	Sub  Opt[fuzzInner]        `json:"sub,omitzero"`
	Subs Opt[[]fuzzInner]      `json:"subs,omitzero"`
	Any  Opt[any]              `json:"any,omitzero"`
	NS   Nullable[string]      `json:"ns,omitzero"`
	Req  string                `json:"req"`
	Bin  Opt[[]byte]           `json:"bin,omitzero"`

	kept keptFields
}

// fuzzInner's fields are optional: a required one is always written, so a
// member the input lacked would appear (fuzzDoc.Req covers that case).
type fuzzInner struct {
	Name Opt[string] `json:"name,omitzero"`
	N    Opt[int64]  `json:"n,omitzero"`

	kept keptFields
}

func (s fuzzDoc) MarshalJSON() ([]byte, error)       { return marshalValue(&s, false) }
func (s *fuzzDoc) UnmarshalJSON(data []byte) error   { return decodeStruct(data, s) }
func (s fuzzInner) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *fuzzInner) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }

// plainDoc is fuzzDoc as encoding/json reads it: a pointer per field, nil
// when the member is absent or null.
type plainDoc struct {
	S    *string           `json:"s"`
	I    *int64            `json:"i"`
	I32  *int32            `json:"i32"`
	F    *float64          `json:"f"`
	B    *bool             `json:"b"`
	T    *time.Time        `json:"t"`
	D    *Date             `json:"d"`
	L    *[]string         `json:"l"`
	M    *map[string]int64 `json:"m"`
	Sub  *plainInner       `json:"sub"`
	Subs *[]plainInner     `json:"subs"`
	Any  *any              `json:"any"`
	NS   *string           `json:"ns"`
	Req  *string           `json:"req"`
	Bin  *[]byte           `json:"bin"`
}

type plainInner struct {
	Name *string `json:"name"`
	N    *int64  `json:"n"`
}

func TestDuplicateKeysReadWhatIsWritten(t *testing.T) {
	cases := []struct {
		in, out string
		invalid map[string]json.RawMessage
		unknown map[string]json.RawMessage
	}{
		// The last one counts, whichever fits.
		{in: `{"i":5,"i":"b","req":""}`, out: `{"i":"b","req":""}`, invalid: map[string]json.RawMessage{"i": json.RawMessage(`"b"`)}},
		{in: `{"i":"b","i":5,"req":""}`, out: `{"i":5,"req":""}`},
		{in: `{"x":1,"req":"","x":{"a":2}}`, out: `{"req":"","x":{"a":2}}`, unknown: map[string]json.RawMessage{"x": json.RawMessage(`{"a":2}`)}},
		{in: `{"m":{"a":1,"a":2},"req":""}`, out: `{"m":{"a":2},"req":""}`},
		{in: `{"sub":{"name":"a"},"sub":{"n":1},"req":""}`, out: `{"sub":{"n":1},"req":""}`},
	}
	for _, c := range cases {
		var v fuzzDoc
		require.NoError(t, json.Unmarshal([]byte(c.in), &v), c.in)
		assert.Equal(t, c.invalid, InvalidFields(v), c.in)
		assert.Equal(t, c.unknown, UnknownFields(v), c.in)
		out, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, c.out, string(out), c.in)
	}
	var v fuzzDoc
	require.NoError(t, json.Unmarshal([]byte(`{"i":"b","i":5}`), &v))
	assert.Equal(t, Some[int64](5), v.I)
}

func TestManyKeptMembersCostLinearTime(t *testing.T) {
	// 40,000 unknown names, each twice: with a search of the kept members
	// per member this is 10^9 comparisons; with the index, 80,000 steps.
	var b strings.Builder
	b.WriteString(`{"req":""`)
	for round := 0; round < 2; round++ {
		for i := 0; i < 40000; i++ {
			b.WriteString(`,"k` + strconv.Itoa(i) + `":` + strconv.Itoa(round))
		}
	}
	b.WriteString(`}`)
	var v fuzzDoc
	require.NoError(t, json.Unmarshal([]byte(b.String()), &v))
	unknown := UnknownFields(v)
	assert.Len(t, unknown, 40000)
	assert.Equal(t, json.RawMessage(`1`), unknown["k39999"], "the last one counts")
}

func TestInvalidUnicodeIsKeptAsItCame(t *testing.T) {
	for _, in := range []string{
		"{\"s\":\"a\xffb\"}",
		`{"s":"\ud800"}`,        // a high surrogate alone
		`{"s":"\udc00\ud800x"}`, // low before high
		"{\"any\":[\"\xc3\"]}",  // inside a free-form value
		"{\"m\":{\"\xff\":1}}",  // a map key
	} {
		var v fuzzDoc
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.False(t, v.S.Set, in)
		assert.Len(t, InvalidFields(v), 1, in)
		out, err := v.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, strings.TrimSuffix(in, "}")+`,"req":""}`, string(out), "written back byte for byte")
	}
	// An unknown member's name that is not UTF-8 comes back too.
	in := "{\"req\":\"\",\"\xfe\":1}"
	var v fuzzDoc
	require.NoError(t, v.UnmarshalJSON([]byte(in)))
	out, err := v.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, in, string(out))
	// Valid escapes decode.
	require.NoError(t, v.UnmarshalJSON([]byte(`{"req":"","s":"\ud83d\ude00 \u00e9\n\/"}`)))
	assert.Equal(t, Some("😀 é\n/"), v.S)
}

func TestNullItemIsKept(t *testing.T) {
	for _, in := range []string{
		`{"l":["a",null],"req":""}`,
		`{"subs":[{"name":"a"},null],"req":""}`,
		`{"m":{"a":null},"req":""}`,
	} {
		var v fuzzDoc
		require.NoError(t, json.Unmarshal([]byte(in), &v), in)
		assert.Len(t, InvalidFields(v), 1, in)
		assert.False(t, v.L.Set || v.Subs.Set || v.M.Set, in)
		out, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, in, string(out))
	}
	// Items that may be null decode as null.
	var tu tuple
	require.NoError(t, json.Unmarshal([]byte(`["a",1,true,null]`), &tu))
	assert.Equal(t, []Nullable[int64]{Null[int64]()}, tu.Rest)
}

func TestBase64KeepsItsSpelling(t *testing.T) {
	var v fuzzDoc
	require.NoError(t, v.UnmarshalJSON([]byte(`{"bin":"aGk=","req":""}`)))
	assert.Equal(t, Some([]byte("hi")), v.Bin)
	for _, in := range []string{
		`{"req":"","bin":"abcd123="}`, // non-zero padding bits: abcd120= is the same bytes
		`{"req":"","bin":"aGk"}`,      // no padding
		`{"req":"","bin":"aG\nk="}`,   // a line break
		`{"req":"","bin":"a-_="}`,     // URL alphabet
	} {
		var v fuzzDoc
		require.NoError(t, v.UnmarshalJSON([]byte(in)), in)
		assert.False(t, v.Bin.Set, in)
		out, err := v.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, in, string(out), "kept as it came")
	}
}

func TestSetFieldWinsOverKeptValue(t *testing.T) {
	var v fuzzDoc
	require.NoError(t, v.UnmarshalJSON([]byte(`{"i":"x","req":7}`)))
	assert.Equal(t, map[string]json.RawMessage{"i": json.RawMessage(`"x"`), "req": json.RawMessage(`7`)}, InvalidFields(v))
	out, _ := v.MarshalJSON()
	assert.Equal(t, `{"i":"x","req":7}`, string(out), "untouched: written back")
	v.I = Some[int64](5)
	v.Req = "r"
	out, _ = v.MarshalJSON()
	assert.Equal(t, `{"i":5,"req":"r"}`, string(out), "set since: the fields win")
}

func TestDecodeErrorsArePositioned(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"subs":[{"name":"a"},{"name":"b",}]}`, `decode JSON: subs[1]: invalid character '}' after comma at offset 34`},
		{`{"sub":{"name":"a" "n":1}}`, `decode JSON: sub: invalid character '"' after object member at offset 19`},
		{`{"s":"abc`, `decode JSON: s: unexpected end of JSON input in string literal at offset 9`},
		{`{"i":01}`, `decode JSON: invalid character '1' after object member at offset 6`},
		{`{"any":[1,2,]}`, `decode JSON: any: invalid character ']' after comma at offset 12`},
		{`{"any":tru}`, `decode JSON: any: invalid character '}' in literal true (expecting 'e') at offset 10`},
		{`{"req":""} x`, `decode JSON: invalid character 'x' after top-level value at offset 11`},
		{`["req"]`, `decode JSON: expected an object, got an array`},
		{`<html>`, `decode JSON: invalid character '<' looking for beginning of value at offset 0`},
		{``, `decode JSON: unexpected end of JSON input looking for beginning of value at offset 0`},
		{"{\"s\":\"a\tb\"}", `decode JSON: s: invalid character 0x09 in string literal at offset 7`},
	}
	for _, c := range cases {
		var v fuzzDoc
		err := decodeValue([]byte(c.in), &v)
		assert.EqualError(t, err, c.want, c.in)
		var de *DecodeError
		assert.True(t, errors.As(err, &de), c.in)
	}
}

func TestDepthLimit(t *testing.T) {
	deep := `{"any":` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + `}`
	var v fuzzDoc
	assert.ErrorContains(t, v.UnmarshalJSON([]byte(deep)), "JSON nested deeper than 10000 levels")
	ok := `{"any":` + strings.Repeat("[", maxDepth-2) + strings.Repeat("]", maxDepth-2) + `}`
	require.NoError(t, v.UnmarshalJSON([]byte(ok)))
	// A kept member is checked to the same depth.
	assert.ErrorContains(t, v.UnmarshalJSON([]byte(`{"zz":`+strings.Repeat("[", maxDepth)+`}`)), "nested deeper")
}

func TestNumbersAreExact(t *testing.T) {
	var v fuzzDoc
	in := `{"any":{"big":123456789012345678901234567890,"f":1.10,"e":-1E+400},"f":0.00743999984115362,"req":""}`
	require.NoError(t, v.UnmarshalJSON([]byte(in)))
	assert.Equal(t, map[string]any{"big": json.Number("123456789012345678901234567890"), "f": json.Number("1.10"), "e": json.Number("-1E+400")}, v.Any.Value)
	out, err := v.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"f":0.00743999984115362,"any":{"big":123456789012345678901234567890,"e":-1E+400,"f":1.10},"req":""}`, string(out))
	// An integer field holds integers only, of its size.
	for _, in := range []string{`{"i":1.0}`, `{"i":1e3}`, `{"i":9223372036854775808}`, `{"i32":2147483648}`, `{"f":1e400}`} {
		var v fuzzDoc
		require.NoError(t, v.UnmarshalJSON([]byte(in)), in)
		assert.Len(t, InvalidFields(v), 1, in)
	}
}

// FuzzDecodeMatchesEncodingJSON decodes any input with the codec and with
// encoding/json (into plainDoc, pointers for every field) and checks:
//   - every field the codec sets holds what encoding/json read; a member
//     encoding/json read that the codec did not is in InvalidFields;
//   - a JSON object always decodes, whatever its members hold;
//   - decode → encode loses nothing: the output is the input's JSON value
//     (duplicate names read the last time, as encoding/json does), and
//     encode → decode → encode is stable.
func FuzzDecodeMatchesEncodingJSON(f *testing.F) {
	for _, seed := range []string{
		`{"s":"x","i":-3,"i32":7,"f":1.5e3,"b":true,"t":"2024-02-29T10:00:00.5+02:00","d":"2024-01-02","req":"r"}`,
		`{"l":["a","b"],"m":{"x":1,"y":-2},"sub":{"name":"n","n":4},"subs":[{"name":"a"},{"name":"b","n":0}]}`,
		`{"any":{"a":[1,"x",null,true,{"b":1.10}]},"ns":null,"req":"","extra":[1,2]}`,
		`{"s":5,"i":"x","t":"yesterday","l":["a",null],"sub":[],"ns":"v","bin":"aGk="}`,
		`{"s":"\u00e9\ud83d\ude00","req":"\"\\/\b\f\n\r\t","s":"again"}`,
		` { "s" : "spaced" , "unknown" : { "k" : [ 1 , 2 ] } } `,
		`[1,2]`, `null`, `"x"`, `{"a":`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v fuzzDoc
		err := v.UnmarshalJSON(data)
		isObject := json.Valid(data) && jsonKind(data) == '{'
		if !isObject {
			if json.Valid(data) && jsonKind(data) != 'n' {
				require.Error(t, err, "not an object")
			}
			if !json.Valid(data) {
				require.Error(t, err, "not JSON")
			}
			return
		}
		require.NoError(t, err, "a JSON object always decodes")

		var p plainDoc
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if dec.Decode(&p) == nil && !foldedNames(data) {
			compareFields(t, data, reflect.ValueOf(&v).Elem(), reflect.ValueOf(p), InvalidFields(v))
		}

		out, err := v.MarshalJSON()
		require.NoError(t, err)
		// req is required: always written, "" when the input had none.
		assert.Equal(t, canonical(t, data, ""), canonical(t, out, string(data)), "decode → encode changed the value")

		var again fuzzDoc
		require.NoError(t, again.UnmarshalJSON(out))
		out2, err := again.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, string(out), string(out2), "encode → decode → encode is not stable")
	})
}

// compareFields checks each field of a decoded generated struct gv against
// plainDoc or plainInner pv, as described on the fuzz test.
func compareFields(t *testing.T, data []byte, gv, pv reflect.Value, invalid map[string]json.RawMessage) {
	t.Helper()
	st := planOf(gv.Type()).st
	for _, f := range st.fields {
		g := gv.Field(f.index)
		p := pv.FieldByName(gv.Type().Field(f.index).Name)
		set, null := true, false
		val := g
		switch planOf(g.Type()).kind {
		case planOpt:
			set, val = g.Field(1).Bool(), g.Field(0)
		case planNullable:
			set, null, val = g.Field(1).Bool(), g.Field(2).Bool(), g.Field(0)
		}
		_, bad := invalid[f.name]
		switch {
		case null:
			assert.True(t, p.IsNil(), "%s: null, encoding/json read %v", f.name, p)
		case set && !bad:
			if p.IsNil() && !f.optional && val.IsZero() {
				continue // a required field that was not there
			}
			if !assert.False(t, p.IsNil(), "%s: set to %v, encoding/json read nothing", f.name, val) {
				continue
			}
			pe := p.Elem()
			if val.Kind() == reflect.Struct && planOf(val.Type()).kind == planStruct {
				compareFields(t, data, val, pe, InvalidFields(val.Addr().Interface()))
				continue
			}
			if ts, ok := val.Interface().(time.Time); ok {
				assert.True(t, ts.Equal(pe.Interface().(time.Time)), "%s", f.name)
				continue
			}
			if val.Kind() == reflect.Slice && val.Type().Elem().Kind() == reflect.Struct {
				require.Equal(t, val.Len(), pe.Len(), f.name)
				for i := 0; i < val.Len(); i++ {
					compareFields(t, data, val.Index(i), pe.Index(i), InvalidFields(val.Index(i).Addr().Interface()))
				}
				continue
			}
			assert.Equal(t, pe.Interface(), val.Interface(), "%s", f.name)
		case !set && !p.IsNil():
			assert.True(t, bad, "%s: encoding/json read %v, the codec neither set nor kept it", f.name, p.Elem())
		}
	}
}

// foldedNames reports whether data has a member whose name is that of a
// field in another case ("suB" for "sub"): encoding/json reads it into the
// field, the codec, matching names exactly as JSON Schema does, keeps it as
// an unknown member. Such inputs are not compared field by field.
func foldedNames(data []byte) bool {
	names := []string{}
	for _, t := range []reflect.Type{reflect.TypeFor[fuzzDoc](), reflect.TypeFor[fuzzInner]()} {
		for _, f := range planOf(t).st.fields {
			names = append(names, f.name)
		}
	}
	var walk func(x any) bool
	walk = func(x any) bool {
		switch x := x.(type) {
		case map[string]any:
			for k, v := range x {
				for _, n := range names {
					if k != n && strings.EqualFold(k, n) {
						return true
					}
				}
				if walk(v) {
					return true
				}
			}
		case []any:
			for _, v := range x {
				if walk(v) {
					return true
				}
			}
		}
		return false
	}
	var x any
	return json.Unmarshal(data, &x) == nil && walk(x)
}

// canonical returns data as encoding/json reads it into free-form values
// (duplicate names: the last one), written back with numbers as float64
// text, so that 1.0 and 1 compare equal. Given the input an output came
// from, it leaves out the "req":"" that the input did not have.
func canonical(t *testing.T, data []byte, input string) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var x any
	require.NoError(t, dec.Decode(&x))
	// A date-time is a value, as a number is: "+00:00" and "Z" are one
	// offset, and the codec writes it the way time.Time does.
	if m, ok := x.(map[string]any); ok {
		if text, ok := m["t"].(string); ok {
			if ts, err := time.Parse(time.RFC3339, text); err == nil {
				m["t"] = ts.UTC().Format(time.RFC3339Nano)
			}
		}
	}
	if input != "" {
		var in map[string]any
		require.NoError(t, json.Unmarshal([]byte(input), &in))
		if _, had := in["req"]; !had && x.(map[string]any)["req"] == "" {
			delete(x.(map[string]any), "req")
		}
	}
	out, err := json.Marshal(normalNumbers(x))
	require.NoError(t, err)
	return string(out)
}

func normalNumbers(x any) any {
	switch x := x.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil || math.IsInf(f, 0) {
			return "number " + string(x)
		}
		return f + 0 // -0 and 0 are one number

	case map[string]any:
		for k, v := range x {
			x[k] = normalNumbers(v)
		}
	case []any:
		for i, v := range x {
			x[i] = normalNumbers(v)
		}
	}
	return x
}

func TestEmptyListIsNotNull(t *testing.T) {
	var v fuzzDoc
	require.NoError(t, v.UnmarshalJSON([]byte(`{"l":[],"subs":[],"req":""}`)))
	assert.NotNil(t, v.L.Value)
	out, err := v.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"l":[],"subs":[],"req":""}`, string(out))
}

// TestFloatFormatKeepsValues: the generator types format: float as float64
// (internal/emit/types.go), so that values a float32 would round survive.
func TestFloatFormatKeepsValues(t *testing.T) {
	for _, in := range []string{`{"f":0.00743999984115362,"req":""}`, `{"f":16777217,"req":""}`, `{"f":3.4028235e+39,"req":""}`} {
		var v fuzzDoc
		require.NoError(t, v.UnmarshalJSON([]byte(in)))
		assert.Empty(t, InvalidFields(v), in)
		out, err := v.MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, in, string(out))
	}
}

// plainRun is checked against the byte loop it stands for: every byte value
// at every position of a word and its tail.
func TestPlainRunFindsTheFirstSpecialByte(t *testing.T) {
	for c := range 256 {
		want := c >= 0x20 && c < 0x80 && c != '"' && c != '\\'
		for pos := range 19 {
			b := bytes.Repeat([]byte("a"), 19)
			b[pos] = byte(c)
			if want {
				assert.Equal(t, 19, plainRun(b), "byte %#x at %d", c, pos)
			} else {
				assert.Equal(t, pos, plainRun(b), "byte %#x at %d", c, pos)
			}
		}
	}
}

type bigItem struct {
	Name Opt[string]   `json:"name,omitzero"`
	Pad  [56]int64     `json:"-"` // makes the items 512 bytes, so that the array is large
	Tags Opt[[]string] `json:"tags,omitzero"`

	kept keptFields
}

// A large array grows once more past bigArray, to about its size, by an
// estimate from the bytes its items took so far: not by doubling, which
// leaves up to twice the list's size behind, and without scanning the rest
// of it first.
func TestLargeArrayIsAllocatedAtItsSize(t *testing.T) {
	var doc bytes.Buffer
	doc.WriteString("[")
	// 3,009 items of 512 bytes are past bigArray; the later ones are longer
	// in JSON (four digits), so the estimate must leave room.
	require.Equal(t, uintptr(512), reflect.TypeFor[bigItem]().Size())
	const n = 3009
	for i := range n {
		if i > 0 {
			doc.WriteString(",")
		}
		doc.WriteString(`{"name":"item ` + strconv.Itoa(i) + `","tags":["a","]"]}`)
	}
	doc.WriteString("]")
	var items []bigItem
	require.NoError(t, decodeValue(doc.Bytes(), &items))
	require.Len(t, items, n)
	// Doubling would have made it 4,096 items, append's growth about 3,400.
	assert.LessOrEqual(t, cap(items), n*6/5, "the array grew by an estimate once it was large")
	assert.GreaterOrEqual(t, cap(items), n)
	assert.Equal(t, "item 3008", items[n-1].Name.Value)
	assert.Equal(t, []string{"a", "]"}, items[n-1].Tags.Value)
}

// A list whose first items are longer in JSON than the later ones, so that
// the estimate past bigArray falls short, is copied once more at most: at
// the shortfall the items still to come are counted.
func TestLargeArrayOfShrinkingItemsIsNotCopiedAgain(t *testing.T) {
	type item struct {
		Name Opt[string] `json:"name,omitzero"`

		kept keptFields
	}
	size := int(reflect.TypeFor[item]().Size())
	var doc bytes.Buffer
	doc.WriteString("[")
	// The first items are past bigArray (6,554 items of 40 bytes), ten
	// times as long in JSON as the rest: an estimate from them is a tenth.
	const n, long = 100000, 8000
	for i := range n {
		if i > 0 {
			doc.WriteString(",")
		}
		if i < long {
			doc.WriteString(`{"name":"` + strings.Repeat("x", 250) + `"}`)
		} else {
			doc.WriteString(`{"name":"` + strconv.Itoa(1e9+i) + `"}`)
		}
	}
	doc.WriteString("]")
	var items []item
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	require.NoError(t, decodeValue(doc.Bytes(), &items))
	runtime.ReadMemStats(&after)
	require.Len(t, items, n)
	assert.GreaterOrEqual(t, cap(items), n)
	assert.Less(t, (cap(items)-n)*size, 8<<10, "the shortfall was counted")
	array := uint64(n * size)
	text := uint64(long*250 + (n-long)*10)
	// The array, the estimate (about a tenth of it), the doubling to
	// bigArray, the names in their arenas: an estimate at each shortfall
	// copied the array again each time.
	assert.LessOrEqual(t, after.TotalAlloc-before.TotalAlloc, text+array*7/4,
		"allocated %d bytes for an array of %d and %d of text", after.TotalAlloc-before.TotalAlloc, array, text)
}

// The count of the items still to come skips strings, escaped quotes in
// them, brackets in them, and nested values.
func TestCountItems(t *testing.T) {
	for doc, want := range map[string]int{
		`1]`:                           1,
		`1,2,3]`:                       3,
		`"a,]",{"b":[1,2],"c":"}"},3]`: 3,
		`"a\\",2]`:                     2,
		`"a\",]",2]`:                   2,
		`[[[]]],{},[]]`:                3,
		` 1 , 2 ]`:                     2,
	} {
		got, ok := countItems([]byte(doc), 0)
		assert.True(t, ok, doc)
		assert.Equal(t, want, got, doc)
	}
	for _, doc := range []string{`1,2`, `"a]`, `[1,2]`, `"a\"]`} {
		_, ok := countItems([]byte(doc), 0)
		assert.False(t, ok, doc)
	}
}

// Items that are tiny in JSON and large in Go, followed by a long member,
// must not make the estimate allocate for the whole input as if it were
// more items: the growth is bounded by twice the input still to come.
func TestArrayEstimateIsBounded(t *testing.T) {
	type doc struct {
		Items Opt[[]bigItem] `json:"items,omitzero"`
		Tail  Opt[string]    `json:"tail,omitzero"`

		kept keptFields
	}
	const n, tail = 2000, 1 << 20
	body := `{"items":[` + strings.Repeat("{},", n-1) + `{}],"tail":"` + strings.Repeat("x", tail) + `"}`
	var d doc
	require.NoError(t, decodeValue([]byte(body), &d))
	require.Len(t, d.Items.Value, n)
	require.Len(t, d.Tail.Value, tail)
	// Unbounded, 1 MiB of input at 3 bytes an item would be 350,000 items
	// of 512 bytes: 170 MB.
	assert.LessOrEqual(t, cap(d.Items.Value), n+2*(tail+20)/512)
}

// Short strings share blocks: each must still be its own value after the
// next document is decoded with the same types.
func TestStringsSurviveTheNextDecode(t *testing.T) {
	var a, b fuzzDoc
	require.NoError(t, decodeValue([]byte(`{"s":"first","req":"x","l":["p","q"]}`), &a))
	require.NoError(t, decodeValue([]byte(`{"s":"second","req":"y","l":["r"]}`), &b))
	assert.Equal(t, "first", a.S.Value)
	assert.Equal(t, []string{"p", "q"}, a.L.Value)
	assert.Equal(t, "second", b.S.Value)
	long := strings.Repeat("z", textShort+1)
	require.NoError(t, decodeValue([]byte(`{"s":"`+long+`","req":""}`), &a))
	assert.Equal(t, long, a.S.Value)
}

// Members in field order are matched by their encoded name and colon (see
// skipPrefix); any other spelling of the same name (an escape, white space
// before the colon), a member cut off inside its name and a name that only
// starts like a field's must still read as encoding/json reads them.
func TestMemberNameSpellings(t *testing.T) {
	var want fuzzDoc
	require.NoError(t, decodeValue([]byte(`{"s":"x","i":1,"i32":2}`), &want))
	for _, doc := range []string{
		`{"s":"x","i":1,"i32":2}`,
		`{"\u0073":"x","i" :1,"i32":2}`,
		`{ "s" : "x" , "i":1 , "\u00692":5, "i32":2}`,
	} {
		var got fuzzDoc
		require.NoError(t, decodeValue([]byte(doc), &got), doc)
		assert.Equal(t, want.S, got.S, doc)
		assert.Equal(t, want.I, got.I, doc)
		assert.Equal(t, want.I32, got.I32, doc)
	}
	var got fuzzDoc
	require.NoError(t, decodeValue([]byte(`{"s":"x","i3":7,"i32":2}`), &got))
	assert.Equal(t, map[string]json.RawMessage{"i3": json.RawMessage("7")}, UnknownFields(got), "a name that starts like the next field's is its own")
	for _, doc := range []string{`{"s":"x","i`, `{"s":"x","i":`, `{"s"`} {
		assert.Error(t, decodeValue([]byte(doc), &got), doc)
	}
}

type narrowDoc struct {
	F32 Opt[float32]   `json:"f32,omitzero"`
	L   Opt[[]float32] `json:"l,omitzero"`

	kept keptFields
}

// A float32 (oagen.yaml's formats: {float: float32}) holds a number only
// when what it writes back reads as the same number: any other value is kept
// raw and written back as it came, never rounded.
func TestFloat32NeverRounds(t *testing.T) {
	for _, in := range []string{`{"f32":0.5}`, `{"f32":0.1}`, `{"f32":-3.25e-7}`, `{"f32":16777216}`, `{"l":[1.5,0.25]}`} {
		var v narrowDoc
		require.NoError(t, decodeValue([]byte(in), &v), in)
		assert.Empty(t, InvalidFields(&v), in)
		out, err := marshalValue(&v, false)
		require.NoError(t, err)
		assert.Equal(t, in, string(out))
	}
	for _, in := range []string{`{"f32":0.00743999984115362}`, `{"f32":16777217}`, `{"f32":3.4028235e+39}`, `{"l":[1.5,16777217]}`} {
		var v narrowDoc
		require.NoError(t, decodeValue([]byte(in), &v), in)
		assert.False(t, v.F32.Set || v.L.Set, in)
		assert.Len(t, InvalidFields(&v), 1, in)
		out, err := marshalValue(&v, false)
		require.NoError(t, err)
		assert.Equal(t, in, string(out), "kept as it came")
	}
}
