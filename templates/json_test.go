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

func TestDecodeObject(t *testing.T) {
	var kept keptFields
	var seen []string
	err := decodeObject([]byte(`{"a":1,"z":{"x":[1.50]},"b":"s"}`), &kept, func(key string, raw []byte) (bool, error) {
		seen = append(seen, key)
		return key != "z", nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "z", "b"}, seen)
	assert.Equal(t, []rawMember{{key: "z", value: json.RawMessage(`{"x":[1.50]}`)}}, kept.members)

	assert.NoError(t, decodeObject([]byte(`null`), &kept, nil), "null is a no-op")
	assert.Error(t, decodeObject([]byte(`{"a":1} x`), &kept, func(string, []byte) (bool, error) { return true, nil }))
	assert.Error(t, decodeObject([]byte(`{"a":`), &kept, nil))
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
