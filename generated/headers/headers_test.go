package headers

// Wire tests of typed response headers, against an httptest server.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serve answers every request with status, the header lines in header and
// body.
func serve(t *testing.T, status int, header http.Header, body string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, vs := range header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithAPIKey(""), WithMaxRetries(0))
}

var ctx = context.Background()

func TestResponseHeadersTyped(t *testing.T) {
	c := serve(t, 200, http.Header{
		"Content-Type":           {"application/json"},
		"X-Rate-Limit-Remaining": {"41"},
		"X-Next-Cursor":          {"c2"},
		"X-Expires-At":           {"2024-05-01T10:00:00+02:00"},
		"X-Cache-Hit":            {"false"},
		"X-Region":               {"eu"},
		"X-Tags":                 {"a, b", "c"},
		"X-Ids":                  {"1,2"},
		"X-Unlisted":             {"kept"},
	}, `["rex"]`)
	var h ListPetsResponseHeaders
	pets, err := c.Default.ListPets(ctx, WithResponseHeaders(&h))
	require.NoError(t, err)
	assert.Equal(t, []string{"rex"}, *pets)
	require.NoError(t, h.Err())
	assert.Equal(t, Some[int32](41), h.XRateLimitRemaining)
	assert.Equal(t, Some("c2"), h.XNextCursor)
	require.True(t, h.XExpiresAt.Set)
	assert.True(t, h.XExpiresAt.Value.Equal(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)))
	assert.Equal(t, Some(false), h.XCacheHit, "a false that was sent is set")
	assert.Equal(t, Some(ListPetsResponseXRegionEu), h.XRegion)
	assert.Equal(t, Some([]string{"a", "b", "c"}), h.XTags, "two header lines make one list")
	assert.Equal(t, Some([]int64{1, 2}), h.XIDs)
	assert.False(t, h.XPartialReason.Set, "not sent")
	assert.Equal(t, "kept", h.Raw().Get("X-Unlisted"))
}

// A header that does not parse does not fail the call: the field stays
// unset, Err names it, Raw has the value.
func TestResponseHeaderInvalid(t *testing.T) {
	c := serve(t, 200, http.Header{"X-Rate-Limit-Remaining": {"many"}, "X-Region": {"mars"}}, `[]`)
	var h ListPetsResponseHeaders
	_, err := c.Default.ListPets(ctx, WithResponseHeaders(&h))
	require.NoError(t, err)
	assert.False(t, h.XRateLimitRemaining.Set)
	assert.Equal(t, Some(ListPetsResponseXRegion("mars")), h.XRegion, "an enum value the client does not know is kept, as in bodies")
	var he *HeaderError
	require.ErrorAs(t, h.Err(), &he)
	assert.Equal(t, "X-Rate-Limit-Remaining", he.Name)
	assert.Equal(t, "many", he.Value)
	assert.EqualError(t, h.Err(), `response header X-Rate-Limit-Remaining: invalid value "many": not an integer of 32 bits`)
	assert.Equal(t, "many", h.Raw().Get("X-Rate-Limit-Remaining"))
}

// A required header (from a shared response and a $ref'd header) that is
// missing is reported, the call still succeeds.
func TestRequiredResponseHeader(t *testing.T) {
	c := serve(t, 204, http.Header{"X-Request-Id": {"3b241101-e2bb-4255-8caf-4136c566a962"}}, "")
	var h DeletePetResponseHeaders
	require.NoError(t, c.Default.DeletePet(ctx, "p1", WithResponseHeaders(&h)))
	require.NoError(t, h.Err())
	assert.Equal(t, "3b241101-e2bb-4255-8caf-4136c566a962", h.XRequestID)

	c = serve(t, 204, nil, "")
	var h2 DeleteStoreResponseHeaders
	require.NoError(t, c.Default.DeleteStore(ctx, "s1", WithResponseHeaders(&h2)))
	assert.Equal(t, "", h2.XRequestID)
	assert.EqualError(t, h2.Err(), "response header X-Request-Id: required but missing")
}

// An API error leaves the struct untouched: the headers of an error
// response are in the *APIError.
func TestResponseHeadersOnError(t *testing.T) {
	c := serve(t, 429, http.Header{"Retry-After": {"0"}, "X-Next-Cursor": {"c"}}, `{}`)
	var h ListPetsResponseHeaders
	_, err := c.Default.ListPets(ctx, WithResponseHeaders(&h))
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, ListPetsResponseHeaders{}, h)
}

func TestResponseHeadersNamesAndKinds(t *testing.T) {
	c := serve(t, 200, http.Header{"Raw": {"r"}, "X-Date": {"2024-02-29"}, "X-Ratio": {"1.5"}, "Content-Type": {"text/plain"}}, "body")
	var h GetRawResponseHeaders
	out, err := c.Default.GetRaw(ctx, WithResponseHeaders(&h))
	require.NoError(t, err)
	assert.Equal(t, "body", out)
	require.NoError(t, h.Err())
	assert.Equal(t, Some("r"), h.Raw2, "the header Raw does not clash with the Raw method")
	assert.Equal(t, Some(Date{Year: 2024, Month: time.February, Day: 29}), h.XDate)
	assert.Equal(t, Some(1.5), h.XRatio)
}

// The same struct can be reused: each call starts afresh.
func TestResponseHeadersReused(t *testing.T) {
	var h ListPetsResponseHeaders
	_, err := serve(t, 200, http.Header{"X-Next-Cursor": {"c2"}}, `[]`).Default.ListPets(ctx, WithResponseHeaders(&h))
	require.NoError(t, err)
	_, err = serve(t, 200, http.Header{"X-Cache-Hit": {"true"}}, `[]`).Default.ListPets(ctx, WithResponseHeaders(&h))
	require.NoError(t, err)
	assert.False(t, h.XNextCursor.Set)
	assert.Equal(t, Some(true), h.XCacheHit)
}
