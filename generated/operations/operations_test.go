package operations

// Wire tests of operations without an operationId, text bodies and cookie
// parameters, against an httptest server.

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seen is one request as the server got it.
type seen struct {
	method, uri string
	header      http.Header
	body        string
}

// serve answers every request with status, the headers in header and body,
// and records what it got.
func serve(t *testing.T, status int, header map[string]string, body string) (*Client, *[]seen) {
	t.Helper()
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, seen{r.Method, r.RequestURI, r.Header.Clone(), string(b)})
		for k, v := range header {
			w.Header().Set(k, v)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return NewClient(WithBaseURL(srv.URL), WithAPIKey(""), WithMaxRetries(0)), &got
}

var ctx = context.Background()

// The methods below are named from method and path; this test would not
// compile if a name changed.
func TestDerivedNames(t *testing.T) {
	c, got := serve(t, 200, map[string]string{"Content-Type": "application/json"}, `{"id":"7"}`)
	res, err := c.Default.GetV1UserAccountsIDJSON(ctx, "a b", GetV1UserAccountsIDJSONParams{Verbose: Some(true)})
	require.NoError(t, err)
	assert.Equal(t, Some("7"), res.ID)
	_, err = c.Default.GetV1UserAccountsIDJSON2(ctx, "7", GetV1UserAccountsIDJSON2Params{})
	require.NoError(t, err)
	require.NoError(t, c.Default.DeleteStoresStoreIDPetsPetID(ctx, "s1", "p1", DeleteStoresStoreIDPetsPetIDParams{Reason: Some("sold")}))
	_, err = c.Default.PostPetsPetIDPhotos(ctx, "p1", &PostPetsPetIDPhotosRequest{URL: Some("u")})
	require.NoError(t, err)
	require.Len(t, *got, 4)
	assert.Equal(t, "GET /v1/user-accounts/a%20b.json?verbose=true", (*got)[0].method+" "+(*got)[0].uri)
	assert.Equal(t, "GET /v1/user_accounts/7.json", (*got)[1].method+" "+(*got)[1].uri)
	assert.Equal(t, "DELETE /stores/s1/pets/p1?reason=sold", (*got)[2].method+" "+(*got)[2].uri)
	assert.Equal(t, "POST /pets/p1/photos", (*got)[3].method+" "+(*got)[3].uri)
	assert.Equal(t, `{"url":"u"}`, (*got)[3].body)
}

func TestTextInTextOut(t *testing.T) {
	c, got := serve(t, 200, map[string]string{"Content-Type": "text/plain; charset=utf-8"}, "  hello, wörld\n")
	out, err := c.Default.Echo(ctx, "  hello, wörld\n")
	require.NoError(t, err)
	assert.Equal(t, "  hello, wörld\n", out, "returned exactly, spaces and newline included")
	r := (*got)[0]
	assert.Equal(t, "POST /echo", r.method+" "+r.uri)
	assert.Equal(t, "  hello, wörld\n", r.body)
	assert.Equal(t, "text/plain", r.header.Get("Content-Type"))
	assert.Equal(t, "text/plain", r.header.Get("Accept"))
}

func TestEmptyTextBody(t *testing.T) {
	c, got := serve(t, 200, nil, "")
	out, err := c.Default.Echo(ctx, "")
	require.NoError(t, err)
	assert.Equal(t, "", out)
	assert.Equal(t, "text/plain", (*got)[0].header.Get("Content-Type"), "a required empty body is still sent")
	assert.Equal(t, "0", (*got)[0].header.Get("Content-Length"))
}

func TestOptionalTextBody(t *testing.T) {
	c, got := serve(t, 204, nil, "")
	require.NoError(t, c.Default.PutNote(ctx, ""))
	require.NoError(t, c.Default.PutNote(ctx, "# Title\n"))
	assert.Equal(t, "", (*got)[0].body)
	assert.Equal(t, "", (*got)[0].header.Get("Content-Type"), "an optional body left empty: no body at all")
	assert.Equal(t, "# Title\n", (*got)[1].body)
	assert.Equal(t, "text/markdown", (*got)[1].header.Get("Content-Type"))
}

func TestOtherTextResponseStreams(t *testing.T) {
	csv := "id,name\n1,\"Rex, the dog\"\n"
	c, got := serve(t, 200, map[string]string{"Content-Type": "text/csv"}, csv)
	rc, err := c.Default.GetReport(ctx)
	require.NoError(t, err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Equal(t, csv, string(b), "text/csv is streamed: an export may be of any size")
	assert.Equal(t, "text/csv", (*got)[0].header.Get("Accept"))

	// A text/plain response that looks like JSON is not decoded.
	c, _ = serve(t, 200, map[string]string{"Content-Type": "text/plain"}, `"ok"`)
	out, err := c.Default.GetStatus2(ctx)
	require.NoError(t, err)
	assert.Equal(t, `"ok"`, out)
}

func TestBinaryResponseStreams(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x01"
	c, got := serve(t, 200, map[string]string{"Content-Type": "image/png"}, png)
	rc, err := c.Default.GetLogo(ctx)
	require.NoError(t, err)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	require.NoError(t, err)
	assert.Equal(t, png, string(b))
	assert.Equal(t, "image/png", (*got)[0].header.Get("Accept"))
}

func TestTextErrorIsAPIError(t *testing.T) {
	c, _ := serve(t, 503, map[string]string{"Content-Type": "text/plain"}, "down")
	out, err := c.Default.Echo(ctx, "x")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.Equal(t, "", out)
}

func TestCookies(t *testing.T) {
	c, got := serve(t, 200, map[string]string{"Content-Type": "application/json"}, `{"user":"u1"}`)
	res, err := c.Default.GetSession(ctx, GetSessionParams{
		SessionID:  "abc; def=1,2 é",
		Theme:      Some(GetSessionThemeDark),
		Tracking:   Some(false),
		XRequestID: Some("req-1"),
	})
	require.NoError(t, err)
	assert.Equal(t, Some("u1"), res.User)
	r := (*got)[0]
	assert.Equal(t, []string{"session_id=abc%3B+def%3D1%2C2+%C3%A9; theme=dark; tracking=false"}, r.header.Values("Cookie"),
		"one Cookie header, in parameter order, each value escaped so that ';', ',' and spaces cannot split it")
	assert.Equal(t, "req-1", r.header.Get("X-Request-ID"))

	// Unset cookies are not sent; a required one always is, even when empty.
	_, err = c.Default.GetSession(ctx, GetSessionParams{SessionID: "s"})
	require.NoError(t, err)
	assert.Equal(t, []string{"session_id=s"}, (*got)[1].header.Values("Cookie"))
}

// A server reading the cookies with net/http gets each one back.
func TestCookiesParse(t *testing.T) {
	c, got := serve(t, 200, nil, `{}`)
	_, err := c.Default.GetSession(ctx, GetSessionParams{SessionID: "a b", Theme: Some(GetSessionThemeLight)})
	require.NoError(t, err)
	req := &http.Request{Header: (*got)[0].header}
	names := []string{}
	for _, ck := range req.Cookies() {
		names = append(names, ck.Name+"="+ck.Value)
	}
	assert.Equal(t, []string{"session_id=a+b", "theme=light"}, names)
}

// A path key with a query string: the path is the part before "?", its
// variables are query parameters and its literal pairs are always sent.
func TestQueryStringInPathKey(t *testing.T) {
	c, got := serve(t, 204, nil, "")
	require.NoError(t, c.Default.SearchArticles(ctx, SearchArticlesParams{Query: "go & json"}))
	require.NoError(t, c.Default.GetLegacy(ctx, "7", LegacyGetParams{Fields: "a,b"}))
	require.Len(t, *got, 2)
	assert.Equal(t, "/search?kind=articles&query=go%20%26%20json", (*got)[0].uri)
	assert.Equal(t, "/legacy/7?fields=a%2Cb", (*got)[1].uri)
}
