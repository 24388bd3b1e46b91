package security

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wire is what the server saw of one request: the credentials only.
type wire struct {
	URI           string // path and query as sent
	Authorization string
	APIKey        string // X-API-Key
	Cookie        string
}

type server struct {
	*httptest.Server
	mu   sync.Mutex
	seen []wire
	// status answers request n; 204 when nil.
	status func(n int) int
}

func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		n := len(s.seen)
		s.seen = append(s.seen, wire{r.RequestURI, r.Header.Get("Authorization"), r.Header.Get("X-API-Key"), r.Header.Get("Cookie")})
		status := s.status
		s.mu.Unlock()
		code := http.StatusNoContent
		if status != nil {
			code = status(n)
		}
		if code == http.StatusUnauthorized {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(code)
			// A careless server echoes what it got.
			fmt.Fprintf(w, "rejected %s %s %s %s", r.RequestURI, r.Header.Get("Authorization"), r.Header.Get("X-API-Key"), r.Header.Get("Cookie"))
			return
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) last(t *testing.T) wire {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.NotEmpty(t, s.seen)
	return s.seen[len(s.seen)-1]
}

func (s *server) all() []wire {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]wire(nil), s.seen...)
}

// client ignores the environment unless the test sets it after.
func (s *server) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	t.Setenv("SECURITY_API_KEY", "")
	return NewClient(append([]Option{WithBaseURL(s.URL), WithMaxRetries(0)}, opts...)...)
}

func token(tok string) TokenSource {
	return TokenSourceFunc(func(context.Context) (string, error) { return tok, nil })
}

// Every scheme, every operation: the exact credentials on the wire.
func TestEachSchemeOnTheWire(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	c := srv.client(t,
		WithAPIKeyHeader("hdr-key-1"),
		WithAPIKeyAuth("q key&=1"),
		WithCookieAuth("cookie-key-1"),
		WithBasicAuth("aladdin", "open sesame"),
		WithDigestAuth(`username="a", response="r"`),
		WithBearerJWT("jwt.token.1"),
		WithOauth(token("oauth-token-1")),
		WithOidc(token("oidc-token-1")),
	)
	cases := []struct {
		name string
		call func() error
		want wire
	}{
		{"document default", func() error { return c.Default.GetDefault(ctx) }, wire{URI: "/default", Authorization: "Bearer jwt.token.1"}},
		{"apiKey header", func() error { return c.Default.GetHeader(ctx) }, wire{URI: "/header", APIKey: "hdr-key-1"}},
		{"apiKey query", func() error { return c.Default.GetQuery(ctx, GetQueryParams{Q: Some("x")}) }, wire{URI: "/query?q=x&api_key=q%20key%26%3D1"}},
		{"apiKey cookie", func() error { return c.Default.GetCookie(ctx, GetCookieParams{Theme: Some("dark")}) }, wire{URI: "/cookie", Cookie: "theme=dark; session=cookie-key-1"}},
		{"basic", func() error { return c.Default.GetBasic(ctx) }, wire{URI: "/basic", Authorization: "Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ=="}},
		{"other http scheme", func() error { return c.Default.GetDigest(ctx) }, wire{URI: "/digest", Authorization: `Digest username="a", response="r"`}},
		{"oauth2", func() error { return c.Default.GetOAuth(ctx) }, wire{URI: "/oauth", Authorization: "Bearer oauth-token-1"}},
		{"openIdConnect", func() error { return c.Default.GetOIDC(ctx) }, wire{URI: "/oidc", Authorization: "Bearer oidc-token-1"}},
		{"AND", func() error { return c.Default.GetAnd(ctx) }, wire{URI: "/and?api_key=q%20key%26%3D1", APIKey: "hdr-key-1"}},
		{"OR: the first alternative", func() error { return c.Default.GetOr(ctx) }, wire{URI: "/or", Authorization: "Bearer oauth-token-1"}},
		{"optional, set", func() error { return c.Default.GetOptional(ctx) }, wire{URI: "/optional", APIKey: "hdr-key-1"}},
		{"security: []", func() error { return c.Default.GetPublic(ctx) }, wire{URI: "/public"}},
		{"mutualTLS is left to the transport", func() error { return c.Default.GetMTLS(ctx) }, wire{URI: "/mtls", APIKey: "hdr-key-1"}},
		{"undeclared scheme", func() error { return c.Default.GetUndeclared(ctx) }, wire{URI: "/undeclared"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, tc.call())
			assert.Equal(t, tc.want, srv.last(t))
		})
	}
}

func TestAlternativesFollowWhatIsSet(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()

	// OR: without an OAuth source the second alternative, basic, is sent.
	require.NoError(t, srv.client(t, WithBasicAuth("u", "p")).Default.GetOr(ctx))
	assert.Equal(t, wire{URI: "/or", Authorization: "Basic dTpw"}, srv.last(t))

	// AND: one of two set is not enough; nothing is sent.
	require.NoError(t, srv.client(t, WithAPIKeyHeader("hdr-key-1")).Default.GetAnd(ctx))
	assert.Equal(t, wire{URI: "/and"}, srv.last(t))

	// Optional: nothing set, nothing sent.
	require.NoError(t, srv.client(t).Default.GetOptional(ctx))
	assert.Equal(t, wire{URI: "/optional"}, srv.last(t))

	// A per-call option applies to that call only.
	c := srv.client(t, WithBearerJWT("client-jwt-1"))
	require.NoError(t, c.Default.GetDefault(ctx, WithBearerJWT("call-jwt-1")))
	assert.Equal(t, "Bearer call-jwt-1", srv.last(t).Authorization)
	require.NoError(t, c.Default.GetDefault(ctx))
	assert.Equal(t, "Bearer client-jwt-1", srv.last(t).Authorization)

	// An unmet requirement is sent without credentials: the server's 401
	// becomes an *APIError.
	srv.status = func(int) int { return http.StatusUnauthorized }
	err := srv.client(t).Default.GetBasic(ctx)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, wire{URI: "/basic"}, srv.last(t))
}

// WithAPIKey (and $SECURITY_API_KEY) stands in for the bearer and apiKey
// schemes, never for OAuth, OpenID Connect or basic, and an explicit option
// wins over it.
func TestDefaultKey(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	t.Setenv("SECURITY_API_KEY", "env-key-123")
	c := NewClient(WithBaseURL(srv.URL))

	require.NoError(t, c.Default.GetDefault(ctx))
	assert.Equal(t, wire{URI: "/default", Authorization: "Bearer env-key-123"}, srv.last(t))
	require.NoError(t, c.Default.GetHeader(ctx))
	assert.Equal(t, wire{URI: "/header", APIKey: "env-key-123"}, srv.last(t))
	require.NoError(t, c.Default.GetQuery(ctx, GetQueryParams{}))
	assert.Equal(t, wire{URI: "/query?api_key=env-key-123"}, srv.last(t))
	require.NoError(t, c.Default.GetCookie(ctx, GetCookieParams{}))
	assert.Equal(t, wire{URI: "/cookie", Cookie: "session=env-key-123"}, srv.last(t))
	for _, call := range []func(context.Context, ...Option) error{c.Default.GetOAuth, c.Default.GetOIDC, c.Default.GetBasic, c.Default.GetPublic} {
		require.NoError(t, call(ctx))
		assert.Empty(t, srv.last(t).Authorization)
	}
	require.NoError(t, c.Default.GetHeader(ctx, WithAPIKey("")))
	assert.Equal(t, wire{URI: "/header"}, srv.last(t), "WithAPIKey(\"\") drops the environment's key")

	// An explicit option wins over the key even in a later alternative:
	// /mtls is [mtls] or [ApiKeyHeader], /default is [bearerJWT].
	c = NewClient(WithBaseURL(srv.URL), WithAPIKeyHeader("own-hdr-1"))
	require.NoError(t, c.Default.GetMTLS(ctx))
	assert.Equal(t, wire{URI: "/mtls", APIKey: "own-hdr-1"}, srv.last(t))
	require.NoError(t, c.Default.GetDefault(ctx, WithBearerJWT("own-jwt-1")))
	assert.Equal(t, "Bearer own-jwt-1", srv.last(t).Authorization, "a scheme's own option wins over the key")
}

func TestTokenSourceRefreshesPerAttempt(t *testing.T) {
	srv := newServer(t)
	srv.status = func(n int) int {
		if n < 2 {
			return http.StatusServiceUnavailable
		}
		return http.StatusNoContent
	}
	var n atomic.Int32
	refreshing := TokenSourceFunc(func(context.Context) (string, error) {
		return fmt.Sprintf("token-v%d", n.Add(1)), nil
	})
	c := NewClient(WithBaseURL(srv.URL), WithOauth(refreshing), WithMaxRetries(2))
	require.NoError(t, c.Default.GetOAuth(context.Background()))
	var got []string
	for _, w := range srv.all() {
		got = append(got, w.Authorization)
	}
	assert.Equal(t, []string{"Bearer token-v1", "Bearer token-v2", "Bearer token-v3"}, got)
}

func TestTokenSourceErrorFailsUnsent(t *testing.T) {
	srv := newServer(t)
	boom := errors.New("token endpoint unreachable")
	c := srv.client(t, WithOauth(TokenSourceFunc(func(context.Context) (string, error) { return "", boom })))
	err := c.Default.GetOAuth(context.Background())
	assert.EqualError(t, err, `GET /oauth: security scheme "oauth": get token: token endpoint unreachable`)
	assert.ErrorIs(t, err, boom)
	assert.Empty(t, srv.all(), "no request")

	// A source failing on a retry ends the call there.
	srv.status = func(int) int { return http.StatusServiceUnavailable }
	var calls atomic.Int32
	c = NewClient(WithBaseURL(srv.URL), WithMaxRetries(3), WithOauth(TokenSourceFunc(func(context.Context) (string, error) {
		if calls.Add(1) > 1 {
			return "", boom
		}
		return "token-v1", nil
	})))
	err = c.Default.GetOAuth(context.Background())
	assert.ErrorIs(t, err, boom)
	assert.Len(t, srv.all(), 1, "only the first attempt was sent")
}

func TestCredentialsNeverInErrors(t *testing.T) {
	const (
		hdrKey   = "hdr-secret-1"
		queryKey = "query/secret+1"
		cookie   = "cookie-secret-1"
		password = "basic-secret-1"
		tok      = "oauth-secret-1"
	)
	srv := newServer(t)
	srv.status = func(int) int { return http.StatusUnauthorized }
	ctx := context.Background()
	opts := []Option{WithAPIKeyHeader(hdrKey), WithAPIKeyAuth(queryKey), WithCookieAuth(cookie),
		WithBasicAuth("user", password), WithOauth(token(tok))}
	c := srv.client(t, opts...)
	for _, call := range []func() error{
		func() error { return c.Default.GetAnd(ctx) },
		func() error { return c.Default.GetCookie(ctx, GetCookieParams{}) },
		func() error { return c.Default.GetBasic(ctx) },
		func() error { return c.Default.GetOAuth(ctx) },
	} {
		err := call()
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		for _, s := range []string{err.Error(), string(apiErr.Body), fmt.Sprintf("%v %+v %#v", err, err, apiErr)} {
			assert.NotContains(t, s, "secret", "redacted")
		}
		assert.Contains(t, string(apiErr.Body), "[REDACTED]")
	}

	// The URL of a transport error holds the query key, escaped.
	c = NewClient(WithBaseURL("http://127.0.0.1:1"), WithMaxRetries(0), WithAPIKeyAuth(queryKey))
	err := c.Default.GetQuery(ctx, GetQueryParams{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "api_key=[REDACTED]")
	assert.NotContains(t, err.Error(), "secret")

	// Nothing printable holds a credential.
	c = srv.client(t, opts...)
	for _, s := range []string{fmt.Sprintf("%v %+v %#v", c, *c, c.core), fmt.Sprintf("%v %+v %#v", opts, opts, opts)} {
		assert.NotContains(t, s, "secret")
	}
}

func TestInvalidCredentialsAreRefused(t *testing.T) {
	srv := newServer(t)
	ctx := context.Background()
	err := srv.client(t, WithAPIKeyHeader("key\r\nX-Injected: 1")).Default.GetHeader(ctx)
	assert.EqualError(t, err, `GET /header: invalid security scheme "ApiKeyHeader": it contains a control character`)
	err = srv.client(t, WithCookieAuth("a; admin=1")).Default.GetCookie(ctx, GetCookieParams{})
	assert.EqualError(t, err, `GET /cookie: invalid security scheme "cookieAuth": it contains a control character, a space or one of ;,"\`)
	err = srv.client(t, WithBasicAuth("a:b", "p")).Default.GetBasic(ctx)
	assert.EqualError(t, err, `GET /basic: security scheme "basicAuth": the user name contains a colon`)
	err = srv.client(t, WithOauth(token("t\nX: 1"))).Default.GetOAuth(ctx)
	assert.EqualError(t, err, `GET /oauth: invalid security scheme "oauth": it contains a control character`)
	assert.Empty(t, srv.all(), "nothing was sent")
}
