package templates

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holder stands in for a generated struct, declared as the emitter writes one.
type holder struct {
	O   Opt[int64]                 `json:"o,omitzero"`
	N   Nullable[string]           `json:"n,omitzero"`
	ID  Opt[string]                `json:"id,omitzero" oagen:"readonly"`
	Req Nullable[bool]             `json:"req"`
	Arr Opt[[]Nullable[string]]    `json:"arr,omitzero"`
	Map Opt[map[string]Opt[int64]] `json:"map,omitzero"`
	Sub Opt[inner]                 `json:"sub,omitzero"`

	kept keptFields
}

type inner struct {
	Name string      `json:"name"`
	Key  Opt[string] `json:"key,omitzero" oagen:"readonly"`
	When time.Time   `json:"when"`

	kept keptFields
}

func (s holder) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *holder) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }
func (s inner) MarshalJSON() ([]byte, error)      { return marshalValue(&s, false) }
func (s *inner) UnmarshalJSON(data []byte) error  { return decodeStruct(data, s) }

func TestConstructors(t *testing.T) {
	assert.Equal(t, Opt[int64]{Value: 0, Set: true}, Some[int64](0))
	assert.Equal(t, Nullable[string]{Value: "", Set: true}, Value(""))
	assert.Equal(t, Nullable[string]{Set: true, Null: true}, Null[string]())
}

func TestWrappersEncodeAbsentNullValue(t *testing.T) {
	cases := []struct {
		in   holder
		want string
	}{
		{holder{}, `{"req":null}`},
		{holder{O: Some[int64](0)}, `{"o":0,"req":null}`},
		{holder{N: Null[string]()}, `{"n":null,"req":null}`},
		{holder{N: Nullable[string]{Null: true}}, `{"n":null,"req":null}`},
		{holder{N: Value(""), Req: Value(false)}, `{"n":"","req":false}`},
		{holder{Arr: Some([]Nullable[string]{Value("a"), Null[string]()})}, `{"req":null,"arr":["a",null]}`},
		{holder{Map: Some(map[string]Opt[int64]{"b": Some[int64](2), "a": {}})}, `{"req":null,"map":{"a":null,"b":2}}`},
		{holder{O: Opt[int64]{Value: 5}}, `{"req":null}`}, // a Value without Set is not sent
	}
	for _, c := range cases {
		got, err := json.Marshal(c.in)
		require.NoError(t, err)
		assert.Equal(t, c.want, string(got))
	}
}

func TestRequestFormSkipsReadOnlyAtEveryDepth(t *testing.T) {
	when := time.Date(2021, 3, 19, 10, 7, 15, 527e6, time.UTC)
	h := holder{ID: Some("x"), Req: Value(true), Sub: Some(inner{Name: "n", Key: Some("k"), When: when})}
	full, err := json.Marshal(h)
	require.NoError(t, err)
	assert.Equal(t, `{"id":"x","req":true,"sub":{"name":"n","key":"k","when":"2021-03-19T10:07:15.527Z"}}`, string(full))
	req, err := marshalRequest(h)
	require.NoError(t, err)
	assert.Equal(t, `{"req":true,"sub":{"name":"n","when":"2021-03-19T10:07:15.527Z"}}`, string(req))
	// Through a slice and a pointer too.
	req, err = marshalRequest([]*inner{{Name: "a", Key: Some("k")}})
	require.NoError(t, err)
	assert.Equal(t, `[{"name":"a","when":"0001-01-01T00:00:00Z"}]`, string(req))
}

func TestWrappersDecode(t *testing.T) {
	var h holder
	require.NoError(t, json.Unmarshal([]byte(`{"n":null,"req":false,"arr":["a",null],"map":{"x":1}}`), &h))
	assert.Equal(t, Null[string](), h.N)
	assert.Equal(t, Value(false), h.Req)
	assert.False(t, h.O.Set)
	assert.Equal(t, Some([]Nullable[string]{Value("a"), Null[string]()}), h.Arr)
	assert.Equal(t, Some(map[string]Opt[int64]{"x": Some[int64](1)}), h.Map)

	require.NoError(t, json.Unmarshal([]byte(`{"o":0,"n":"v"}`), &h))
	assert.Equal(t, Some[int64](0), h.O)
	assert.Equal(t, Value("v"), h.N)
	assert.False(t, h.Req.Set, "decoding starts from the zero value")
}

func TestDecodingIsLenientAndLossless(t *testing.T) {
	in := `{"o":"five","n":"ok","when_unknown":{"a":[1,2.50]},"sub":{"name":7,"when":"not a date"},"req":null}`
	var h holder
	require.NoError(t, json.Unmarshal([]byte(in), &h))
	assert.False(t, h.O.Set, "a value of the wrong type leaves the field absent")
	assert.Equal(t, Value("ok"), h.N)
	assert.Equal(t, map[string]json.RawMessage{"o": json.RawMessage(`"five"`)}, InvalidFields(h))
	assert.Equal(t, map[string]json.RawMessage{"when_unknown": json.RawMessage(`{"a":[1,2.50]}`)}, UnknownFields(&h))
	sub := h.Sub.Value
	assert.Equal(t, map[string]json.RawMessage{"name": json.RawMessage(`7`), "when": json.RawMessage(`"not a date"`)}, InvalidFields(sub))

	out, err := json.Marshal(h)
	require.NoError(t, err)
	assert.Equal(t, `{"o":"five","n":"ok","req":null,"sub":{"name":7,"when":"not a date"},"when_unknown":{"a":[1,2.50]}}`, string(out))

	// A null the spec does not allow is kept the same way.
	require.NoError(t, json.Unmarshal([]byte(`{"o":null}`), &h))
	assert.False(t, h.O.Set)
	out, err = json.Marshal(h)
	require.NoError(t, err)
	assert.Equal(t, `{"o":null,"req":null}`, string(out))
}

func TestDecodeStructErrors(t *testing.T) {
	var h holder
	var de *DecodeError
	require.ErrorAs(t, json.Unmarshal([]byte(`[1]`), &h), &de)
	assert.Equal(t, "decode JSON: expected an object, got an array", de.Error())
	assert.Error(t, json.Unmarshal([]byte(`{"o":1`), &h))
	require.NoError(t, json.Unmarshal([]byte(`null`), &h), "null is a no-op")
	assert.Nil(t, UnknownFields(42))
}

// node refers to itself through a slice and a wrapper, as a tree does.
type node struct {
	Name     string          `json:"name"`
	Children []node          `json:"children"`
	Parent   Opt[[]node]     `json:"parent,omitzero"`
	Next     Nullable[*node] `json:"next,omitzero"`

	kept keptFields
}

func (s node) MarshalJSON() ([]byte, error)     { return marshalValue(&s, false) }
func (s *node) UnmarshalJSON(data []byte) error { return decodeStruct(data, s) }

func TestRecursiveTypes(t *testing.T) {
	in := `{"name":"a","children":[{"name":"b","children":[]}],"parent":[{"name":"p","children":[]}],"next":{"name":"c","children":[],"next":null}}`
	var n node
	require.NoError(t, json.Unmarshal([]byte(in), &n))
	assert.Equal(t, "b", n.Children[0].Name)
	require.NotNil(t, n.Next.Value)
	assert.True(t, n.Next.Value.Next.Null)
	out, err := json.Marshal(n)
	require.NoError(t, err)
	assert.Equal(t, in, string(out))
}
