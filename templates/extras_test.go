package templates

import (
	"context"
	"errors"
	"net/http"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExtraQueryAddsAndReplaces(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	c := newTestCore(t, WithBaseURL(srv.URL))
	r := newRequest(http.MethodGet, "/items")
	r.queryParam("limit", 10, "form", true)
	r.queryParam("sort", "name", "form", true)
	err := c.do(context.Background(), r, nil, []Option{
		WithExtraQuery("limit", "50"), WithExtraQuery("beta", "a b&c"), WithExtraQuery("beta", "2"),
	})
	require.NoError(t, err)
	assert.Equal(t, "/items?sort=name&limit=50&beta=a%20b%26c&beta=2", rec.all()[0].URI)
}

func TestExtraBodyFieldMergesIntoTheJSONBody(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	c := newTestCore(t, WithBaseURL(srv.URL))
	r := newRequest(http.MethodPost, "/items")
	r.jsonBody(map[string]any{"name": "a", "size": 1})
	err := c.do(context.Background(), r, nil, []Option{
		WithExtraBodyField("size", "large"), WithExtraBodyField("beta", map[string]int{"x": 1}),
		WithExtraBodyField("tag", nil), WithExtraBodyField("beta", true),
	})
	require.NoError(t, err)
	got := rec.all()[0]
	assert.JSONEq(t, `{"name":"a","size":"large","beta":true,"tag":null}`, string(got.Body))
	assert.Equal(t, `{"name":"a","size":"large","tag":null,"beta":true}`, string(got.Body), "typed members first, then the extras, each once")
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, `{"name":"a","size":1}`, string(r.body), "the method's request is left as it was")
}

func TestExtraBodyFieldWithoutBodyAndOnOtherBodies(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	c := newTestCore(t, WithBaseURL(srv.URL))
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodPost, "/go"), nil, []Option{WithExtraBodyField("now", 1)}))
	assert.Equal(t, `{"now":1}`, string(rec.all()[0].Body))

	r := newRequest(http.MethodPost, "/form")
	r.formBody(map[string]string{"a": "b"})
	err := c.do(context.Background(), r, nil, []Option{WithExtraBodyField("now", 1)})
	assert.ErrorContains(t, err, "WithExtraBodyField: the body is application/x-www-form-urlencoded, not a JSON object")

	r = newRequest(http.MethodPost, "/list")
	r.jsonBody([]int{1})
	err = c.do(context.Background(), r, nil, []Option{WithExtraBodyField("now", 1)})
	assert.ErrorContains(t, err, "WithExtraBodyField: the body is not a JSON object")
	assert.Len(t, rec.all(), 1, "refused calls send nothing")
}

func TestIdempotencyKeyIsTheSameOnEveryAttempt(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusServiceUnavailable))
	c := newTestCore(t, WithBaseURL(srv.URL), WithMaxRetries(2))
	r := newRequest(http.MethodPost, "/pay")
	r.jsonBody(map[string]int{"amount": 1})
	err := c.do(context.Background(), r, nil, []Option{WithIdempotencyKey("order-42")})
	require.Error(t, err)
	reqs := rec.all()
	require.Len(t, reqs, 3)
	for _, q := range reqs {
		assert.Equal(t, "order-42", q.Header.Get("Idempotency-Key"))
	}
}

func TestAutoIdempotencyKeyIsOnePerCall(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		code := http.StatusNoContent
		if n == 0 || n == 2 { // the first attempt of each POST fails
			code = http.StatusInternalServerError
		}
		w.WriteHeader(code)
	})
	c := newTestCore(t, WithBaseURL(srv.URL), WithAutoIdempotencyKey())
	for range 2 {
		require.NoError(t, c.do(context.Background(), newRequest(http.MethodPost, "/pay"), nil, nil))
	}
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/pay"), nil, nil))
	reqs := rec.all()
	require.Len(t, reqs, 5)
	first, second := reqs[0].Header.Get("Idempotency-Key"), reqs[2].Header.Get("Idempotency-Key")
	assert.NotEmpty(t, first)
	assert.Equal(t, first, reqs[1].Header.Get("Idempotency-Key"), "the retry sends the call's key")
	assert.Equal(t, second, reqs[3].Header.Get("Idempotency-Key"))
	assert.NotEqual(t, first, second, "each call has its own key")
	assert.Empty(t, reqs[4].Header.Get("Idempotency-Key"), "a GET needs none")

	// WithIdempotencyKey wins over the automatic key.
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodPost, "/pay"), nil, []Option{WithIdempotencyKey("mine")}))
	assert.Equal(t, "mine", rec.all()[5].Header.Get("Idempotency-Key"))
}

func TestIdempotencyKeyRefusesControlCharacters(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	err := newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), newRequest(http.MethodPost, "/pay"), nil, []Option{WithIdempotencyKey("a\r\nX-Evil: 1")})
	assert.ErrorContains(t, err, "WithIdempotencyKey: header Idempotency-Key: the value contains a control character")
	assert.Empty(t, rec.all())
}

// resetOnce is an HTTPDoer whose first attempt fails as a connection reset
// after sending would: the server may have done the operation.
type resetOnce struct {
	n    int
	next HTTPDoer
}

func (d *resetOnce) Do(req *http.Request) (*http.Response, error) {
	d.n++
	if d.n == 1 {
		return nil, syscall.ECONNRESET
	}
	return d.next.Do(req)
}

func TestPostIsRetriedAfterAResetOnlyWhenAsked(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	for _, tc := range []struct {
		name  string
		opts  []Option
		retry bool
	}{
		{"not asked", nil, false},
		{"idempotency key", []Option{WithIdempotencyKey("k1")}, true},
		{"automatic key", []Option{WithAutoIdempotencyKey()}, true},
		{"WithRetryNonIdempotent", []Option{WithRetryNonIdempotent()}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(rec.all())
			doer := &resetOnce{next: http.DefaultClient}
			c := newTestCore(t, WithBaseURL(srv.URL), WithHTTPClient(doer))
			err := c.do(context.Background(), newRequest(http.MethodPost, "/pay"), nil, tc.opts)
			if tc.retry {
				require.NoError(t, err)
				assert.Len(t, rec.all(), before+1)
			} else {
				assert.True(t, errors.Is(err, syscall.ECONNRESET), "%v", err)
				assert.Len(t, rec.all(), before)
			}
		})
	}
}
