package templates

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncoderValues(t *testing.T) {
	type enum string
	cases := []struct {
		in   any
		want string
	}{
		{nil, `null`},
		{"<a & b>\n\"q\"\u2028", `"<a & b>\n\"q\"\u2028"`},
		{"bad\xffutf8", `"bad\ufffdutf8"`},
		{enum("full"), `"full"`},
		{int64(-5), `-5`},
		{3.25, `3.25`},
		{float32(0.1), `0.1`},
		{1e21, `1e+21`},
		{true, `true`},
		{json.Number("12345678901234567890"), `12345678901234567890`},
		{json.RawMessage(`{ "a" : 1 }`), `{"a":1}`},
		{[]byte("hi"), `"aGk="`},
		{[]string(nil), `null`},
		{[]string{}, `[]`},
		{[][]int{{1, 2}, {}}, `[[1,2],[]]`},
		{map[string]int{"b": 2, "a": 1}, `{"a":1,"b":2}`},
		{map[string]any{"n": json.Number("1.50")}, `{"n":1.50}`},
		{Date{2024, 3, 9}, `"2024-03-09"`},
	}
	for _, c := range cases {
		got, err := marshalValue(c.in, false)
		require.NoError(t, err, "%#v", c.in)
		assert.Equal(t, c.want, string(got), "%#v", c.in)
	}
	_, err := marshalValue(json.RawMessage(`{bad`), false)
	assert.Error(t, err)
}

func TestMembers(t *testing.T) {
	var seen []string
	ok := members([]byte(`{"a":1,"z":{"x":[1.50]},"b":"s"}`), func(name []byte, s *scanner) error {
		seen = append(seen, string(name))
		return s.skipValue()
	})
	assert.True(t, ok)
	assert.Equal(t, []string{"a", "z", "b"}, seen)
	skip := func(_ []byte, s *scanner) error { return s.skipValue() }
	assert.False(t, members([]byte(`null`), skip), "not an object")
	assert.False(t, members([]byte(`{"a":1} x`), skip), "trailing data")
	assert.False(t, members([]byte(`{"a":`), skip), "cut off")
}

func TestDecodeValueKeepsNumbers(t *testing.T) {
	var v any
	require.NoError(t, decodeValue([]byte(`{"n":12345678901234567890,"f":1.10}`), &v))
	assert.Equal(t, map[string]any{"n": json.Number("12345678901234567890"), "f": json.Number("1.10")}, v)
	assert.Error(t, decodeValue([]byte(`1 2`), &v))
	assert.Error(t, decodeValue([]byte(`1`), v), "not a pointer")
}

func TestDecodeErrorPath(t *testing.T) {
	err := atKey("data", atKey("[2]", atKey("misc", &DecodeError{Err: assert.AnError})))
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "data[2].misc", de.Path)
	assert.ErrorIs(t, err, assert.AnError)
}

func TestJSONKindAndDiscriminator(t *testing.T) {
	assert.Equal(t, byte('{'), jsonKind([]byte(" {}")))
	assert.Equal(t, byte('0'), jsonKind([]byte("-1")))
	assert.Equal(t, byte('t'), jsonKind([]byte("false")))
	assert.Equal(t, byte(0), jsonKind(nil))
	tag, ok := discriminator([]byte(`{"kind":"cat","x":1}`), "kind")
	assert.True(t, ok)
	assert.Equal(t, "cat", tag)
	_, ok = discriminator([]byte(`{"kind":1}`), "kind")
	assert.False(t, ok)
}

func TestDate(t *testing.T) {
	d, err := ParseDate("2024-02-29")
	require.NoError(t, err)
	assert.Equal(t, Date{2024, 2, 29}, d)
	assert.Equal(t, "2024-02-29", d.String())
	_, err = ParseDate("2023-02-29")
	assert.EqualError(t, err, `invalid date "2023-02-29": want YYYY-MM-DD`)
	var got struct{ D Date }
	require.NoError(t, json.Unmarshal([]byte(`{"D":"1999-12-31"}`), &got))
	assert.Equal(t, Date{1999, 12, 31}, got.D)
}

// withMaps is a struct with properties, a patternProperties map and an
// additionalProperties map, as the generator writes one.
type withMaps struct {
	ID      string                  `json:"id"`
	Labels  map[string]string       `json:"-" oagen:"pattern" pattern:"^x-"`
	Extras  map[string]int64        `json:"-" oagen:"extra"`
	Ignored map[string]string       `json:"-"`
	Bad     map[string]Opt[float64] `json:"-" oagen:"pattern" pattern:"("`

	kept keptFields
}

func (s withMaps) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *withMaps) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }

func TestStructMaps(t *testing.T) {
	in := `{"x-b":"2","id":"i","n":1,"x-a":"1","bad":"text","x-n":3}`
	var v withMaps
	require.NoError(t, json.Unmarshal([]byte(in), &v))
	assert.Equal(t, "i", v.ID)
	assert.Equal(t, map[string]string{"x-a": "1", "x-b": "2"}, v.Labels, "members matching the pattern")
	assert.Equal(t, map[string]int64{"n": 1}, v.Extras, "the other members that fit")
	assert.Nil(t, v.Ignored)
	assert.Equal(t, map[string]json.RawMessage{"bad": json.RawMessage(`"text"`), "x-n": json.RawMessage(`3`)}, InvalidFields(v),
		"a member that does not fit its map is kept")
	assert.Nil(t, UnknownFields(v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `{"id":"i","x-a":"1","x-b":"2","n":1,"bad":"text","x-n":3}`, string(out), "properties, pattern members, extras, then kept")

	// Set when sending, and a map member replaces a kept one of its name.
	v.Extras["bad"] = 7
	v.Labels = map[string]string{"x-z": "z"}
	out, err = marshalRequest(v)
	require.NoError(t, err)
	assert.Equal(t, `{"id":"i","x-z":"z","bad":7,"n":1,"x-n":3}`, string(out))

	_, err = marshalRequest(withMaps{ID: "i", Extras: map[string]int64{"id": 1}})
	assert.ErrorContains(t, err, `Extras["id"] is a property of the object`)
	_, err = marshalRequest(withMaps{Labels: map[string]string{"x": "1"}, Extras: map[string]int64{"x": 1}})
	assert.ErrorContains(t, err, `Extras["x"]: the member is set in two maps`)

	// Without an extra map, members matching no pattern are unknown.
	var p struct {
		withPattern
	}
	require.NoError(t, json.Unmarshal([]byte(`{"x-a":"1","y":2}`), &p.withPattern))
	assert.Equal(t, map[string]string{"x-a": "1"}, p.Labels)
	assert.Equal(t, map[string]json.RawMessage{"y": json.RawMessage(`2`)}, UnknownFields(p.withPattern))
}

type withPattern struct {
	Labels map[string]string `json:"-" oagen:"pattern" pattern:"^x-"`
	kept   keptFields
}

func (s withPattern) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *withPattern) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }

// tuple is a prefixItems tuple: two required positions, an optional third,
// and the items after them.
type tuple struct {
	Name  string            `oagen:"item"`
	Count Nullable[int64]   `oagen:"item"`
	Flag  Opt[bool]         `oagen:"item,optional"`
	Rest  []Nullable[int64] `oagen:"rest"`

	kept keptFields
}

func (s tuple) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *tuple) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }

type closedTuple struct {
	A    string      `oagen:"item"`
	B    Opt[string] `oagen:"item,optional"`
	kept keptFields
}

func (s closedTuple) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *closedTuple) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }

func TestTuple(t *testing.T) {
	cases := []struct {
		in   string
		want tuple
	}{
		{`["a",1,true,2,null]`, tuple{Name: "a", Count: Value[int64](1), Flag: Some(true), Rest: []Nullable[int64]{Value[int64](2), Null[int64]()}}},
		{`["a",null,false]`, tuple{Name: "a", Count: Null[int64](), Flag: Some(false)}},
		{`["a",2]`, tuple{Name: "a", Count: Value[int64](2)}},
	}
	for _, c := range cases {
		var v tuple
		require.NoError(t, json.Unmarshal([]byte(c.in), &v), c.in)
		assert.Equal(t, c.want, v, c.in)
		out, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, c.in, string(out), "round trip")
		out, err = json.Marshal(c.want)
		require.NoError(t, err)
		assert.Equal(t, c.in, string(out), "made by hand")
	}

	// Items that do not fit are kept, at their index.
	in := `["a","two",true,3,"four",5]`
	var v tuple
	require.NoError(t, json.Unmarshal([]byte(in), &v))
	assert.Equal(t, "a", v.Name)
	assert.False(t, v.Count.Set)
	assert.Nil(t, v.Rest, "one rest item does not fit: all are kept")
	assert.Equal(t, map[string]json.RawMessage{"1": json.RawMessage(`"two"`), "3": json.RawMessage(`3`),
		"4": json.RawMessage(`"four"`), "5": json.RawMessage(`5`)}, InvalidFields(v))
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, in, string(out))

	var c closedTuple
	require.NoError(t, json.Unmarshal([]byte(`["a","b",{"c":1}]`), &c))
	assert.Equal(t, map[string]json.RawMessage{"2": json.RawMessage(`{"c":1}`)}, UnknownFields(c), "items: false keeps extra items as unknown")
	out, err = json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, `["a","b",{"c":1}]`, string(out))
	require.NoError(t, json.Unmarshal([]byte(`null`), &c))

	var e struct{ T tuple }
	assert.ErrorContains(t, json.Unmarshal([]byte(`{"T":{"a":1}}`), &e), "expected an array, got an object")

	out, err = json.Marshal(tuple{Name: "a", Flag: Some(true)})
	require.NoError(t, err)
	assert.Equal(t, `["a",null,true]`, string(out), "Count is required: written even when not set")
	_, err = json.Marshal(tuple{Name: "a", Count: Value[int64](1), Rest: []Nullable[int64]{Value[int64](1)}})
	assert.ErrorContains(t, err, "the tuple has items after position 2, which is not set")
	// A union tells a tuple by shape: an array with the required positions.
	assert.Equal(t, 1, bestFit([]byte(`["a",1]`), (*withMaps)(nil), (*tuple)(nil)))
	assert.Equal(t, 1, bestFit([]byte(`["a"]`), (*tuple)(nil), (*closedTuple)(nil)), "Count is missing")
	assert.Equal(t, 0, bestFit([]byte(`{"id":"i"}`), (*withMaps)(nil), (*tuple)(nil)))

	out, err = json.Marshal(closedTuple{A: "a"})
	require.NoError(t, err)
	assert.Equal(t, `["a"]`, string(out), "a missing optional position is left out")
}

type optTuple struct {
	A    Opt[string] `oagen:"item,optional"`
	B    Opt[string] `oagen:"item,optional"`
	kept keptFields
}

func (s optTuple) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *optTuple) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }

func TestTupleHasNoHoles(t *testing.T) {
	_, err := json.Marshal(optTuple{B: Some("b")})
	assert.ErrorContains(t, err, "tuple position 1 is set but position 0 is not")
	out, err := json.Marshal(optTuple{})
	require.NoError(t, err)
	assert.Equal(t, `[]`, string(out))
	var v optTuple
	require.NoError(t, json.Unmarshal([]byte(`[]`), &v))
	assert.Equal(t, optTuple{}, v)
}
