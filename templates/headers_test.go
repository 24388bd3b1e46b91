package templates

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type testRegion string

// testHeaders is what the emitter writes for an operation's headers.
type testHeaders struct {
	RequestID string
	Remaining Opt[int32]
	Expires   Opt[time.Time]
	Cached    Opt[bool]
	Region    Opt[testRegion]
	Tags      Opt[[]string]
	IDs       Opt[[]int64]
	Day       Opt[Date]
	Ratio     Opt[float64]
	responseHeaderState
}

func (h *testHeaders) readHeaders(raw http.Header) {
	if h == nil {
		return
	}
	*h = testHeaders{}
	h.raw = raw
	h.readHeader("X-Request-Id", true, &h.RequestID)
	h.Remaining.Set = h.readHeader("X-Remaining", false, &h.Remaining.Value)
	h.Expires.Set = h.readHeader("X-Expires", false, &h.Expires.Value)
	h.Cached.Set = h.readHeader("X-Cached", false, &h.Cached.Value)
	h.Region.Set = h.readHeader("X-Region", false, &h.Region.Value)
	h.Tags.Set = h.readHeader("X-Tags", false, &h.Tags.Value)
	h.IDs.Set = h.readHeader("X-Ids", false, &h.IDs.Value)
	h.Day.Set = h.readHeader("X-Day", false, &h.Day.Value)
	h.Ratio.Set = h.readHeader("X-Ratio", false, &h.Ratio.Value)
}

func TestReadHeadersTyped(t *testing.T) {
	raw := http.Header{}
	raw.Set("X-Request-Id", "req_1")
	raw.Set("X-Remaining", "42")
	raw.Set("X-Expires", "2024-05-01T10:00:00Z")
	raw.Set("X-Cached", "true")
	raw.Set("X-Region", "eu")
	raw.Add("X-Tags", "a, b")
	raw.Add("X-Tags", "c") // a second line joins the list
	raw.Set("X-Ids", "1,2,3")
	raw.Set("X-Day", "2024-05-01")
	raw.Set("X-Ratio", "0.25")
	raw.Set("X-Other", "kept")
	var h testHeaders
	h.readHeaders(raw)
	require.NoError(t, h.Err())
	assert.Equal(t, "req_1", h.RequestID)
	assert.Equal(t, Some[int32](42), h.Remaining)
	assert.Equal(t, Some(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)), h.Expires)
	assert.Equal(t, Some(true), h.Cached)
	assert.Equal(t, Some(testRegion("eu")), h.Region)
	assert.Equal(t, Some([]string{"a", "b", "c"}), h.Tags)
	assert.Equal(t, Some([]int64{1, 2, 3}), h.IDs)
	assert.Equal(t, Some(Date{2024, time.May, 1}), h.Day)
	assert.Equal(t, Some(0.25), h.Ratio)
	assert.Equal(t, "kept", h.Raw().Get("X-Other"))
}

func TestReadHeadersHTTPDate(t *testing.T) {
	var h testHeaders
	h.readHeaders(http.Header{"X-Request-Id": {"r"}, "X-Expires": {"Wed, 21 Oct 2015 07:28:00 GMT"}})
	require.NoError(t, h.Err())
	assert.Equal(t, Some(time.Date(2015, 10, 21, 7, 28, 0, 0, time.UTC)), h.Expires)
}

// A header that is missing or does not parse leaves its field unset and is
// reported by Err, never by a panic or a failed call.
func TestReadHeadersInvalid(t *testing.T) {
	raw := http.Header{}
	raw.Set("X-Remaining", "lots")
	raw.Set("X-Expires", "tomorrow")
	raw.Set("X-Cached", "maybe")
	raw.Set("X-Ids", "1,two")
	raw.Set("X-Day", "2024-13-01")
	raw.Set("X-Remaining", "99999999999") // overflows int32
	var h testHeaders
	h.readHeaders(raw)
	assert.Equal(t, testHeaders{responseHeaderState: h.responseHeaderState}, h, "every field unset")
	err := h.Err()
	require.Error(t, err)
	var he *HeaderError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, "X-Request-Id", he.Name, "the first problem: the required header is missing")
	assert.Equal(t, `response header X-Request-Id: required but missing
response header X-Remaining: invalid value "99999999999": not an integer of 32 bits
response header X-Expires: invalid value "tomorrow": not an RFC 3339 date-time or an HTTP-date
response header X-Cached: invalid value "maybe": not a boolean
response header X-Ids: invalid value "1,two": item 1: not an integer of 64 bits
response header X-Day: invalid value "2024-13-01": `+dateErr(t, "2024-13-01"), err.Error())
	assert.Equal(t, "tomorrow", h.Raw().Get("X-Expires"))
}

func dateErr(t *testing.T, s string) string {
	var d Date
	err := d.UnmarshalText([]byte(s))
	require.Error(t, err)
	return err.Error()
}

// Reading again starts afresh.
func TestReadHeadersResets(t *testing.T) {
	var h testHeaders
	h.readHeaders(http.Header{"X-Remaining": {"x"}})
	require.Error(t, h.Err())
	h.readHeaders(http.Header{"X-Request-Id": {"r"}})
	assert.NoError(t, h.Err())
	assert.False(t, h.Remaining.Set)
	var nilHeaders *testHeaders
	assert.NotPanics(t, func() { nilHeaders.readHeaders(http.Header{}) })
}

func TestParseHeaderTextOtherKinds(t *testing.T) {
	var anyV any
	var u uint16
	var nested [][]string
	var m map[string]int
	s := &responseHeaderState{raw: http.Header{"A": {"free text"}, "U": {"65535"}, "N": {"a,b"}, "M": {`{"a":1}`}, "C": {"x"}}}
	assert.True(t, s.readHeader("A", false, &anyV))
	assert.Equal(t, "free text", anyV)
	assert.True(t, s.readHeader("U", false, &u))
	assert.Equal(t, uint16(65535), u)
	assert.True(t, s.readHeader("M", false, &m), "a JSON value decodes")
	assert.Equal(t, map[string]int{"a": 1}, m)
	assert.False(t, s.readHeader("N", false, &nested))
	var ch chan int
	assert.False(t, s.readHeader("C", false, &ch))
	assert.False(t, s.readHeader("C", false, nil))
	assert.Len(t, s.errs, 3)
}

func TestWithResponseHeaders(t *testing.T) {
	srv, _ := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("X-Request-Id", "req_"+r.URL.Path[1:])
		w.Header().Set("X-Remaining", "7")
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusNotFound)
		}
		_, _ = w.Write([]byte(`{}`))
	})
	c := newTestCore(t, WithBaseURL(srv.URL))
	var h testHeaders
	require.NoError(t, c.do(context.Background(), newRequest("GET", "/ok"), nil, []Option{WithResponseHeaders(&h)}))
	require.NoError(t, h.Err())
	assert.Equal(t, "req_ok", h.RequestID)
	assert.Equal(t, Some[int32](7), h.Remaining)

	// An error response leaves the struct alone.
	var h2 testHeaders
	err := c.do(context.Background(), newRequest("GET", "/fail"), nil, []Option{WithResponseHeaders(&h2)})
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Nil(t, h2.Raw())

	// nil does nothing.
	require.NoError(t, c.do(context.Background(), newRequest("GET", "/ok"), nil, []Option{WithResponseHeaders(nil)}))
}

// A float32 header holds only a value it writes back unrounded; the header
// stays in Raw either way.
func TestFloat32HeaderNeverRounds(t *testing.T) {
	var f float32
	s := &responseHeaderState{raw: http.Header{"A": {"0.25"}, "B": {"16777217"}}}
	assert.True(t, s.readHeader("A", false, &f))
	assert.Equal(t, float32(0.25), f)
	f = 0
	assert.False(t, s.readHeader("B", false, &f))
	assert.Equal(t, float32(0), f)
	assert.Equal(t, "16777217", s.raw.Get("B"))
}
