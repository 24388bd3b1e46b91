package lossless

// Behaviour of the constructs of issue 12 that real specs lost data on:
// an allOf of scalars, a $ref beside a null member, and $ref members in
// example data.

import (
	"encoding/json"
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
