package templates

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRetriesRetryableStatuses(t *testing.T) {
	for _, code := range []int{408, 409, 429, 500, 502, 503, 504} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
				if n < 2 {
					w.WriteHeader(code)
				}
			})
			c := newTestCore(t, WithBaseURL(srv.URL))
			// A POST too: the server answered, so resending is safe.
			r := newRequest(http.MethodPost, "/orders")
			r.jsonBody(map[string]string{"name": "x"})
			require.NoError(t, c.do(context.Background(), r, nil, nil))
			reqs := rec.all()
			require.Len(t, reqs, 3)
			for i, req := range reqs {
				assert.Equal(t, strconv.Itoa(i), req.Header.Get("X-Retry-Count"))
				assert.Equal(t, `{"name":"x"}`, string(req.Body), "body replayed")
				assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
			}
		})
	}
}

func TestDoesNotRetryOtherStatuses(t *testing.T) {
	for _, code := range []int{400, 401, 403, 404, 422} {
		srv, rec := newServer(t, status(code))
		err := newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, code, apiErr.StatusCode)
		assert.Equal(t, 1, rec.count(), code)
	}
}

func TestMaxRetries(t *testing.T) {
	for _, tc := range []struct {
		opts     []Option
		attempts int
	}{{nil, 3}, {[]Option{WithMaxRetries(5)}, 6}, {[]Option{WithMaxRetries(0)}, 1}, {[]Option{WithMaxRetries(-1)}, 1}} {
		srv, rec := newServer(t, status(http.StatusInternalServerError))
		c := newTestCore(t, append([]Option{WithBaseURL(srv.URL)}, tc.opts...)...)
		err := c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 500, apiErr.StatusCode)
		assert.Equal(t, tc.attempts, rec.count())
	}
}

func TestShouldRetryHeader(t *testing.T) {
	for _, tc := range []struct {
		code     int
		header   string
		attempts int
	}{{503, "false", 1}, {400, "true", 3}, {503, "", 3}, {400, "", 1}} {
		srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			if tc.header != "" {
				w.Header().Set("X-Should-Retry", tc.header)
			}
			w.WriteHeader(tc.code)
		})
		_ = newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil)
		assert.Equal(t, tc.attempts, rec.count(), "%d %q", tc.code, tc.header)
	}
}

func TestRetryAfterIsHonouredAndCapped(t *testing.T) {
	for _, tc := range []struct {
		header, value string
		opts          []Option
		min, max      time.Duration
	}{
		{"Retry-After", "3600", []Option{WithMaxRetryAfter(50 * time.Millisecond)}, 50 * time.Millisecond, time.Second},
		{"Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), []Option{WithMaxRetryAfter(50 * time.Millisecond)}, 50 * time.Millisecond, time.Second},
		{"Retry-After-Ms", "80", nil, 80 * time.Millisecond, time.Second},
		{"Retry-After", "0", nil, 0, 100 * time.Millisecond},
	} {
		var first time.Time
		var gap time.Duration
		srv, _ := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
			if n == 0 {
				first = time.Now()
				w.Header().Set(tc.header, tc.value)
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			gap = time.Since(first)
		})
		c := newTestCore(t, append([]Option{WithBaseURL(srv.URL)}, tc.opts...)...)
		require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil))
		assert.GreaterOrEqual(t, gap, tc.min, tc.header+": "+tc.value)
		assert.Less(t, gap, tc.max, tc.header+": "+tc.value)
	}
}

func TestServerDelay(t *testing.T) {
	c := newTestCore(t).cfg
	for _, tc := range []struct {
		h    http.Header
		want time.Duration
		ok   bool
	}{
		{http.Header{"Retry-After": {"2"}}, 2 * time.Second, true},
		{http.Header{"Retry-After": {"1.5"}}, 1500 * time.Millisecond, true},
		{http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"9"}}, 250 * time.Millisecond, true},
		{http.Header{"Retry-After": {"-3"}}, 0, true},
		{http.Header{"Retry-After": {"NaN"}}, 0, true},
		{http.Header{"Retry-After": {"1e300"}}, time.Minute, true},
		{http.Header{"Retry-After": {"120"}}, time.Minute, true},
		{http.Header{"Retry-After": {time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)}}, 0, true},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{}, 0, false},
	} {
		got, ok := c.serverDelay(tc.h)
		assert.Equal(t, tc.want, got, tc.h)
		assert.Equal(t, tc.ok, ok, tc.h)
	}
	d, _ := c.serverDelay(http.Header{"Retry-After": {time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)}})
	assert.InDelta(t, 30*time.Second, d, float64(2*time.Second), "an HTTP date")
}

// The backoff is a floor under the server's Retry-After: a longer wait is
// taken, a shorter one (zero, negative, in the past) raised to the backoff.
func TestRetryDelayKeepsTheBackoffFloor(t *testing.T) {
	c := newTestCore(t).cfg
	c.backoffBase, c.backoffMax = time.Second, 4*time.Second
	for _, tc := range []struct {
		h        http.Header
		attempt  int
		min, max time.Duration
	}{
		{http.Header{"Retry-After": {"0"}}, 0, 750 * time.Millisecond, time.Second},
		{http.Header{"Retry-After-Ms": {"0"}}, 2, 3 * time.Second, 4 * time.Second},
		{http.Header{"Retry-After": {"-3"}}, 1, 1500 * time.Millisecond, 2 * time.Second},
		{http.Header{"Retry-After": {time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)}}, 0, 750 * time.Millisecond, time.Second},
		{http.Header{"Retry-After": {"soon"}}, 0, 750 * time.Millisecond, time.Second},
		{http.Header{"Retry-After": {"30"}}, 0, 30 * time.Second, 30 * time.Second},
		{http.Header{"Retry-After": {"3600"}}, 5, time.Minute, time.Minute},
	} {
		for range 20 {
			d := c.retryDelay(tc.h, tc.attempt)
			assert.GreaterOrEqual(t, d, tc.min, tc.h)
			assert.LessOrEqual(t, d, tc.max, tc.h)
		}
	}
}

func TestBackoff(t *testing.T) {
	c := newClientCore(nil).cfg // the real defaults: 0.5 s doubling up to 8 s
	for _, tc := range []struct {
		attempt int
		max     time.Duration
	}{{0, 500 * time.Millisecond}, {1, time.Second}, {2, 2 * time.Second}, {4, 8 * time.Second}, {5, 8 * time.Second}, {1000, 8 * time.Second}} {
		for range 50 {
			d := c.backoff(tc.attempt)
			assert.LessOrEqual(t, d, tc.max)
			assert.GreaterOrEqual(t, d, tc.max*3/4)
		}
	}
}

// dropFirst answers every request but the first, whose connection it closes
// after reading the request.
func dropFirst(w http.ResponseWriter, _ *http.Request, n int) {
	if n == 0 {
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	}
}

func TestConnectionErrorRetriesOnlyIdempotentMethods(t *testing.T) {
	for _, tc := range []struct {
		method   string
		opts     []Option
		attempts int
	}{
		{http.MethodGet, nil, 2},
		{http.MethodPut, nil, 2},
		{http.MethodDelete, nil, 2},
		{http.MethodPost, nil, 1},
		{http.MethodPatch, nil, 1},
		{http.MethodPost, []Option{WithRetryNonIdempotent()}, 2},
		{http.MethodPatch, []Option{WithRetryNonIdempotent()}, 2},
	} {
		srv, rec := newServer(t, dropFirst)
		r := newRequest(tc.method, "/porting_orders/{id}")
		r.pathParam("id", "abc")
		r.jsonBody(map[string]string{"customer_reference": "x"})
		err := newTestCore(t, WithBaseURL(srv.URL)).do(context.Background(), r, nil, tc.opts)
		if tc.attempts == 1 {
			require.Error(t, err, tc.method)
			assert.Contains(t, err.Error(), tc.method+" /porting_orders/{id}: ")
		} else {
			require.NoError(t, err, tc.method)
		}
		reqs := rec.all()
		require.Len(t, reqs, tc.attempts, tc.method)
		assert.Equal(t, string(reqs[0].Body), string(reqs[len(reqs)-1].Body))
	}
}

func TestPostRetriedWhenConnectionNeverMade(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	attempts := 0
	count := WithMiddleware(func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		attempts++
		return next(req)
	})
	r := newRequest(http.MethodPost, "/orders")
	r.jsonBody(map[string]string{"a": "b"})
	err = newTestCore(t, WithBaseURL("http://"+addr), count).do(context.Background(), r, nil, nil)
	require.Error(t, err)
	var opErr *net.OpError
	require.ErrorAs(t, err, &opErr)
	assert.Equal(t, 3, attempts, "a refused connection never reached the server")
}

func TestAttemptTimeoutIsRetried(t *testing.T) {
	hang := func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			<-r.Context().Done()
		}
	}
	srv, rec := newServer(t, hang)
	c := newTestCore(t, WithBaseURL(srv.URL), WithRequestTimeout(50*time.Millisecond))
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil))
	assert.Equal(t, 2, rec.count())

	// A POST that timed out may have been handled: not resent.
	srv, rec = newServer(t, hang)
	err := c.do(context.Background(), newRequest(http.MethodPost, "/x"), nil, []Option{WithBaseURL(srv.URL)})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, rec.count())
}

func TestCallerDeadlineIsNotRetried(t *testing.T) {
	srv, rec := newServer(t, func(_ http.ResponseWriter, r *http.Request, _ int) { <-r.Context().Done() })
	c := newTestCore(t, WithBaseURL(srv.URL), WithRequestTimeout(time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.do(ctx, newRequest(http.MethodGet, "/x"), nil, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 500*time.Millisecond)
	assert.Equal(t, 1, rec.count())
}

func TestCancelStopsBackoffAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.WriteHeader(http.StatusServiceUnavailable)
		time.AfterFunc(30*time.Millisecond, cancel)
	})
	c := newTestCore(t, WithBaseURL(srv.URL), WithMaxRetryTime(0), func(c *config) { c.backoffBase, c.backoffMax = time.Hour, time.Hour })
	start := time.Now()
	err := c.do(ctx, newRequest(http.MethodGet, "/x"), nil, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, 1, rec.count())

	// Already cancelled: nothing is sent.
	require.ErrorIs(t, c.do(ctx, newRequest(http.MethodGet, "/x"), nil, nil), context.Canceled)
	assert.Equal(t, 1, rec.count())
}

func TestDoerErrorsAreWrapped(t *testing.T) {
	boom := errors.New("boom")
	doer := doerFunc(func(*http.Request) (*http.Response, error) { return nil, boom })
	err := newTestCore(t, WithHTTPClient(doer), WithMaxRetries(0)).do(context.Background(), newRequest(http.MethodGet, "/things/{id}"), nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "path parameter id is not set", "checked before sending")

	r := newRequest(http.MethodGet, "/things")
	err = newTestCore(t, WithHTTPClient(doer), WithMaxRetries(0)).do(context.Background(), r, nil, nil)
	require.ErrorIs(t, err, boom)
	assert.Equal(t, "GET /things: boom", err.Error())
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
