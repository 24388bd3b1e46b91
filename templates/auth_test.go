package templates

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The stand-in schemes of spec.go: bearer, basic, digest, headerKey,
// queryKey, cookieKey (apiKey in a header, the query, a cookie) and oauth.

func staticToken(tok string) TokenSource {
	return TokenSourceFunc(func(context.Context) (string, error) { return tok, nil })
}

func TestAuthPlanPicksTheFirstSatisfiedAlternative(t *testing.T) {
	names := func(plan []authStep) string {
		var out []string
		for _, st := range plan {
			for n, s := range authSchemes {
				if s == st.scheme {
					out = append(out, n)
				}
			}
		}
		return strings.Join(out, "+")
	}
	hk := withSchemeKey("headerKey", "h-key-123")
	qk := withSchemeKey("queryKey", "q-key-123")
	oauth := withSchemeToken("oauth", staticToken("tok"))
	for _, tc := range []struct {
		name string
		opts []Option
		reqs [][]string
		want string
	}{
		{"own credential", []Option{hk}, [][]string{{"headerKey"}}, "headerKey"},
		{"no credential: none sent", nil, [][]string{{"headerKey"}}, ""},
		{"default key stands in for apiKey", []Option{WithAPIKey(testKey)}, [][]string{{"headerKey"}}, "headerKey"},
		{"default key stands in for bearer", []Option{WithAPIKey(testKey)}, [][]string{{"bearer"}}, "bearer"},
		{"default key is no OAuth token", []Option{WithAPIKey(testKey)}, [][]string{{"oauth"}}, ""},
		{"default key is no basic credential", []Option{WithAPIKey(testKey)}, [][]string{{"basic"}}, ""},
		{"first alternative in spec order", []Option{hk, qk}, [][]string{{"queryKey"}, {"headerKey"}}, "queryKey"},
		{"an own credential beats the default key", []Option{WithAPIKey(testKey), oauth}, [][]string{{"bearer"}, {"oauth"}}, "oauth"},
		{"AND needs all", []Option{hk}, [][]string{{"headerKey", "oauth"}}, ""},
		{"AND with all", []Option{hk, oauth}, [][]string{{"headerKey", "oauth"}}, "headerKey+oauth"},
		{"AND completed by the default key", []Option{oauth, WithAPIKey(testKey)}, [][]string{{"headerKey", "oauth"}}, "headerKey+oauth"},
		{"optional: credentials when set", []Option{hk}, [][]string{{}, {"headerKey"}}, "headerKey"},
		{"optional: nothing otherwise", nil, [][]string{{"headerKey"}, {}}, ""},
		{"security: [] sends nothing", []Option{hk, WithAPIKey(testKey)}, [][]string{}, ""},
		{"undeclared scheme is never met", []Option{WithAPIKey(testKey)}, [][]string{{"nope"}, {"bearer"}}, "bearer"},
		{"removed by an empty key", []Option{hk, withSchemeKey("headerKey", "")}, [][]string{{"headerKey"}}, ""},
		{"removed by a nil source", []Option{oauth, withSchemeToken("oauth", nil)}, [][]string{{"oauth"}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestCore(t, tc.opts...)
			assert.Equal(t, tc.want, names(c.cfg.authPlan(tc.reqs)))
		})
	}

	// A spec without security (nil) sends the default key as a bearer token.
	c := newTestCore(t, WithAPIKey(testKey))
	plan := c.cfg.authPlan(nil)
	require.Len(t, plan, 1)
	assert.Equal(t, authBearer, plan[0].scheme.kind)
	assert.Empty(t, newTestCore(t).cfg.authPlan(nil))
}

func TestAuthOnTheWire(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	ctx := context.Background()
	c := newTestCore(t, WithBaseURL(srv.URL),
		withSchemeKey("headerKey", "h-key-123"),
		withSchemeKey("queryKey", "q key/&=1"),
		withSchemeKey("cookieKey", "c-key-123"),
		withSchemeBasic("basic", "aladdin", "open sesame"),
		withSchemeKey("digest", `username="a", response="b"`),
		withSchemeKey("bearer", "b-tok-123"),
		withSchemeToken("oauth", staticToken("o-tok-123")),
	)
	call := func(alts ...[]string) captured {
		t.Helper()
		r := newRequest("GET", "/x")
		r.queryParam("q", "v", "form", true)
		r.cookie("theme", "dark")
		r.requireAuth(alts...)
		require.NoError(t, c.do(ctx, r, nil, nil))
		all := rec.all()
		return all[len(all)-1]
	}

	got := call([]string{"headerKey"})
	assert.Equal(t, "h-key-123", got.Header.Get("X-API-Key"))
	assert.Empty(t, got.Header.Get("Authorization"))

	got = call([]string{"queryKey"})
	assert.Equal(t, "/x?q=v&api_key=q%20key%2F%26%3D1", got.URI, "escaped, after the operation's query")

	got = call([]string{"cookieKey"})
	assert.Equal(t, "theme=dark; session=c-key-123", got.Header.Get("Cookie"), "after the operation's cookies")

	got = call([]string{"basic"})
	assert.Equal(t, "Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ==", got.Header.Get("Authorization"))

	got = call([]string{"digest"})
	assert.Equal(t, `Digest username="a", response="b"`, got.Header.Get("Authorization"))

	got = call([]string{"bearer"})
	assert.Equal(t, "Bearer b-tok-123", got.Header.Get("Authorization"))

	got = call([]string{"oauth"})
	assert.Equal(t, "Bearer o-tok-123", got.Header.Get("Authorization"))

	got = call([]string{"headerKey", "queryKey", "cookieKey"})
	assert.Equal(t, "h-key-123", got.Header.Get("X-API-Key"))
	assert.Equal(t, "/x?q=v&api_key=q%20key%2F%26%3D1", got.URI)
	assert.Equal(t, "theme=dark; session=c-key-123", got.Header.Get("Cookie"))

	got = call()
	assert.Empty(t, got.Header.Get("X-API-Key"))
	assert.Empty(t, got.Header.Get("Authorization"))
	assert.Equal(t, "/x?q=v", got.URI)
	assert.Equal(t, "theme=dark", got.Header.Get("Cookie"))

	// WithHeader wins over a credential too.
	r := newRequest("GET", "/x")
	r.requireAuth([]string{"headerKey"})
	require.NoError(t, c.do(ctx, r, nil, []Option{WithHeader("X-API-Key", "override")}))
	all := rec.all()
	assert.Equal(t, "override", all[len(all)-1].Header.Get("X-API-Key"))
}

func TestTokenSourceIsAskedPerAttempt(t *testing.T) {
	srv, rec := newServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n < 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	var calls atomic.Int32
	ts := TokenSourceFunc(func(ctx context.Context) (string, error) {
		require.NotNil(t, ctx)
		return fmt.Sprintf("token-%d", calls.Add(1)), nil
	})
	c := newTestCore(t, WithBaseURL(srv.URL), withSchemeToken("oauth", ts))
	r := newRequest("GET", "/x")
	r.requireAuth([]string{"oauth"})
	require.NoError(t, c.do(context.Background(), r, nil, nil))
	var got []string
	for _, req := range rec.all() {
		got = append(got, req.Header.Get("Authorization"))
	}
	assert.Equal(t, []string{"Bearer token-1", "Bearer token-2", "Bearer token-3"}, got, "a refreshed token on each retry")
}

func TestCredentialErrorsSendNothing(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	ctx := context.Background()
	call := func(scheme string, opts ...Option) error {
		r := newRequest("GET", "/x")
		r.requireAuth([]string{scheme})
		return newTestCore(t, append([]Option{WithBaseURL(srv.URL)}, opts...)...).do(ctx, r, nil, nil)
	}
	boom := errors.New("refresh failed for secret-refresh-token")
	err := call("oauth", withSchemeToken("oauth", TokenSourceFunc(func(context.Context) (string, error) { return "", boom })),
		withSchemeKey("bearer", "secret-refresh-token"))
	assert.EqualError(t, err, `GET /x: security scheme "oauth": get token: refresh failed for [REDACTED]`,
		"the source's message, with any configured credential redacted")
	assert.ErrorIs(t, err, boom)

	err = call("oauth", withSchemeToken("oauth", staticToken("")))
	assert.EqualError(t, err, `GET /x: security scheme "oauth": the token source returned an empty token`)

	err = call("oauth", withSchemeToken("oauth", staticToken("tok-secret-1\r\nX-Injected: 1")))
	assert.EqualError(t, err, `GET /x: invalid security scheme "oauth": it contains a control character`)

	err = call("headerKey", withSchemeKey("headerKey", "key-secret-1\nX-Injected: 1"))
	assert.EqualError(t, err, `GET /x: invalid security scheme "headerKey": it contains a control character`)

	for _, v := range []string{"a;b=c", "a\r\nb", "a b", `a"b`} {
		err = call("cookieKey", withSchemeKey("cookieKey", v))
		assert.EqualError(t, err, `GET /x: invalid security scheme "cookieKey": it contains a control character, a space or one of ;,"\`, v)
	}

	err = call("basic", withSchemeBasic("basic", "a:b", "password1"))
	assert.EqualError(t, err, `GET /x: security scheme "basic": the user name contains a colon`)

	assert.Zero(t, rec.count(), "nothing was sent")
}

func TestCredentialsAreRedacted(t *testing.T) {
	const (
		queryKey = "qk/secret+value"
		password = "pa55-secret"
		token    = "tok-from-source"
	)
	srv, _ := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("X-Echo", r.URL.RawQuery+" "+r.Header.Get("Authorization"))
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, "bad %s %s %s %s", r.URL.Query().Get("api_key"), r.URL.RawQuery, r.Header.Get("Authorization"), password)
	})
	ctx := context.Background()
	opts := []Option{WithBaseURL(srv.URL), WithMaxRetries(0),
		withSchemeKey("queryKey", queryKey), withSchemeBasic("basic", "user", password)}

	r := newRequest("GET", "/x")
	r.requireAuth([]string{"queryKey", "basic"})
	err := newTestCore(t, opts...).do(ctx, r, nil, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	for _, s := range []string{string(apiErr.Body), apiErr.Header.Get("X-Echo"), err.Error()} {
		assert.NotContains(t, s, "secret")
		assert.NotContains(t, s, "dXNlcjpwYTU1LXNlY3JldA==") // user:password in base64
	}
	assert.Equal(t, "bad [REDACTED] api_key=[REDACTED] Basic [REDACTED] [REDACTED]", string(apiErr.Body))

	// A token from a source is redacted once it has been sent.
	r = newRequest("GET", "/x")
	r.requireAuth([]string{"oauth"})
	err = newTestCore(t, WithBaseURL(srv.URL), WithMaxRetries(0), withSchemeToken("oauth", staticToken(token))).do(ctx, r, nil, nil)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Bearer [REDACTED]", apiErr.Header.Get("X-Echo"))

	// A transport error quotes the URL, query string included.
	r = newRequest("GET", "/x")
	r.requireAuth([]string{"queryKey"})
	err = newTestCore(t, WithBaseURL("http://127.0.0.1:1"), WithMaxRetries(0), withSchemeKey("queryKey", queryKey)).do(ctx, r, nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "api_key=[REDACTED]")
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", err, err, err), "secret")

	// Nothing printable holds a credential.
	c := newTestCore(t, opts...)
	for _, o := range append(opts, withSchemeToken("oauth", staticToken(token))) {
		assert.NotContains(t, fmt.Sprintf("%v %+v %#v", o, o, o), "secret")
	}
	assert.NotContains(t, fmt.Sprintf("%v %+v %#v", c, *c, c.cfg), "secret")
}

func TestRedirectDropsAPIKeyHeadersAcrossOrigins(t *testing.T) {
	other, otherRec := newServer(t, status(http.StatusOK))
	srv, _ := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, other.URL+"/landing", http.StatusFound) // same host, another port
	})
	c := newTestCore(t, WithBaseURL(srv.URL), withSchemeKey("headerKey", "h-key-123"), withSchemeKey("cookieKey", "c-key-123"))
	r := newRequest("GET", "/x")
	r.requireAuth([]string{"headerKey", "cookieKey"})
	require.NoError(t, c.do(context.Background(), r, nil, nil))
	landed := otherRec.all()
	require.Len(t, landed, 1)
	assert.Empty(t, landed[0].Header.Values("X-API-Key"))
	assert.Empty(t, landed[0].Header.Values("Cookie"))
}

func TestPerCallCredentialDoesNotChangeTheClient(t *testing.T) {
	srv, rec := newServer(t, status(http.StatusNoContent))
	c := newTestCore(t, WithBaseURL(srv.URL), withSchemeKey("headerKey", "client-key"))
	call := func(opts ...Option) string {
		r := newRequest("GET", "/x")
		r.requireAuth([]string{"headerKey"})
		require.NoError(t, c.do(context.Background(), r, nil, opts))
		all := rec.all()
		return all[len(all)-1].Header.Get("X-API-Key")
	}
	assert.Equal(t, "call-key", call(withSchemeKey("headerKey", "call-key")))
	assert.Equal(t, "", call(withSchemeKey("headerKey", "")))
	assert.Equal(t, "client-key", call())
}

// A secret that starts with another is redacted whole: replacing the
// shorter one first would leave the rest of the longer one readable.
func TestRedactionOfOverlappingSecrets(t *testing.T) {
	const key, token = "abcdefgh", "abcdefghSECRETTOKENVALUE"
	srv, _ := newServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, "bad token %q, key %s", r.Header.Get("Authorization"), key)
	})
	r := newRequest("GET", "/x")
	r.requireAuth([]string{"oauth"})
	err := newTestCore(t, WithBaseURL(srv.URL), WithMaxRetries(0), WithAPIKey(key), withSchemeToken("oauth", staticToken(token))).do(context.Background(), r, nil, nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, `bad token "Bearer [REDACTED]", key [REDACTED]`, string(apiErr.Body))
	assert.NotContains(t, err.Error(), "SECRET")
}
