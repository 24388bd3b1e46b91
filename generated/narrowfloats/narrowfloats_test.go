package narrowfloats

// Behaviour of oagen.yaml's formats: {float: float32} (issue 12, item 1):
// a format float is a float32, and a value a float32 would round is kept
// raw and written back as it came, never rounded.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The config makes format float a float32 everywhere: a component, a
// property, items, map values, a nullable, a query parameter, a header.
// double and no format stay float64.
var (
	_ Ratio                   = float32(0)
	_ Opt[float32]            = Reading{}.Level
	_ Opt[[]float32]          = Reading{}.Samples
	_ Nullable[float32]       = Reading{}.Offset
	_ Opt[map[string]float32] = Reading{}.Weights
	_ Opt[float64]            = Reading{}.Precise
	_ Opt[float64]            = Reading{}.Plain
	_ float32                 = ListReadingsParams{}.Min
	_ Opt[float32]            = ListReadingsResponseHeaders{}.XScale
)

// TestFloat32HoldsWhatItWritesBack: values a float32 holds decode into the
// fields and encode as they came.
func TestFloat32HoldsWhatItWritesBack(t *testing.T) {
	in := `{"ratio":0.5,"level":0.1,"precise":0.00743999984115362,"plain":16777217,"samples":[0.25,1e-7],"weights":{"a":3.5},"offset":null}`
	var r Reading
	require.NoError(t, decodeValue([]byte(in), &r))
	assert.Empty(t, InvalidFields(&r))
	assert.Equal(t, Some[float32](0.1), r.Level)
	assert.Equal(t, Some(0.00743999984115362), r.Precise, "a double is a float64")
	assert.Equal(t, Some[float64](16777217), r.Plain, "a number without a format is a float64")
	out, err := marshalValue(&r, false)
	require.NoError(t, err)
	assert.Equal(t, in, string(out))
}

// TestFloat32KeepsWhatItWouldRound: a value a float32 would round is not
// rounded into the field: the member is kept raw (InvalidFields) and written
// back byte for byte.
func TestFloat32KeepsWhatItWouldRound(t *testing.T) {
	for name, in := range map[string]string{
		"level":   `{"level":0.00743999984115362}`,
		"ratio":   `{"ratio":16777217}`,
		"samples": `{"samples":[0.5,16777217]}`,
		"weights": `{"weights":{"a":3.4028235e+39}}`,
		"offset":  `{"offset":0.00743999984115362}`,
	} {
		var r Reading
		require.NoError(t, decodeValue([]byte(in), &r), in)
		assert.Contains(t, InvalidFields(&r), name, in)
		assert.False(t, r.Level.Set || r.Ratio.Set || r.Samples.Set || r.Weights.Set || r.Offset.Set, in)
		out, err := marshalValue(&r, false)
		require.NoError(t, err)
		assert.Equal(t, in, string(out), "kept as it came")
	}
}

// TestFloat32OnTheWire: a float32 query parameter is sent as its shortest
// text, and a response header a float32 would round is left unset (and
// stays in Raw) rather than rounded.
func TestFloat32OnTheWire(t *testing.T) {
	var query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Scale", "16777217")
		_, _ = w.Write([]byte(`[{"ratio":0.25}]`))
	}))
	defer srv.Close()
	c := NewClient(WithBaseURL(srv.URL), WithAPIKey(""), WithMaxRetries(0))
	var h ListReadingsResponseHeaders
	res, err := c.Default.ListReadings(context.Background(), ListReadingsParams{Min: 0.1, Max: 2}, WithResponseHeaders(&h))
	require.NoError(t, err)
	assert.Equal(t, "min=0.1&max=2", query)
	assert.Equal(t, []Reading{{Ratio: Some[Ratio](0.25)}}, *res)
	assert.False(t, h.XScale.Set)
	assert.Error(t, h.Err())
	assert.Equal(t, "16777217", h.Raw().Get("X-Scale"))
}
