package templates

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holder stands in for a generated struct: one Opt and one Nullable field,
// encoded the way the emitter writes encodeJSON.
type holder struct {
	O Opt[int64]
	N Nullable[string]
	unknownFields
}

func (s holder) encodeJSON(e *encoder) {
	e.beginObject()
	e.optional("o", s.O)
	e.optional("n", s.N)
	e.encodeUnknown(s.unknownFields)
	e.endObject()
}

func (s *holder) UnmarshalJSON(data []byte) error {
	return decodeObject(data, &s.unknownFields, func(key string, raw []byte) (bool, error) {
		switch key {
		case "o":
			return true, decodeValue(raw, &s.O)
		case "n":
			return true, decodeValue(raw, &s.N)
		}
		return false, nil
	})
}

func TestOptStates(t *testing.T) {
	var absent Opt[int64]
	_, ok := absent.Get()
	assert.False(t, ok)
	assert.False(t, absent.IsSet())
	assert.True(t, absent.IsZero())
	assert.Equal(t, int64(7), absent.Or(7))

	zero := Some[int64](0)
	v, ok := zero.Get()
	assert.True(t, ok)
	assert.Equal(t, int64(0), v)
	assert.True(t, zero.IsSet())
	assert.False(t, zero.IsZero())
	assert.Equal(t, int64(0), zero.Or(7))
}

func TestNullableStates(t *testing.T) {
	var absent Nullable[string]
	assert.False(t, absent.IsSet())
	assert.False(t, absent.IsNull())
	assert.True(t, absent.IsZero())

	null := Null[string]()
	assert.True(t, null.IsSet())
	assert.True(t, null.IsNull())
	_, ok := null.Get()
	assert.False(t, ok)
	assert.Equal(t, "d", null.Or("d"))

	val := Value("")
	assert.True(t, val.IsSet())
	assert.False(t, val.IsNull())
	got, ok := val.Get()
	assert.True(t, ok)
	assert.Equal(t, "", got)
}

func TestWrappersEncodeThreeWays(t *testing.T) {
	cases := []struct {
		in   holder
		want string
	}{
		{holder{}, `{}`},
		{holder{O: Some[int64](0)}, `{"o":0}`},
		{holder{N: Null[string]()}, `{"n":null}`},
		{holder{N: Value("")}, `{"n":""}`},
		{holder{O: Some[int64](3), N: Value("x")}, `{"o":3,"n":"x"}`},
	}
	for _, c := range cases {
		got, err := marshalValue(c.in, false)
		require.NoError(t, err)
		assert.Equal(t, c.want, string(got))
	}
}

func TestWrappersDecodeThreeWays(t *testing.T) {
	var h holder
	require.NoError(t, json.Unmarshal([]byte(`{"n":null}`), &h))
	assert.True(t, h.N.IsNull())
	assert.False(t, h.O.IsSet())

	h = holder{}
	require.NoError(t, json.Unmarshal([]byte(`{"o":0,"n":"v"}`), &h))
	assert.Equal(t, int64(0), h.O.Or(9))
	assert.Equal(t, "v", h.N.Or(""))

	// A null where the spec forbids it reads as absent but is written back.
	h = holder{}
	require.NoError(t, json.Unmarshal([]byte(`{"o":null}`), &h))
	assert.False(t, h.O.IsSet())
	out, err := marshalValue(h, false)
	require.NoError(t, err)
	assert.Equal(t, `{"o":null}`, string(out))
}

func TestWrapperStandaloneJSON(t *testing.T) {
	// Outside a generated struct an absent wrapper has nothing better than null.
	b, err := json.Marshal(Opt[int]{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	b, err = json.Marshal(Value(time.Date(2021, 3, 19, 10, 7, 15, 527e6, time.UTC)))
	require.NoError(t, err)
	assert.Equal(t, `"2021-03-19T10:07:15.527Z"`, string(b))
}
