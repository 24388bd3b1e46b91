package types

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTrip decodes data into a new T, re-encodes it and returns the value
// and the bytes written.
func roundTrip[T any](t *testing.T, data string) (T, string) {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(data), &v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	return v, string(out)
}

func TestTypeArrayUnionOfScalars(t *testing.T) {
	v, out := roundTrip[StringOrInteger](t, `42`)
	assert.Equal(t, `42`, out)
	n, ok := v.AsInteger()
	assert.True(t, ok)
	assert.Equal(t, int64(42), n)
	_, ok = v.AsString()
	assert.False(t, ok)

	v, out = roundTrip[StringOrInteger](t, `"42"`)
	assert.Equal(t, `"42"`, out)
	s, ok := v.AsString()
	assert.True(t, ok)
	assert.Equal(t, "42", s)
	_, ok = v.AsInteger()
	assert.False(t, ok, "a string of digits is not an integer")

	out2, err := json.Marshal(StringOrIntegerFromInteger(7))
	require.NoError(t, err)
	assert.Equal(t, `7`, string(out2))

	b, out := roundTrip[ScalarOrNull](t, `true`)
	assert.Equal(t, `true`, out)
	flag, ok := b.AsBoolean()
	assert.True(t, ok)
	assert.True(t, flag)
	_, ok = b.AsNumber()
	assert.False(t, ok)
}

func TestTypeArrayOfObjectAndArray(t *testing.T) {
	// The object variant keeps the schema's properties, the array variant
	// its items.
	v, out := roundTrip[ObjectOrArray](t, `{"name":"n","other":1}`)
	assert.Equal(t, `{"name":"n","other":1}`, out)
	obj, ok := v.AsObject()
	require.True(t, ok)
	assert.Equal(t, Some("n"), obj.Name)
	assert.Equal(t, map[string]json.RawMessage{"other": json.RawMessage(`1`)}, UnknownFields(obj))
	_, ok = v.AsArray()
	assert.False(t, ok)

	v, _ = roundTrip[ObjectOrArray](t, `["a","b"]`)
	arr, ok := v.AsArray()
	require.True(t, ok)
	assert.Equal(t, []string{"a", "b"}, arr)

	out2, err := json.Marshal(ObjectOrArrayFromObject(ObjectOrArrayObject{Name: Some("x")}))
	require.NoError(t, err)
	assert.Equal(t, `{"name":"x"}`, string(out2))
}

func TestEnumsOfEveryBaseType(t *testing.T) {
	code, out := roundTrip[HTTPCode](t, `404`)
	assert.Equal(t, HTTPCode404, code)
	assert.True(t, code.IsKnown())
	assert.Equal(t, `404`, out)

	// A value the server adds later decodes, is not known, and is sent back as it came.
	code, out = roundTrip[HTTPCode](t, `418`)
	assert.Equal(t, HTTPCode(418), code)
	assert.False(t, code.IsKnown())
	assert.Equal(t, `418`, out)

	w, out := roundTrip[Weight](t, `0.25`)
	assert.Equal(t, Weight025, w)
	assert.Equal(t, `0.25`, out)
	assert.False(t, Weight(0.75).IsKnown())

	f, out := roundTrip[Flag](t, `false`)
	assert.Equal(t, FlagFalse, f)
	assert.True(t, f.IsKnown())
	assert.Equal(t, `false`, out)
}

func TestUntypedAndEmptySchemasKeepAnyValue(t *testing.T) {
	for _, in := range []string{`null`, `12345678901234567890`, `1.0e+2`, `"s"`, `[1,{"a":null}]`, `{"z":1,"a":2}`} {
		_, out := roundTrip[Untyped](t, in)
		assert.JSONEq(t, in, out, in)
		_, out = roundTrip[Empty](t, in)
		assert.JSONEq(t, in, out, in)
	}
	// As fields, untyped values keep every digit and their spelling: the
	// codec decodes numbers as json.Number.
	in := `{"must":null,"anything":12345678901234567890,"untyped":[1.50],"free":{"x":{}},"object_no_properties":{}}`
	h, out := roundTrip[Holder](t, in)
	assert.Equal(t, in, out)
	assert.Nil(t, h.Must, "a required untyped field holds null as nil")
	assert.Equal(t, json.Number("12345678901234567890"), h.Anything.Value)
	assert.Equal(t, []any{json.Number("1.50")}, h.Untyped.Value)

	// Absent and null are told apart for an optional untyped field.
	h, out = roundTrip[Holder](t, `{"must":1,"anything":null}`)
	assert.True(t, h.Anything.Set)
	assert.True(t, h.Anything.Null)
	assert.False(t, h.Untyped.Set)
	assert.Equal(t, `{"must":1,"anything":null}`, out)

	ff, out := roundTrip[FreeForm](t, `{"a":1,"b":{"c":true}}`)
	assert.Equal(t, `{"a":1,"b":{"c":true}}`, out)
	assert.Len(t, ff, 2)
}

func TestBinaryAndByteFormats(t *testing.T) {
	v, out := roundTrip[Binaries](t, `{"raw":"\u0001\u0002","encoded":"aGVsbG8=","content":"d29ybGQ="}`)
	assert.Equal(t, Some("\x01\x02"), v.Raw, "binary in JSON is the string itself")
	assert.Equal(t, Some([]byte("hello")), v.Encoded, "format: byte is base64, decoded")
	assert.Equal(t, Some([]byte("world")), v.Content, "contentEncoding: base64 is the same")
	assert.JSONEq(t, `{"raw":"\u0001\u0002","encoded":"aGVsbG8=","content":"d29ybGQ="}`, out)

	out2, err := json.Marshal(Binaries{Encoded: Some([]byte("hi"))})
	require.NoError(t, err)
	assert.Equal(t, `{"encoded":"aGk="}`, string(out2))

	// Not base64: the value is kept, not lost, and reported as invalid.
	v, out = roundTrip[Binaries](t, `{"encoded":"%%%"}`)
	assert.False(t, v.Encoded.Set)
	assert.Contains(t, InvalidFields(v), "encoded")
	assert.Equal(t, `{"encoded":"%%%"}`, out)
}

func TestNestedCollections(t *testing.T) {
	v, out := roundTrip[Collections](t, `{"matrix":[[1,2],[3]],"grid":[[["a",null]]],"groups":{"x":["a"],"y":[]},"nested":{"o":{"i":1.5}},"deep":{"k":[{"m":{"id":"1"}}]}}`)
	assert.Equal(t, [][]int64{{1, 2}, {3}}, v.Matrix.Value)
	assert.Equal(t, [][][]Nullable[string]{{{Value("a"), Null[string]()}}}, v.Grid.Value)
	assert.Equal(t, map[string][]string{"x": {"a"}, "y": {}}, v.Groups.Value)
	assert.Equal(t, 1.5, v.Nested.Value["o"]["i"])
	assert.Equal(t, Some("1"), v.Deep.Value["k"][0]["m"].ID)
	assert.Equal(t, `{"matrix":[[1,2],[3]],"grid":[[["a",null]]],"groups":{"x":["a"],"y":[]},"nested":{"o":{"i":1.5}},"deep":{"k":[{"m":{"id":"1"}}]}}`, out)

	// Maps are written with sorted keys, so the same value gives the same bytes.
	c := Collections{Nested: Some(map[string]map[string]float64{"b": {"y": 2, "x": 1}, "a": {}})}
	out2, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, `{"nested":{"a":{},"b":{"x":1,"y":2}}}`, string(out2))
}

func TestMemberNamesATagCannotHold(t *testing.T) {
	in := `{"a,b":"1","a":"2","say \"hi\"":3,"back` + "`" + `tick":true,"-":"dash","100%":1.5,"back\\slash":"s"}`
	v, out := roundTrip[OddNames](t, in)
	assert.Equal(t, Some("1"), v.AB, `"a,b" is not read as "a"`)
	assert.Equal(t, Some("2"), v.A)
	assert.Equal(t, Some[int64](3), v.SayHi)
	assert.Equal(t, Some(true), v.BackTick)
	assert.Equal(t, Some("dash"), v.Empty, `a member named "-" is not skipped`)
	assert.Equal(t, Some(1.5), v.X100)
	assert.Equal(t, Some(`s`), v.BackSlash)
	assert.Empty(t, UnknownFields(v))
	assert.Equal(t, in, out)
}

func TestEnumMembersReadAsTheDeclaredType(t *testing.T) {
	d, out := roundTrip[DigitStrings](t, `16`)
	assert.Equal(t, DigitStrings16, d)
	assert.True(t, d.IsKnown())
	assert.Equal(t, `16`, out)

	n, out := roundTrip[NumberStrings](t, `"20160128"`)
	assert.Equal(t, NumberStrings20160128, n)
	assert.True(t, n.IsKnown())
	assert.Equal(t, `"20160128"`, out)
}
