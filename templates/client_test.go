package templates

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testKey = "sk_test_5up3rS3cretKEY"

// captured is what the test server saw of one request.
type captured struct {
	Method string
	URI    string // the raw request target: path and query as sent
	Header http.Header
	Body   []byte
}

type recorder struct {
	mu   sync.Mutex
	reqs []captured
}

func (rec *recorder) all() []captured {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]captured(nil), rec.reqs...)
}

func (rec *recorder) count() int { return len(rec.all()) }

// newServer starts a loopback server that records each request and lets
// handle answer it; n counts the requests from 0.
func newServer(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, n int)) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		n := len(rec.reqs)
		rec.reqs = append(rec.reqs, captured{r.Method, r.RequestURI, r.Header.Clone(), body})
		rec.mu.Unlock()
		if handle != nil {
			handle(w, r, n)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

// fast makes retries wait about a millisecond.
func fast(c *config) { c.backoffBase, c.backoffMax = time.Millisecond, 4*time.Millisecond }

// newTestCore builds a client core that ignores the environment and retries
// fast.
func newTestCore(t *testing.T, opts ...Option) *clientCore {
	t.Helper()
	t.Setenv(envAPIKey, "")
	t.Setenv(envBaseURL, "")
	return newClientCore(append([]Option{fast}, opts...))
}

func status(code int) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(code) }
}

func TestHeaders(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	c := newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey))
	ctx := context.Background()

	require.NoError(t, c.do(ctx, newRequest(http.MethodGet, "/items"), nil, nil))
	post := newRequest(http.MethodPost, "/items")
	post.jsonBody(map[string]any{"a": 1})
	require.NoError(t, c.do(ctx, post, nil, nil))

	reqs := rec.all()
	require.Len(t, reqs, 2)
	get := reqs[0].Header
	assert.Equal(t, "Bearer "+testKey, get.Get("Authorization"))
	assert.Equal(t, "application/json", get.Get("Accept"))
	assert.Equal(t, userAgent, get.Get("User-Agent"))
	assert.Equal(t, "0", get.Get("X-Retry-Count"))
	assert.Empty(t, get.Values("Content-Type"), "no body, no Content-Type")

	assert.Equal(t, "application/json", reqs[1].Header.Get("Content-Type"))
	assert.Equal(t, `{"a":1}`, string(reqs[1].Body))
}

func TestNoAuthorizationWithoutKey(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	c := newTestCore(t, WithBaseURL(srv.URL))
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil))
	// A call can also drop a client's key.
	c = newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey))
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, []Option{WithAPIKey("")}))
	for _, r := range rec.all() {
		assert.Empty(t, r.Header.Values("Authorization"))
	}
}

func TestEnvironmentDefaults(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	t.Setenv(envBaseURL, srv.URL+"/v2/")
	t.Setenv(envAPIKey, "env-key")
	c := newClientCore(nil)
	r := newRequest(http.MethodGet, "/porting_orders/{id}")
	r.pathParam("id", "abc")
	require.NoError(t, c.do(context.Background(), r, nil, nil))
	got := rec.all()[0]
	assert.Equal(t, "/v2/porting_orders/abc", got.URI)
	assert.Equal(t, "Bearer env-key", got.Header.Get("Authorization"))
}

func TestDefaultBaseURL(t *testing.T) {
	c := newTestCore(t)
	req, err := newRequest(http.MethodGet, "porting_orders").build(&c.cfg)
	require.NoError(t, err)
	assert.Equal(t, strings.TrimRight(defaultBaseURL, "/")+"/porting_orders", req.URL.String())
}

func TestInvalidBaseURL(t *testing.T) {
	for _, u := range []string{"", "api.example.com", "ftp://x/", "https://user:pw@/v1", "https://h/v1?x=1", "https://u:hunter2@h/%zz"} {
		c := newTestCore(t, WithBaseURL(u))
		err := c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil)
		require.Error(t, err, u)
		assert.Contains(t, err.Error(), "invalid base URL")
		assert.NotContains(t, err.Error(), "hunter2")
	}
}

func TestCallOptionsOverrideClientOptions(t *testing.T) {
	srv1, rec1 := newServer(t, status(http.StatusInternalServerError))
	srv2, rec2 := newServer(t, status(http.StatusInternalServerError))
	c := newTestCore(t, WithBaseURL(srv1.URL+"/"), WithAPIKey(testKey), WithHeader("X-A", "client"), WithHeader("X-B", "client"))
	ctx := context.Background()

	err := c.do(ctx, newRequest(http.MethodGet, "/x"), nil, []Option{
		WithBaseURL(srv2.URL), WithAPIKey("call-key"), WithMaxRetries(0), WithHeader("X-A", "call"), WithHeader("X-C", "call"),
	})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 0, rec1.count())
	require.Equal(t, 1, rec2.count(), "WithMaxRetries(0) per call")
	h := rec2.all()[0].Header
	assert.Equal(t, "Bearer call-key", h.Get("Authorization"))
	assert.Equal(t, "call", h.Get("X-A"), "the call's WithHeader wins")
	assert.Equal(t, "client", h.Get("X-B"))
	assert.Equal(t, "call", h.Get("X-C"))

	// The call's options did not stick to the client.
	_ = c.do(ctx, newRequest(http.MethodGet, "/x"), nil, []Option{WithHeader("X-D", "other call")})
	reqs := rec1.all()
	require.Len(t, reqs, 3, "client default: 2 retries")
	assert.Equal(t, "client", reqs[0].Header.Get("X-A"))
	assert.Empty(t, reqs[0].Header.Get("X-C"))
	assert.Equal(t, "other call", reqs[0].Header.Get("X-D"))
	assert.Equal(t, "Bearer "+testKey, reqs[0].Header.Get("Authorization"))
}

func TestWithHeaderOverridesBuiltIns(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	c := newTestCore(t, WithBaseURL(srv.URL), WithHeader("User-Agent", "mine/1"))
	r := newRequest(http.MethodGet, "/x")
	r.header("X-Param", "from spec")
	require.NoError(t, c.do(context.Background(), r, nil, []Option{WithHeader("Accept", "text/csv"), WithHeader("X-Param", "user")}))
	h := rec.all()[0].Header
	assert.Equal(t, "mine/1", h.Get("User-Agent"))
	assert.Equal(t, "text/csv", h.Get("Accept"))
	assert.Equal(t, []string{"user"}, h.Values("X-Param"))
}

func TestWithHeaderRejectsControlCharacters(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	cases := []struct{ name, value string }{
		{"X-A", "v\r\nX-Injected: 1"},
		{"X-A", "line1\nline2"},
		{"X-A\r\nX-Injected", "v"},
		{"Bad Name", "v"},
		{"", "v"},
	}
	for _, tc := range cases {
		// At client level every call fails; at call level only that call.
		c := newTestCore(t, WithBaseURL(srv.URL), WithHeader(tc.name, tc.value))
		err := c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "WithHeader")
		assert.NotContains(t, err.Error(), "X-Injected: 1", "the value is not echoed")

		c = newTestCore(t, WithBaseURL(srv.URL))
		require.Error(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, []Option{WithHeader(tc.name, tc.value)}))
		require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil))
	}
	assert.Equal(t, len(cases), rec.count(), "only the calls without a bad header were sent")
}

func TestInvalidAPIKey(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusOK))
	c := newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey+"\r\nX-Injected: 1"))
	err := c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "invalid API key")
	assert.NotContains(t, err.Error(), testKey)
	assert.Zero(t, rec.count())
}

func TestMiddleware(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	var trace []string
	mw := func(name string) Middleware {
		return func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
			trace = append(trace, name+req.Header.Get("X-Retry-Count"))
			req.Header.Add("X-Mw", name)
			res, err := next(req)
			if err == nil {
				trace = append(trace, fmt.Sprintf("%s<-%d", name, res.StatusCode))
			}
			return res, err
		}
	}
	c := newTestCore(t, WithBaseURL(srv.URL), WithMiddleware(mw("c1"), mw("c2")))
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/x"), nil, []Option{WithMiddleware(mw("p"))}))
	assert.Equal(t, []string{"c10", "c20", "p0", "p<-503", "c2<-503", "c1<-503", "c11", "c21", "p1", "p<-200", "c2<-200", "c1<-200"}, trace)
	assert.Equal(t, []string{"c1", "c2", "p"}, rec.all()[1].Header.Values("X-Mw"), "every attempt starts from a fresh copy")
}

func TestRedirectDropsAuthorizationAcrossOrigins(t *testing.T) {
	other, otherRec := newServer(t, status(http.StatusOK))
	var srvURL string
	srv, rec := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/elsewhere": // same host name, another port
			http.Redirect(w, r, other.URL+"/landing", http.StatusTemporaryRedirect)
		case "/other-name": // another host name
			http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/landing", http.StatusFound)
		case "/here":
			http.Redirect(w, r, srvURL+"/landing", http.StatusFound)
		}
	})
	srvURL = srv.URL
	ctx := context.Background()

	c := newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey))
	post := newRequest(http.MethodPost, "/elsewhere")
	post.jsonBody(map[string]string{"k": "v"})
	require.NoError(t, c.do(ctx, post, nil, nil))
	require.NoError(t, c.do(ctx, newRequest(http.MethodGet, "/here"), nil, nil))
	// A plain *http.Client drops it for another host name by itself.
	require.NoError(t, c.do(ctx, newRequest(http.MethodGet, "/other-name"), nil, []Option{WithHTTPClient(&http.Client{})}))

	landed := otherRec.all()
	require.Len(t, landed, 2)
	for _, r := range landed {
		assert.Empty(t, r.Header.Values("Authorization"))
	}
	assert.Equal(t, `{"k":"v"}`, string(landed[0].Body), "307 replays the body")
	reqs := rec.all()
	require.Len(t, reqs, 4)
	assert.Equal(t, "/landing", reqs[2].URI)
	assert.Equal(t, "Bearer "+testKey, reqs[2].Header.Get("Authorization"), "same origin keeps it")
}

func TestResponseInto(t *testing.T) {
	srv, _ := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("X-Request-Id", "rid")
		if r.URL.Path == "/bad" {
			w.WriteHeader(http.StatusBadRequest)
		}
		_, _ = io.WriteString(w, `{"ok":true}`)
	})
	c := newTestCore(t, WithBaseURL(srv.URL))
	var res *http.Response
	var out map[string]any
	require.NoError(t, c.do(context.Background(), newRequest(http.MethodGet, "/good"), &out, []Option{WithResponseInto(&res)}))
	require.NotNil(t, res)
	assert.Equal(t, "rid", res.Header.Get("X-Request-Id"))
	for range 2 { // re-readable
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		assert.Equal(t, `{"ok":true}`, string(b))
		res.Body = io.NopCloser(bytes.NewReader(b))
	}
	assert.Equal(t, true, out["ok"])

	res = nil
	require.Error(t, c.do(context.Background(), newRequest(http.MethodGet, "/bad"), nil, []Option{WithResponseInto(&res)}))
	require.NotNil(t, res)
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
	b, _ := io.ReadAll(res.Body)
	assert.Equal(t, `{"ok":true}`, string(b))
}

type decoded struct {
	ID   string `json:"id"`
	Size int    `json:"size"`
}

func TestDoOutputs(t *testing.T) {
	srv, _ := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/empty":
			w.WriteHeader(http.StatusNoContent)
		case "/html":
			_, _ = io.WriteString(w, "<html><body>maintenance</body></html>")
		case "/stream":
			_, _ = io.WriteString(w, "part1,")
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
			_, _ = io.WriteString(w, "part2")
		default:
			_, _ = io.WriteString(w, `{"id":"a1","size":3}`)
		}
	})
	c := newTestCore(t, WithBaseURL(srv.URL))
	ctx := context.Background()

	require.NoError(t, c.do(ctx, newRequest(http.MethodDelete, "/json"), nil, nil), "nil out discards the body")

	var raw []byte
	require.NoError(t, c.do(ctx, newRequest(http.MethodGet, "/json"), &raw, nil))
	assert.Equal(t, `{"id":"a1","size":3}`, string(raw))

	var v decoded
	require.NoError(t, c.do(ctx, newRequest(http.MethodGet, "/json"), &v, nil))
	assert.Equal(t, decoded{"a1", 3}, v)

	var m map[string]any
	require.NoError(t, c.do(ctx, newRequest(http.MethodGet, "/empty"), &m, nil))
	assert.Nil(t, m, "an empty body leaves out unchanged")

	err := c.do(ctx, newRequest(http.MethodGet, "/html"), &v, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GET /html: 200 OK: decode response")
	assert.Contains(t, err.Error(), "<html><body>maintenance")

	// The stream outlives do, even with a per-attempt timeout.
	var rc io.ReadCloser
	require.NoError(t, c.do(ctx, newRequest(http.MethodGet, "/stream"), &rc, []Option{WithRequestTimeout(5 * time.Second)}))
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	require.NoError(t, rc.Close())
	assert.Equal(t, "part1,part2", string(b))
}

func TestAPIKeyNeverInErrorsOrDumps(t *testing.T) {
	srv, _ := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/unauthorized":
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"errors":[{"code":"10009","title":"Authentication failed","detail":"The API key looks malformed."}]}`)
		case "/slow":
			<-r.Context().Done()
		default:
			_, _ = io.WriteString(w, "not json")
		}
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	closedURL := "http://" + ln.Addr().String()
	require.NoError(t, ln.Close())

	c := newTestCore(t, WithBaseURL(srv.URL), WithAPIKey(testKey), WithMaxRetries(0))
	ctx := context.Background()
	var v decoded
	timeout, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	errs := []error{
		c.do(ctx, newRequest(http.MethodGet, "/unauthorized"), nil, nil),
		c.do(ctx, newRequest(http.MethodGet, "/notjson"), &v, nil),
		c.do(ctx, newRequest(http.MethodGet, "/x"), nil, []Option{WithBaseURL(closedURL)}),
		c.do(ctx, newRequest(http.MethodGet, "/x"), nil, []Option{WithHeader("X", "a\nb")}),
		c.do(timeout, newRequest(http.MethodGet, "/slow"), nil, nil),
		c.do(ctx, newRequest(http.MethodGet, "/slow"), nil, []Option{WithRequestTimeout(10 * time.Millisecond)}),
	}
	for i, err := range errs {
		require.Error(t, err, i)
		for _, s := range []string{err.Error(), fmt.Sprintf("%v %+v %#v %s %q", err, err, err, err, err)} {
			assert.NotContains(t, s, testKey, i)
		}
	}
	var apiErr *APIError
	require.ErrorAs(t, errs[0], &apiErr)
	assert.Equal(t, "GET /unauthorized: 401 Unauthorized: The API key looks malformed.", apiErr.Error())
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", c, c, *c), testKey)
}
