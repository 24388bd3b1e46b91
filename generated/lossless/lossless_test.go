package lossless

// Behaviour of the constructs of issue 12 that real specs lost data on:
// an allOf of scalars, a $ref beside a null member, and $ref members in
// example data.

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAllOfOfScalarsDecodesValues: the values of allOf-of-string fields
// land in their fields, not in InvalidFields as members of an empty struct.
func TestAllOfOfScalarsDecodesValues(t *testing.T) {
	in := `{"id":"u-1","code":"AB","email":"a@example.com","status":"active","narrow":"disabled","count":7}`
	var u User
	require.NoError(t, decodeValue([]byte(in), &u))
	assert.Empty(t, InvalidFields(&u))
	assert.Equal(t, Some[ShortCode]("AB"), u.Code)
	assert.Equal(t, Some[ContactEmail]("a@example.com"), u.Email)
	assert.Equal(t, Some[LiveStatus](StatusActive), u.Status)
	assert.Equal(t, Some(NarrowStatusDisabled), u.Narrow)
	assert.Equal(t, Some[Count](7), u.Count)
	out, err := marshalValue(&u, false)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

// TestNullBesideRefIsNull: every spelling of a null member beside a $ref
// reads null as null (a Nullable field set to null), not as an invalid
// member, and writes it back.
func TestNullBesideRefIsNull(t *testing.T) {
	in := `{"id":"u-1","manager":null,"backup":null,"deputy":null,"mentor":null,"peer":{"value":"p"}}`
	var u User
	require.NoError(t, decodeValue([]byte(in), &u))
	assert.Empty(t, InvalidFields(&u))
	for name, f := range map[string]Nullable[Reference]{"manager": u.Manager, "backup": u.Backup, "deputy": u.Deputy, "mentor": u.Mentor} {
		assert.True(t, f.Set && f.Null, "%s is null", name)
	}
	assert.Equal(t, "p", u.Peer.Value.Value.Value)
	out, err := marshalValue(&u, false)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

// TestRefMemberInDataIsKept: a SCIM value holding "$ref" keeps it as a
// member, and the spec's example of it is the data as written.
func TestRefMemberInDataIsKept(t *testing.T) {
	in := `{"$ref":"https://example.com/scim/v2/Users/u-2","value":"u-2"}`
	var r Reference
	require.NoError(t, decodeValue([]byte(in), &r))
	assert.Equal(t, map[string]json.RawMessage{"$ref": json.RawMessage(`"https://example.com/scim/v2/Users/u-2"`)}, UnknownFields(&r))
	out, err := marshalValue(&r, false)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out))
}

// TestNullItemIsKeptAndWrittenBack: a null item in a list or map whose
// items cannot be null is not read as "", 0 or {}: the whole member is kept
// raw (InvalidFields) and written back as it came.
func TestNullItemIsKeptAndWrittenBack(t *testing.T) {
	for name, in := range map[string]string{
		"names":  `{"names":["a",null]}`,
		"refs":   `{"refs":[{"value":"u-1"},null]}`,
		"scores": `{"scores":{"a":1,"b":null}}`,
	} {
		var s Sample
		require.NoError(t, decodeValue([]byte(in), &s), in)
		assert.Equal(t, map[string]json.RawMessage{name: json.RawMessage(memberText(t, in, name))}, InvalidFields(&s), in)
		assert.False(t, s.Names.Set || s.Refs.Set || s.Scores.Set, in)
		out, err := marshalValue(&s, false)
		require.NoError(t, err)
		assert.Equal(t, in, string(out), "written back as it came")
	}
}

// TestBase64KeepsItsSpelling: format byte holds canonical standard base64;
// any other spelling of the same bytes is kept raw and written back as it
// came, since re-encoding would change its text (abcd123= → abcd120=).
func TestBase64KeepsItsSpelling(t *testing.T) {
	var s Sample
	require.NoError(t, decodeValue([]byte(`{"blob":"aGk="}`), &s))
	assert.Equal(t, Some([]byte("hi")), s.Blob)
	for _, in := range []string{
		`{"blob":"abcd123="}`, // non-zero padding bits: abcd120= is the same bytes
		`{"blob":"aGk"}`,      // no padding
		`{"blob":"aG\nk="}`,   // a line break
		`{"blob":"a-_="}`,     // URL alphabet
	} {
		var s Sample
		require.NoError(t, decodeValue([]byte(in), &s), in)
		assert.False(t, s.Blob.Set, in)
		assert.Contains(t, InvalidFields(&s), "blob", in)
		out, err := marshalValue(&s, false)
		require.NoError(t, err)
		assert.Equal(t, in, string(out), "kept as it came")
	}
}

// TestFloatFormatIsFloat64: type number, format float is a float64 (only
// oagen.yaml asks for a float32), so values a float32 would round survive.
func TestFloatFormatIsFloat64(t *testing.T) {
	var _ Opt[float64] = Sample{}.Ratio
	for _, in := range []string{`{"ratio":0.00743999984115362}`, `{"ratio":16777217}`, `{"ratio":3.4028235e+39}`} {
		var s Sample
		require.NoError(t, decodeValue([]byte(in), &s), in)
		assert.Empty(t, InvalidFields(&s), in)
		assert.True(t, s.Ratio.Set, in)
		out, err := marshalValue(&s, false)
		require.NoError(t, err)
		assert.Equal(t, in, string(out))
	}
	var s Sample
	require.NoError(t, decodeValue([]byte(`{"ratio":0.00743999984115362}`), &s))
	assert.Equal(t, 0.00743999984115362, s.Ratio.Value)
}

// memberText is the raw value of one member of a JSON object.
func memberText(t *testing.T, obj, name string) string {
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(obj), &m))
	return string(m[name])
}

// TestNullItemInListBodyFailsWithTheBody: a body that is itself a list whose
// items cannot be null has no struct to keep a null item in, and reading it
// as "" would change the data. The call fails with a *ResponseError that
// says where (a *DecodeError at [1]) and holds the whole body, however
// large, so that nothing is lost.
func TestNullItemInListBodyFailsWithTheBody(t *testing.T) {
	small := `["a",null]`
	large := `["` + strings.Repeat("x", 2<<20) + `",null]` // beyond the 1 MiB an error body keeps
	for _, body := range []string{small, large} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(body))
		}))
		c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""), WithMaxRetries(0))
		names, err := c.Default.ListNames(context.Background())
		srv.Close()
		assert.Nil(t, names)
		var re *ResponseError
		require.ErrorAs(t, err, &re)
		assert.True(t, re.Decode)
		assert.False(t, re.Truncated)
		assert.True(t, body == string(re.Body), "the whole body: %d bytes of %d", len(re.Body), len(body))
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, "[1]", de.Path)
		if body == small {
			assert.EqualError(t, err, `GET /names: 200 OK: decode response: decode JSON: [1]: null is not allowed here; body: "[\"a\",null]"`)
		}
	}
}
