package templates

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRawCallKeepsAuthRetriesAndErrors(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.URL.Path == "/v2/beta/things" && n == 0:
			w.WriteHeader(http.StatusTooManyRequests)
		case r.URL.Path == "/v2/beta/things":
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"t1","count":2}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"errors":[{"detail":"no such thing"}]}`)
		}
	})
	c := newTestCore(t, WithBaseURL(srv.URL+"/v2/"), WithAPIKey(testKey))
	var out struct {
		ID    string `json:"id"`
		Count int    `json:"count"`
	}
	err := c.raw(context.Background(), "post", "beta/things?expand=a%20b", map[string]any{"name": "x"}, &out,
		[]Option{WithExtraQuery("dry", "1"), WithExtraBodyField("beta", true)})
	require.NoError(t, err)
	assert.Equal(t, "t1", out.ID)
	assert.Equal(t, 2, out.Count)
	reqs := rec.all()
	require.Len(t, reqs, 2, "the 429 is retried")
	got := reqs[1]
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, "/v2/beta/things?expand=a%20b&dry=1", got.URI)
	assert.Equal(t, "Bearer "+testKey, got.Header.Get("Authorization"))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, `{"name":"x","beta":true}`, string(got.Body))

	err = c.raw(context.Background(), http.MethodGet, "/nowhere/{x}", nil, nil, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, "GET /nowhere/%7Bx%7D: 404 Not Found: no such thing", apiErr.Error())
	assert.Equal(t, "/v2/nowhere/%7Bx%7D", rec.all()[2].URI)
}

func TestRawCallBodies(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { _, _ = io.WriteString(w, "raw reply") })
	c := newTestCore(t, WithBaseURL(srv.URL))
	ctx := context.Background()
	var got []byte
	require.NoError(t, c.raw(ctx, "PUT", "/f", strings.NewReader("octets"), &got, nil))
	assert.Equal(t, "raw reply", string(got))
	require.NoError(t, c.raw(ctx, "PUT", "/j", json.RawMessage(`[1,2]`), nil, nil))
	require.NoError(t, c.raw(ctx, "PUT", "/b", []byte(`{"a":1}`), nil, nil))
	var stream io.ReadCloser
	require.NoError(t, c.raw(ctx, "GET", "/s", nil, &stream, nil))
	data, _ := io.ReadAll(stream)
	stream.Close()
	assert.Equal(t, "raw reply", string(data))

	reqs := rec.all()
	assert.Equal(t, "application/octet-stream", reqs[0].Header.Get("Content-Type"))
	assert.Equal(t, "octets", string(reqs[0].Body))
	assert.Equal(t, "application/json", reqs[1].Header.Get("Content-Type"))
	assert.Equal(t, `[1,2]`, string(reqs[1].Body))
	assert.Equal(t, `{"a":1}`, string(reqs[2].Body))
	assert.Empty(t, reqs[3].Header.Get("Content-Type"))
}

func TestRawCallRefusesBadPaths(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	c := newTestCore(t, WithBaseURL(srv.URL))
	for path, want := range map[string]string{
		"https://evil.example/x": "must be relative to the base URL",
		"//evil.example/x":       "must be relative to the base URL",
		"/x#frag":                "has a fragment",
		"/x%zz":                  "not a valid URL path",
	} {
		err := c.raw(context.Background(), "GET", path, nil, nil, nil)
		assert.ErrorContains(t, err, want, path)
	}
	assert.ErrorContains(t, c.raw(context.Background(), "", "/x", nil, nil, nil), "the method is empty")
	assert.ErrorContains(t, c.raw(context.Background(), "GE T", "/x", nil, nil, nil), "invalid method")
	assert.Empty(t, rec.all())
}
