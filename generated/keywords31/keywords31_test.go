package keywords31

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExamplesRoundTrip decodes every example of the fixture into its type
// and requires the same JSON back, byte for byte where the example is
// written in the order oagen writes, else as JSON.
func TestExamplesRoundTrip(t *testing.T) {
	cases := []struct {
		typ   any
		in    string
		exact bool
	}{
		{(*Point)(nil), `[1.5,2,"a",3,4]`, true},
		{(*Pair)(nil), `[{"name":"n"},"on"]`, true},
		{(*Labelled)(nil), `{"id":"p1","x-colour":"red","count":3}`, true},
		{(*Headers)(nil), `{"x-a":"1","X-B":"2"}`, false},
		{(*Mixed)(nil), `{"id":"m","s_a":"x","n_b":2}`, true},
		{(*Lookbehind)(nil), `{"id":"l","ab":"x"}`, true},
		{(*Settings)(nil), `{"name":"s","volume":{"value":3},"mute":{"value":0}}`, false},
		{(*Strict)(nil), `{"a":"x"}`, true},
		{(*Loose)(nil), `{"a":"x","flag":true}`, true},
		{(*Outer)(nil), `{"inner":{"depth":1},"status":"x"}`, true},
		{(*Holder)(nil), `{"inner":{"depth":2}}`, true},
		{(*Version)(nil), `"v1"`, true},
		{(*Answer)(nil), `42`, true},
		{(*Always)(nil), `true`, true},
		{(*Origin)(nil), `{"x":0}`, true},
		{(*Versioned)(nil), `{"version":2,"kind":"box"}`, true},
		{(*Address)(nil), `{"country":"US","zip":"10001","state":"NY"}`, true},
	}
	for _, c := range cases {
		v := reflect.New(reflect.TypeOf(c.typ).Elem()).Interface()
		require.NoError(t, json.Unmarshal([]byte(c.in), v), c.in)
		assert.Empty(t, InvalidFields(v), c.in)
		out, err := json.Marshal(v)
		require.NoError(t, err, c.in)
		if c.exact {
			assert.Equal(t, c.in, string(out))
		} else {
			assert.JSONEq(t, c.in, string(out))
		}
	}
}

func TestTuple(t *testing.T) {
	var p Point
	require.NoError(t, json.Unmarshal([]byte(`[1.5,2,"a",3,4]`), &p))
	assert.Equal(t, Point{X: 1.5, Y: 2, Label: Some("a"), Rest: []float64{3, 4}}, p)

	// minItems 2: the label may be missing, and round-trips missing.
	require.NoError(t, json.Unmarshal([]byte(`[1,2]`), &p))
	assert.Equal(t, Point{X: 1, Y: 2}, p)
	out, err := json.Marshal(p)
	require.NoError(t, err)
	assert.Equal(t, `[1,2]`, string(out))

	// Made by hand when sending.
	out, err = json.Marshal(Point{X: 1, Y: 2, Label: Some("l"), Rest: []float64{5}})
	require.NoError(t, err)
	assert.Equal(t, `[1,2,"l",5]`, string(out))
	_, err = json.Marshal(Point{X: 1, Y: 2, Rest: []float64{5}})
	assert.ErrorContains(t, err, "not set", "an array has no holes")

	// Wrong-shaped items are kept at their index and written back.
	in := `["one",2,3,"four"]`
	require.NoError(t, json.Unmarshal([]byte(in), &p))
	assert.Equal(t, map[string]json.RawMessage{"0": json.RawMessage(`"one"`), "2": json.RawMessage(`3`), "3": json.RawMessage(`"four"`)}, InvalidFields(p))
	out, err = json.Marshal(p)
	require.NoError(t, err)
	assert.Equal(t, in, string(out))

	// items: false: items after the positions are kept as unknown.
	var pair Pair
	require.NoError(t, json.Unmarshal([]byte(`[{"name":"n"},"off",7]`), &pair))
	assert.Equal(t, "n", pair.V0.Value.Name.Value)
	assert.Equal(t, StatusOff, pair.V1.Value)
	assert.Equal(t, map[string]json.RawMessage{"2": json.RawMessage(`7`)}, UnknownFields(pair))
	out, err = json.Marshal(pair)
	require.NoError(t, err)
	assert.Equal(t, `[{"name":"n"},"off",7]`, string(out))

	// A tuple member that is not an array is kept by its object.
	var h Holder
	require.NoError(t, json.Unmarshal([]byte(`{"point":{"x":1}}`), &h))
	assert.False(t, h.Point.Set)
	assert.Equal(t, map[string]json.RawMessage{"point": json.RawMessage(`{"x":1}`)}, InvalidFields(h))
	out, err = json.Marshal(h)
	require.NoError(t, err)
	assert.Equal(t, `{"point":{"x":1}}`, string(out))
}

func TestPatternAndAdditionalProperties(t *testing.T) {
	var l Labelled
	require.NoError(t, json.Unmarshal([]byte(`{"id":"p1","x-colour":"red","count":3,"size":"big","x-n":1}`), &l))
	assert.Equal(t, "p1", l.ID)
	assert.Equal(t, map[string]string{"x-colour": "red"}, l.PatternProperties)
	assert.Equal(t, map[string]int64{"count": 3}, l.AdditionalProperties)
	assert.Equal(t, map[string]json.RawMessage{"size": json.RawMessage(`"big"`), "x-n": json.RawMessage(`1`)}, InvalidFields(l),
		"members that do not fit their map are kept")
	out, err := json.Marshal(l)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"p1","x-colour":"red","count":3,"size":"big","x-n":1}`, string(out))

	// Set when sending: properties first, then each map sorted by name.
	l = Labelled{ID: "p2", PatternProperties: map[string]string{"x-b": "b", "x-a": "a"}, AdditionalProperties: map[string]int64{"n": 1}}
	out, err = json.Marshal(l)
	require.NoError(t, err)
	assert.Equal(t, `{"id":"p2","x-a":"a","x-b":"b","n":1}`, string(out))
	_, err = json.Marshal(Labelled{ID: "p", AdditionalProperties: map[string]int64{"id": 1}})
	assert.ErrorContains(t, err, `AdditionalProperties["id"] is a property`)

	var s Settings
	require.NoError(t, json.Unmarshal([]byte(`{"name":"s","volume":{"value":3}}`), &s))
	assert.Equal(t, Some[int64](3), s.AdditionalProperties["volume"].Value)

	var hd Headers
	require.NoError(t, json.Unmarshal([]byte(`{"x-a":"1","X-B":"2","other":3}`), &hd))
	assert.Equal(t, map[string]string{"x-a": "1", "X-B": "2"}, hd.PatternProperties, "either pattern")
	assert.Equal(t, map[string]json.RawMessage{"other": json.RawMessage(`3`)}, UnknownFields(hd))

	// Untyped patterns (two types; a pattern RE2 cannot read): kept as unknown.
	var m Mixed
	require.NoError(t, json.Unmarshal([]byte(`{"id":"m","s_a":"x","n_b":2}`), &m))
	assert.Equal(t, map[string]json.RawMessage{"s_a": json.RawMessage(`"x"`), "n_b": json.RawMessage(`2`)}, UnknownFields(m))

	var lo Loose
	require.NoError(t, json.Unmarshal([]byte(`{"a":"x","flag":true}`), &lo))
	assert.Equal(t, map[string]bool{"flag": true}, lo.AdditionalProperties, "unevaluatedProperties is read as additionalProperties")
}

func TestDefsAndConst(t *testing.T) {
	// One Inner type for both paths that reference it.
	var o Outer
	require.NoError(t, json.Unmarshal([]byte(`{"inner":{"depth":1},"status":"y"}`), &o))
	var h Holder
	require.NoError(t, json.Unmarshal([]byte(`{"inner":{"depth":2}}`), &h))
	assert.IsType(t, o.Inner.Value, h.Inner.Value)
	assert.Equal(t, Some[int64](2), h.Inner.Value.Depth)
	assert.Equal(t, OuterStatusY, o.Status.Value)

	assert.True(t, VersionV1.IsKnown())
	assert.False(t, Version("v2").IsKnown())
	assert.Equal(t, Answer(42), Answer42)
	assert.Equal(t, Always(true), AlwaysTrue)
	v := Versioned{Version: VersionedVersion2, Kind: Some(VersionedKindBox)}
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, `{"version":2,"kind":"box"}`, string(out))
}

func TestConditionalProperties(t *testing.T) {
	var a Address
	require.NoError(t, json.Unmarshal([]byte(`{"country":"DE","postcode":"10115","card":"c","billing":{"value":1}}`), &a))
	assert.Equal(t, Some("10115"), a.Postcode)
	assert.Equal(t, Some[int64](1), a.Billing.Value.Value)
	assert.False(t, a.Zip.Set)

	// state is a string under then and an integer under else: any JSON value.
	require.NoError(t, json.Unmarshal([]byte(`{"country":"US","state":"NY"}`), &a))
	assert.Equal(t, "NY", a.State.Value)
	require.NoError(t, json.Unmarshal([]byte(`{"country":"FR","state":75}`), &a))
	assert.Equal(t, json.Number("75"), a.State.Value)
}

func TestSendTupleReceiveExtras(t *testing.T) {
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"p","x-trace":"t","count":2}`)
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey("k"))
	res, err := c.Default.CreatePoint(context.Background(), &Point{X: 1, Y: 2, Label: Some("a")})
	require.NoError(t, err)
	assert.Equal(t, `[1,2,"a"]`, body)
	assert.Equal(t, map[string]string{"x-trace": "t"}, res.PatternProperties)
	assert.Equal(t, map[string]int64{"count": 2}, res.AdditionalProperties)
}
